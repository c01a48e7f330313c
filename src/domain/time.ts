/** Vietnam keeps one time zone all year: UTC+7, no daylight saving. */
export const VN_TIME_ZONE = 'Asia/Ho_Chi_Minh';
const VN_OFFSET_MS = 7 * 3600_000;

/** The calendar date in Vietnam at `now`, as YYYY-MM-DD. */
export function vnDate(now: Date): string {
  return new Date(now.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** YYYY-MM-DD → dd/mm/yyyy, the way dates are written in Vietnamese documents. */
export function formatDateVi(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

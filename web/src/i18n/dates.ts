/**
 * Dates as Vietnamese offices write them: dd/mm/yyyy, times in Asia/Ho_Chi_Minh. Calendar dates
 * (YYYY-MM-DD) carry no time zone and are only re-ordered; instants are converted.
 */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2025-07-01" → "01/07/2025". */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '';
  const m = ISO_DATE.exec(isoDate.slice(0, 10));
  if (!m || isoDate.length > 10) return formatDateTime(isoDate).slice(0, 10);
  return `${m[3]}/${m[2]}/${m[1]}`;
}

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function localParts(instant: string | Date): Record<string, string> {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) return {};
  return Object.fromEntries(parts.formatToParts(date).map((p) => [p.type, p.value]));
}

/** An instant → "dd/mm/yyyy HH:mm" in Vietnam time. */
export function formatDateTime(instant: string | null | undefined): string {
  if (!instant) return '';
  const p = localParts(instant);
  if (!p.year) return instant;
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** Today's calendar date in Vietnam, YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  const p = localParts(now);
  return `${p.year}-${p.month}-${p.day}`;
}

/** "1/7/2025" or "01/07/2025" → "2025-07-01"; null when it is not a real date. */
export function parseVnDate(text: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${m[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The calendar day after an ISO date. */
export function nextDay(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The last second of a calendar day in Vietnam (UTC+7, no daylight saving), as an ISO instant. */
export function endOfVnDay(isoDate: string): string {
  return new Date(`${isoDate}T23:59:59+07:00`).toISOString();
}

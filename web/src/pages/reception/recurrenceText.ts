/**
 * How the schedule form writes a recurrence: as the text the server's grammar reads
 * (src/domain/reception/recurrence.ts). No imports, so the unit test can hold the two together.
 */
/** The weekdays of the form's select, spelled as the grammar reads them. */
export const WEEKDAYS = ['thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy', 'chủ nhật'] as const;

/** The rule text the server reads: "thứ Năm hằng tuần", "ngày 15 hằng tháng". */
export function recurrenceRule(repeat: 'weekly' | 'monthly', weekday: string, monthDay: string): string {
  return repeat === 'weekly' ? `${weekday} hằng tuần` : `ngày ${Number(monthDay)} hằng tháng`;
}

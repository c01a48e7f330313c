/**
 * Working days, as far as this layer knows them. A WorkingCalendar is passed in, so the rules never
 * decide on their own which days are off.
 */
import { addDays, weekdayOf } from '../schedule/calendar.js';

export interface WorkingCalendar {
  /** True when `date` (YYYY-MM-DD) is a working day. */
  isWorkingDay(date: string): boolean;
}

/**
 * Monday to Friday: what reporting deadlines count today. Vietnam's default public holidays are
 * domain/calendar/holidays.ts (VN_WORKING_DAYS, used by reception recurrences); the Saturdays declared
 * make-up working days (ngày làm bù) and the days off in lieu are admin-edited data still to come.
 */
export const WEEKDAYS_ONLY: WorkingCalendar = {
  isWorkingDay(date: string): boolean {
    const day = weekdayOf(date);
    return day !== 0 && day !== 6;
  },
};

/** A calendar with this many days off in a row is broken (no working day in ten years). */
const MAX_DAYS_OFF_IN_A_ROW = 3660;

/**
 * The `count`-th working day after `date` (negative: before); `date` itself never counts.
 * Zero gives `date` back unchanged.
 */
export function addWorkingDays(date: string, count: number, calendar: WorkingCalendar = WEEKDAYS_ONLY): string {
  if (!Number.isInteger(count)) throw new RangeError(`Not a whole number of working days: ${count}`);
  const step = count < 0 ? -1 : 1;
  let left = Math.abs(count);
  let day = date;
  let off = 0;
  while (left > 0) {
    day = addDays(day, step);
    if (calendar.isWorkingDay(day)) {
      left--;
      off = 0;
    } else if (++off > MAX_DAYS_OFF_IN_A_ROW) {
      throw new RangeError('The working calendar has no working day in ten years');
    }
  }
  return day;
}

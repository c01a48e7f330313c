/**
 * Vietnam's public holidays by default (Bộ luật Lao động 2019, Điều 112): Tết Dương lịch 1/1; Tết Âm lịch,
 * five days, taken by default as the last day of the lunar year and the first four of the new one (the
 * Prime Minister sets the exact days each year; this is the usual split); Giỗ Tổ Hùng Vương 10/3 âm lịch;
 * Ngày Chiến thắng 30/4; Quốc tế lao động 1/5; Quốc khánh 2/9 and one adjacent day, here 1/9.
 * Not covered: the days off in lieu when a holiday falls on a weekend, and the days swapped with a
 * make-up Saturday (ngày làm bù) — both are announced each year, so they belong in data an admin edits.
 */
import type { WorkingCalendar } from '../reporting/working-days.js';
import { addDays, toIso, weekdayOf } from '../schedule/calendar.js';
import { lunarNewYear, lunarToSolar } from './lunar.js';

export interface Holiday {
  /** YYYY-MM-DD. */
  date: string;
  /** Vietnamese name, as a notice would print it. */
  name: string;
}

/** Which days are public holidays. */
export interface HolidayCalendar {
  /** The holiday on `date` (YYYY-MM-DD), or null on an ordinary day. */
  holidayOn(date: string): Holiday | null;
}

/** The default public holidays of Gregorian year `year`, in date order. */
export function publicHolidays(year: number): Holiday[] {
  const tet = lunarNewYear(year);
  const list: Holiday[] = [
    { date: toIso(year, 1, 1), name: 'Tết Dương lịch' },
    { date: addDays(tet, -1), name: 'Tết Nguyên đán (ngày cuối năm Âm lịch)' },
    ...[0, 1, 2, 3].map((i) => ({ date: addDays(tet, i), name: `Tết Nguyên đán (mùng ${i + 1} Tết)` })),
    { date: lunarToSolar(10, 3, year)!, name: 'Giỗ Tổ Hùng Vương (10/3 Âm lịch)' },
    { date: toIso(year, 4, 30), name: 'Ngày Chiến thắng (30/4)' },
    { date: toIso(year, 5, 1), name: 'Ngày Quốc tế lao động (1/5)' },
    { date: toIso(year, 9, 1), name: 'Quốc khánh (ngày liền kề 2/9)' },
    { date: toIso(year, 9, 2), name: 'Quốc khánh (2/9)' },
  ];
  return list.sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * A HolidayCalendar from a list-per-year function, caching each year once computed. Tết falls between 21
 * January and 20 February, so its eve is in the same Gregorian year: a date's own year is the only one to
 * look in.
 */
export function holidayCalendar(holidaysOf: (year: number) => Holiday[] = publicHolidays): HolidayCalendar {
  const years = new Map<number, Map<string, Holiday>>();
  return {
    holidayOn(date: string): Holiday | null {
      const year = Number(date.slice(0, 4));
      let days = years.get(year);
      if (!days) {
        days = new Map(holidaysOf(year).map((h) => [h.date, h]));
        years.set(year, days);
      }
      return days.get(date) ?? null;
    },
  };
}

/** Vietnam's default public holidays (publicHolidays). */
export const VN_PUBLIC_HOLIDAYS: HolidayCalendar = holidayCalendar();

/** Working days: Monday to Friday, less the public holidays of `holidays`. */
export function workingDaysWithout(holidays: HolidayCalendar): WorkingCalendar {
  return {
    isWorkingDay(date: string): boolean {
      const day = weekdayOf(date);
      return day !== 0 && day !== 6 && holidays.holidayOn(date) === null;
    },
  };
}

/** Monday to Friday less Vietnam's default public holidays. Reporting deadlines still use WEEKDAYS_ONLY. */
export const VN_WORKING_DAYS: WorkingCalendar = workingDaysWithout(VN_PUBLIC_HOLIDAYS);

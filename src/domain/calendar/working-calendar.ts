/**
 * The working calendar as Vietnam's public holidays computed by default (holidays.ts) plus what an admin
 * records per date: an extra day off (a day swapped for a make-up Saturday, a day off in lieu, a day the
 * Prime Minister adds), a default holiday cancelled, a Saturday declared a make-up working day (ngày làm bù).
 * An override always wins over the default of its date.
 */
import type { WorkingCalendar } from '../reporting/working-days.js';
import { weekdayOf, yearOf } from '../schedule/calendar.js';
import { publicHolidays, VN_PUBLIC_HOLIDAYS, type HolidayCalendar } from './holidays.js';

export type OverrideKind = 'off' | 'working';

/** What an admin recorded for one date. */
export interface CalendarOverride {
  /** YYYY-MM-DD. */
  date: string;
  kind: OverrideKind;
  /** As a notice would print it: "Nghỉ hoán đổi Tết", "Làm bù cho ngày 02/01". */
  name: string;
  /** Where it comes from (the notice's number, a link), free text. */
  note: string | null;
}

/**
 * Why a date is or is not a working day:
 * weekday / weekend: the default; holiday: a default public holiday; off: an admin's extra day off;
 * makeup: a weekend day an admin declared a working day; restored: a default holiday an admin cancelled.
 */
export type DayReason = 'weekday' | 'weekend' | 'holiday' | 'off' | 'makeup' | 'restored';

export interface DayInfo {
  date: string;
  working: boolean;
  reason: DayReason;
  /** The holiday's or the override's name; null on an ordinary weekday or weekend day. */
  name: string | null;
}

/** A WorkingCalendar that can say why each day is what it is (for explained deadlines). */
export interface ExplainingCalendar extends WorkingCalendar {
  describe(date: string): DayInfo;
}

export function isExplaining(calendar: WorkingCalendar): calendar is ExplainingCalendar {
  return typeof (calendar as Partial<ExplainingCalendar>).describe === 'function';
}

const isWeekend = (date: string) => {
  const day = weekdayOf(date);
  return day === 0 || day === 6;
};

/** The default of a date, before any override. */
function defaultDay(date: string, holidays: HolidayCalendar): DayInfo {
  const holiday = holidays.holidayOn(date);
  if (holiday) return { date, working: false, reason: 'holiday', name: holiday.name };
  return isWeekend(date) ? { date, working: false, reason: 'weekend', name: null } : { date, working: true, reason: 'weekday', name: null };
}

/** The working calendar from the default holidays and the overrides (at most one per date; the last wins). */
export function buildWorkingCalendar(overrides: readonly CalendarOverride[], holidays: HolidayCalendar = VN_PUBLIC_HOLIDAYS): ExplainingCalendar {
  const byDate = new Map(overrides.map((o) => [o.date, o]));
  const describe = (date: string): DayInfo => {
    const base = defaultDay(date, holidays);
    const override = byDate.get(date);
    if (!override) return base;
    if (override.kind === 'off') return { date, working: false, reason: 'off', name: override.name };
    return { date, working: true, reason: base.reason === 'holiday' ? 'restored' : base.reason === 'weekend' ? 'makeup' : 'weekday', name: override.name };
  };
  return { describe, isWorkingDay: (date) => describe(date).working };
}

/** Why an override would change nothing: null when it does change the day. */
export function pointlessOverride(date: string, kind: OverrideKind, holidays: HolidayCalendar = VN_PUBLIC_HOLIDAYS): string | null {
  const base = defaultDay(date, holidays);
  if (kind === 'off' && !base.working) {
    return base.reason === 'holiday' ? `Ngày này đã là ngày nghỉ lễ: ${base.name}.` : 'Ngày này đã là ngày nghỉ cuối tuần.';
  }
  if (kind === 'working' && base.working) return 'Ngày này vốn đã là ngày làm việc.';
  return null;
}

/** One line of a year's calendar: a default holiday or an override, with where it comes from. */
export interface CalendarYearDay {
  date: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** What the day is in the end, overrides applied. */
  working: boolean;
  reason: DayReason;
  name: string;
  /** 'default': computed from the Labour Code; 'override': recorded by an admin. */
  origin: 'default' | 'override';
  /** The default holiday on this date when an override replaced it. */
  replacedHoliday: string | null;
  note: string | null;
}

/** Where the default holidays come from, shown beside each of them. */
export const DEFAULT_HOLIDAY_SOURCE = 'Bộ luật Lao động 2019, Điều 112 (ngày Tết Âm lịch tính theo lịch âm UTC+7)';

/** Every day of `year` that differs from "Monday to Friday": the default holidays and the overrides, by date. */
export function calendarYear(year: number, overrides: readonly CalendarOverride[], holidays: (year: number) => ReturnType<typeof publicHolidays> = publicHolidays): CalendarYearDay[] {
  const mine = overrides.filter((o) => yearOf(o.date) === year);
  const byDate = new Map(mine.map((o) => [o.date, o]));
  const defaults = holidays(year);
  const holidayByDate = new Map(defaults.map((h) => [h.date, h]));
  const calendar = buildWorkingCalendar(mine, { holidayOn: (date) => holidayByDate.get(date) ?? null });
  const days: CalendarYearDay[] = [];
  for (const h of defaults) {
    if (byDate.has(h.date)) continue;
    days.push({ date: h.date, weekday: weekdayOf(h.date), working: false, reason: 'holiday', name: h.name, origin: 'default', replacedHoliday: null, note: DEFAULT_HOLIDAY_SOURCE });
  }
  for (const o of mine) {
    const info = calendar.describe(o.date);
    days.push({
      date: o.date,
      weekday: weekdayOf(o.date),
      working: info.working,
      reason: info.reason,
      name: o.name,
      origin: 'override',
      replacedHoliday: holidayByDate.get(o.date)?.name ?? null,
      note: o.note,
    });
  }
  return days.sort((a, b) => a.date.localeCompare(b.date));
}

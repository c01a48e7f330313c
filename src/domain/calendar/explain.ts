/**
 * Deadlines that say how they were computed (PRODUCT §4): "10 ngày làm việc kể từ 10/02/2026, trừ nghỉ
 * Tết Nguyên đán 14–22/02/2026 và 4 ngày cuối tuần → 06/03/2026". A limit in *ngày làm việc* counts
 * working days; one in plain *ngày* counts calendar days — the law's wording decides which function to call.
 * The start day never counts ("kể từ"): the first day counted is the day after.
 */
import { addWorkingDays, type WorkingCalendar } from '../reporting/working-days.js';
import { addDays, formatVi, weekdayOf } from '../schedule/calendar.js';
import { isExplaining, type DayInfo } from './working-calendar.js';

/** A run of consecutive days off inside the counted window that holds a holiday or an admin's day off. */
export interface DaysOffRun {
  from: string;
  to: string;
  /** The holidays' names, without their parenthesised detail, in order. */
  names: string[];
}

export interface ExplainedDue {
  /** YYYY-MM-DD. */
  due: string;
  start: string;
  days: number;
  unit: 'working' | 'calendar';
  /** Vietnamese, one sentence. */
  explanation: string;
  /** Working-day count only: the named breaks skipped, and the other weekend days skipped. */
  skipped: { runs: DaysOffRun[]; weekendDays: number };
  /** Working-day count only: the weekend days counted because they were declared make-up days. */
  makeUpDays: string[];
  /** Working-day count only: default holidays counted because an admin cancelled them. */
  restoredDays: string[];
  /** Calendar-day count only: the date the count landed on before moving to a working day, if it moved. */
  landedOn: string | null;
}

const WEEKDAY_VI = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'];

/** The day of the week in Vietnamese: "thứ Bảy", "Chủ nhật". */
export const weekdayVi = (date: string): string => WEEKDAY_VI[weekdayOf(date)]!;

/** "14–22/02/2026", "30/04–03/05/2026", "31/12/2025–01/01/2026", or one date. */
export function formatRangeVi(from: string, to: string): string {
  if (from === to) return formatVi(from);
  const [fy, fm, fd] = [from.slice(0, 4), from.slice(5, 7), from.slice(8, 10)];
  if (fy !== to.slice(0, 4)) return `${formatVi(from)}–${formatVi(to)}`;
  if (fm !== to.slice(5, 7)) return `${fd}/${fm}–${formatVi(to)}`;
  return `${fd}–${formatVi(to)}`;
}

function describeWith(calendar: WorkingCalendar, date: string): DayInfo {
  if (isExplaining(calendar)) return calendar.describe(date);
  const day = weekdayOf(date);
  if (calendar.isWorkingDay(date)) return { date, working: true, reason: day === 0 || day === 6 ? 'makeup' : 'weekday', name: null };
  return day === 0 || day === 6 ? { date, working: false, reason: 'weekend', name: null } : { date, working: false, reason: 'off', name: 'ngày nghỉ' };
}

const shortName = (name: string) => name.replace(/\s*\(.*\)\s*$/, '').replace(/^nghỉ\s+/i, '').trim();

/** Working days in (from, to]: 0 when `to` is not after `from`. */
export function countWorkingDays(from: string, to: string, calendar: WorkingCalendar): number {
  let n = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (calendar.isWorkingDay(day)) n++;
  return n;
}

function joinVi(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} và ${parts[parts.length - 1]}`;
}

/** The `days`-th working day after `start`, and why. */
export function explainWorkingDue(start: string, days: number, calendar: WorkingCalendar): ExplainedDue {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`Not a whole, non-negative number of working days: ${days}`);
  const due = addWorkingDays(start, days, calendar);
  const runs: DaysOffRun[] = [];
  const makeUpDays: string[] = [];
  const restoredDays: string[] = [];
  let weekendDays = 0;
  let run: DayInfo[] = [];
  const closeRun = () => {
    if (run.length === 0) return;
    const named = run.filter((d) => d.reason === 'holiday' || d.reason === 'off');
    if (named.length === 0) weekendDays += run.length;
    else runs.push({ from: run[0]!.date, to: run[run.length - 1]!.date, names: [...new Set(named.map((d) => shortName(d.name ?? 'ngày nghỉ')))] });
    run = [];
  };
  for (let day = addDays(start, 1); day <= due; day = addDays(day, 1)) {
    const info = describeWith(calendar, day);
    if (!info.working) {
      run.push(info);
      continue;
    }
    closeRun();
    if (info.reason === 'makeup') makeUpDays.push(day);
    if (info.reason === 'restored') restoredDays.push(day);
  }
  closeRun();

  const excluded = runs.map((r) => `nghỉ ${r.names.join(', ')} ${formatRangeVi(r.from, r.to)}`);
  if (weekendDays > 0) excluded.push(`${weekendDays} ngày cuối tuần`);
  let explanation = `${days} ngày làm việc kể từ ${formatVi(start)}`;
  if (excluded.length > 0) explanation += `, trừ ${joinVi(excluded)}`;
  if (makeUpDays.length > 0) explanation += `; làm bù ${joinVi(makeUpDays.map((d) => `${weekdayVi(d)} ${formatVi(d)}`))} được tính`;
  if (restoredDays.length > 0) explanation += `; ${joinVi(restoredDays.map(formatVi))} không được nghỉ nên được tính`;
  explanation += ` → ${formatVi(due)}`;
  return { due, start, days, unit: 'working', explanation, skipped: { runs, weekendDays }, makeUpDays, restoredDays, landedOn: null };
}

/** The same thing under the name the brief of issue 6 gives it. */
export const dueAfterWorkingDays = explainWorkingDue;

/**
 * `days` calendar days after `start` (a limit in plain *ngày*: complaints, denunciations). With a calendar,
 * a count that lands on a day off ends on the next working day instead — Bộ luật Dân sự 2015, Điều 148
 * khoản 5, the rule Vietnamese bodies apply to periods in days; without one, the date is left where it falls.
 */
export function explainCalendarDue(start: string, days: number, calendar?: WorkingCalendar): ExplainedDue {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`Not a whole, non-negative number of days: ${days}`);
  const landed = addDays(start, days);
  let due = landed;
  if (calendar && days > 0) while (!calendar.isWorkingDay(due)) due = addDays(due, 1);
  let explanation = `${days} ngày kể từ ${formatVi(start)} (tính cả ngày nghỉ)`;
  if (due !== landed) {
    explanation += `, rơi vào ${weekdayVi(landed)} ${formatVi(landed)} là ngày nghỉ nên hạn là ngày làm việc tiếp theo (Bộ luật Dân sự 2015, Điều 148)`;
  }
  explanation += ` → ${formatVi(due)}`;
  return { due, start, days, unit: 'calendar', explanation, skipped: { runs: [], weekendDays: 0 }, makeUpDays: [], restoredDays: [], landedOn: due !== landed ? landed : null };
}

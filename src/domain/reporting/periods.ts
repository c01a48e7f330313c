/**
 * Reporting periods (kỳ báo cáo) and their data cut-off windows (thời gian chốt số liệu).
 *
 * Nghị định 09/2019/NĐ-CP, Điều 12 (vn-rules.md §1.2): a month runs from the 15th of the month before to the
 * 14th; a quarter from the 15th of the month before it to the 14th of its last month; 6 months from 15/12 of
 * the year before to 14/6 (the second half 15/6–14/12); 9 months from 15/12 to 14/9 (the common provincial
 * rule); a year from 15/12 of the year before to 14/12. A reporting template may use another cut-off day or
 * plain calendar periods (sector rules such as Thông tư 58/2021/TT-BTC do): that is the CutoffRule.
 *
 * Every period also carries its calendar span (01/01–31/03 for Quý I), which is what deadline texts
 * ("Quý III/2021" → 30/09/2021) are written in.
 */
import { ROMAN_NUMERAL } from '../schedule/anchors.js';
import {
  addDays,
  addMonths,
  formatVi,
  isIsoDate,
  lastDayOfMonth,
  MAX_YEAR,
  MIN_YEAR,
  parseIso,
  toIso,
  yearOf,
} from '../schedule/calendar.js';
import { validationError } from '../errors.js';
import { addWorkingDays, WEEKDAYS_ONLY, type WorkingCalendar } from './working-days.js';

export type PeriodKind = 'month' | 'quarter' | 'half' | 'nine_months' | 'year' | 'ad_hoc';
/** The kinds that recur every year. */
export type PeriodicKind = Exclude<PeriodKind, 'ad_hoc'>;
/** The kinds whose periods cover every day exactly once (nine months leaves the last quarter out). */
export type TilingKind = Exclude<PeriodicKind, 'nine_months'>;

export const PERIOD_KINDS: readonly PeriodKind[] = ['month', 'quarter', 'half', 'nine_months', 'year', 'ad_hoc'];
export const PERIODIC_KINDS: readonly PeriodicKind[] = ['month', 'quarter', 'half', 'nine_months', 'year'];
export const TILING_KINDS: readonly TilingKind[] = ['month', 'quarter', 'half', 'year'];

export interface ReportingPeriod {
  kind: PeriodKind;
  /** The report year: Quý I/2022 is 2022 although its data window opens on 15/12/2021. */
  year: number;
  /** Month 1–12, quarter 1–4, half 1–2; 1 for nine months, year and ad hoc. */
  index: number;
  /** "Tháng 3/2022", "Quý I/2022", "6 tháng đầu năm 2022", "9 tháng năm 2022", "Năm 2022". */
  label: string;
  /** The data cut-off window under the rule the period was built with (YYYY-MM-DD, both ends inclusive). */
  from: string;
  to: string;
  /** The calendar span: 01/01–31/03 for Quý I. */
  calendarFrom: string;
  calendarTo: string;
}

/** How long after the cut-off a report must be sent. */
export interface SubmissionOffset {
  amount: number;
  /** 'working_day' skips the days the WorkingCalendar says are off; 'day' counts calendar days. */
  unit: 'working_day' | 'day';
}

/**
 * A reporting template's setting. `cutoff`: the window opens on `cutoffDay` of the month before the period
 * and closes the day before `cutoffDay` of its last month (ND 09: 15 → 14). `calendar`: first to last day.
 */
export interface CutoffRule {
  basis: 'cutoff' | 'calendar';
  /** 2–28, so that the day before it exists in every month; ignored for `calendar`. */
  cutoffDay: number;
  submitAfter: SubmissionOffset;
}

/** The default: Nghị định 09/2019, reports due 02 working days after the cut-off (e.g. Khánh Hòa QĐ 01/2023). */
export const ND09_RULE: CutoffRule = Object.freeze({
  basis: 'cutoff',
  cutoffDay: 15,
  submitAfter: Object.freeze({ amount: 2, unit: 'working_day' }),
}) as CutoffRule;

/** Calendar periods (01/01–31/03 …), for templates that follow a sector rule instead of ND 09. */
export const CALENDAR_RULE: CutoffRule = Object.freeze({
  basis: 'calendar',
  cutoffDay: 1,
  submitAfter: Object.freeze({ amount: 2, unit: 'working_day' }),
}) as CutoffRule;

/** Checks a rule read from a template; throws a Vietnamese validation error. */
export function validateCutoffRule(rule: CutoffRule): CutoffRule {
  if (rule.basis !== 'cutoff' && rule.basis !== 'calendar') {
    throw validationError('invalid_cutoff_rule', 'Cách tính kỳ báo cáo phải là "chốt số liệu" hoặc "theo lịch".');
  }
  if (rule.basis === 'cutoff' && (!Number.isInteger(rule.cutoffDay) || rule.cutoffDay < 2 || rule.cutoffDay > 28)) {
    throw validationError('invalid_cutoff_rule', 'Ngày chốt số liệu phải là một ngày từ 2 đến 28.');
  }
  const s = rule.submitAfter;
  if (!s || (s.unit !== 'day' && s.unit !== 'working_day') || !Number.isInteger(s.amount) || s.amount < 0 || s.amount > 366) {
    throw validationError('invalid_cutoff_rule', 'Thời hạn gửi báo cáo phải là một số ngày (hoặc ngày làm việc) từ 0 đến 366.');
  }
  return rule;
}

const INDEX_COUNT: Record<PeriodicKind, number> = { month: 12, quarter: 4, half: 2, nine_months: 1, year: 1 };

/** First and last month of a periodic period. */
function monthsOf(kind: PeriodicKind, index: number): { first: number; last: number } {
  switch (kind) {
    case 'month':
      return { first: index, last: index };
    case 'quarter':
      return { first: index * 3 - 2, last: index * 3 };
    case 'half':
      return { first: index * 6 - 5, last: index * 6 };
    case 'nine_months':
      return { first: 1, last: 9 };
    case 'year':
      return { first: 1, last: 12 };
  }
}

export function periodLabel(kind: PeriodicKind, year: number, index: number): string {
  switch (kind) {
    case 'month':
      return `Tháng ${index}/${year}`;
    case 'quarter':
      return `Quý ${ROMAN_NUMERAL[index]}/${year}`;
    case 'half':
      return `6 tháng ${index === 1 ? 'đầu' : 'cuối'} năm ${year}`;
    case 'nine_months':
      return `9 tháng năm ${year}`;
    case 'year':
      return `Năm ${year}`;
  }
}

function invalidPeriod(message: string) {
  return validationError('invalid_period', message);
}

/** A periodic period: `makePeriod('quarter', 2022, 1)` is Quý I/2022, window 15/12/2021–14/03/2022 under ND 09. */
export function makePeriod(kind: PeriodicKind, year: number, index: number, rule: CutoffRule = ND09_RULE): ReportingPeriod {
  if (!(kind in INDEX_COUNT)) throw invalidPeriod(`Loại kỳ báo cáo không hợp lệ: ${String(kind)}.`);
  // The window of the first year opens in December of the year before, which must still be a valid date.
  if (!Number.isInteger(year) || year <= MIN_YEAR || year > MAX_YEAR) {
    throw invalidPeriod(`Năm của kỳ báo cáo phải từ ${MIN_YEAR + 1} đến ${MAX_YEAR}.`);
  }
  if (!Number.isInteger(index) || index < 1 || index > INDEX_COUNT[kind]) {
    throw invalidPeriod(`Số thứ tự kỳ báo cáo không hợp lệ: ${index} (phải từ 1 đến ${INDEX_COUNT[kind]}).`);
  }
  const { first, last } = monthsOf(kind, index);
  const calendarFrom = toIso(year, first, 1);
  const calendarTo = lastDayOfMonth(year, last);
  let from = calendarFrom;
  let to = calendarTo;
  if (rule.basis === 'cutoff') {
    const before = addMonths(year, first, -1);
    from = toIso(before.y, before.m, rule.cutoffDay);
    to = toIso(year, last, rule.cutoffDay - 1);
  }
  return { kind, year, index, label: periodLabel(kind, year, index), from, to, calendarFrom, calendarTo };
}

/**
 * An ad hoc period (báo cáo đột xuất): the requesting body sets its window; the calendar span is the same.
 */
export function adHocPeriod(from: string, to: string, label?: string): ReportingPeriod {
  if (!isIsoDate(from) || !isIsoDate(to)) throw invalidPeriod('Ngày của kỳ báo cáo đột xuất không hợp lệ (YYYY-MM-DD).');
  if (from > to) throw invalidPeriod('Ngày bắt đầu kỳ báo cáo đột xuất phải trước ngày kết thúc.');
  const text = label?.trim();
  return {
    kind: 'ad_hoc',
    year: yearOf(to),
    index: 1,
    label: text ? text : `Đột xuất ${formatVi(from)}–${formatVi(to)}`,
    from,
    to,
    calendarFrom: from,
    calendarTo: to,
  };
}

/** Which span a look-up reads: the data window under the rule (`from`/`to`), or the calendar span. */
export type SpanBasis = 'cutoff' | 'calendar';

export interface PeriodLookup {
  rule?: CutoffRule;
  /** Default 'cutoff': the period's `from`/`to`. Under CALENDAR_RULE both are the same. */
  span?: SpanBasis;
}

/** The month whose period holds `date`: under a cut-off of 15, 20/12/2021 belongs to Tháng 1/2022. */
function reportMonth(date: string, rule: CutoffRule, span: SpanBasis): { y: number; m: number } {
  const ymd = parseIso(date);
  if (!ymd) throw invalidPeriod(`Ngày không hợp lệ: ${date} (cần dạng YYYY-MM-DD).`);
  if (span === 'cutoff' && rule.basis === 'cutoff' && ymd.d >= rule.cutoffDay) return addMonths(ymd.y, ymd.m, 1);
  return { y: ymd.y, m: ymd.m };
}

/**
 * The period of a kind that holds `date`. Every date lies in exactly one month, quarter, half and year;
 * a date after the nine months (15/9–14/12 under ND 09, October–December by the calendar) lies in none.
 */
export function periodOf(kind: TilingKind, date: string, lookup?: PeriodLookup): ReportingPeriod;
export function periodOf(kind: PeriodicKind, date: string, lookup?: PeriodLookup): ReportingPeriod | null;
export function periodOf(kind: PeriodicKind, date: string, lookup: PeriodLookup = {}): ReportingPeriod | null {
  const rule = lookup.rule ?? ND09_RULE;
  const { y, m } = reportMonth(date, rule, lookup.span ?? 'cutoff');
  switch (kind) {
    case 'month':
      return makePeriod('month', y, m, rule);
    case 'quarter':
      return makePeriod('quarter', y, Math.floor((m - 1) / 3) + 1, rule);
    case 'half':
      return makePeriod('half', y, m <= 6 ? 1 : 2, rule);
    case 'nine_months':
      return m <= 9 ? makePeriod('nine_months', y, 1, rule) : null;
    case 'year':
      return makePeriod('year', y, 1, rule);
    default:
      throw invalidPeriod(`Loại kỳ báo cáo không hợp lệ: ${String(kind)}.`);
  }
}

function spanOf(p: ReportingPeriod, span: SpanBasis): { from: string; to: string } {
  return span === 'calendar' ? { from: p.calendarFrom, to: p.calendarTo } : { from: p.from, to: p.to };
}

/**
 * The periods of a kind whose span overlaps [from, to], in order. With the default span ('cutoff') and
 * ND 09, a plan for 2021–2025 also touches Quý I/2026 (its window opens on 15/12/2025); list a plan's
 * rounds with `span: 'calendar'` to get Quý I/2021 … Quý IV/2025.
 */
export function periodsBetween(kind: PeriodicKind, from: string, to: string, lookup: PeriodLookup = {}): ReportingPeriod[] {
  if (!isIsoDate(from) || !isIsoDate(to)) throw invalidPeriod('Ngày không hợp lệ (cần dạng YYYY-MM-DD).');
  if (from > to) throw invalidPeriod('Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.');
  const rule = lookup.rule ?? ND09_RULE;
  const span = lookup.span ?? 'cutoff';
  const out: ReportingPeriod[] = [];
  const firstYear = Math.max(yearOf(from), MIN_YEAR + 1);
  const lastYear = Math.min(yearOf(to) + 1, MAX_YEAR);
  for (let y = firstYear; y <= lastYear; y++) {
    for (let i = 1; i <= INDEX_COUNT[kind]; i++) {
      const p = makePeriod(kind, y, i, rule);
      const s = spanOf(p, span);
      if (s.to >= from && s.from <= to) out.push(p);
    }
  }
  return out;
}

/** The period of the same kind that follows (null after MAX_YEAR). */
export function nextPeriod(p: ReportingPeriod, rule: CutoffRule = ND09_RULE): ReportingPeriod | null {
  if (p.kind === 'ad_hoc') return null;
  const count = INDEX_COUNT[p.kind];
  const year = p.index === count ? p.year + 1 : p.year;
  if (year > MAX_YEAR) return null;
  return makePeriod(p.kind, year, p.index === count ? 1 : p.index + 1, rule);
}

/**
 * The last day to send the report: `submitAfter` after the cut-off (the period's `to`). The cut-off day
 * itself never counts: with 2 working days, a window closing on Friday 14/01/2022 is due Tuesday 18/01/2022.
 */
export function submissionDeadline(
  period: ReportingPeriod,
  rule: CutoffRule = ND09_RULE,
  calendar: WorkingCalendar = WEEKDAYS_ONLY,
): string {
  const { amount, unit } = rule.submitAfter;
  return unit === 'working_day' ? addWorkingDays(period.to, amount, calendar) : addDays(period.to, amount);
}

const KEY_SUFFIX: Record<PeriodicKind, (index: number) => string> = {
  month: (i) => `M${String(i).padStart(2, '0')}`,
  quarter: (i) => `Q${i}`,
  half: (i) => `H${i}`,
  nine_months: () => '9M',
  year: () => 'Y',
};

/**
 * A stable text key: "2022-M03", "2022-Q1", "2022-H1", "2022-9M", "2022-Y"; an ad hoc period is
 * "2022-03-01..2022-04-15". The key names the period, not the rule: the window comes from the template.
 */
export function periodKey(p: Pick<ReportingPeriod, 'kind' | 'year' | 'index' | 'from' | 'to'>): string {
  if (p.kind === 'ad_hoc') return `${p.from}..${p.to}`;
  return `${p.year}-${KEY_SUFFIX[p.kind](p.index)}`;
}

const PERIODIC_KEY = /^(\d{4})-(?:M(\d{2})|Q(\d)|H(\d)|(9M)|(Y))$/;
const AD_HOC_KEY = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/;

/** The inverse of periodKey; throws a Vietnamese validation error on anything else. */
export function parsePeriodKey(key: string, rule: CutoffRule = ND09_RULE): ReportingPeriod {
  const text = typeof key === 'string' ? key.trim() : '';
  const adHoc = AD_HOC_KEY.exec(text);
  if (adHoc) return adHocPeriod(adHoc[1]!, adHoc[2]!);
  const m = PERIODIC_KEY.exec(text);
  if (!m) {
    throw invalidPeriod(
      `Mã kỳ báo cáo không hợp lệ: "${String(key).slice(0, 40)}" (ví dụ: 2022-M03, 2022-Q1, 2022-H1, 2022-9M, 2022-Y).`,
    );
  }
  const year = Number(m[1]);
  if (m[2] !== undefined) return makePeriod('month', year, Number(m[2]), rule);
  if (m[3] !== undefined) return makePeriod('quarter', year, Number(m[3]), rule);
  if (m[4] !== undefined) return makePeriod('half', year, Number(m[4]), rule);
  if (m[5] !== undefined) return makePeriod('nine_months', year, 1, rule);
  return makePeriod('year', year, 1, rule);
}

/**
 * Recurring deadlines: rules ("ngày 10 của tháng đầu quý", "trước ngày 20 hằng tháng", "Quý I hằng
 * năm") and the due dates they produce inside a window, each with its explanation.
 */
import { anchorLabel, capitalise, ROMAN_NUMERAL } from './anchors.js';
import {
  addDays,
  addMonths,
  daysInMonth,
  formatVi,
  lastDayOfMonth,
  toIso,
  weekdayOf,
  yearOf,
} from './calendar.js';
import type { Anchor } from './lexer.js';
import { PERIOD_MONTHS, type Due, type Period, type RecurrenceRule, type Window } from './types.js';

export const WEEKDAY_NAME = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'] as const;
const MONTH_IN_QUARTER = ['', 'đầu', 'giữa', 'cuối'] as const;

export interface RuleInput {
  month?: number | null;
  day?: number | null;
  before?: boolean;
  shift?: number;
  weekday?: number | null;
  label?: string;
}

/** A rule with its Vietnamese label filled in. */
export function makeRule(period: Period, input: RuleInput = {}): RecurrenceRule {
  const rule: RecurrenceRule = {
    period,
    month: input.month ?? null,
    day: input.day ?? null,
    before: input.before ?? false,
    shift: input.shift ?? 0,
    weekday: input.weekday ?? null,
    label: '',
  };
  rule.label = input.label ?? ruleLabel(rule);
  return rule;
}

function ruleLabel(r: RecurrenceRule): string {
  const dayPart = r.day === null ? '' : `${r.before ? 'trước ngày' : 'ngày'} ${r.day} `;
  switch (r.period) {
    case 'week':
      return r.weekday === null ? 'Hằng tuần' : `${WEEKDAY_NAME[r.weekday]} hằng tuần`;
    case 'month':
      if (r.day === null) return r.shift ? 'Cuối tháng sau' : 'Hằng tháng';
      return capitalise(`${dayPart}${r.shift ? 'tháng sau' : 'hằng tháng'}`);
    case 'quarter': {
      const month = r.month ?? 3;
      if (r.day === null && month === 3 && !r.shift) return 'Hằng quý';
      return capitalise(`${dayPart}tháng ${MONTH_IN_QUARTER[month] ?? month} quý${r.shift ? ' sau' : ''}`);
    }
    case 'half':
      return r.day === null && r.month === null ? 'Định kỳ 6 tháng' : capitalise(`${dayPart}tháng ${r.month ?? 6} của mỗi 6 tháng`);
    case 'year':
      if (r.month === null && r.day === null) return 'Hằng năm';
      if (r.day === null) return `Tháng ${r.month} hằng năm`;
      return capitalise(`${r.before ? 'trước ngày' : 'ngày'} ${String(r.day).padStart(2, '0')}/${String(r.month ?? 12).padStart(2, '0')} hằng năm`);
  }
}

/**
 * A yearly rule from an anchor written without a year: "Quý I" + "hằng năm", "trước 30/6" + "hằng năm".
 * "Trước" a span means the day before it starts.
 */
export function yearlyRuleFromAnchor(a: Anchor, before: boolean): RecurrenceRule {
  const label = `${before ? 'Trước ' : ''}${before ? anchorLabel(a, null) : capitalise(anchorLabel(a, null))} hằng năm`;
  switch (a.unit) {
    case 'day':
      return makeRule('year', { month: a.m, day: a.d, before, label });
    case 'month':
      return makeRule('year', before ? { month: a.m, day: 1, before, label } : { month: a.m, label });
    case 'quarter':
      return makeRule('year', before ? { month: a.n * 3 - 2, day: 1, before, label } : { month: a.n * 3, label });
    case 'half':
      return makeRule('year', before ? { month: a.n * 6 - 5, day: 1, before, label } : { month: a.n * 6, label });
    case 'nine':
      return makeRule('year', { month: 9, label });
    case 'year':
      return makeRule('year', before ? { month: 1, day: 1, before, label: 'Trước đầu năm, hằng năm' } : { label: 'Cuối năm, hằng năm' });
  }
}

export function ruleKey(r: RecurrenceRule): string {
  return `${r.period}|${r.month}|${r.day}|${r.before}|${r.shift}|${r.weekday}`;
}

function periodName(period: Period, y: number, index: number, start: string): string {
  switch (period) {
    case 'week':
      return `tuần ${formatVi(start)}–${formatVi(addDays(start, 6))}`;
    case 'month':
      return `tháng ${index + 1}/${y}`;
    case 'quarter':
      return `Quý ${ROMAN_NUMERAL[index + 1]}/${y}`;
    case 'half':
      return `6 tháng ${index === 0 ? 'đầu' : 'cuối'} năm ${y}`;
    case 'year':
      return `năm ${y}`;
  }
}

function reasonFor(r: RecurrenceRule, clampedTo: number | null): string {
  if (r.period === 'week') return r.weekday === null ? 'ngày cuối tuần' : '';
  if (r.day === null && !r.before) {
    if (r.month === null) return { month: 'ngày cuối tháng', quarter: 'ngày cuối quý', half: 'ngày cuối kỳ 6 tháng', year: 'ngày cuối năm' }[r.period];
    if (r.period === 'year' && r.month % 3 === 0 && r.label.startsWith('Quý')) return 'ngày cuối quý';
    return 'ngày cuối tháng';
  }
  if (r.before) return r.day === 1 ? 'ngày liền trước ngày đầu kỳ' : `ngày liền trước ngày ${r.day}`;
  return clampedTo === null ? '' : `tháng chỉ có ${clampedTo} ngày nên lấy ngày cuối tháng`;
}

export interface Limits {
  from: string | null;
  until: string | null;
}

/** The due dates of one rule inside the window, for the periods that overlap the limits. */
export function generateDues(rule: RecurrenceRule, limits: Limits, window: Window): Due[] {
  const dues: Due[] = [];
  const first = yearOf(window.from) - 2;
  const last = yearOf(window.to) + 1;
  // A period counts when it overlaps the limits and the window: a plan for 2021 does not report on 2020.
  const lower = limits.from !== null && limits.from > window.from ? limits.from : window.from;
  const upper = limits.until !== null && limits.until < window.to ? limits.until : window.to;

  if (rule.period === 'week') {
    // Weeks run Monday to Sunday.
    let monday = addDays(window.from, -((weekdayOf(window.from) + 6) % 7) - 7);
    while (monday <= window.to) {
      const sunday = addDays(monday, 6);
      if (sunday >= lower && monday <= upper) {
        const date = rule.weekday === null ? sunday : addDays(monday, (rule.weekday + 6) % 7);
        const reason = reasonFor(rule, null);
        if (date >= window.from && date <= window.to) {
          dues.push({ date, explanation: `${rule.label}: ${periodName('week', 0, 0, monday)} → ${formatVi(date)}${reason ? `, ${reason}` : ''}` });
        }
      }
      monday = addDays(monday, 7);
    }
    return dues;
  }

  const length = PERIOD_MONTHS[rule.period];
  for (let y = first; y <= last; y++) {
    for (let k = 0; k < 12 / length; k++) {
      const startMonth = k * length + 1;
      const start = toIso(y, startMonth, 1);
      const end = lastDayOfMonth(y, startMonth + length - 1);
      if (end < lower || start > upper) continue;
      const target = addMonths(y, startMonth, (rule.month ?? length) - 1 + rule.shift * length);
      const monthDays = daysInMonth(target.y, target.m);
      const wanted = rule.day ?? monthDays;
      const clamped = wanted > monthDays ? monthDays : null;
      let date = toIso(target.y, target.m, Math.min(wanted, monthDays));
      if (rule.before) date = addDays(date, -1);
      if (date < window.from || date > window.to) continue;
      const reason = reasonFor(rule, clamped);
      dues.push({ date, explanation: `${rule.label}: ${periodName(rule.period, y, k, start)} → ${formatVi(date)}${reason ? `, ${reason}` : ''}` });
    }
  }
  return dues;
}

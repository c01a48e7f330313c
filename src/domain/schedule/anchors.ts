/**
 * Anchors are the calendar spans a deadline names ("ngày 15/8/2021", "tháng 8/2021", "Quý III/2021",
 * "6 tháng đầu năm 2022", "Năm 2021"). This module gives their first and last day, the due date they
 * stand for, and how to say it in Vietnamese.
 */
import {
  addDays,
  formatVi,
  halfEnd,
  isValidYmd,
  lastDayOfMonth,
  quarterEnd,
  quarterStart,
  toIso,
} from './calendar.js';
import type { Anchor } from './lexer.js';
import type { Due } from './types.js';

export const ROMAN_NUMERAL = ['', 'I', 'II', 'III', 'IV'] as const;

export interface Span {
  start: string;
  end: string;
}

/** First and last day of an anchor in year y; null for a day that does not exist (29/02/2021). */
export function spanOf(a: Anchor, y: number): Span | null {
  switch (a.unit) {
    case 'day':
      return isValidYmd(y, a.m, a.d) ? { start: toIso(y, a.m, a.d), end: toIso(y, a.m, a.d) } : null;
    case 'month':
      return { start: toIso(y, a.m, 1), end: lastDayOfMonth(y, a.m) };
    case 'quarter':
      return { start: quarterStart(y, a.n), end: quarterEnd(y, a.n) };
    case 'half':
      return { start: toIso(y, a.n * 6 - 5, 1), end: halfEnd(y, a.n) };
    case 'nine':
      return { start: toIso(y, 1, 1), end: toIso(y, 9, 30) };
    case 'year':
      return { start: toIso(y, 1, 1), end: toIso(y, 12, 31) };
  }
}

const two = (n: number) => String(n).padStart(2, '0');

/** "ngày 15/08/2021", "tháng 8/2021", "Quý III/2021", "6 tháng đầu năm 2022", "Năm 2021"; without the year when y is null. */
export function anchorLabel(a: Anchor, y: number | null): string {
  switch (a.unit) {
    case 'day':
      return `ngày ${two(a.d)}/${two(a.m)}${y === null ? '' : `/${y}`}`;
    case 'month':
      return `tháng ${a.m}${y === null ? '' : `/${y}`}`;
    case 'quarter':
      return `Quý ${ROMAN_NUMERAL[a.n]}${y === null ? '' : `/${y}`}`;
    case 'half':
      return `6 tháng ${a.n === 1 ? 'đầu' : 'cuối'} năm${y === null ? '' : ` ${y}`}`;
    case 'nine':
      return `9 tháng đầu năm${y === null ? '' : ` ${y}`}`;
    case 'year':
      return y === null ? 'cuối năm' : `Năm ${y}`;
  }
}

/** Why the last day of an anchor is its due date. */
function endReason(a: Anchor): string {
  switch (a.unit) {
    case 'day':
      return 'đúng ngày ghi';
    case 'month':
      return 'ngày cuối tháng';
    case 'quarter':
      return 'ngày cuối quý';
    case 'half':
      return a.n === 1 ? 'ngày cuối 6 tháng đầu năm' : 'ngày cuối năm';
    case 'nine':
      return 'ngày cuối tháng 9';
    case 'year':
      return 'ngày cuối năm';
  }
}

export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export type DueMode = 'before' | 'by' | 'until';

/**
 * The due date of an anchor read in year y: its last day, or, after "trước", the day before it starts
 * ("trước ngày 15/8" → 14/8; "trước Quý IV/2021" → 30/09/2021). `note` explains a year that was not written.
 */
export function anchorDue(a: Anchor, y: number, mode: DueMode, note = ''): Due | null {
  const span = spanOf(a, y);
  if (!span) return null;
  const label = anchorLabel(a, y) + note;
  if (mode === 'before') {
    const date = addDays(span.start, -1);
    const why = a.unit === 'day' ? 'ngày liền trước ngày ghi' : `ngày liền trước ${formatVi(span.start)}`;
    return { date, explanation: `Trước ${label} → ${formatVi(date)}, ${why}` };
  }
  const prefix = mode === 'until' ? 'Đến hết ' : '';
  return { date: span.end, explanation: `${capitalise(prefix + label)} → ${formatVi(span.end)}, ${endReason(a)}` };
}

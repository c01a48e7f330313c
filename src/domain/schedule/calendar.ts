/**
 * Calendar arithmetic on YYYY-MM-DD strings. Dates are calendar days, not instants: everything is done
 * on integers or in UTC, so the host's time zone never shifts a day.
 */

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

/** Years a schedule may name or be read in. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : (MONTH_DAYS[m - 1] ?? 0);
}

export function isValidYmd(y: number, m: number, d: number): boolean {
  return (
    Number.isInteger(y) && Number.isInteger(m) && Number.isInteger(d) &&
    y >= MIN_YEAR && y <= MAX_YEAR && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)
  );
}

export function toIso(y: number, m: number, d: number): string {
  const yy = y >= 1000 ? String(y) : String(y).padStart(4, '0');
  return `${yy}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;

/** Parses a strict YYYY-MM-DD that names a real day between MIN_YEAR and MAX_YEAR; null otherwise. */
export function parseIso(iso: string): Ymd | null {
  if (typeof iso !== 'string' || iso.length !== 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return null;
  for (const i of [0, 1, 2, 3, 5, 6, 8, 9]) {
    const c = iso.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  const y = digit(iso, 0) * 1000 + digit(iso, 1) * 100 + digit(iso, 2) * 10 + digit(iso, 3);
  const m = digit(iso, 5) * 10 + digit(iso, 6);
  const d = digit(iso, 8) * 10 + digit(iso, 9);
  return isValidYmd(y, m, d) ? { y, m, d } : null;
}

export function isIsoDate(iso: string): boolean {
  return parseIso(iso) !== null;
}

/** The parts of a YYYY-MM-DD this module made or checked (no second validation on the hot path). */
function ymdOf(iso: string): Ymd {
  if (iso.length !== 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) {
    throw new RangeError(`Not a YYYY-MM-DD date: ${iso}`);
  }
  const y = digit(iso, 0) * 1000 + digit(iso, 1) * 100 + digit(iso, 2) * 10 + digit(iso, 3);
  const m = digit(iso, 5) * 10 + digit(iso, 6);
  const d = digit(iso, 8) * 10 + digit(iso, 9);
  if (!isValidYmd(y, m, d)) throw new RangeError(`Not a YYYY-MM-DD date: ${iso}`);
  return { y, m, d };
}

const DAY_MS = 86_400_000;

function toDayNumber({ y, m, d }: Ymd): number {
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  return Math.floor(date.getTime() / DAY_MS);
}

function fromDayNumber(n: number): string {
  const date = new Date(n * DAY_MS);
  return toIso(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** The date `days` days after `iso` (negative: before). */
export function addDays(iso: string, days: number): string {
  const ymd = ymdOf(iso);
  // The common steps (a day back or forward inside a month) without a Date.
  if (days === -1 && ymd.d > 1) return toIso(ymd.y, ymd.m, ymd.d - 1);
  if (days === 1 && ymd.d < daysInMonth(ymd.y, ymd.m)) return toIso(ymd.y, ymd.m, ymd.d + 1);
  return fromDayNumber(toDayNumber(ymd) + days);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return toDayNumber(ymdOf(b)) - toDayNumber(ymdOf(a));
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(iso: string): number {
  return (((toDayNumber(ymdOf(iso)) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

/** Month arithmetic: (2021, 11) + 3 → (2022, 2). */
export function addMonths(y: number, m: number, months: number): { y: number; m: number } {
  const index = y * 12 + (m - 1) + months;
  return { y: Math.floor(index / 12), m: (index % 12) + 1 };
}

export function firstDayOfMonth(y: number, m: number): string {
  return toIso(y, m, 1);
}

export function lastDayOfMonth(y: number, m: number): string {
  return toIso(y, m, daysInMonth(y, m));
}

/** Quarter 1..4 of a month 1..12. */
export function quarterOfMonth(m: number): number {
  return Math.floor((m - 1) / 3) + 1;
}

/** 31/3, 30/6, 30/9, 31/12. */
export function quarterEnd(y: number, q: number): string {
  return lastDayOfMonth(y, q * 3);
}

export function quarterStart(y: number, q: number): string {
  return toIso(y, q * 3 - 2, 1);
}

/** 30/6 or 31/12. */
export function halfEnd(y: number, h: number): string {
  return lastDayOfMonth(y, h * 6);
}

export function yearEnd(y: number): string {
  return toIso(y, 12, 31);
}

export function yearOf(iso: string): number {
  return Number(iso.slice(0, 4));
}

/** YYYY-MM-DD → dd/mm/yyyy. */
export function formatVi(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

export const minIso = (a: string, b: string) => (a <= b ? a : b);
export const maxIso = (a: string, b: string) => (a >= b ? a : b);

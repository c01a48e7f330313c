import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  daysInMonth,
  lastDayOfMonth,
  parseDeadline,
  quarterEnd,
  toIso,
  type Window,
} from '../../src/domain/schedule/index.js';
import { weekdayOf } from '../../src/domain/schedule/calendar.js';

/** An independent reference: the calendar of JavaScript's Date, in UTC. */
const reference = (y: number, m: number, d: number) => {
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  return date.toISOString().slice(0, 10);
};

const year = fc.integer({ min: 1950, max: 2150 });
const date = year.chain((y) =>
  fc.integer({ min: 1, max: 12 }).chain((m) => fc.integer({ min: 1, max: daysInMonth(y, m) }).map((d) => ({ y, m, d }))),
);
/** Days at month, year and leap-day boundaries, where off-by-one errors live. */
const boundaryDate = fc.oneof(
  date,
  fc.record({ y: year, m: fc.integer({ min: 1, max: 12 }), d: fc.constant(1) }),
  fc.record({ y: fc.constantFrom(2000, 2020, 2023, 2024, 2100), m: fc.constant(3), d: fc.constant(1) }),
  fc.record({ y: year, m: fc.constant(1), d: fc.constant(1) }),
);
const ROMAN = ['I', 'II', 'III', 'IV'];

const window: fc.Arbitrary<Window> = fc
  .record({ y: fc.integer({ min: 2000, max: 2040 }), m: fc.integer({ min: 1, max: 12 }), span: fc.integer({ min: 0, max: 2200 }) })
  .map(({ y, m, span }) => {
    const from = toIso(y, m, 1);
    return { from, to: addDays(from, span) };
  });

/** Deadline texts built from the grammar's own words, in any order, plus noise. */
const FRAGMENTS = [
  'Quý III/2021', 'quý 2 năm 2023', 'trước ngày 15/8/2022', 'chậm nhất ngày 10 của tháng đầu quý', 'hằng quý', 'hàng năm',
  'trước ngày 20 hằng tháng', '6 tháng đầu năm 2024', 'tháng 9, tháng 12 năm 2021', '(2021-2025)', 'giai đoạn 2021 - 2030',
  'thường xuyên', 'sau khi UBND tỉnh phê duyệt', 'theo kế hoạch', 'ít nhất 02 đợt', 'trong năm 2022', 'trước 30/6 hằng năm',
  'Thứ Năm hằng tuần', 'định kỳ 6 tháng', 'và', ';', ',', 'đến năm 2025', 'từ', 'tháng cuối quý', 'ngày 31', 'hoặc',
  '2021-08-15', '15-8-2021', 'ngày 29/2', 'xyz', '99', 'đầu năm', 'các năm tiếp theo', 'Q3/2026', '1/2',
];
const deadlineText = fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 8 }).map((parts) => parts.join(' '));

describe('calendar arithmetic on YYYY-MM-DD strings', () => {
  it('a quarter ends on the last day of its third month, and the next day starts the next quarter', () => {
    fc.assert(
      fc.property(year, fc.integer({ min: 1, max: 4 }), (y, q) => {
        const end = quarterEnd(y, q);
        expect(end).toBe(lastDayOfMonth(y, q * 3));
        expect(end).toBe(reference(y, q * 3 + 1, 0));
        const next = addDays(end, 1);
        expect(next).toBe(q === 4 ? toIso(y + 1, 1, 1) : toIso(y, q * 3 + 1, 1));
        expect(['03-31', '06-30', '09-30', '12-31']).toContain(end.slice(5));
      }),
    );
  });

  it('adding days agrees with Date, and adding then subtracting returns the same day', () => {
    fc.assert(
      fc.property(boundaryDate, fc.integer({ min: -800, max: 800 }), ({ y, m, d }, n) => {
        const iso = toIso(y, m, d);
        expect(addDays(iso, n)).toBe(reference(y, m, d + n));
        expect(addDays(addDays(iso, n), -n)).toBe(iso);
        expect(daysBetween(iso, addDays(iso, n))).toBe(n);
      }),
    );
  });

  it('knows the day of the week', () => {
    fc.assert(
      fc.property(date, ({ y, m, d }) => {
        const js = new Date(0);
        js.setUTCFullYear(y, m - 1, d);
        expect(weekdayOf(toIso(y, m, d))).toBe(js.getUTCDay());
      }),
    );
  });
});

describe('the deadline grammar on generated input', () => {
  it('"Quý N/Y" is due on the last day of the quarter', () => {
    fc.assert(
      fc.property(year, fc.integer({ min: 1, max: 4 }), fc.boolean(), (y, q, roman) => {
        const text = `Quý ${roman ? ROMAN[q - 1] : q}/${y}`;
        const s = parseDeadline(text, { from: toIso(y, 1, 1), to: toIso(y, 12, 31) });
        expect(s.kind).toBe('once');
        expect(s.dues.map((x) => x.date)).toEqual([quarterEnd(y, q)]);
      }),
    );
  });

  it('"trước ngày D" is due exactly one day before D, across month, year and leap-day boundaries', () => {
    fc.assert(
      fc.property(boundaryDate, fc.constantFrom('trước ngày', 'Trước', 'truoc ngay', 'Hoàn thành trước ngày'), ({ y, m, d }, words) => {
        const expected = reference(y, m, d - 1);
        const s = parseDeadline(`${words} ${d}/${m}/${y}`, { from: toIso(y - 1, 1, 1), to: toIso(y, 12, 31) });
        expect(s.kind).toBe('once');
        expect(s.dues.map((x) => x.date)).toEqual([expected]);
        expect(daysBetween(expected, toIso(y, m, d))).toBe(1);
      }),
    );
  });

  it('"chậm nhất ngày D" and "trong ngày D" are due on D itself, in every written form', () => {
    fc.assert(
      fc.property(date, fc.constantFrom('chậm nhất ngày', 'trong ngày', 'ngày'), fc.constantFrom('/', '-', '.'), ({ y, m, d }, words, sep) => {
        const s = parseDeadline(`${words} ${d}${sep}${m}${sep}${y}`, { from: toIso(y, 1, 1), to: toIso(y, 12, 31) });
        expect(s.dues.map((x) => x.date)).toEqual([toIso(y, m, d)]);
        const spelled = parseDeadline(`${words} ${d} tháng ${m} năm ${y}`, { from: toIso(y, 1, 1), to: toIso(y, 12, 31) });
        expect(spelled.dues.map((x) => x.date)).toEqual([toIso(y, m, d)]);
      }),
    );
  });

  it('"trước ngày D hằng tháng" is due the day before D in every month of a year', () => {
    fc.assert(
      fc.property(year, fc.integer({ min: 2, max: 28 }), (y, d) => {
        const s = parseDeadline(`Trước ngày ${d} hằng tháng`, { from: toIso(y, 1, 1), to: toIso(y, 12, 31) });
        expect(s.kind).toBe('recurring');
        expect(s.dues.map((x) => x.date)).toEqual(Array.from({ length: 12 }, (_, i) => toIso(y, i + 1, d - 1)));
      }),
    );
  });

  it('every due date lies inside the window, sorted, each once, each explained', () => {
    fc.assert(
      fc.property(deadlineText, window, (text, w) => {
        const s = parseDeadline(text, w);
        const dues = s.dues.map((x) => x.date);
        for (const due of s.dues) {
          expect(due.date >= w.from && due.date <= w.to, `${text}: ${due.date}`).toBe(true);
          expect(due.explanation.length).toBeGreaterThan(0);
        }
        for (let i = 1; i < dues.length; i++) expect(dues[i - 1]! < dues[i]!, text).toBe(true);
        if (s.kind === 'unspecified' && s.needsReview) expect(dues).toEqual([]);
        if (s.kind === 'continuous' || s.kind === 'event') expect(dues).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on any string and stays fast', () => {
    const w: Window = { from: '2021-01-01', to: '2025-12-31' };
    const started = performance.now();
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), deadlineText), (text) => {
        const s = parseDeadline(text, w);
        expect(['once', 'recurring', 'continuous', 'event', 'unspecified']).toContain(s.kind);
        expect(typeof s.summary).toBe('string');
      }),
      { numRuns: 1000 },
    );
    // 1,000 texts (with fast-check's own work) in well under the 10,000-per-second budget, even on a busy machine.
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('reads 10 kB texts without throwing, in well under a second each', () => {
    const w: Window = { from: '2021-01-01', to: '2025-12-31' };
    const big = fc.oneof(
      fc.string({ minLength: 10_000, maxLength: 10_000, unit: 'binary' }),
      fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 600, maxLength: 600 }).map((p) => p.join(' ').slice(0, 10_240)),
      fc.constantFrom('1/'.repeat(5120), ';'.repeat(10_240), 'quý I và hằng năm; '.repeat(540), 'sau khi '.repeat(1280), '2021-'.repeat(2048)),
    );
    fc.assert(
      fc.property(big, (text) => {
        const started = performance.now();
        const s = parseDeadline(text, w);
        expect(performance.now() - started).toBeLessThan(1000);
        expect(s.text).toBe(text);
      }),
      { numRuns: 25 },
    );
  });
});

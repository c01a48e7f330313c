import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import {
  addWorkingDays,
  adHocPeriod,
  CALENDAR_RULE,
  makePeriod,
  ND09_RULE,
  nextPeriod,
  parsePeriodKey,
  periodKey,
  periodOf,
  periodsBetween,
  submissionDeadline,
  TILING_KINDS,
  validateCutoffRule,
  WEEKDAYS_ONLY,
  type CutoffRule,
  type PeriodicKind,
  type ReportingPeriod,
  type WorkingCalendar,
} from '../../src/domain/reporting/index.js';
import { addDays, daysInMonth, toIso } from '../../src/domain/schedule/calendar.js';

const window = (p: ReportingPeriod) => [p.from, p.to];
const calendar = (p: ReportingPeriod) => [p.calendarFrom, p.calendarTo];

describe('periods under Nghị định 09/2019 (the default rule)', () => {
  it('month: 15th of the month before to the 14th', () => {
    const p = makePeriod('month', 2022, 3);
    expect(p).toEqual({
      kind: 'month',
      year: 2022,
      index: 3,
      label: 'Tháng 3/2022',
      from: '2022-02-15',
      to: '2022-03-14',
      calendarFrom: '2022-03-01',
      calendarTo: '2022-03-31',
    });
    // January's window opens in December of the year before.
    expect(window(makePeriod('month', 2022, 1))).toEqual(['2021-12-15', '2022-01-14']);
    expect(window(makePeriod('month', 2022, 12))).toEqual(['2022-11-15', '2022-12-14']);
  });

  it('quarter: 15th of the month before the quarter to the 14th of its last month', () => {
    expect(window(makePeriod('quarter', 2022, 1))).toEqual(['2021-12-15', '2022-03-14']);
    expect(window(makePeriod('quarter', 2022, 2))).toEqual(['2022-03-15', '2022-06-14']);
    expect(window(makePeriod('quarter', 2022, 3))).toEqual(['2022-06-15', '2022-09-14']);
    expect(window(makePeriod('quarter', 2022, 4))).toEqual(['2022-09-15', '2022-12-14']);
    expect(calendar(makePeriod('quarter', 2022, 1))).toEqual(['2022-01-01', '2022-03-31']);
    expect(calendar(makePeriod('quarter', 2022, 2))).toEqual(['2022-04-01', '2022-06-30']);
    expect(calendar(makePeriod('quarter', 2022, 3))).toEqual(['2022-07-01', '2022-09-30']);
    expect(calendar(makePeriod('quarter', 2022, 4))).toEqual(['2022-10-01', '2022-12-31']);
  });

  it('6 months, 9 months and the year', () => {
    expect(window(makePeriod('half', 2022, 1))).toEqual(['2021-12-15', '2022-06-14']);
    expect(window(makePeriod('half', 2022, 2))).toEqual(['2022-06-15', '2022-12-14']);
    expect(calendar(makePeriod('half', 2022, 2))).toEqual(['2022-07-01', '2022-12-31']);
    expect(window(makePeriod('nine_months', 2022, 1))).toEqual(['2021-12-15', '2022-09-14']);
    expect(calendar(makePeriod('nine_months', 2022, 1))).toEqual(['2022-01-01', '2022-09-30']);
    expect(window(makePeriod('year', 2022, 1))).toEqual(['2021-12-15', '2022-12-14']);
    expect(calendar(makePeriod('year', 2022, 1))).toEqual(['2022-01-01', '2022-12-31']);
  });

  it('labels in Vietnamese', () => {
    expect(makePeriod('month', 2022, 3).label).toBe('Tháng 3/2022');
    expect(makePeriod('month', 2022, 12).label).toBe('Tháng 12/2022');
    expect(['I', 'II', 'III', 'IV'].map((_, i) => makePeriod('quarter', 2022, i + 1).label)).toEqual([
      'Quý I/2022',
      'Quý II/2022',
      'Quý III/2022',
      'Quý IV/2022',
    ]);
    expect(makePeriod('half', 2022, 1).label).toBe('6 tháng đầu năm 2022');
    expect(makePeriod('half', 2022, 2).label).toBe('6 tháng cuối năm 2022');
    expect(makePeriod('nine_months', 2022, 1).label).toBe('9 tháng năm 2022');
    expect(makePeriod('year', 2022, 1).label).toBe('Năm 2022');
  });

  it('leap years: the March window holds 29/02, February ends on 29/02', () => {
    expect(window(makePeriod('month', 2024, 3))).toEqual(['2024-02-15', '2024-03-14']);
    expect(calendar(makePeriod('month', 2024, 2))).toEqual(['2024-02-01', '2024-02-29']);
    expect(calendar(makePeriod('month', 2023, 2))).toEqual(['2023-02-01', '2023-02-28']);
    expect(periodOf('month', '2024-02-29').label).toBe('Tháng 3/2024');
    expect(periodOf('month', '2024-02-29', { span: 'calendar' }).label).toBe('Tháng 2/2024');
    expect(periodOf('quarter', '2024-02-29').label).toBe('Quý I/2024');
    expect(calendar(makePeriod('month', 2100, 2))).toEqual(['2100-02-01', '2100-02-28']); // not a leap year
    expect(calendar(makePeriod('month', 2000, 2))).toEqual(['2000-02-01', '2000-02-29']);
  });

  it('rejects periods that do not exist, in Vietnamese', () => {
    expect(() => makePeriod('quarter', 2022, 5)).toThrowError(/Số thứ tự kỳ báo cáo không hợp lệ/);
    expect(() => makePeriod('month', 2022, 0)).toThrowError(DomainError);
    expect(() => makePeriod('half', 2022, 3)).toThrowError(DomainError);
    expect(() => makePeriod('year', 1900, 1)).toThrowError(/Năm của kỳ báo cáo/);
    expect(() => makePeriod('year', 2022.5, 1)).toThrowError(DomainError);
  });
});

describe('periodOf: the 15th/14th edges and year boundaries', () => {
  it('the 14th closes a window, the 15th opens the next', () => {
    expect(periodOf('month', '2022-03-14').label).toBe('Tháng 3/2022');
    expect(periodOf('month', '2022-03-15').label).toBe('Tháng 4/2022');
    expect(periodOf('quarter', '2022-03-14').label).toBe('Quý I/2022');
    expect(periodOf('quarter', '2022-03-15').label).toBe('Quý II/2022');
    expect(periodOf('quarter', '2022-09-14').label).toBe('Quý III/2022');
    expect(periodOf('quarter', '2022-09-15').label).toBe('Quý IV/2022');
    expect(periodOf('half', '2022-06-14').label).toBe('6 tháng đầu năm 2022');
    expect(periodOf('half', '2022-06-15').label).toBe('6 tháng cuối năm 2022');
    expect(periodOf('nine_months', '2022-09-14')?.label).toBe('9 tháng năm 2022');
    expect(periodOf('nine_months', '2022-09-15')).toBeNull();
  });

  it('15/12 already belongs to the next year', () => {
    expect(periodOf('month', '2021-12-14').label).toBe('Tháng 12/2021');
    expect(periodOf('month', '2021-12-15').label).toBe('Tháng 1/2022');
    expect(periodOf('quarter', '2021-12-15').label).toBe('Quý I/2022');
    expect(periodOf('half', '2021-12-31').label).toBe('6 tháng đầu năm 2022');
    expect(periodOf('year', '2021-12-14').label).toBe('Năm 2021');
    expect(periodOf('year', '2021-12-15').label).toBe('Năm 2022');
    expect(periodOf('year', '2022-01-01').year).toBe(2022);
    expect(periodOf('nine_months', '2021-12-20')?.label).toBe('9 tháng năm 2022');
  });

  it('by the calendar span, or under a calendar rule, 31/12 stays in its year', () => {
    expect(periodOf('quarter', '2021-12-20', { span: 'calendar' }).label).toBe('Quý IV/2021');
    expect(periodOf('quarter', '2021-12-31', { rule: CALENDAR_RULE }).label).toBe('Quý IV/2021');
    expect(periodOf('quarter', '2022-01-01', { rule: CALENDAR_RULE }).label).toBe('Quý I/2022');
    expect(periodOf('nine_months', '2022-10-01', { span: 'calendar' })).toBeNull();
    expect(periodOf('nine_months', '2022-09-30', { span: 'calendar' })?.label).toBe('9 tháng năm 2022');
    const q1 = periodOf('quarter', '2022-02-01', { rule: CALENDAR_RULE });
    expect([q1.from, q1.to]).toEqual(['2022-01-01', '2022-03-31']);
  });

  it('another cut-off day', () => {
    const rule: CutoffRule = { basis: 'cutoff', cutoffDay: 20, submitAfter: { amount: 5, unit: 'day' } };
    const p = makePeriod('quarter', 2023, 1, rule);
    expect(window(p)).toEqual(['2022-12-20', '2023-03-19']);
    expect(periodOf('quarter', '2023-03-19', { rule }).index).toBe(1);
    expect(periodOf('quarter', '2023-03-20', { rule }).index).toBe(2);
    expect(submissionDeadline(p, rule)).toBe('2023-03-24');
  });

  it('rejects a bad date', () => {
    expect(() => periodOf('month', '2022-02-30')).toThrowError(/Ngày không hợp lệ/);
    expect(() => periodOf('month', '15/03/2022')).toThrowError(DomainError);
  });
});

describe('periodsBetween and nextPeriod', () => {
  it('the quarters of a 2021–2025 plan, by the calendar span', () => {
    const qs = periodsBetween('quarter', '2021-01-01', '2025-12-31', { span: 'calendar' });
    expect(qs).toHaveLength(20);
    expect(qs[0]!.label).toBe('Quý I/2021');
    expect(qs.at(-1)!.label).toBe('Quý IV/2025');
    // Their ND 09 windows still run 15th to 14th.
    expect(window(qs[0]!)).toEqual(['2020-12-15', '2021-03-14']);
  });

  it('by the cut-off window, 15–31/12/2025 already touches Quý I/2026', () => {
    const qs = periodsBetween('quarter', '2021-01-01', '2025-12-31');
    expect(qs).toHaveLength(21);
    expect(qs.at(-1)!.label).toBe('Quý I/2026');
  });

  it('one day gives the one period holding it; nine months only when inside', () => {
    expect(periodsBetween('month', '2022-03-15', '2022-03-15').map((p) => p.label)).toEqual(['Tháng 4/2022']);
    expect(periodsBetween('nine_months', '2022-10-01', '2022-11-30')).toEqual([]);
    expect(periodsBetween('nine_months', '2021-01-01', '2022-12-31', { span: 'calendar' }).map((p) => p.label)).toEqual([
      '9 tháng năm 2021',
      '9 tháng năm 2022',
    ]);
    expect(periodsBetween('half', '2022-01-01', '2022-12-31', { span: 'calendar' }).map((p) => p.label)).toEqual([
      '6 tháng đầu năm 2022',
      '6 tháng cuối năm 2022',
    ]);
  });

  it('rejects an inverted range', () => {
    expect(() => periodsBetween('month', '2022-05-01', '2022-04-01')).toThrowError(/Ngày bắt đầu/);
  });

  it('nextPeriod crosses the year', () => {
    expect(nextPeriod(makePeriod('quarter', 2021, 4))?.label).toBe('Quý I/2022');
    expect(nextPeriod(makePeriod('month', 2021, 12))?.label).toBe('Tháng 1/2022');
    expect(nextPeriod(makePeriod('year', 2021, 1))?.label).toBe('Năm 2022');
    expect(nextPeriod(adHocPeriod('2022-03-01', '2022-03-10'))).toBeNull();
  });
});

describe('ad hoc periods', () => {
  it('keeps the window it is given', () => {
    const p = adHocPeriod('2022-03-01', '2022-04-15');
    expect(p).toMatchObject({ kind: 'ad_hoc', year: 2022, from: '2022-03-01', to: '2022-04-15', calendarFrom: '2022-03-01' });
    expect(p.label).toBe('Đột xuất 01/03/2022–15/04/2022');
    expect(adHocPeriod('2022-03-01', '2022-03-01', 'Báo cáo đột xuất về PAPI').label).toBe('Báo cáo đột xuất về PAPI');
    expect(() => adHocPeriod('2022-04-15', '2022-03-01')).toThrowError(DomainError);
  });
});

describe('keys', () => {
  it('parses every form', () => {
    expect(parsePeriodKey('2022-Q1').label).toBe('Quý I/2022');
    expect(parsePeriodKey('2022-H1').label).toBe('6 tháng đầu năm 2022');
    expect(parsePeriodKey('2022-H2').label).toBe('6 tháng cuối năm 2022');
    expect(parsePeriodKey('2022-M03').label).toBe('Tháng 3/2022');
    expect(parsePeriodKey('2022-9M').label).toBe('9 tháng năm 2022');
    expect(parsePeriodKey('2022-Y').label).toBe('Năm 2022');
    expect(parsePeriodKey('2022-03-01..2022-04-15').kind).toBe('ad_hoc');
    expect(window(parsePeriodKey('2022-Q1', CALENDAR_RULE))).toEqual(['2022-01-01', '2022-03-31']);
  });

  it('rejects anything else in Vietnamese', () => {
    for (const bad of ['2022-Q5', '2022-M13', '2022-M3', '2022-H3', '2022', 'Q1-2022', '', '2022-q1', '2022-M00', '2022-02-30..2022-03-01']) {
      expect(() => parsePeriodKey(bad), bad).toThrowError(DomainError);
    }
    expect(() => parsePeriodKey('2022-X')).toThrowError(/Mã kỳ báo cáo không hợp lệ/);
  });

  it('round-trips', () => {
    for (const key of ['2022-Q1', '2022-Q4', '2022-H1', '2022-H2', '2022-M01', '2022-M12', '2022-9M', '2022-Y', '2021-12-15..2022-01-10']) {
      expect(periodKey(parsePeriodKey(key))).toBe(key);
    }
    const kinds: PeriodicKind[] = ['month', 'quarter', 'half', 'nine_months', 'year'];
    const counts = { month: 12, quarter: 4, half: 2, nine_months: 1, year: 1 };
    fc.assert(
      fc.property(
        fc.constantFrom(...kinds),
        fc.integer({ min: 1901, max: 2199 }),
        fc.integer({ min: 1, max: 12 }),
        (kind, year, i) => {
          const p = makePeriod(kind, year, ((i - 1) % counts[kind]) + 1);
          expect(parsePeriodKey(periodKey(p))).toEqual(p);
        },
      ),
    );
  });
});

describe('submission deadline: 2 working days after the cut-off', () => {
  it('on weekdays', () => {
    // Quý I/2022 closes Monday 14/03/2022 → Tuesday (1), Wednesday (2).
    expect(submissionDeadline(makePeriod('quarter', 2022, 1))).toBe('2022-03-16');
    // Quý III/2022 closes Wednesday 14/09/2022 → Thursday, Friday.
    expect(submissionDeadline(makePeriod('quarter', 2022, 3))).toBe('2022-09-16');
  });

  it('over a weekend', () => {
    // Tháng 1/2022 closes Friday 14/01/2022 → Monday 17 (1), Tuesday 18 (2).
    expect(submissionDeadline(makePeriod('month', 2022, 1))).toBe('2022-01-18');
    // Tháng 5/2022 closes Saturday 14/05/2022 → Monday 16 (1), Tuesday 17 (2).
    expect(submissionDeadline(makePeriod('month', 2022, 5))).toBe('2022-05-17');
  });

  it('with a holiday calendar passed in', () => {
    // Tết 2022: 31/01–04/02 off, on top of weekends (the admin-edited calendar a later issue supplies).
    const tet = new Set(['2022-01-31', '2022-02-01', '2022-02-02', '2022-02-03', '2022-02-04']);
    const cal: WorkingCalendar = { isWorkingDay: (d) => !tet.has(d) && WEEKDAYS_ONLY.isWorkingDay(d) };
    const p = adHocPeriod('2022-01-15', '2022-01-28'); // Friday
    expect(submissionDeadline(p, ND09_RULE, cal)).toBe('2022-02-08');
  });

  it('in calendar days, and with a calendar rule', () => {
    const rule: CutoffRule = { basis: 'cutoff', cutoffDay: 15, submitAfter: { amount: 2, unit: 'day' } };
    expect(submissionDeadline(makePeriod('month', 2022, 5, rule), rule)).toBe('2022-05-16');
    expect(submissionDeadline(makePeriod('quarter', 2022, 1, CALENDAR_RULE), CALENDAR_RULE)).toBe('2022-04-04'); // 31/03 Thu → Fri 1/4, Mon 4/4
  });

  it('validates a template rule', () => {
    expect(validateCutoffRule(ND09_RULE)).toBe(ND09_RULE);
    expect(() => validateCutoffRule({ ...ND09_RULE, cutoffDay: 31 })).toThrowError(/Ngày chốt số liệu/);
    expect(() => validateCutoffRule({ ...ND09_RULE, cutoffDay: 1 })).toThrowError(DomainError);
    expect(() => validateCutoffRule({ ...ND09_RULE, submitAfter: { amount: -1, unit: 'day' } })).toThrowError(/Thời hạn gửi/);
    expect(() => validateCutoffRule({ ...ND09_RULE, basis: 'x' as 'cutoff' })).toThrowError(DomainError);
  });

  it('addWorkingDays never counts the start day, and goes back too', () => {
    expect(addWorkingDays('2022-05-14', 0)).toBe('2022-05-14');
    expect(addWorkingDays('2022-05-13', 1)).toBe('2022-05-16');
    expect(addWorkingDays('2022-05-16', -1)).toBe('2022-05-13');
    expect(() => addWorkingDays('2022-05-16', 1, { isWorkingDay: () => false })).toThrowError(RangeError);
  });
});

describe('properties', () => {
  const rules: fc.Arbitrary<CutoffRule> = fc.oneof(
    fc.constant(ND09_RULE),
    fc.constant(CALENDAR_RULE),
    fc.integer({ min: 2, max: 28 }).map((d): CutoffRule => ({ basis: 'cutoff', cutoffDay: d, submitAfter: { amount: 2, unit: 'working_day' } })),
  );
  const year = fc.integer({ min: 1950, max: 2150 });
  const date = year.chain((y) =>
    fc.integer({ min: 1, max: 12 }).chain((m) => fc.integer({ min: 1, max: daysInMonth(y, m) }).map((d) => toIso(y, m, d))),
  );

  it('periods of a kind tile the year without gaps or overlaps', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TILING_KINDS), year, rules, (kind, y, rule) => {
        const counts = { month: 12, quarter: 4, half: 2, year: 1 };
        const ps = Array.from({ length: counts[kind] }, (_, i) => makePeriod(kind, y, i + 1, rule));
        const year = makePeriod('year', y, 1, rule);
        expect(ps[0]!.from).toBe(year.from);
        expect(ps.at(-1)!.to).toBe(year.to);
        for (let i = 0; i + 1 < ps.length; i++) expect(addDays(ps[i]!.to, 1)).toBe(ps[i + 1]!.from);
        for (const p of ps) expect(p.from <= p.to).toBe(true);
        // …and from one year to the next.
        expect(addDays(ps.at(-1)!.to, 1)).toBe(nextPeriod(ps.at(-1)!, rule)!.from);
        // The calendar spans tile it too.
        expect(ps[0]!.calendarFrom).toBe(toIso(y, 1, 1));
        expect(ps.at(-1)!.calendarTo).toBe(toIso(y, 12, 31));
        for (let i = 0; i + 1 < ps.length; i++) expect(addDays(ps[i]!.calendarTo, 1)).toBe(ps[i + 1]!.calendarFrom);
      }),
    );
  });

  it('every date belongs to exactly one period of each kind', () => {
    fc.assert(
      fc.property(date, rules, fc.constantFrom<'cutoff' | 'calendar'>('cutoff', 'calendar'), (d, rule, span) => {
        for (const kind of TILING_KINDS) {
          const p = periodOf(kind, d, { rule, span });
          const [from, to] = span === 'calendar' ? calendar(p) : window(p);
          expect(from! <= d && d <= to!).toBe(true);
          const around = periodsBetween(kind, addDays(d, -400), addDays(d, 400), { rule, span });
          const holding = around.filter((q) => {
            const [f, t] = span === 'calendar' ? calendar(q) : window(q);
            return f! <= d && d <= t!;
          });
          expect(holding.map(periodKey)).toEqual([periodKey(p)]);
        }
        // Nine months: at most one, and periodOf finds it exactly when there is one.
        const nine = periodOf('nine_months', d, { rule, span });
        const holding = periodsBetween('nine_months', d, d, { rule, span });
        expect(holding.length).toBeLessThanOrEqual(1);
        expect(nine ? periodKey(nine) : null).toBe(holding[0] ? periodKey(holding[0]) : null);
      }),
    );
  });
});

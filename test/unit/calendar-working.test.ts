import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countWorkingDays, explainCalendarDue, explainWorkingDue, formatRangeVi } from '../../src/domain/calendar/explain.js';
import { VN_WORKING_DAYS } from '../../src/domain/calendar/holidays.js';
import { buildWorkingCalendar, calendarYear, pointlessOverride, type CalendarOverride } from '../../src/domain/calendar/working-calendar.js';
import { addWorkingDays } from '../../src/domain/reporting/working-days.js';
import { addDays, formatVi, weekdayOf } from '../../src/domain/schedule/calendar.js';

const defaults = buildWorkingCalendar([]);
const off = (date: string, name: string): CalendarOverride => ({ date, kind: 'off', name, note: null });
const working = (date: string, name: string): CalendarOverride => ({ date, kind: 'working', name, note: null });

describe('working-day deadlines across Tết Bính Ngọ 2026 (mùng 1 = 17/02, nghỉ 14–22/02)', () => {
  it('skips the nine days of Tết and names them in the explanation', () => {
    const due = explainWorkingDue('2026-02-10', 10, defaults);
    // 11, 12, 13/02; then 23–27/02; then 02, 03/03.
    expect(due.due).toBe('2026-03-03');
    expect(due.skipped.runs).toEqual([{ from: '2026-02-14', to: '2026-02-22', names: ['Tết Nguyên đán'] }]);
    expect(due.skipped.weekendDays).toBe(2);
    expect(due.explanation).toBe('10 ngày làm việc kể từ 10/02/2026, trừ nghỉ Tết Nguyên đán 14–22/02/2026 và 2 ngày cuối tuần → 03/03/2026');
  });

  it('agrees with the default calendar the reception schedule uses', () => {
    for (const start of ['2026-02-10', '2026-02-13', '2026-02-16', '2026-02-20']) {
      for (const n of [1, 5, 10, 20]) expect(explainWorkingDue(start, n, defaults).due).toBe(addWorkingDays(start, n, VN_WORKING_DAYS));
    }
  });

  it('counts a make-up Saturday (ngày làm bù) and skips the weekday swapped for it', () => {
    const calendar = buildWorkingCalendar([off('2026-02-13', 'Nghỉ hoán đổi Tết'), working('2026-02-28', 'Làm bù cho ngày 13/02/2026')]);
    const due = explainWorkingDue('2026-02-10', 10, calendar);
    // 11, 12/02; 23–27/02; Saturday 28/02 (làm bù); 02, 03/03.
    expect(due.due).toBe('2026-03-03');
    expect(due.makeUpDays).toEqual(['2026-02-28']);
    expect(due.skipped.runs).toEqual([{ from: '2026-02-13', to: '2026-02-22', names: ['hoán đổi Tết', 'Tết Nguyên đán'] }]);
    expect(due.skipped.weekendDays).toBe(1);
    expect(due.explanation).toContain('làm bù thứ Bảy 28/02/2026 được tính');
  });

  it('brings a due date forward when a make-up Saturday falls in the window', () => {
    expect(explainWorkingDue('2026-02-05', 3, defaults).due).toBe('2026-02-10');
    const withMakeUp = buildWorkingCalendar([working('2026-02-07', 'Làm bù')]);
    const due = explainWorkingDue('2026-02-05', 3, withMakeUp);
    expect(due.due).toBe('2026-02-09');
    expect(due.explanation).toBe('3 ngày làm việc kể từ 05/02/2026, trừ 1 ngày cuối tuần; làm bù thứ Bảy 07/02/2026 được tính → 09/02/2026');
  });
});

describe('working-day deadlines across Quốc khánh (2/9)', () => {
  it('2025: 1–2/9 on Monday–Tuesday, with the weekend before them', () => {
    expect([weekdayOf('2025-09-01'), weekdayOf('2025-09-02')]).toEqual([1, 2]);
    const due = explainWorkingDue('2025-08-29', 1, defaults);
    expect(due.due).toBe('2025-09-03');
    expect(due.explanation).toBe('1 ngày làm việc kể từ 29/08/2025, trừ nghỉ Quốc khánh 30/08–02/09/2025 → 03/09/2025');
  });

  it('2026: 2/9 is a Wednesday, with 1/9 by default; an admin may move the adjacent day to 3/9', () => {
    expect(weekdayOf('2026-09-02')).toBe(3);
    expect(explainWorkingDue('2026-08-31', 1, defaults).due).toBe('2026-09-03');
    const moved = buildWorkingCalendar([working('2026-09-01', 'Đi làm (ngày nghỉ liền kề chuyển sang 03/09)'), off('2026-09-03', 'Quốc khánh (ngày liền kề 2/9)')]);
    const due = explainWorkingDue('2026-08-31', 1, moved);
    expect(due.due).toBe('2026-09-01');
    expect(due.restoredDays).toEqual(['2026-09-01']);
    const two = explainWorkingDue('2026-08-31', 2, moved);
    expect(two.due).toBe('2026-09-04');
    expect(two.skipped.runs).toEqual([{ from: '2026-09-02', to: '2026-09-03', names: ['Quốc khánh'] }]);
    expect(two.explanation).toContain('01/09/2026 không được nghỉ nên được tính');
  });
});

describe('calendar-day limits (plain *ngày*)', () => {
  it('counts every day, holidays included', () => {
    const due = explainCalendarDue('2026-02-10', 30);
    expect(due.due).toBe('2026-03-12');
    expect(due.explanation).toBe('30 ngày kể từ 10/02/2026 (tính cả ngày nghỉ) → 12/03/2026');
    // Tết inside the window changes nothing.
    expect(explainCalendarDue('2026-02-10', 30, defaults).due).toBe('2026-03-12');
  });

  it('with a calendar, moves a count that lands on a day off to the next working day', () => {
    const saturday = explainCalendarDue('2026-02-12', 30, defaults);
    expect(saturday.landedOn).toBe('2026-03-14');
    expect(saturday.due).toBe('2026-03-16');
    expect(saturday.explanation).toContain('rơi vào thứ Bảy 14/03/2026');
    // Landing on Tết's eve (16/02/2026) waits out the whole break.
    expect(explainCalendarDue('2026-01-17', 30, defaults).due).toBe('2026-02-23');
    expect(explainCalendarDue('2026-01-17', 30).due).toBe('2026-02-16');
  });
});

describe('the year view and pointless overrides', () => {
  it('lists the default holidays with their source and the overrides replacing them', () => {
    const days = calendarYear(2026, [working('2026-09-01', 'Đi làm'), off('2026-09-03', 'Nghỉ liền kề Quốc khánh'), off('2027-01-02', 'Không thuộc năm 2026')]);
    // Eleven default holidays in 2026, less 1/9 replaced by an override.
    expect(days.filter((d) => d.origin === 'default')).toHaveLength(10);
    const sept = days.filter((d) => d.date.startsWith('2026-09'));
    expect(sept.map((d) => [d.date, d.origin, d.working, d.reason])).toEqual([
      ['2026-09-01', 'override', true, 'restored'],
      ['2026-09-02', 'default', false, 'holiday'],
      ['2026-09-03', 'override', false, 'off'],
    ]);
    expect(sept[0]!.replacedHoliday).toBe('Quốc khánh (ngày liền kề 2/9)');
    expect(days.every((d) => d.date.startsWith('2026-'))).toBe(true);
  });

  it('refuses overrides that would change nothing', () => {
    expect(pointlessOverride('2026-02-17', 'off')).toContain('Tết Nguyên đán');
    expect(pointlessOverride('2026-02-21', 'off')).toContain('cuối tuần');
    expect(pointlessOverride('2026-02-24', 'working')).toContain('ngày làm việc');
    expect(pointlessOverride('2026-02-21', 'working')).toBeNull();
    expect(pointlessOverride('2026-02-17', 'working')).toBeNull();
    expect(pointlessOverride('2026-02-24', 'off')).toBeNull();
  });

  it('formats ranges the Vietnamese way', () => {
    expect(formatRangeVi('2026-02-14', '2026-02-22')).toBe('14–22/02/2026');
    expect(formatRangeVi('2026-04-30', '2026-05-03')).toBe('30/04–03/05/2026');
    expect(formatRangeVi('2025-12-31', '2026-01-01')).toBe('31/12/2025–01/01/2026');
    expect(formatRangeVi('2026-01-01', '2026-01-01')).toBe('01/01/2026');
  });
});

describe('properties, with random overrides', () => {
  const isoDay = fc.integer({ min: 0, max: 4 * 366 }).map((i) => addDays('2024-01-01', i));
  const overrides = fc.array(
    fc.record({ date: isoDay, kind: fc.constantFrom('off' as const, 'working' as const) }).map((o) => ({ ...o, name: o.kind === 'off' ? 'Nghỉ' : 'Làm bù', note: null })),
    { maxLength: 40 },
  );

  it('lands on a working day, with exactly n working days between, and moves forward with n', () => {
    fc.assert(
      fc.property(isoDay, fc.integer({ min: 0, max: 60 }), overrides, (start, n, list) => {
        const calendar = buildWorkingCalendar(list);
        const due = explainWorkingDue(start, n, calendar);
        if (n > 0) expect(calendar.isWorkingDay(due.due)).toBe(true);
        expect(countWorkingDays(start, due.due, calendar)).toBe(n);
        // No working day between the last one counted and the due date: it is the n-th, not a later one.
        if (n > 0) expect(countWorkingDays(start, addDays(due.due, -1), calendar)).toBe(n - 1);
        const next = explainWorkingDue(start, n + 1, calendar);
        expect(next.due > due.due).toBe(true);
        expect(due.explanation.endsWith(formatVi(due.due))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never lands a calendar-day count on a day off when given a calendar, and never before the plain count', () => {
    fc.assert(
      fc.property(isoDay, fc.integer({ min: 1, max: 90 }), overrides, (start, n, list) => {
        const calendar = buildWorkingCalendar(list);
        const due = explainCalendarDue(start, n, calendar);
        expect(calendar.isWorkingDay(due.due)).toBe(true);
        expect(due.due >= addDays(start, n)).toBe(true);
        expect(countWorkingDays(addDays(start, n), addDays(due.due, -1), calendar)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('accounts for every skipped day: named breaks plus weekend days plus working days = days in the window', () => {
    fc.assert(
      fc.property(isoDay, fc.integer({ min: 0, max: 40 }), overrides, (start, n, list) => {
        const due = explainWorkingDue(start, n, buildWorkingCalendar(list));
        const inRuns = due.skipped.runs.reduce((sum, r) => sum + Math.round((Date.parse(r.to) - Date.parse(r.from)) / 86_400_000) + 1, 0);
        const window = Math.round((Date.parse(due.due) - Date.parse(start)) / 86_400_000);
        expect(inRuns + due.skipped.weekendDays + n).toBe(window);
      }),
      { numRuns: 300 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import {
  adHocPeriod,
  applyEventOffset,
  assignmentsDueInPeriod,
  makePeriod,
  taskDueInPeriod,
  type AssignmentRef,
  type TaskScheduleRef,
} from '../../src/domain/reporting/index.js';
import { parseDeadline, type Window } from '../../src/domain/schedule/index.js';

/** The seed's two appendices: Phụ lục I (year 2021) and Phụ lục II (2021–2025). */
const P1: Window = { from: '2021-01-01', to: '2021-12-31' };
const P2: Window = { from: '2021-01-01', to: '2025-12-31' };

let nextId = 1;
const task = (text: string, window: Window = P2, extra: Partial<TaskScheduleRef> = {}): TaskScheduleRef => ({
  id: nextId++,
  schedule: parseDeadline(text, window),
  window,
  ...extra,
});
const q = (y: number, i: number) => makePeriod('quarter', y, i);

describe('once: "Quý III/2021"', () => {
  const t = task('Quý III/2021', P1);

  it('is due in Quý III/2021, on the last day of the quarter', () => {
    expect(t.schedule.kind).toBe('once');
    expect(taskDueInPeriod(t, q(2021, 3))).toEqual({
      active: true,
      dues: ['2021-09-30'],
      reason: 'Đến hạn 30/09/2021 (Quý III/2021 → ngày cuối quý)',
    });
  });

  it('is not asked for in the quarters around it', () => {
    expect(taskDueInPeriod(t, q(2021, 2))).toEqual({ active: false, dues: [], reason: 'Không có hạn trong kỳ; hạn tiếp theo 30/09/2021' });
    expect(taskDueInPeriod(t, q(2021, 4))).toEqual({ active: false, dues: [], reason: 'Không có hạn trong kỳ; hạn cuối cùng 30/09/2021 đã qua' });
  });

  it('belongs to the month, the 9 months, the second half and the year that hold it', () => {
    expect(taskDueInPeriod(t, makePeriod('month', 2021, 9)).dues).toEqual(['2021-09-30']);
    expect(taskDueInPeriod(t, makePeriod('month', 2021, 10)).active).toBe(false);
    expect(taskDueInPeriod(t, makePeriod('nine_months', 2021, 1)).dues).toEqual(['2021-09-30']);
    expect(taskDueInPeriod(t, makePeriod('half', 2021, 2)).dues).toEqual(['2021-09-30']);
    expect(taskDueInPeriod(t, makePeriod('half', 2021, 1)).active).toBe(false);
    expect(taskDueInPeriod(t, makePeriod('year', 2021, 1)).dues).toEqual(['2021-09-30']);
  });
});

describe('dues fall in the calendar span, not the cut-off window (edge days)', () => {
  // Quý III/2021: calendar 01/07–30/09, ND 09 window 15/06–14/09.
  const cases: [string, string, number][] = [
    ['Chậm nhất ngày 30/6/2021', '2021-06-30', 2], // in the Q3 window (15/06–14/09), but a Q2 date
    ['Chậm nhất ngày 01/7/2021', '2021-07-01', 3],
    ['Chậm nhất ngày 14/9/2021', '2021-09-14', 3],
    ['Chậm nhất ngày 15/9/2021', '2021-09-15', 3], // the cut-off window would say Quý IV
    ['Quý III/2021', '2021-09-30', 3], // the cut-off window would say Quý IV
    ['Chậm nhất ngày 01/10/2021', '2021-10-01', 4],
    ['Chậm nhất ngày 15/12/2021', '2021-12-15', 4], // the cut-off window would say Quý I/2022
    ['Trước ngày 01/01/2022', '2021-12-31', 4],
  ];
  for (const [text, date, quarter] of cases) {
    it(`${text} → Quý ${quarter}/2021`, () => {
      const t = task(text, P1);
      expect(t.schedule.dues.map((d) => d.date)).toEqual([date]);
      for (let i = 1; i <= 4; i++) {
        const r = taskDueInPeriod(t, q(2021, i));
        expect(r.active, `Quý ${i}`).toBe(i === quarter);
        expect(r.dues).toEqual(i === quarter ? [date] : []);
      }
    });
  }
});

describe('recurring: "Định kỳ hàng quý"', () => {
  const t = task('Định kỳ hàng quý');

  it('one due per quarter, each in its own quarter', () => {
    expect(t.schedule.kind).toBe('recurring');
    expect(taskDueInPeriod(t, q(2023, 2))).toEqual({
      active: true,
      dues: ['2023-06-30'],
      reason: 'Đến hạn 30/06/2023 (Hằng quý: Quý II/2023 → ngày cuối quý)',
    });
    expect(taskDueInPeriod(t, makePeriod('half', 2023, 1)).dues).toEqual(['2023-03-31', '2023-06-30']);
    expect(taskDueInPeriod(t, makePeriod('half', 2023, 1)).reason).toBe(
      'Đến hạn 31/03/2023 (Hằng quý: Quý I/2023 → ngày cuối quý); đến hạn 30/06/2023 (Hằng quý: Quý II/2023 → ngày cuối quý)',
    );
    expect(taskDueInPeriod(t, makePeriod('year', 2025, 1)).dues).toHaveLength(4);
  });

  it('nothing in a month without a quarter end, nothing after the plan', () => {
    expect(taskDueInPeriod(t, makePeriod('month', 2023, 4))).toEqual({
      active: false,
      dues: [],
      reason: 'Không có hạn trong kỳ; hạn tiếp theo 30/06/2023',
    });
    expect(taskDueInPeriod(t, q(2026, 1)).reason).toBe('Không có hạn trong kỳ; hạn cuối cùng 31/12/2025 đã qua');
  });

  it('"Chậm nhất ngày 10 của tháng đầu quý": the 10th of January is in Quý I', () => {
    const early = task('Chậm nhất ngày 10 của tháng đầu quý');
    expect(taskDueInPeriod(early, q(2022, 1)).dues).toEqual(['2022-01-10']);
    expect(taskDueInPeriod(early, q(2022, 1)).reason).toBe('Đến hạn 10/01/2022 (Ngày 10 tháng đầu quý: Quý I/2022)');
  });
});

describe('continuous: "Thường xuyên (2021-2025)"', () => {
  const t = task('Thường xuyên (2021-2025)');

  it('is active in every period of its run, without a due', () => {
    expect(t.schedule.kind).toBe('continuous');
    for (const p of [q(2021, 1), q(2023, 3), q(2025, 4), makePeriod('month', 2025, 12), makePeriod('year', 2024, 1)]) {
      expect(taskDueInPeriod(t, p)).toEqual({ active: true, dues: [], reason: 'Nhiệm vụ thường xuyên đến 31/12/2025' });
    }
  });

  it('stops after its end and waits before its start', () => {
    expect(taskDueInPeriod(t, q(2026, 1))).toEqual({ active: false, dues: [], reason: 'Nhiệm vụ thường xuyên đã kết thúc ngày 31/12/2025' });
    expect(taskDueInPeriod(t, q(2020, 4))).toEqual({ active: false, dues: [], reason: 'Nhiệm vụ thường xuyên bắt đầu từ 01/01/2021' });
  });

  it('"Thường xuyên" without a range runs to the end of its appendix, or on when none is given', () => {
    const bare = task('Thường xuyên', P1);
    expect(taskDueInPeriod(bare, q(2021, 4)).reason).toBe('Nhiệm vụ thường xuyên đến 31/12/2021');
    expect(taskDueInPeriod(bare, q(2022, 1)).active).toBe(false);
    const open = { id: 999, schedule: parseDeadline('Thường xuyên', P1) };
    expect(taskDueInPeriod(open, q(2030, 1))).toEqual({ active: true, dues: [], reason: 'Nhiệm vụ thường xuyên' });
  });
});

describe('event: "Sau khi UBND tỉnh phê duyệt"', () => {
  const t = task('Sau khi UBND tỉnh phê duyệt', P1);

  it('waits while no trigger is recorded', () => {
    expect(t.schedule.kind).toBe('event');
    expect(taskDueInPeriod(t, q(2021, 3))).toEqual({ active: false, dues: [], reason: 'Chờ sự kiện: Sau khi UBND tỉnh phê duyệt' });
    expect(taskDueInPeriod(t, q(2021, 3), { triggers: [] }).active).toBe(false);
  });

  it('runs from the quarter its trigger was recorded in', () => {
    const facts = { triggers: ['2021-05-10'] };
    expect(taskDueInPeriod(t, q(2021, 1), facts)).toEqual({ active: false, dues: [], reason: 'Chờ sự kiện: Sau khi UBND tỉnh phê duyệt' });
    const running = { active: true, dues: [], reason: 'Sự kiện đã ghi nhận ngày 10/05/2021: Sau khi UBND tỉnh phê duyệt' };
    expect(taskDueInPeriod(t, q(2021, 2), facts)).toEqual(running);
    expect(taskDueInPeriod(t, q(2021, 3), facts)).toEqual(running);
  });

  it('takes the dates a coordinator sets as its dues', () => {
    const r = taskDueInPeriod(t, q(2021, 3), { triggers: ['2021-05-10'], coordinatorDates: ['2021-08-31'] });
    expect(r).toEqual({
      active: true,
      dues: ['2021-08-31'],
      reason: 'Đến hạn 31/08/2021 (do cán bộ điều phối ấn định); sự kiện đã ghi nhận ngày 10/05/2021: Sau khi UBND tỉnh phê duyệt',
    });
  });

  it('with an offset, each trigger gives a due: "Trong vòng 15 ngày làm việc kể từ ngày nhận được kiến nghị"', () => {
    const e = task('Trong vòng 15 ngày làm việc kể từ ngày nhận được kiến nghị');
    expect(e.schedule.eventOffset).toEqual({ amount: 15, unit: 'working_day', direction: 'after' });
    // Friday 25/03/2022 + 15 working days (weekends skipped) → Friday 15/04/2022.
    expect(applyEventOffset('2022-03-25', e.schedule.eventOffset!)).toBe('2022-04-15');
    const facts = { triggers: ['2022-03-25', '2022-05-03'] };
    expect(taskDueInPeriod(e, q(2022, 1), facts)).toEqual({
      active: true,
      dues: [],
      reason: 'Đang trong thời hạn xử lý sự kiện: Kể từ ngày nhận được kiến nghị',
    });
    expect(taskDueInPeriod(e, q(2022, 2), facts)).toEqual({
      active: true,
      dues: ['2022-04-15', '2022-05-24'],
      reason:
        'Đến hạn 15/04/2022 (15 ngày làm việc sau sự kiện ngày 25/03/2022); đến hạn 24/05/2022 (15 ngày làm việc sau sự kiện ngày 03/05/2022)',
    });
    expect(taskDueInPeriod(e, q(2022, 3), facts).active).toBe(false);
    // A holiday calendar moves the due (Giỗ Tổ Hùng Vương, 11/04/2022 off).
    const holidays = { isWorkingDay: (d: string) => d !== '2022-04-11' && ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()) };
    expect(taskDueInPeriod(e, q(2022, 2), { ...facts, calendar: holidays }).dues).toEqual(['2022-04-18', '2022-05-24']);
  });

  it('offsets in days, weeks and months', () => {
    expect(applyEventOffset('2022-01-31', { amount: 1, unit: 'month', direction: 'after' })).toBe('2022-02-28');
    expect(applyEventOffset('2024-01-31', { amount: 1, unit: 'month', direction: 'after' })).toBe('2024-02-29');
    expect(applyEventOffset('2022-03-01', { amount: 2, unit: 'week', direction: 'after' })).toBe('2022-03-15');
    expect(applyEventOffset('2022-03-01', { amount: 10, unit: 'day', direction: 'before' })).toBe('2022-02-19');
  });

  it('rejects a trigger that is not a date', () => {
    expect(() => taskDueInPeriod(t, q(2021, 3), { triggers: ['10/05/2021'] })).toThrowError(DomainError);
  });
});

describe('unspecified: "Theo kế hoạch"', () => {
  const t = task('Theo kế hoạch');

  it('waits for a coordinator', () => {
    expect(t.schedule.kind).toBe('unspecified');
    expect(taskDueInPeriod(t, q(2022, 4))).toEqual({ active: false, dues: [], reason: 'Chưa có thời hạn: chờ cán bộ điều phối ấn định' });
  });

  it('is due in the period holding the date a coordinator set', () => {
    const facts = { coordinatorDates: ['2022-11-30'] };
    expect(taskDueInPeriod(t, q(2022, 4), facts)).toEqual({
      active: true,
      dues: ['2022-11-30'],
      reason: 'Đến hạn 30/11/2022 (do cán bộ điều phối ấn định)',
    });
    expect(taskDueInPeriod(t, q(2022, 3), facts)).toEqual({
      active: false,
      dues: [],
      reason: 'Không có hạn trong kỳ; hạn tiếp theo 30/11/2022 (do cán bộ điều phối ấn định)',
    });
  });

  it('"Theo kế hoạch (2021-2025)" the same way; a text not understood says so', () => {
    const ranged = task('Theo kế hoạch (2021-2025)');
    expect(ranged.schedule.kind).toBe('unspecified');
    expect(taskDueInPeriod(ranged, q(2022, 4), { coordinatorDates: ['2022-12-15'] }).dues).toEqual(['2022-12-15']);
    const unread = task('Đầu năm');
    expect(unread.schedule.needsReview).toBe(true);
    expect(taskDueInPeriod(unread, q(2022, 1)).reason).toBe('Chưa có thời hạn: thời hạn chưa đọc được, chờ cán bộ điều phối ấn định');
  });

  it('coordinator dates do not move a dated task (that is an extension)', () => {
    const dated = task('Quý III/2021', P1);
    expect(taskDueInPeriod(dated, q(2021, 4), { coordinatorDates: ['2021-11-30'] }).active).toBe(false);
  });
});

describe('assignments', () => {
  const quarterly = task('Định kỳ hàng quý');
  const waiting = task('Sau khi UBND tỉnh phê duyệt');
  const tasks = new Map([quarterly, waiting].map((t) => [t.id, t]));
  const a = (id: number, taskId: number, unitId: number, extra: Partial<AssignmentRef> = {}): AssignmentRef => ({
    id,
    taskId,
    unitId,
    role: 'lead',
    ...extra,
  });

  it('every assignee of a task gets the task’s answer; a retired assignment is no longer asked', () => {
    const out = assignmentsDueInPeriod(
      q(2022, 2),
      [
        a(1, quarterly.id, 10),
        a(2, quarterly.id, 11, { role: 'coordinating' }),
        a(3, quarterly.id, 12, { retiredAt: '2022-05-01T03:00:00.000Z' }),
        a(4, quarterly.id, 13, { retiredAt: '2022-07-01T03:00:00.000Z' }),
        a(5, waiting.id, 10),
      ],
      tasks,
      { triggers: new Map([[waiting.id, ['2022-04-20']]]) },
    );
    expect(out.map((r) => [r.assignmentId, r.unitId, r.role, r.active, r.dues])).toEqual([
      [1, 10, 'lead', true, ['2022-06-30']],
      [2, 11, 'coordinating', true, ['2022-06-30']],
      [3, 12, 'lead', false, []],
      [4, 13, 'lead', true, ['2022-06-30']],
      [5, 10, 'lead', true, []],
    ]);
    expect(out[2]!.reason).toBe('Phân công đã kết thúc từ 01/05/2022');
    expect(out[4]!.reason).toBe('Sự kiện đã ghi nhận ngày 20/04/2022: Sau khi UBND tỉnh phê duyệt');
  });

  it('a retired task is not asked from the period of its retirement on (Vietnam date)', () => {
    // 31/03/2022 18:00Z is already 01/04/2022 in Vietnam.
    const retired = { ...quarterly, retiredAt: '2022-03-31T18:00:00.000Z' };
    expect(taskDueInPeriod(retired, q(2022, 1)).active).toBe(true);
    expect(taskDueInPeriod(retired, q(2022, 2))).toEqual({ active: false, dues: [], reason: 'Nhiệm vụ đã thôi theo dõi từ 01/04/2022' });
  });

  it('an assignment whose task is unknown is an error', () => {
    expect(() => assignmentsDueInPeriod(q(2022, 2), [a(9, 424242, 10)], tasks)).toThrowError(/Không tìm thấy nhiệm vụ #424242/);
  });

  it('an ad hoc period reads its own window', () => {
    const p = adHocPeriod('2022-06-15', '2022-07-15');
    expect(taskDueInPeriod(quarterly, p).dues).toEqual(['2022-06-30']);
    expect(taskDueInPeriod(quarterly, adHocPeriod('2022-07-01', '2022-07-15')).active).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { assignmentsDueInPeriod, makePeriod, taskOriginalDues, type TaskScheduleRef } from '../../src/domain/reporting/index.js';
import { rollupRound, type RollupEntry } from '../../src/domain/reporting/rollup.js';
import { parseDeadline, type Window } from '../../src/domain/schedule/index.js';

const P2: Window = { from: '2021-01-01', to: '2025-12-31' };
const task = (id: number, text: string): TaskScheduleRef => ({ id, schedule: parseDeadline(text, P2), window: P2 });

describe('taskOriginalDues: every due a task has, what an extension may move', () => {
  it('a dated task: its schedule dues; coordinator dates do not count for it', () => {
    const t = task(1, 'Quý III/2021');
    expect(taskOriginalDues(t, { coordinatorDates: ['2021-11-30'] })).toEqual(['2021-09-30']);
  });

  it('an unspecified task: only the dates a coordinator set, sorted and unique', () => {
    const t = task(2, 'Theo kế hoạch');
    expect(t.schedule.kind).toBe('unspecified');
    expect(taskOriginalDues(t)).toEqual([]);
    expect(taskOriginalDues(t, { coordinatorDates: ['2021-12-05', '2021-11-25', '2021-12-05'] })).toEqual(['2021-11-25', '2021-12-05']);
  });

  it('an event task with an offset: trigger + offset for each recorded trigger (working days skip the weekend)', () => {
    const t = task(3, 'Trong 15 ngày làm việc kể từ khi có quyết định');
    expect(t.schedule.kind).toBe('event');
    expect(t.schedule.eventOffset).toMatchObject({ amount: 15, unit: 'working_day' });
    expect(taskOriginalDues(t)).toEqual([]);
    // Friday 01/10/2021 + 15 working days = Friday 22/10/2021.
    expect(taskOriginalDues(t, { triggers: ['2021-10-01'] })).toEqual(['2021-10-22']);
  });

  it('an event task without an offset: the dates a coordinator set; its trigger alone gives no due', () => {
    const t = task(4, 'Sau khi UBND tỉnh phê duyệt');
    expect(t.schedule.eventOffset ?? null).toBeNull();
    expect(taskOriginalDues(t, { triggers: ['2021-08-20'] })).toEqual([]);
    expect(taskOriginalDues(t, { triggers: ['2021-08-20'], coordinatorDates: ['2021-12-01'] })).toEqual(['2021-12-01']);
  });

  it('refuses a date that is not YYYY-MM-DD, in Vietnamese', () => {
    expect(() => taskOriginalDues(task(5, 'Theo kế hoạch'), { coordinatorDates: ['05/12/2021'] })).toThrow(DomainError);
    expect(() => taskOriginalDues(task(5, 'Theo kế hoạch'), { coordinatorDates: ['05/12/2021'] })).toThrow(/không hợp lệ/);
  });

  it('agrees with the periods: each recorded due falls in exactly the period assignmentsDueInPeriod asks it in', () => {
    const t = task(6, 'Theo kế hoạch');
    const dates = ['2021-11-25', '2022-02-10'];
    const dues = taskOriginalDues(t, { coordinatorDates: dates });
    const ask = (y: number, i: number) =>
      assignmentsDueInPeriod(makePeriod('quarter', y, i), [{ id: 60, taskId: 6, unitId: 9, role: 'lead' }], new Map([[6, t]]), {
        coordinatorDates: new Map([[6, dates]]),
      })[0]!;
    expect(ask(2021, 4)).toMatchObject({ active: true, dues: ['2021-11-25'] });
    expect(ask(2022, 1)).toMatchObject({ active: true, dues: ['2022-02-10'] });
    expect(ask(2022, 2)).toMatchObject({ active: false, dues: [] });
    expect([...ask(2021, 4).dues, ...ask(2022, 1).dues]).toEqual(dues);
  });
});

describe('rollupRound with extensions and contributions', () => {
  const units = [
    { id: 1, name: 'UBND phường Hòa Vinh', kind: 'ward' as const },
    { id: 2, name: 'Hội Nông dân thị xã', kind: 'mass_org' as const },
  ];
  const tasks = [{ id: 10, no: '1', content: 'Niêm yết công khai', dimension: 'transparency' as const, position: 1 }];
  const entry = (reportId: number, extra: Partial<RollupEntry>): RollupEntry => ({
    reportId,
    taskId: 10,
    role: 'lead',
    status: 'not_started',
    progress: null,
    results: '',
    difficulties: '',
    proposals: '',
    blockedReason: null,
    completedOn: null,
    dues: ['2021-09-15'],
    ...extra,
  });
  const run = (dues: RollupEntry['dues'], contributionStatus: 'draft' | 'submitted') =>
    rollupRound({
      submissionDeadline: '2021-09-16',
      now: new Date('2021-09-20T05:00:00Z'),
      units,
      reports: [
        { id: 101, unitId: 1, status: 'draft', submittedAt: null, late: false },
        { id: 102, unitId: 2, status: contributionStatus, submittedAt: contributionStatus === 'submitted' ? '2021-09-18T01:00:00Z' : null, late: true },
      ],
      entries: [entry(101, { dues }), entry(102, { role: 'coordinating', status: 'in_progress', results: 'Đã phối hợp' })],
      tasks,
    });

  it('an extended due (original/current pair) is not overdue before the current date', () => {
    expect(run(['2021-09-15'], 'draft').tasks[0]!.units[0]).toMatchObject({ status: 'overdue', due: '2021-09-15' });
    expect(run([{ original: '2021-09-15', current: '2021-09-30' }], 'draft').tasks[0]!.units[0]).toMatchObject({ status: 'not_started', due: '2021-09-30', overdue: false });
  });

  it('a coordinating unit is shown beside the lead units once submitted, and never counted or urged', () => {
    const draft = run(['2021-09-15'], 'draft');
    expect(draft.units.map((u) => u.unitId)).toEqual([1]);
    expect(draft.submission.missing).toEqual(['UBND phường Hòa Vinh']);
    expect(draft.tasks[0]!.contributions).toEqual([]);
    expect(draft.tasks[0]!.assignees).toBe(1);
    const sent = run(['2021-09-15'], 'submitted');
    expect(sent.tasks[0]!.contributions).toEqual([
      expect.objectContaining({ unitId: 2, unitName: 'Hội Nông dân thị xã', reportId: 102, status: 'in_progress', results: 'Đã phối hợp' }),
    ]);
    expect(sent.units.map((u) => u.unitId)).toEqual([1]);
  });
});

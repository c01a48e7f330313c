import { describe, expect, it } from 'vitest';
import {
  assigneeNoun,
  countsSentence,
  emptyCounts,
  rollupRound,
  rollupSentence,
  submissionState,
  taskStatus,
  type RollupEntry,
  type RollupInput,
} from '../../src/domain/reporting/rollup.js';

const units = [
  { id: 1, name: 'UBND phường Hòa Vinh', kind: 'ward' as const },
  { id: 2, name: 'UBND xã Hòa Tân Đông', kind: 'commune' as const },
  { id: 3, name: 'UBND xã Hòa Xuân Tây', kind: 'commune' as const },
  { id: 4, name: 'Phòng Tư pháp', kind: 'agency' as const },
];
const tasks = [
  { id: 10, no: '1', content: 'Niêm yết công khai', dimension: 'transparency' as const, position: 1 },
  { id: 11, no: '2', content: 'Tổ chức đối thoại', dimension: 'accountability' as const, position: 2 },
  { id: 12, no: '3', content: 'Rà soát thủ tục', dimension: 'admin_procedures' as const, position: 3 },
];
const entry = (reportId: number, taskId: number, status: RollupEntry['status'], extra: Partial<RollupEntry> = {}): RollupEntry => ({
  reportId,
  taskId,
  role: 'lead',
  status,
  progress: null,
  results: '',
  difficulties: '',
  proposals: '',
  blockedReason: null,
  completedOn: null,
  dues: ['2021-09-15'],
  ...extra,
});

function input(now: string): RollupInput {
  return {
    submissionDeadline: '2021-09-16',
    now: new Date(now),
    units,
    reports: [
      { id: 101, unitId: 1, status: 'accepted', submittedAt: '2021-09-10T03:00:00Z', late: false },
      { id: 102, unitId: 2, status: 'submitted', submittedAt: '2021-09-20T03:00:00Z', late: true },
      { id: 103, unitId: 3, status: 'draft', submittedAt: null, late: false },
      { id: 104, unitId: 4, status: 'accepted', submittedAt: '2021-09-12T03:00:00Z', late: false },
    ],
    entries: [
      entry(101, 10, 'done', { completedOn: '2021-09-08', results: 'Đã niêm yết 12 thủ tục.' }),
      entry(101, 11, 'blocked', { blockedReason: 'Thiếu kinh phí' }),
      entry(102, 10, 'done', { completedOn: '2021-09-18' }),
      entry(102, 11, 'in_progress'),
      entry(103, 10, 'done'), // a draft says nothing yet
      entry(103, 11, 'not_started'),
      entry(104, 12, 'done', { completedOn: '2021-09-12', difficulties: 'Nhân lực mỏng' }),
      entry(104, 10, 'done', { role: 'coordinating' }), // contributions are not rolled up
    ],
    tasks,
  };
}

describe('rollupRound', () => {
  const r = rollupRound(input('2021-09-20T05:00:00Z'));

  it('states each unit against the deadline: on time, late, missing', () => {
    const byName = new Map(r.units.map((u) => [u.unitName, u]));
    expect(byName.get('UBND phường Hòa Vinh')!.submission).toBe('on_time');
    expect(byName.get('UBND xã Hòa Tân Đông')!.submission).toBe('late');
    expect(byName.get('UBND xã Hòa Xuân Tây')!.submission).toBe('missing');
    expect(r.submission).toEqual({
      onTime: ['Phòng Tư pháp', 'UBND phường Hòa Vinh'],
      late: ['UBND xã Hòa Tân Đông'],
      missing: ['UBND xã Hòa Xuân Tây'],
      pending: [],
    });
    expect(rollupRound(input('2021-09-16T16:00:00Z')).submission.pending).toEqual(['UBND xã Hòa Xuân Tây']);
  });

  it('counts each unit\'s tasks by status and lists its overdue ones', () => {
    const hv = r.units.find((u) => u.unitId === 1)!;
    expect(hv.counts).toMatchObject({ done: 1, blocked: 1 });
    expect(hv.total).toBe(2);
    expect(hv.overdueTasks.map((t) => t.taskId)).toEqual([11]); // blocked past its due
    const draft = r.units.find((u) => u.unitId === 3)!;
    expect(draft.counts).toMatchObject({ overdue: 2 });
    expect(draft.overdueTasks.map((t) => t.no)).toEqual(['1', '2']);
    const late = r.units.find((u) => u.unitId === 2)!;
    expect(late.counts).toMatchObject({ done_late: 1, overdue: 1 });
  });

  it('rolls each task up over its assignees with the Vietnamese sentence', () => {
    const t10 = r.tasks.find((t) => t.taskId === 10)!;
    expect(t10.assignees).toBe(3);
    expect(t10.done).toBe(2);
    expect(t10.sentence).toBe('2/3 xã, phường hoàn thành');
    expect(t10.units.map((u) => u.status)).toEqual(['done', 'done_late', 'overdue']);
    const t12 = r.tasks.find((t) => t.taskId === 12)!;
    expect(t12.sentence).toBe('1/1 đơn vị hoàn thành');
    expect(r.tasks.map((t) => t.taskId)).toEqual([10, 11, 12]);
  });

  it('groups by dimension, quoting accepted reports only', () => {
    expect(r.dimensions.map((d) => d.dimension)).toEqual(['transparency', 'accountability', 'admin_procedures']);
    const transparency = r.dimensions[0]!;
    expect(transparency.label).toMatch(/Công khai, minh bạch/);
    expect(transparency.tasks.overdue).toBe(1);
    expect(transparency.assignments).toMatchObject({ done: 1, done_late: 1, overdue: 1 });
    expect(transparency.results).toEqual([{ unitName: 'UBND phường Hòa Vinh', taskNo: '1', text: 'Đã niêm yết 12 thủ tục.' }]);
    expect(r.dimensions[1]!.difficulties).toEqual([{ unitName: 'UBND phường Hòa Vinh', taskNo: '2', text: 'Thiếu kinh phí' }]);
    expect(r.dimensions[2]!.difficulties[0]!.text).toBe('Nhân lực mỏng');
    expect(r.totals.done + r.totals.done_late + r.totals.overdue + r.totals.blocked + r.totals.in_progress).toBe(7);
  });
});

describe('rollup helpers', () => {
  it('rolls statuses of one task', () => {
    expect(taskStatus(['done', 'done'])).toBe('done');
    expect(taskStatus(['done', 'done_late'])).toBe('done_late');
    expect(taskStatus(['done', 'overdue', 'blocked'])).toBe('overdue');
    expect(taskStatus(['done', 'not_started'])).toBe('in_progress');
    expect(taskStatus(['not_started', 'not_due'])).toBe('not_started');
    expect(taskStatus([])).toBe('not_due');
  });
  it('words the sentence', () => {
    expect(rollupSentence(7, 10, assigneeNoun(['commune', 'ward']))).toBe('7/10 xã, phường hoàn thành');
    expect(assigneeNoun(['commune', 'agency'])).toBe('đơn vị');
    const c = emptyCounts();
    c.done = 3;
    c.overdue = 1;
    expect(countsSentence(c)).toBe('3 hoàn thành, 1 quá hạn');
    expect(countsSentence(emptyCounts())).toBe('không có nhiệm vụ');
  });
  it('states a submission', () => {
    expect(submissionState({ submittedAt: null, late: false }, '2021-09-16', new Date('2021-09-16T16:59:59Z'))).toBe('pending');
    expect(submissionState({ submittedAt: null, late: false }, '2021-09-16', new Date('2021-09-16T17:00:00Z'))).toBe('missing');
  });
});

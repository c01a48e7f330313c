import { describe, expect, it } from 'vitest';
import { assignmentsFor, taskKey } from '../../src/domain/plans/assignments.js';
import { compareTasks, type TaskFields } from '../../src/domain/plans/revision.js';

const task = (key: string, over: Partial<TaskFields> = {}): TaskFields => ({
  key, content: `Nội dung ${key}`, leadText: 'Phòng Nội vụ', coordinatingText: '', output: 'Báo cáo',
  deadlineText: 'Quý III/2021', dimension: 'participation', subgroup: null, ...over,
});

describe('comparing a revised plan', () => {
  it('finds added, changed, retired and unchanged tasks by key, ignoring spacing', () => {
    const saved = [task('I/1'), task('I/2'), task('I/3')];
    const incoming = [task('I/1', { content: 'Nội  dung   I/1 ' }), task('I/2', { deadlineText: 'Quý IV/2021' }), task('I/4')];
    expect(compareTasks(saved, incoming)).toEqual({
      added: ['I/4'],
      changed: [{ key: 'I/2', fields: ['deadlineText'] }],
      retired: ['I/3'],
      unchanged: 1,
    });
  });
});

describe('assignments of a task', () => {
  it('fans groups out, skips external and vague parties, and lets lead win over coordinating', () => {
    const list = assignmentsFor([
      { text: 'Phòng Tư pháp', role: 'lead', resolution: { type: 'unit', text: 'Phòng Tư pháp', unitId: 5, unitName: 'Phòng Tư pháp', external: false } },
      { text: 'UBND các xã, phường', role: 'lead', resolution: { type: 'group', text: 'UBND các xã, phường', group: 'communes_wards', unitIds: [10, 11] } },
      { text: 'Phòng Tư pháp', role: 'coordinating', resolution: { type: 'unit', text: 'Phòng Tư pháp', unitId: 5, unitName: 'Phòng Tư pháp', external: false } },
      { text: 'Phòng Nội vụ', role: 'coordinating', resolution: { type: 'unit', text: 'Phòng Nội vụ', unitId: 6, unitName: 'Phòng Nội vụ', external: false } },
      { text: 'Sở Nội vụ', role: 'coordinating', resolution: { type: 'unit', text: 'Sở Nội vụ', unitId: 2, unitName: 'Sở Nội vụ', external: true } },
      { text: 'Các cơ quan liên quan', role: 'coordinating', resolution: { type: 'vague', text: 'x', reason: 'y' } },
    ]);
    expect(list).toEqual([
      { unitId: 5, role: 'lead', sourceText: 'Phòng Tư pháp' },
      { unitId: 10, role: 'lead', sourceText: 'UBND các xã, phường' },
      { unitId: 11, role: 'lead', sourceText: 'UBND các xã, phường' },
      { unitId: 6, role: 'coordinating', sourceText: 'Phòng Nội vụ' },
    ]);
  });

  it('keys tasks by appendix and original number', () => {
    expect(taskKey('II', '50')).toBe('II/50');
  });
});

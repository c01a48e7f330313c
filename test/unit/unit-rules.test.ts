import { describe, expect, it } from 'vitest';
import { UnitTree } from '../../src/domain/units/tree.js';
import { checkValidity, cleanAliases, planMerge, proposeCode, unitSearchText } from '../../src/domain/units/rules.js';
import type { Unit, UnitNode } from '../../src/domain/units/unit.js';
import { DomainError } from '../../src/domain/errors.js';

const nodes: UnitNode[] = [
  { id: 1, parentId: null, kind: 'province' },
  { id: 2, parentId: 1, kind: 'district' },
  { id: 3, parentId: 2, kind: 'agency' },
  { id: 4, parentId: 2, kind: 'ward' },
  { id: 5, parentId: 2, kind: 'commune' },
  { id: 6, parentId: 1, kind: 'external' },
];
const tree = new UnitTree(nodes);

function unit(id: number, over: Partial<Unit> = {}): Unit {
  const n = nodes.find((x) => x.id === id)!;
  return {
    id, code: `U${id}`, name: `Đơn vị ${id}`, shortName: null, kind: n.kind, parentId: n.parentId, aliases: [],
    validFrom: null, validTo: null, successorId: null, email: null, version: 1, createdAt: '', updatedAt: '', ...over,
  };
}

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as DomainError).code;
  }
  return 'no error';
};

describe('the unit tree', () => {
  it('finds the government a unit works for: Phòng Nội vụ works for the thị xã', () => {
    expect(tree.governmentOf(3)).toBe(2);
    expect(tree.governmentOf(4)).toBe(4);
    expect(tree.governmentOf(6)).toBe(1);
  });

  it('lists a subtree and refuses a parent that would close a loop', () => {
    expect([...tree.subtree(2)].sort()).toEqual([2, 3, 4, 5]);
    expect(tree.wouldCycle(2, 4)).toBe(true);
    expect(tree.wouldCycle(4, 5)).toBe(false);
    expect(tree.wouldCycle(4, 4)).toBe(true);
  });
});

describe('unit rules', () => {
  it('merges a commune into a ward: the old unit ends the day before', () => {
    expect(planMerge(unit(5), unit(4), '2025-07-01', tree)).toEqual({ validTo: '2025-06-30' });
    expect(planMerge(unit(5), unit(4), '2024-03-01', tree)).toEqual({ validTo: '2024-02-29' });
  });

  it('refuses merges that would lose or bend history', () => {
    expect(code(() => planMerge(unit(5), unit(5), '2025-07-01', tree))).toBe('merge_self');
    expect(code(() => planMerge(unit(5, { successorId: 4 }), unit(4), '2025-07-01', tree))).toBe('already_merged');
    expect(code(() => planMerge(unit(2), unit(4), '2025-07-01', tree))).toBe('merge_into_child');
    expect(code(() => planMerge(unit(3), unit(4), '2025-07-01', tree))).toBe('merge_kind');
    expect(code(() => planMerge(unit(5), unit(4, { validTo: '2025-01-01' }), '2025-07-01', tree))).toBe('merge_into_ended');
    expect(code(() => planMerge(unit(5), unit(4), '2025-02-30', tree))).toBe('invalid_date');
  });

  it('checks validity dates', () => {
    expect(code(() => checkValidity('2021-01-01', '2020-12-31'))).toBe('invalid_validity');
    expect(code(() => checkValidity('2021-13-01', null))).toBe('invalid_date');
    expect(code(() => checkValidity('2021-01-01', '2021-01-01'))).toBe('no error');
  });

  it('proposes a readable, unique code from the name', () => {
    expect(proposeCode('Phòng Nội vụ', 'DH', new Set())).toBe('DH.PNV');
    expect(proposeCode('Phòng Nội vụ', 'DH', new Set(['DH.PNV', 'DH.PNV2']))).toBe('DH.PNV3');
    expect(proposeCode('Đội 2', null, new Set())).toBe('D2');
  });

  it('drops duplicate aliases compared without diacritics', () => {
    expect(cleanAliases(['Phòng VH&TT', ' phong vh&tt ', '', 'Phòng VHTT'])).toEqual(['Phòng VH&TT', 'Phòng VHTT']);
  });

  it('builds a search text that covers name, short name, aliases and code', () => {
    const text = unitSearchText({ name: 'Phòng Văn hóa và Thông tin', shortName: null, aliases: ['Phòng VH&TT'], code: 'DH.VHTT' });
    expect(text).toContain(' phong van hoa va thong tin ');
    expect(text).toContain('phong vh va tt');
    expect(text).toContain('dh vhtt');
  });
});

import type { Unit, UnitKind } from '../../api/types';

export interface TreeNode {
  unit: Unit;
  depth: number;
  children: TreeNode[];
}

/** Within one parent: levels of government first, then offices and bodies, then wards and communes, then outsiders. */
const KIND_ORDER: Record<UnitKind, number> = {
  province: 0,
  district: 1,
  agency: 2,
  mass_org: 3,
  ward: 4,
  commune: 5,
  external: 6,
};

/**
 * Builds the tree from the flat list (already sorted by Vietnamese name by the server). Units whose
 * parent is not in the list become roots, so a filtered list still shows everything it holds.
 */
export function buildTree(units: Unit[]): TreeNode[] {
  const byParent = new Map<number | null, Unit[]>();
  const ids = new Set(units.map((u) => u.id));
  for (const unit of units) {
    const key = unit.parentId !== null && ids.has(unit.parentId) ? unit.parentId : null;
    const list = byParent.get(key) ?? [];
    list.push(unit);
    byParent.set(key, list);
  }
  const seen = new Set<number>();
  const grow = (parentId: number | null, depth: number): TreeNode[] =>
    [...(byParent.get(parentId) ?? [])]
      .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind])
      .filter((u) => !seen.has(u.id) && seen.add(u.id))
      .map((unit) => ({ unit, depth, children: grow(unit.id, depth + 1) }));
  return grow(null, 0);
}

/** The ids of a unit and everything under it. */
export function subtreeIds(units: Unit[], rootId: number): Set<number> {
  const result = new Set<number>([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const u of units) {
      if (u.parentId !== null && result.has(u.parentId) && !result.has(u.id)) {
        result.add(u.id);
        grew = true;
      }
    }
  }
  return result;
}

/** A unit has ended when its last day in force is before today (Vietnam time). */
export function hasEnded(unit: Unit, today: string): boolean {
  return unit.validTo !== null && unit.validTo < today;
}

/** Every node id with children, for "expand all". */
export function branchIds(nodes: TreeNode[], into: number[] = []): number[] {
  for (const node of nodes) {
    if (node.children.length) {
      into.push(node.unit.id);
      branchIds(node.children, into);
    }
  }
  return into;
}

import type { Unit, User } from '../../api/types';

const PUBLISHING_KINDS = new Set(['commune', 'ward', 'district', 'agency', 'province']);

/** `rootId` and every unit under it. */
export function subtree(units: readonly Unit[], rootId: number): Set<number> {
  const children = new Map<number, number[]>();
  for (const u of units) if (u.parentId !== null) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
  const out = new Set<number>();
  const stack = [rootId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

/**
 * Units a user may pick when drafting or filtering: a unit officer's own unit and those under it; everyone
 * else every unit that publishes (the server answers each request within the user's scope anyway).
 */
export function unitsFor(user: Pick<User, 'role' | 'unitId'>, units: readonly Unit[]): Unit[] {
  const publishing = units.filter((u) => PUBLISHING_KINDS.has(u.kind));
  if (user.role !== 'unit_officer' || user.unitId === null) return publishing;
  const mine = subtree(units, user.unitId);
  return publishing.filter((u) => mine.has(u.id));
}

/**
 * The unit whose communes the register shows first: the officer's own commune or ward; otherwise the
 * government the user's unit belongs to (Phòng Nội vụ → UBND thị xã), else the first district or province.
 */
export function registerRoot(user: Pick<User, 'unitId'>, units: readonly Unit[]): number | null {
  const byId = new Map(units.map((u) => [u.id, u]));
  let unit = user.unitId === null ? undefined : byId.get(user.unitId);
  while (unit && unit.kind !== 'commune' && unit.kind !== 'ward' && unit.kind !== 'district' && unit.kind !== 'province') {
    unit = unit.parentId === null ? undefined : byId.get(unit.parentId);
  }
  if (unit) return unit.id;
  return (units.find((u) => u.kind === 'district') ?? units.find((u) => u.kind === 'province'))?.id ?? null;
}

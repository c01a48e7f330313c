import type { Role } from './roles.js';
import type { UnitTree } from '../units/tree.js';

/**
 * Whoever acts: a signed-in user, or the system itself (CLI, migrations, jobs).
 * `scope` is the set of unit ids the actor's role reaches; null means everywhere.
 */
export interface Actor {
  kind: 'user' | 'system';
  id: number | null;
  username: string;
  role: Role;
  unitId: number | null;
  scope: ReadonlySet<number> | null;
}

export const SYSTEM_ACTOR: Actor = {
  kind: 'system',
  id: null,
  username: 'system',
  role: 'admin',
  unitId: null,
  scope: null,
};

/**
 * The reach of a role (PRODUCT.md §2):
 * - admin: everything;
 * - unit_officer: its own unit and the units below it;
 * - coordinator, leader, supervisor: the whole government their unit belongs to
 *   (Phòng Nội vụ → UBND thị xã and everything under it).
 */
export function scopeFor(role: Role, unitId: number | null, tree: UnitTree): ReadonlySet<number> | null {
  if (role === 'admin') return null;
  if (unitId === null) return new Set();
  if (role === 'unit_officer') return tree.subtree(unitId);
  const government = tree.governmentOf(unitId) ?? unitId;
  return tree.subtree(government);
}

export function inScope(actor: Actor, unitId: number | null): boolean {
  if (actor.scope === null) return true;
  return unitId !== null && actor.scope.has(unitId);
}

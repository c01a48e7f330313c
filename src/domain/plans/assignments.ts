import type { Resolution } from '../units/resolve.js';

export type AssignmentRole = 'lead' | 'coordinating';

export interface PartyMention {
  text: string;
  role: AssignmentRole;
  resolution: Resolution;
}

export interface PlannedAssignment {
  unitId: number;
  role: AssignmentRole;
  sourceText: string;
}

/**
 * One assignment per (task, unit): groups fan out, external bodies and vague mentions are named
 * but never asked to report, and a unit named both as lead and as coordinating leads.
 */
export function assignmentsFor(mentions: readonly PartyMention[]): PlannedAssignment[] {
  const byUnit = new Map<number, PlannedAssignment>();
  const put = (unitId: number, role: AssignmentRole, sourceText: string) => {
    const existing = byUnit.get(unitId);
    if (!existing || (existing.role === 'coordinating' && role === 'lead')) byUnit.set(unitId, { unitId, role, sourceText });
  };
  for (const m of mentions) {
    const r = m.resolution;
    if (r.type === 'unit' && !r.external) put(r.unitId, m.role, m.text);
    if (r.type === 'group') for (const id of r.unitIds) put(id, m.role, m.text);
  }
  return [...byUnit.values()].sort((a, b) => (a.role === b.role ? a.unitId - b.unitId : a.role === 'lead' ? -1 : 1));
}

/** "I/12": the appendix label and the task's original number, stable across revisions of a plan. */
export function taskKey(appendixLabel: string | null, no: string): string {
  return `${appendixLabel ?? '-'}/${no}`;
}

/**
 * Comparing a revised plan with the one already saved, task by stable key: what is added, what
 * changed (and which fields), what disappeared (retired, never deleted: reports may point to it).
 */
export interface TaskFields {
  key: string;
  content: string;
  leadText: string;
  coordinatingText: string;
  output: string;
  deadlineText: string;
  dimension: string | null;
  subgroup: string | null;
}

export const COMPARED_FIELDS = ['content', 'leadText', 'coordinatingText', 'output', 'deadlineText', 'dimension', 'subgroup'] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

export interface Revision {
  added: string[];
  changed: Array<{ key: string; fields: ComparedField[] }>;
  retired: string[];
  unchanged: number;
}

const same = (a: string | null, b: string | null) => (a ?? '').replace(/\s+/g, ' ').trim() === (b ?? '').replace(/\s+/g, ' ').trim();

export function compareTasks(saved: readonly TaskFields[], incoming: readonly TaskFields[]): Revision {
  const before = new Map(saved.map((t) => [t.key, t]));
  const after = new Map(incoming.map((t) => [t.key, t]));
  const revision: Revision = { added: [], changed: [], retired: [], unchanged: 0 };
  for (const [key, next] of after) {
    const prev = before.get(key);
    if (!prev) {
      revision.added.push(key);
      continue;
    }
    const fields = COMPARED_FIELDS.filter((f) => !same(prev[f], next[f]));
    if (fields.length) revision.changed.push({ key, fields });
    else revision.unchanged++;
  }
  for (const key of before.keys()) if (!after.has(key)) revision.retired.push(key);
  return revision;
}

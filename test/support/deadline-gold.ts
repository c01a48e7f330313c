import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** One line of test/fixtures/seed/deadlines.gold.jsonl: a deadline text and its expected reading. */
export interface Gold {
  text: string;
  from: string;
  to: string;
  kinds: string[];
  dues?: string[];
  first?: string;
  last?: string;
  end?: string;
  count?: number;
}

export const GOLD_FILE = resolve(import.meta.dirname, '..', 'fixtures', 'seed', 'deadlines.gold.jsonl');

export const gold: Gold[] = readFileSync(GOLD_FILE, 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as Gold);

/** What is wrong with a reading, as a list of short messages (empty when it matches the gold line). */
export function goldErrors(g: Gold, s: { kind: string; dues: string[]; end: string | null; count: number | null }): string[] {
  const errors: string[] = [];
  if (!g.kinds.includes(s.kind)) errors.push(`kind ${s.kind} ∉ ${g.kinds.join('|')}`);
  if (g.dues && JSON.stringify(s.dues) !== JSON.stringify(g.dues)) errors.push(`dues ${s.dues.join(',')} ≠ ${g.dues.join(',')}`);
  if (g.first && s.dues[0] !== g.first) errors.push(`first ${s.dues[0]} ≠ ${g.first}`);
  if (g.last && s.dues[s.dues.length - 1] !== g.last) errors.push(`last ${s.dues[s.dues.length - 1]} ≠ ${g.last}`);
  if (g.end && s.end !== g.end) errors.push(`end ${s.end} ≠ ${g.end}`);
  if (g.count !== undefined && s.count !== g.count) errors.push(`count ${s.count} ≠ ${g.count}`);
  return errors;
}

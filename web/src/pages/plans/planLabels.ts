import type { Abilities, Dimension, PartyMention, ScheduleKind } from '../../api/types';
import { DIMENSIONS } from '../../api/types';
import type { MessageKey } from '../../i18n/vi';

/** The kinds of deadline in the order the filter lists them. */
export const SCHEDULE_KINDS: readonly ScheduleKind[] = ['once', 'recurring', 'continuous', 'event', 'unspecified'];

/** "Due within N days" choices of the plan page. */
export const DUE_WITHIN_DAYS = [7, 30, 90] as const;

/** Catalogue key of a PAPI dimension's Vietnamese name; tasks outside the 8 dimensions are "Nội dung khác". */
export function dimensionKey(dimension: string | null): MessageKey {
  return dimension && (DIMENSIONS as readonly string[]).includes(dimension) ? (`dimension.${dimension as Dimension}` as const) : 'dimension.other';
}

/** The dimensions in PAPI order, then "other" (null) last: the order sections are shown in. */
export const DIMENSION_ORDER: ReadonlyArray<Dimension | null> = [...DIMENSIONS, null];

export function dimensionRank(dimension: string | null): number {
  const i = (DIMENSIONS as readonly string[]).indexOf(dimension ?? '');
  return i === -1 ? DIMENSIONS.length : i;
}

/** Groups items by dimension, in PAPI order, keeping each group's own order; empty groups are left out. */
export function byDimension<T extends { dimension: string | null }>(items: readonly T[]): Array<{ dimension: Dimension | null; items: T[] }> {
  return DIMENSION_ORDER.map((dimension) => ({
    dimension,
    items: items.filter((i) => dimensionRank(i.dimension) === dimensionRank(dimension)),
  })).filter((g) => g.items.length > 0);
}

/** Roman numerals for the dimension headings (I. … VIII.), as the plan writes them. */
export const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX'];

/** Who may import and revise plans: the server's policy answer, sent with the session. */
export function canImportPlans(session: { abilities: Pick<Abilities, 'importPlan'> }): boolean {
  return session.abilities.importPlan;
}

/** Lead parties first, then coordinating ones. */
export function mentionsOf(mentions: readonly PartyMention[], role: PartyMention['role']): PartyMention[] {
  return mentions.filter((m) => m.role === role);
}

/** A stable id for a task row, usable as an HTML anchor: "I/12" → "task-I-12". */
export function taskAnchor(key: string): string {
  return `task-${key.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

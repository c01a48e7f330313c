/**
 * The life of a disclosure: draft → pending approval → published (from its publish date to its posting
 * end, the unpublish date) → taken down; and what the register says per commune and category.
 *
 * Dates are calendar dates in Vietnam (YYYY-MM-DD). A disclosure is on show from its publish date through
 * its posting end, inclusive. Taking it down before the category's minimum posting period is over is
 * recorded as "too early" (gỡ xuống sớm), never prevented: a wrong list must be able to come down at once.
 *
 * Public visibility (decision): only published items inside their posting period are public. Once the
 * period ends they disappear from the portal (no "hết thời hạn niêm yết" archive): the texts we could check
 * ask for a minimum posting period, none asks to keep items on show afterwards, and lists of people must
 * come down (PRODUCT.md §4: every list has an unpublish date). The register still counts them as expired.
 */
import { CATEGORIES, type DisclosureCategory } from './categories.js';

export type DisclosureStatus = 'draft' | 'pending' | 'published' | 'taken_down';

export const STATUS_LABELS: Record<DisclosureStatus, string> = {
  draft: 'Bản nháp',
  pending: 'Chờ phê duyệt',
  published: 'Đã công khai',
  taken_down: 'Đã gỡ xuống',
};

export type DisclosureTransition = 'submit' | 'approve' | 'return' | 'take_down' | 'edit';

const ALLOWED: Record<DisclosureTransition, readonly DisclosureStatus[]> = {
  edit: ['draft'],
  submit: ['draft'],
  approve: ['pending'],
  return: ['pending'],
  take_down: ['published'],
};

export function canTransition(status: DisclosureStatus, transition: DisclosureTransition): boolean {
  return ALLOWED[transition].includes(status);
}

export function nextStatus(status: DisclosureStatus, transition: DisclosureTransition): DisclosureStatus | null {
  if (!canTransition(status, transition)) return null;
  switch (transition) {
    case 'edit':
      return 'draft';
    case 'submit':
      return 'pending';
    case 'approve':
      return 'published';
    case 'return':
      return 'draft';
    case 'take_down':
      return 'taken_down';
  }
}

const DAY = 86_400_000;
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

/**
 * The last day the law wants a disclosure posted: publish date + minimum days − 1 (a 90-day posting
 * from 01/01 ends on 31/03); for categories without a minimum, the item's own posting end.
 */
export function requiredPostingEnd(category: DisclosureCategory, publishDate: string, postingEnd: string | null): string | null {
  const min = CATEGORIES[category].minPostingDays;
  if (min === null) return postingEnd;
  return addDays(publishDate, min - 1);
}

/** The posting end an approver is offered: the minimum period, or the item's own end when longer. */
export function defaultPostingEnd(category: DisclosureCategory, publishDate: string): string | null {
  const min = CATEGORIES[category].minPostingDays;
  return min === null ? null : addDays(publishDate, min - 1);
}

/** Checks a posting period; a Vietnamese message when it is shorter than the law's minimum. */
export function postingPeriodProblem(category: DisclosureCategory, publishDate: string, postingEnd: string | null): string | null {
  if (postingEnd !== null && postingEnd < publishDate) return 'Ngày hết thời hạn niêm yết phải sau ngày công khai.';
  const min = CATEGORIES[category].minPostingDays;
  if (min !== null && postingEnd !== null && daysBetween(publishDate, postingEnd) + 1 < min) {
    return `Thời gian niêm yết của «${CATEGORIES[category].label}» tối thiểu ${min} ngày (đến hết ngày ${fmt(addDays(publishDate, min - 1))}).`;
  }
  return null;
}

const fmt = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

export interface PostingFacts {
  category: DisclosureCategory;
  status: DisclosureStatus;
  publishDate: string | null;
  postingEnd: string | null;
  /** Date (YYYY-MM-DD, Vietnam) the item was taken down. */
  takenDownOn: string | null;
}

/** Where a disclosure stands on a day, as the register and the portal read it. */
export type PostingState = 'draft' | 'pending' | 'scheduled' | 'posted' | 'expired' | 'taken_down' | 'taken_down_early';

export function postingState(f: PostingFacts, today: string): PostingState {
  if (f.status === 'draft') return 'draft';
  if (f.status === 'pending') return 'pending';
  if (f.status === 'taken_down') return takenDownTooEarly(f) ? 'taken_down_early' : 'taken_down';
  if (f.publishDate === null || today < f.publishDate) return 'scheduled';
  if (f.postingEnd !== null && today > f.postingEnd) return 'expired';
  return 'posted';
}

/** True when an item came down before the law's minimum posting period (or, without one, its own declared end) was over. */
export function takenDownTooEarly(f: PostingFacts): boolean {
  if (f.status !== 'taken_down' || f.takenDownOn === null || f.publishDate === null) return false;
  const required = requiredPostingEnd(f.category, f.publishDate, f.postingEnd);
  if (required === null) return false;
  // The required end is the last day it must be on show: coming down on that day or before is too early.
  return f.takenDownOn <= required;
}

/** Whether a citizen may see the item today. */
export function isPublic(f: PostingFacts, today: string): boolean {
  return postingState(f, today) === 'posted';
}

/** The objection window (from the publish date), or null when the category has none. */
export function objectionWindow(category: DisclosureCategory, publishDate: string | null): { from: string; to: string } | null {
  const days = CATEGORIES[category].objectionDays;
  if (days === null || publishDate === null) return null;
  return { from: publishDate, to: addDays(publishDate, days - 1) };
}

export function objectionOpen(category: DisclosureCategory, publishDate: string | null, today: string): boolean {
  const w = objectionWindow(category, publishDate);
  return w !== null && today >= w.from && today <= w.to;
}

// ---- register ---------------------------------------------------------------------------------

export type RegisterStatus = 'posted' | 'missing' | 'too_early' | 'expired';

export const REGISTER_LABELS: Record<RegisterStatus, string> = {
  posted: 'Đang niêm yết',
  missing: 'Chưa công khai',
  too_early: 'Gỡ xuống trước thời hạn',
  expired: 'Hết thời hạn niêm yết',
};

export interface RegisterCell {
  category: DisclosureCategory;
  status: RegisterStatus;
  /** Items on show today. */
  posted: number;
  /** Items waiting for approval. */
  pending: number;
  drafts: number;
  /** Items taken down before their minimum period. */
  tooEarly: number;
  expired: number;
  /** The most recent publish date of the category, if any. */
  lastPublished: string | null;
}

/**
 * One commune's line of the register: per category, posted when something is on show today; otherwise too
 * early when the latest published item came down before its time; expired when the latest one simply ran
 * its period; missing when nothing was ever published.
 */
export function registerLine(items: readonly (PostingFacts & { id?: number })[], today: string): RegisterCell[] {
  return Object.keys(CATEGORIES).map((key) => {
    const category = key as DisclosureCategory;
    const mine = items.filter((i) => i.category === category);
    const states = mine.map((i) => ({ i, s: postingState(i, today) }));
    const count = (...s: PostingState[]) => states.filter((x) => s.includes(x.s)).length;
    const published = states.filter((x) => x.i.publishDate !== null && (x.s === 'posted' || x.s === 'expired' || x.s === 'taken_down' || x.s === 'taken_down_early'));
    const latest = [...published].sort((a, b) => (a.i.publishDate! < b.i.publishDate! ? 1 : a.i.publishDate! > b.i.publishDate! ? -1 : 0))[0];
    let status: RegisterStatus;
    if (count('posted') > 0) status = 'posted';
    else if (!latest) status = 'missing';
    else if (latest.s === 'taken_down_early') status = 'too_early';
    else status = 'expired';
    return {
      category,
      status,
      posted: count('posted'),
      pending: count('pending'),
      drafts: count('draft'),
      tooEarly: count('taken_down_early'),
      expired: count('expired', 'taken_down'),
      lastPublished: latest?.i.publishDate ?? null,
    };
  });
}

import type { DisclosureCategory, DisclosureChannel, DisclosureStatus, DisclosureView, PostingState, RegisterStatus } from '../../api/disclosures';
import type { MessageKey } from '../../i18n/vi';

// The law's figures per category (minimum posting days, objection window, channels) are the domain's own
// table, read as data; only the words shown go through the catalogue.
export { CATEGORIES, DISCLOSURE_CATEGORIES, DISCLOSURE_CHANNELS } from '../../../../src/domain/disclosures/categories';

/** A calendar date `days` later (YYYY-MM-DD). */
export const addDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

export const CATEGORY_LABEL: Record<DisclosureCategory, MessageKey> = {
  poor_households: 'disclosures.category.poor_households',
  budget: 'disclosures.category.budget',
  land: 'disclosures.category.land',
  procedures: 'disclosures.category.procedures',
  anti_corruption: 'disclosures.category.anti_corruption',
  recruitment: 'disclosures.category.recruitment',
};

export const CHANNEL_LABEL: Record<DisclosureChannel, MessageKey> = {
  notice_board: 'disclosures.channel.notice_board',
  loudspeaker: 'disclosures.channel.loudspeaker',
  village_meeting: 'disclosures.channel.village_meeting',
  website: 'disclosures.channel.website',
};

/** What the list filters on: the stored statuses, and "returned" (a draft sent back with a comment). */
export type StatusFilter = DisclosureStatus | 'returned';
export const STATUS_FILTERS: readonly StatusFilter[] = ['draft', 'returned', 'pending', 'published', 'taken_down'];

export const STATUS_LABEL: Record<StatusFilter, MessageKey> = {
  draft: 'disclosures.status.draft',
  returned: 'disclosures.status.returned',
  pending: 'disclosures.status.pending',
  published: 'disclosures.status.published',
  taken_down: 'disclosures.status.taken_down',
};

export const STATUS_COLOR: Record<StatusFilter, string> = {
  draft: 'gray',
  returned: 'orange',
  pending: 'blue',
  published: 'green',
  taken_down: 'red',
};

/** A draft with the approver's comment is shown as returned. */
export const shownStatus = (d: Pick<DisclosureView, 'status' | 'returnComment'>): StatusFilter => (d.status === 'draft' && d.returnComment ? 'returned' : d.status);

export const POSTING_STATE_LABEL: Record<PostingState, MessageKey> = {
  draft: 'disclosures.posting.draft',
  pending: 'disclosures.posting.pending',
  scheduled: 'disclosures.posting.scheduled',
  posted: 'disclosures.posting.posted',
  expired: 'disclosures.posting.expired',
  taken_down: 'disclosures.posting.taken_down',
  taken_down_early: 'disclosures.posting.taken_down_early',
};

export const REGISTER_LABEL: Record<RegisterStatus, MessageKey> = {
  posted: 'disclosures.register.status.posted',
  missing: 'disclosures.register.status.missing',
  too_early: 'disclosures.register.status.too_early',
  expired: 'disclosures.register.status.expired',
};

export const REGISTER_COLOR: Record<RegisterStatus, string> = { posted: 'green', missing: 'gray', too_early: 'red', expired: 'yellow' };

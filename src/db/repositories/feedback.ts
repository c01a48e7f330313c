import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, FeedbackAttachmentTable, FeedbackCaseTable, FeedbackMessageTable } from '../schema.js';

export type FeedbackCaseRow = Selectable<FeedbackCaseTable>;
export type FeedbackMessageRow = Selectable<FeedbackMessageTable>;
export type FeedbackAttachmentRow = Selectable<FeedbackAttachmentTable>;

/** The columns a public page may read: no sender, no complaint or denunciation (see publicCases). */
const PUBLIC_COLUMNS = ['id', 'code', 'topic', 'communeId', 'unitId', 'status', 'receivedOn', 'publicQuestion', 'answer', 'answeredAt', 'publishedAt'] as const;
export type PublicFeedbackRow = Pick<FeedbackCaseRow, (typeof PUBLIC_COLUMNS)[number]>;

/** What the tracking page shows: the case's own state, still without the sender. */
const TRACKING_COLUMNS = [
  'id', 'code', 'kind', 'topic', 'communeId', 'unitId', 'status', 'receivedOn', 'acceptedOn', 'dueDate', 'dueExplanation', 'duplicateOf',
  'answer', 'answeredAt', 'answerPublic', 'publicQuestion', 'rejectReason', 'rating', 'ratedAt', 'closedAt', 'version',
] as const;
export type TrackingRow = Pick<FeedbackCaseRow, (typeof TRACKING_COLUMNS)[number]>;

/** What Open311 readers get: the tracking columns' public part plus the text and the update time. */
const OPEN311_COLUMNS = [
  'id', 'code', 'topic', 'unitId', 'status', 'description', 'publicQuestion', 'answer', 'rejectReason', 'receivedAt', 'updatedAt', 'dueDate', 'duplicateOf',
] as const;
export type Open311Row = Pick<FeedbackCaseRow, (typeof OPEN311_COLUMNS)[number]>;

export interface FeedbackFilter {
  /** Unit ids the reader reaches; null = everywhere. */
  unitIds: number[] | null;
  status?: string;
  kind?: string;
  limit: number;
}

export class FeedbackRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: Insertable<FeedbackCaseTable>): Promise<FeedbackCaseRow> {
    return this.db.insertInto('feedbackCases').values(row).returningAll().executeTakeFirstOrThrow();
  }

  async insertSender(caseId: number, name: string | null, contact: string | null): Promise<void> {
    await this.db.insertInto('feedbackSenders').values({ caseId, name, contact }).execute();
  }

  async sender(caseId: number): Promise<{ name: string | null; contact: string | null } | undefined> {
    return this.db.selectFrom('feedbackSenders').select(['name', 'contact']).where('caseId', '=', caseId).executeTakeFirst();
  }

  async get(id: number): Promise<FeedbackCaseRow | undefined> {
    return this.db.selectFrom('feedbackCases').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async codeExists(code: string): Promise<boolean> {
    return (await this.db.selectFrom('feedbackCases').select('id').where('code', '=', code).executeTakeFirst()) !== undefined;
  }

  /** The tracking view of a code (never the sender). */
  async byCode(code: string): Promise<TrackingRow | undefined> {
    return this.db.selectFrom('feedbackCases').select(TRACKING_COLUMNS).where('code', '=', code).executeTakeFirst();
  }

  async tracking(id: number): Promise<TrackingRow | undefined> {
    return this.db.selectFrom('feedbackCases').select(TRACKING_COLUMNS).where('id', '=', id).executeTakeFirst();
  }

  /** Updates a case only at `version`; undefined when someone changed it meanwhile. */
  async update(id: number, version: number, patch: Updateable<FeedbackCaseTable>): Promise<FeedbackCaseRow | undefined> {
    return this.db
      .updateTable('feedbackCases')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  }

  async list(filter: FeedbackFilter): Promise<FeedbackCaseRow[]> {
    if (filter.unitIds && filter.unitIds.length === 0) return [];
    let q = this.db.selectFrom('feedbackCases').selectAll();
    if (filter.unitIds) q = q.where('unitId', 'in', filter.unitIds);
    if (filter.status) q = q.where('status', '=', filter.status as FeedbackCaseRow['status']);
    if (filter.kind) q = q.where('kind', '=', filter.kind as FeedbackCaseRow['kind']);
    return q.orderBy('receivedAt', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
  }

  async duplicatesOf(id: number): Promise<Array<Pick<FeedbackCaseRow, 'id' | 'code' | 'status'>>> {
    return this.db.selectFrom('feedbackCases').select(['id', 'code', 'status']).where('duplicateOf', '=', id).orderBy('id').execute();
  }

  /** Published answers: feedback only, marked public, never a duplicate (its master carries the answer). */
  async publicCases(limit: number, offset = 0): Promise<PublicFeedbackRow[]> {
    return this.db
      .selectFrom('feedbackCases')
      .select(PUBLIC_COLUMNS)
      .where('kind', '=', 'feedback')
      .where('answerPublic', '=', 1)
      .where('publishedAt', 'is not', null)
      .where('duplicateOf', 'is', null)
      .orderBy('publishedAt', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
  }

  /** One published answer, under the same conditions as publicCases. */
  async publicCase(id: number): Promise<PublicFeedbackRow | undefined> {
    return this.db
      .selectFrom('feedbackCases')
      .select(PUBLIC_COLUMNS)
      .where('id', '=', id)
      .where('kind', '=', 'feedback')
      .where('answerPublic', '=', 1)
      .where('publishedAt', 'is not', null)
      .where('duplicateOf', 'is', null)
      .executeTakeFirst();
  }

  /**
   * Feedback for Open311 readers: never a complaint or denunciation, never the sender. Filters are the
   * GeoReport v2 ones (codes, topic, received between, open or closed statuses); newest first.
   */
  async open311Cases(filter: { codes?: string[]; topic?: string; from?: string; to?: string; statuses?: readonly string[]; limit: number }): Promise<Open311Row[]> {
    let q = this.db.selectFrom('feedbackCases').select(OPEN311_COLUMNS).where('kind', '=', 'feedback');
    if (filter.codes) q = q.where('code', 'in', filter.codes.length ? filter.codes : ['']);
    if (filter.topic) q = q.where('topic', '=', filter.topic);
    if (filter.from) q = q.where('receivedAt', '>=', filter.from);
    if (filter.to) q = q.where('receivedAt', '<=', filter.to);
    if (filter.statuses) q = q.where('status', 'in', filter.statuses as Array<FeedbackCaseRow['status']>);
    return q.orderBy('receivedAt', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
  }

  async addMessage(row: Insertable<FeedbackMessageTable>): Promise<void> {
    await this.db.insertInto('feedbackMessages').values(row).execute();
  }

  async messages(caseId: number): Promise<FeedbackMessageRow[]> {
    return this.db.selectFrom('feedbackMessages').selectAll().where('caseId', '=', caseId).orderBy('id').execute();
  }

  async storeFile(row: { hash: string; name: string; mime: string; size: number; content: Uint8Array; createdAt: string }): Promise<void> {
    await this.db
      .insertInto('files')
      .values(row)
      .onConflict((oc) => oc.column('hash').doNothing())
      .execute();
  }

  async addAttachment(row: Insertable<FeedbackAttachmentTable>): Promise<void> {
    await this.db.insertInto('feedbackAttachments').values(row).execute();
  }

  async attachments(caseId: number): Promise<FeedbackAttachmentRow[]> {
    return this.db.selectFrom('feedbackAttachments').selectAll().where('caseId', '=', caseId).orderBy('id').execute();
  }

  async attachmentFile(caseId: number, hash: string): Promise<{ name: string; mime: string; content: Uint8Array } | undefined> {
    return this.db
      .selectFrom('feedbackAttachments')
      .innerJoin('files', 'files.hash', 'feedbackAttachments.fileHash')
      .select(['feedbackAttachments.name', 'feedbackAttachments.mime', 'files.content'])
      .where('feedbackAttachments.caseId', '=', caseId)
      .where('feedbackAttachments.fileHash', '=', hash)
      .executeTakeFirst();
  }

  // ---- rate events ----

  async countEvents(bucket: string, key: string, since: string): Promise<{ count: number; oldest: string | null }> {
    const row = await this.db
      .selectFrom('rateEvents')
      .select((eb) => [eb.fn.countAll<number | string>().as('count'), eb.fn.min('at').as('oldest')])
      .where('bucket', '=', bucket)
      .where('key', '=', key)
      .where('at', '>', since)
      .executeTakeFirst();
    return { count: Number(row?.count ?? 0), oldest: (row?.oldest as string | null | undefined) ?? null };
  }

  async addEvent(bucket: string, key: string, at: string): Promise<void> {
    await this.db.insertInto('rateEvents').values({ bucket, key, at }).execute();
  }

  /**
   * Forgets a bucket's events older than `before` (out of every window). Run at each count, so the bucket
   * only ever holds one window of events, whatever the number of addresses that passed once.
   */
  async pruneEvents(bucket: string, before: string): Promise<void> {
    await this.db.deleteFrom('rateEvents').where('bucket', '=', bucket).where('at', '<=', before).execute();
  }
}

import type { Kysely, Selectable } from 'kysely';
import type { Database, EntryTable, SubscriptionTable, SubscriptionTokenTable } from '../schema.js';

export type SubscriptionRow = Selectable<SubscriptionTable>;
export type SubscriptionTokenRow = Selectable<SubscriptionTokenTable>;

/** An accepted report and when it was accepted (its last 'accept' version). */
export interface AcceptedReportChangeRow {
  reportId: number;
  planId: number;
  unitId: number;
  roundLabel: string;
  acceptedAt: string;
}

export interface AcceptedLineRow {
  reportId: number;
  entryId: number;
  taskId: number;
  taskNo: string;
  status: EntryTable['status'];
  progress: number | null;
  results: string;
}

/**
 * Subscriptions of citizens (0009) and the reads their letters and feeds need. Like db/repositories/portal.ts,
 * every query here that touches reports holds `reports.status = 'accepted'`: a draft, submitted or returned
 * report never reaches a letter or a feed.
 */
export class SubscriptionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async find(email: string, targetKind: SubscriptionRow['targetKind'], targetId: number): Promise<SubscriptionRow | undefined> {
    return this.db
      .selectFrom('subscriptions')
      .selectAll()
      .where('email', '=', email)
      .where('targetKind', '=', targetKind)
      .where('targetId', '=', targetId)
      .executeTakeFirst();
  }

  async get(id: number): Promise<SubscriptionRow | undefined> {
    return this.db.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Creates the row, or does nothing when (email, target) exists (two requests racing): the caller reads it back. */
  async insert(row: { email: string; targetKind: SubscriptionRow['targetKind']; targetId: number; now: string }): Promise<void> {
    await this.db
      .insertInto('subscriptions')
      .values({ email: row.email, targetKind: row.targetKind, targetId: row.targetId, createdAt: row.now, requestedAt: row.now, confirmedAt: null, unsubscribedAt: null, watermark: null, lastSentAt: null })
      .onConflict((oc) => oc.columns(['email', 'targetKind', 'targetId']).doNothing())
      .execute();
  }

  async touchRequested(id: number, now: string): Promise<void> {
    await this.db.updateTable('subscriptions').set({ requestedAt: now }).where('id', '=', id).execute();
  }

  async addToken(token: { tokenHash: string; subscriptionId: number; purpose: SubscriptionTokenRow['purpose']; createdAt: string; expiresAt: string | null }): Promise<void> {
    await this.db.insertInto('subscriptionTokens').values(token).execute();
  }

  async token(tokenHash: string): Promise<SubscriptionTokenRow | undefined> {
    return this.db.selectFrom('subscriptionTokens').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
  }

  /** Confirms (again, after an unsubscribe); only changes from now on will be sent. False when already active. */
  async confirm(id: number, now: string): Promise<boolean> {
    const res = await this.db
      .updateTable('subscriptions')
      .set({ confirmedAt: now, unsubscribedAt: null, watermark: now })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('confirmedAt', 'is', null), eb('unsubscribedAt', 'is not', null)]))
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** Stops every letter; confirmation links of the row stop working too. False when it already was. */
  async unsubscribe(id: number, now: string): Promise<boolean> {
    const res = await this.db.updateTable('subscriptions').set({ unsubscribedAt: now }).where('id', '=', id).where('unsubscribedAt', 'is', null).executeTakeFirst();
    await this.db.deleteFrom('subscriptionTokens').where('subscriptionId', '=', id).where('purpose', '=', 'confirm').execute();
    return Number(res.numUpdatedRows) === 1;
  }

  /** Confirmed and not unsubscribed, by target. */
  async active(): Promise<SubscriptionRow[]> {
    return this.db
      .selectFrom('subscriptions')
      .selectAll()
      .where('confirmedAt', 'is not', null)
      .where('unsubscribedAt', 'is', null)
      .orderBy('targetKind')
      .orderBy('targetId')
      .orderBy('id')
      .execute();
  }

  /** Moves the watermark only if nobody moved it since it was read: of two instances, one letter. */
  async advance(id: number, from: string, to: string, sentAt: string): Promise<boolean> {
    const res = await this.db
      .updateTable('subscriptions')
      .set({ watermark: to, lastSentAt: sentAt })
      .where('id', '=', id)
      .where('watermark', '=', from)
      .where('unsubscribedAt', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /**
   * Deletes, with their tokens, subscriptions never confirmed whose last request is older than `before`, and
   * those unsubscribed before it: an address nobody may write to is not kept.
   */
  async purgeStale(before: string): Promise<number> {
    const stale = this.db
      .selectFrom('subscriptions')
      .select('id')
      .where((eb) => eb.or([eb.and([eb('confirmedAt', 'is', null), eb('requestedAt', '<', before)]), eb('unsubscribedAt', '<', before)]));
    await this.db.deleteFrom('subscriptionTokens').where('subscriptionId', 'in', stale).execute();
    const res = await this.db
      .deleteFrom('subscriptions')
      .where((eb) => eb.or([eb.and([eb('confirmedAt', 'is', null), eb('requestedAt', '<', before)]), eb('unsubscribedAt', '<', before)]))
      .executeTakeFirst();
    await this.db.deleteFrom('subscriptionTokens').where('purpose', '=', 'confirm').where('expiresAt', '<', before).execute();
    return Number(res.numDeletedRows);
  }

  /** Letters of the given kinds queued to one address since `since` (the abuse limit counts them). */
  async lettersSince(recipient: string, kinds: readonly string[], since: string): Promise<number> {
    const row = await this.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('recipient', '=', recipient)
      .where('kind', 'in', kinds)
      .where('createdAt', '>=', since)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Letters of the given outbox kinds still to send (pending, or failed fewer than `maxAttempts` times), oldest first. */
  async dueLetters(kinds: readonly string[], maxAttempts: number, limit: number) {
    return this.db
      .selectFrom('outbox')
      .selectAll()
      .where('kind', 'in', kinds)
      .where((eb) => eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'failed'), eb('attempts', '<', maxAttempts)])]))
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  /** A letter that must not be sent any more (its reader stopped following): failed for good, with the reason. */
  async giveUp(outboxId: number, reason: string, maxAttempts: number): Promise<void> {
    await this.db.updateTable('outbox').set({ status: 'failed', attempts: maxAttempts, lastError: reason }).where('id', '=', outboxId).where('status', '!=', 'sent').execute();
  }

  /** Accepted reports of a plan or of a unit accepted after `after`, oldest first, at most `limit`. */
  async acceptedReportsAfter(filter: { planId?: number; unitId?: number }, after: string, limit: number): Promise<AcceptedReportChangeRow[]> {
    let q = this.db
      .selectFrom('reports')
      .innerJoin('rounds', 'rounds.id', 'reports.roundId')
      .innerJoin('reportVersions', 'reportVersions.reportId', 'reports.id')
      .where('reports.status', '=', 'accepted')
      .where('reportVersions.action', '=', 'accept')
      .select((eb) => ['reports.id as reportId', 'rounds.planId', 'reports.unitId', 'rounds.label as roundLabel', eb.fn.max('reportVersions.createdAt').as('acceptedAt')])
      .groupBy(['reports.id', 'rounds.planId', 'reports.unitId', 'rounds.label']);
    if (filter.planId !== undefined) q = q.where('rounds.planId', '=', filter.planId);
    if (filter.unitId !== undefined) q = q.where('reports.unitId', '=', filter.unitId);
    const rows = await q
      .having((eb) => eb.fn.max('reportVersions.createdAt'), '>', after)
      .orderBy('acceptedAt', 'desc')
      .orderBy('reports.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ ...r, acceptedAt: String(r.acceptedAt) })).reverse();
  }

  /** The task lines of the given ACCEPTED reports, in report order. */
  async acceptedLines(reportIds: readonly number[]): Promise<AcceptedLineRow[]> {
    if (reportIds.length === 0) return [];
    return this.db
      .selectFrom('entries')
      .innerJoin('reports', 'reports.id', 'entries.reportId')
      .innerJoin('tasks', 'tasks.id', 'entries.taskId')
      .where('reports.status', '=', 'accepted')
      .where('entries.reportId', 'in', reportIds)
      .select(['entries.reportId', 'entries.id as entryId', 'entries.taskId', 'tasks.no as taskNo', 'entries.status', 'entries.progress', 'entries.results'])
      .orderBy('entries.reportId')
      .orderBy('entries.position')
      .execute();
  }
}

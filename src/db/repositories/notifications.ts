import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, NotificationTable } from '../schema.js';

export type NotificationRow = Selectable<NotificationTable>;
export type NewNotificationRow = Omit<Insertable<NotificationTable>, 'readAt'>;

export class NotificationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Adds notifications; one a user already has under the same key is skipped. Returns how many were added. */
  async insert(rows: readonly NewNotificationRow[]): Promise<number> {
    if (rows.length === 0) return 0;
    const added = await this.db
      .insertInto('notifications')
      .values(rows.map((r) => ({ ...r, readAt: null })))
      .onConflict((oc) => oc.columns(['userId', 'key']).doNothing())
      .returning('id')
      .execute();
    return added.length;
  }

  async list(userId: number, options: { unreadOnly?: boolean; limit?: number } = {}): Promise<NotificationRow[]> {
    let q = this.db.selectFrom('notifications').selectAll().where('userId', '=', userId);
    if (options.unreadOnly) q = q.where('readAt', 'is', null);
    return q.orderBy('id', 'desc').limit(options.limit ?? 100).execute();
  }

  async unreadCount(userId: number): Promise<number> {
    const row = await this.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('userId', '=', userId)
      .where('readAt', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async get(id: number): Promise<NotificationRow | undefined> {
    return this.db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async markRead(id: number, now: string): Promise<void> {
    await this.db.updateTable('notifications').set({ readAt: now }).where('id', '=', id).where('readAt', 'is', null).execute();
  }

  async markAllRead(userId: number, now: string): Promise<number> {
    const res = await this.db
      .updateTable('notifications')
      .set({ readAt: now })
      .where('userId', '=', userId)
      .where('readAt', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows);
  }
}

export interface ReminderRoundRow {
  id: number;
  planId: number;
  planTitle: string;
  planIssuerUnitId: number;
  label: string;
  submissionDeadline: string;
  closedAt: string | null;
}

export interface ReminderReportRow {
  id: number;
  roundId: number;
  unitId: number;
  status: 'draft' | 'submitted' | 'returned' | 'accepted';
  submittedAt: string | null;
}

export interface RecipientUserRow {
  id: number;
  role: string;
  unitId: number | null;
  email: string | null;
}

/** The reads a reminder pass needs: open rounds near their deadline, their open reports, who to tell. */
export class ReminderQueryRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Open rounds whose submission deadline is within [from, to] (YYYY-MM-DD), with their plan. */
  async openRounds(from: string, to: string): Promise<ReminderRoundRow[]> {
    return this.db
      .selectFrom('rounds')
      .innerJoin('plans', 'plans.id', 'rounds.planId')
      .select([
        'rounds.id',
        'rounds.planId',
        'plans.title as planTitle',
        'plans.issuerUnitId as planIssuerUnitId',
        'rounds.label',
        'rounds.submissionDeadline',
        'rounds.closedAt',
      ])
      .where('rounds.closedAt', 'is', null)
      .where('rounds.submissionDeadline', '>=', from)
      .where('rounds.submissionDeadline', '<=', to)
      .orderBy('rounds.id')
      .execute();
  }

  /** The reports of these rounds still waiting for the unit (draft or returned). */
  async openReports(roundIds: readonly number[]): Promise<ReminderReportRow[]> {
    if (roundIds.length === 0) return [];
    return this.db
      .selectFrom('reports')
      .select(['id', 'roundId', 'unitId', 'status', 'submittedAt'])
      .where('roundId', 'in', roundIds)
      .where('status', 'in', ['draft', 'returned'])
      .orderBy('id')
      .execute();
  }

  async units(ids: readonly number[]): Promise<Array<{ id: number; name: string; email: string | null }>> {
    if (ids.length === 0) return [];
    return this.db.selectFrom('units').select(['id', 'name', 'email']).where('id', 'in', ids).execute();
  }

  /** Active accounts that receive reminders: unit officers and coordinators. */
  async recipientUsers(): Promise<RecipientUserRow[]> {
    return this.db
      .selectFrom('users')
      .select(['id', 'role', 'unitId', 'email'])
      .where('active', '=', 1)
      .where('role', 'in', ['unit_officer', 'coordinator'])
      .orderBy('id')
      .execute();
  }
}

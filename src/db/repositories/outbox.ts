import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, OutboxTable } from '../schema.js';

export type OutboxRow = Selectable<OutboxTable>;
export type NewOutboxRow = Omit<Insertable<OutboxTable>, 'status' | 'attempts' | 'lastError' | 'sentAt'>;

export class OutboxRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Queues messages; a key already queued (this pass, an earlier one, another instance) is skipped. Returns the keys added. */
  async enqueue(rows: readonly NewOutboxRow[]): Promise<string[]> {
    if (rows.length === 0) return [];
    const added = await this.db
      .insertInto('outbox')
      .values(rows.map((r) => ({ ...r, status: 'pending' as const, attempts: 0, lastError: null, sentAt: null })))
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('key')
      .execute();
    return added.map((r) => r.key);
  }

  /** Messages still to send (pending, or failed fewer than `maxAttempts` times), oldest first; `exceptKinds` are another job's. */
  async due(maxAttempts: number, limit: number, exceptKinds: readonly string[] = []): Promise<OutboxRow[]> {
    return this.db
      .selectFrom('outbox')
      .selectAll()
      .$if(exceptKinds.length > 0, (q) => q.where('kind', 'not in', exceptKinds))
      .where((eb) => eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'failed'), eb('attempts', '<', maxAttempts)])]))
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  /** Marks a message sent, only if nobody else did (returns false when it already was). */
  async markSent(id: number, now: string): Promise<boolean> {
    const res = await this.db
      .updateTable('outbox')
      .set((eb) => ({ status: 'sent', sentAt: now, attempts: eb('attempts', '+', 1), lastError: null }))
      .where('id', '=', id)
      .where('status', '!=', 'sent')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** Records a failed attempt; the message stays queued until `maxAttempts`, then it is 'failed' for good. */
  async markFailed(id: number, error: string, maxAttempts: number): Promise<void> {
    // One statement: the count and the verdict come from the stored attempts, whoever else touched the row.
    await this.db
      .updateTable('outbox')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        status: eb.case().when('attempts', '>=', maxAttempts - 1).then('failed' as const).else('pending' as const).end(),
        lastError: error.slice(0, 1000),
      }))
      .where('id', '=', id)
      .where('status', '!=', 'sent')
      .execute();
  }

  async byKeyPrefix(prefix: string): Promise<OutboxRow[]> {
    return this.db.selectFrom('outbox').selectAll().where('key', 'like', `${prefix}%`).orderBy('id').execute();
  }

  async all(): Promise<OutboxRow[]> {
    return this.db.selectFrom('outbox').selectAll().orderBy('id').execute();
  }
}

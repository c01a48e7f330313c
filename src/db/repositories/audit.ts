import { SqliteAdapter, type Kysely } from 'kysely';
import type { AuditLogRow, Database } from '../schema.js';
import { auditHash, type AuditContent, type AuditEntry } from '../../domain/audit/chain.js';
import { PreparedQuery } from './prepared.js';

/** What a service hands in; the sequence number and hashes are assigned here. */
export type AuditRecord = Omit<AuditContent, 'seq'>;

export interface AuditQuery {
  entity?: string;
  entityId?: string;
  beforeSeq?: number;
  limit: number;
}

type EntryArgs = { [K in keyof AuditEntry]: AuditEntry[K] };

/** The one-entry append of every ordinary write, as queries compiled once (prepared.ts). */
const ADVANCE_HEAD = new PreparedQuery((db, { n }: { n: number }) =>
  db
    .updateTable('auditHead')
    .set((eb) => ({ seq: eb('seq', '+', n) }))
    .where('id', '=', 1)
    .returning(['seq', 'lastHash']),
);
const INSERT_ONE = new PreparedQuery((db, entry: EntryArgs) => db.insertInto('auditLog').values(entry));
const SET_LAST_HASH = new PreparedQuery((db, { lastHash }: { lastHash: string }) => db.updateTable('auditHead').set({ lastHash }).where('id', '=', 1));
const INSERT_ONE_SET_LAST_HASH = new PreparedQuery((db, { lastHash, ...entry }: EntryArgs & { lastHash: string }) =>
  db
    .with('appended', (w) => w.insertInto('auditLog').values(entry).returning('seq'))
    .updateTable('auditHead')
    .set({ lastHash })
    .where('id', '=', 1),
);

export class AuditRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Appends entries inside the transaction of the write they record. The UPDATE of the head row takes
   * its lock first, so concurrent writers queue up and the chain never forks; a batch costs one lock,
   * one insert per hundred entries and one update. The lock is held until the transaction commits, so
   * callers append last; on PostgreSQL the last insert and the head update go in one statement (a
   * data-modifying WITH), so the lock is held for two round trips and the commit.
   */
  async appendMany(records: readonly AuditRecord[]): Promise<AuditEntry[]> {
    if (records.length === 0) return [];
    if (records.length === 1) return [await this.appendOne(records[0]!)];
    const head = await this.db
      .updateTable('auditHead')
      .set((eb) => ({ seq: eb('seq', '+', records.length) }))
      .where('id', '=', 1)
      .returning(['seq', 'lastHash'])
      .executeTakeFirstOrThrow();
    let prev = head.lastHash;
    let seq = head.seq - records.length;
    const entries = records.map((record) => {
      const content = { ...record, seq: ++seq };
      const entry: AuditEntry = { ...content, prevHash: prev, hash: auditHash(content, prev) };
      prev = entry.hash;
      return entry;
    });
    const last = Math.floor((entries.length - 1) / 100) * 100;
    for (let i = 0; i < last; i += 100) await this.db.insertInto('auditLog').values(entries.slice(i, i + 100)).execute();
    if (this.db.getExecutor().adapter instanceof SqliteAdapter) {
      await this.db.insertInto('auditLog').values(entries.slice(last)).execute();
      await this.db.updateTable('auditHead').set({ lastHash: prev }).where('id', '=', 1).execute();
    } else {
      await this.db
        .with('appended', (db) => db.insertInto('auditLog').values(entries.slice(last)).returning('seq'))
        .updateTable('auditHead')
        .set({ lastHash: prev })
        .where('id', '=', 1)
        .execute();
    }
    return entries;
  }

  /** The same as `appendMany` for one entry (every ordinary write), with prepared queries. */
  private async appendOne(record: AuditRecord): Promise<AuditEntry> {
    const [head] = await ADVANCE_HEAD.execute(this.db, { n: 1 });
    if (!head) throw new Error('audit head row missing');
    const content: AuditContent = { ...record, seq: head.seq };
    const entry: AuditEntry = { ...content, prevHash: head.lastHash, hash: auditHash(content, head.lastHash) };
    const args: EntryArgs = {
      seq: entry.seq,
      at: entry.at,
      actorId: entry.actorId,
      actorName: entry.actorName,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      before: entry.before,
      after: entry.after,
      prevHash: entry.prevHash,
      hash: entry.hash,
    };
    if (this.db.getExecutor().adapter instanceof SqliteAdapter) {
      await INSERT_ONE.execute(this.db, args);
      await SET_LAST_HASH.execute(this.db, { lastHash: entry.hash });
    } else {
      await INSERT_ONE_SET_LAST_HASH.execute(this.db, { ...args, lastHash: entry.hash });
    }
    return entry;
  }

  async list(query: AuditQuery): Promise<AuditLogRow[]> {
    let q = this.db.selectFrom('auditLog').selectAll();
    if (query.entity) q = q.where('entity', '=', query.entity);
    if (query.entityId) q = q.where('entityId', '=', query.entityId);
    if (query.beforeSeq) q = q.where('seq', '<', query.beforeSeq);
    return q.orderBy('seq', 'desc').limit(query.limit).execute();
  }

  /** Every entry in chain order, read in pages so a long log never sits in memory at once. */
  async *walk(pageSize = 1000): AsyncGenerator<AuditEntry> {
    let after = 0;
    for (;;) {
      const page = await this.db
        .selectFrom('auditLog')
        .selectAll()
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(pageSize)
        .execute();
      for (const row of page) yield row;
      if (page.length < pageSize) return;
      after = page[page.length - 1]!.seq;
    }
  }
}

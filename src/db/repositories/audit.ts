import type { Kysely } from 'kysely';
import type { AuditLogRow, Database } from '../schema.js';
import { auditHash, type AuditContent, type AuditEntry } from '../../domain/audit/chain.js';

/** What a service hands in; the sequence number and hashes are assigned here. */
export type AuditRecord = Omit<AuditContent, 'seq'>;

export interface AuditQuery {
  entity?: string;
  entityId?: string;
  beforeSeq?: number;
  limit: number;
}

export class AuditRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Appends one entry. Must run inside the transaction of the write it records. The UPDATE
   * of the head row takes its lock first, so concurrent writers queue up and the chain never forks.
   */
  async append(record: AuditRecord): Promise<AuditEntry> {
    const head = await this.db
      .updateTable('auditHead')
      .set((eb) => ({ seq: eb('seq', '+', 1) }))
      .where('id', '=', 1)
      .returning(['seq', 'lastHash'])
      .executeTakeFirstOrThrow();
    const content = { ...record, seq: head.seq };
    const entry: AuditEntry = { ...content, prevHash: head.lastHash, hash: auditHash(content, head.lastHash) };
    await this.db.insertInto('auditLog').values(entry).execute();
    await this.db.updateTable('auditHead').set({ lastHash: entry.hash }).where('id', '=', 1).execute();
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

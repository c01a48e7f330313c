import type { Actor } from '../domain/accounts/actor.js';
import { auditSnapshot, verifyChain, type ChainCheck } from '../domain/audit/chain.js';
import { authorize } from '../domain/policies/index.js';
import type { Repositories, Store } from '../db/repositories/index.js';
import type { AuditLogRow } from '../db/schema.js';
import type { Clock } from './clock.js';

export interface AuditEvent {
  action: string;
  entity: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
}

/** Records every write in the hash-chained log, inside the write's own transaction. */
export class AuditService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async record(repos: Repositories, actor: Actor, event: AuditEvent): Promise<void> {
    await repos.audit.appendMany([this.toRecord(actor, event, this.clock.now().toISOString())]);
  }

  private toRecord(actor: Actor, event: AuditEvent, at: string) {
    return {
      at,
      actorId: actor.id,
      actorName: actor.username,
      action: event.action,
      entity: event.entity,
      entityId: event.entityId === null ? null : String(event.entityId),
      before: auditSnapshot(event.before),
      after: auditSnapshot(event.after),
    };
  }

  /** Several entries of one write, appended in one batch (a plan import writes hundreds of rows). */
  async recordMany(repos: Repositories, actor: Actor, events: readonly AuditEvent[]): Promise<void> {
    const at = this.clock.now().toISOString();
    await repos.audit.appendMany(events.map((event) => this.toRecord(actor, event, at)));
  }

  async list(actor: Actor, query: { entity?: string; entityId?: string; beforeSeq?: number; limit?: number }): Promise<AuditLogRow[]> {
    authorize(actor, 'read', 'AuditLog', {});
    return this.store.read.audit.list({ ...query, limit: Math.min(query.limit ?? 100, 500) });
  }

  /** Recomputes the whole chain; reports the first entry that does not hold. */
  async verify(): Promise<ChainCheck> {
    return verifyChain(this.store.read.audit.walk());
  }
}

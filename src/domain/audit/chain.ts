import { createHash } from 'node:crypto';

/**
 * The audit log is a hash chain: each entry's hash covers its own content and the previous
 * entry's hash, so changing or deleting any past entry breaks every hash after it.
 */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditContent {
  seq: number;
  at: string;
  actorId: number | null;
  actorName: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
}

export interface AuditEntry extends AuditContent {
  prevHash: string;
  hash: string;
}

/** Field order is fixed here, not taken from the object, so the hash never depends on key order. */
export function auditHash(content: AuditContent, prevHash: string): string {
  const canonical = JSON.stringify([
    prevHash,
    content.seq,
    content.at,
    content.actorId,
    content.actorName,
    content.action,
    content.entity,
    content.entityId,
    content.before,
    content.after,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export type ChainCheck =
  | { ok: true; count: number; lastHash: string }
  | { ok: false; count: number; brokenSeq: number; reason: string };

/** Walks entries in order of seq and reports the first one whose link or hash does not hold. */
export async function verifyChain(entries: Iterable<AuditEntry> | AsyncIterable<AuditEntry>): Promise<ChainCheck> {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for await (const e of entries) {
    count++;
    if (e.seq !== expectedSeq) {
      return { ok: false, count, brokenSeq: e.seq, reason: `thiếu mục số ${expectedSeq} (gặp số ${e.seq})` };
    }
    if (e.prevHash !== prev) {
      return { ok: false, count, brokenSeq: e.seq, reason: 'mã băm của mục trước không khớp' };
    }
    if (auditHash(e, prev) !== e.hash) {
      return { ok: false, count, brokenSeq: e.seq, reason: 'nội dung đã bị thay đổi sau khi ghi' };
    }
    prev = e.hash;
    expectedSeq++;
  }
  return { ok: true, count, lastHash: prev };
}

/** The JSON stored in before/after: stable key order, secrets never included. */
export function auditSnapshot(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (key, v: unknown) => {
    if (SECRET_KEYS.has(key)) return undefined;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

const SECRET_KEYS = new Set(['passwordHash', 'password', 'tokenHash', 'token', 'csrfToken']);

import { describe, expect, it } from 'vitest';
import { auditHash, auditSnapshot, GENESIS_HASH, verifyChain, type AuditEntry } from '../../src/domain/audit/chain.js';

function chain(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const content = {
      seq, at: `2026-01-0${seq}T00:00:00.000Z`, actorId: 1, actorName: 'admin', action: 'unit.update',
      entity: 'unit', entityId: String(seq), before: '{"name":"A"}', after: '{"name":"B"}',
    };
    const hash = auditHash(content, prev);
    out.push({ ...content, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('the audit hash chain', () => {
  it('verifies an intact chain', async () => {
    await expect(verifyChain(chain(5))).resolves.toMatchObject({ ok: true, count: 5 });
  });

  it('names the first entry whose content was changed', async () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, after: '{"name":"C"}' };
    await expect(verifyChain(entries)).resolves.toMatchObject({ ok: false, brokenSeq: 3 });
  });

  it('notices a deleted entry and a rewritten link', async () => {
    const deleted = chain(5).filter((e) => e.seq !== 4);
    await expect(verifyChain(deleted)).resolves.toMatchObject({ ok: false, brokenSeq: 5 });
    const entries = chain(3);
    const forged = { ...entries[1]!, actorName: 'hacker' };
    forged.hash = auditHash(forged, forged.prevHash);
    entries[1] = forged;
    await expect(verifyChain(entries)).resolves.toMatchObject({ ok: false, brokenSeq: 3 });
  });

  it('snapshots with sorted keys and without secrets', () => {
    expect(auditSnapshot({ b: 1, a: 2, passwordHash: 'x', nested: { z: 1, y: 2 } })).toBe('{"a":2,"b":1,"nested":{"y":2,"z":1}}');
    expect(auditSnapshot(undefined)).toBeNull();
  });
});

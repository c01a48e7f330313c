import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/accounts/actor.js';
import { engines } from '../support/engines.js';
import { createTestApp, type TestApp } from '../support/app.js';

describe.each(engines)('audit log on $name', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  const count = async () => (await t.db.handle.db.selectFrom('auditLog').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

  it('records the demo load and verifies', async () => {
    const result = await t.services.audit.verify();
    expect(result).toMatchObject({ ok: true });
    expect(result.count).toBeGreaterThanOrEqual(45 + 5);
  });

  it('appends one entry per write, with actor, before and after', async () => {
    const n0 = Number(await count());
    const unit = await t.services.units.create(SYSTEM_ACTOR, { name: 'Tổ công tác PAPI', kind: 'agency', parentId: null });
    await t.services.units.update(SYSTEM_ACTOR, unit.id, { name: 'Tổ công tác PAPI thị xã' });
    expect(Number(await count())).toBe(n0 + 2);
    const [last] = await t.services.audit.list(SYSTEM_ACTOR, { entity: 'unit', entityId: String(unit.id), limit: 1 });
    expect(last).toMatchObject({ action: 'unit.update', actorName: 'system', entity: 'unit' });
    expect(JSON.parse(last!.before!).name).toBe('Tổ công tác PAPI');
    expect(JSON.parse(last!.after!).name).toBe('Tổ công tác PAPI thị xã');
  });

  it('writes nothing, not even the audit entry, when the write fails', async () => {
    const n0 = Number(await count());
    const units0 = await t.services.units.list(SYSTEM_ACTOR);
    await expect(t.services.units.create(SYSTEM_ACTOR, { name: 'Trùng mã', kind: 'agency', code: 'DH.NV' })).rejects.toMatchObject({ kind: 'conflict' });
    await expect(t.services.units.update(SYSTEM_ACTOR, units0[0]!.id, { name: 'X' }, 999)).rejects.toMatchObject({ kind: 'conflict' });
    expect(Number(await count())).toBe(n0);
    expect((await t.services.units.list(SYSTEM_ACTOR)).length).toBe(units0.length);
  });

  it('keeps one unbroken chain under concurrent writes', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => t.services.units.create(SYSTEM_ACTOR, { name: `Đơn vị song song ${i}`, kind: 'agency' })),
    );
    await expect(t.services.audit.verify()).resolves.toMatchObject({ ok: true });
  });

  it('never stores passwords or their hashes', async () => {
    const rows = await t.db.handle.db.selectFrom('auditLog').select(['before', 'after']).execute();
    const text = JSON.stringify(rows);
    expect(text).not.toMatch(/argon2|passwordHash/);
  });

  it('names the first entry changed by hand in the database', async () => {
    await t.db.handle.db.updateTable('auditLog').set({ after: '{"name":"sửa tay"}' }).where('seq', '=', 7).execute();
    await expect(t.services.audit.verify()).resolves.toMatchObject({ ok: false, brokenSeq: 7 });
  });
});

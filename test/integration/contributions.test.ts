import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/accounts/actor.js';
import type { Schedule } from '../../src/domain/schedule/index.js';
import { engines } from '../support/engines.js';
import { createTestApp, type Client, type TestApp } from '../support/app.js';

interface ApiTask {
  id: number;
  key: string;
  schedule: Schedule;
  assignments: Array<{ id: number; unitId: number; role: 'lead' | 'coordinating' }>;
}
interface Report {
  id: number;
  roundId: number;
  unitId: number;
  status: string;
  version: number;
  entries: Array<{ taskId: number; role: string; status: string; dues: string[] }>;
}
type ErrorBody = { error: { code: string; message: string } };

let now = new Date('2021-09-01T02:00:00Z');
const clock = { now: () => now };

describe.each(engines)("coordinating units' contributions on $name", (engine) => {
  let t: TestApp;
  let noivu: Client;
  let hoavinh: Client;
  let hnd: Client;
  let admin: Client;
  let planId: number;
  let roundId: number;
  let hndId: number;
  let hv: number;
  let running: ApiTask; // continuous: active in Quý III/2021
  let later: ApiTask; // unspecified, no date set: not asked in any period
  let contribution: Report;

  const count = async (table: 'reports' | 'entries' | 'auditLog') =>
    Number((await t.db.handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  async function refused(send: () => Promise<{ statusCode: number; json(): unknown }>, status: number, message: RegExp) {
    const before = [await count('reports'), await count('entries'), await count('auditLog')];
    const res = await send();
    expect(res.statusCode, JSON.stringify(res.json())).toBe(status);
    expect((res.json() as ErrorBody).error.message).toMatch(message);
    expect([await count('reports'), await count('entries'), await count('auditLog')]).toEqual(before);
  }

  beforeAll(async () => {
    now = new Date('2021-09-01T02:00:00Z');
    t = await createTestApp(engine, { clock });
    const units = new Map((await t.services.units.list(SYSTEM_ACTOR)).map((u) => [u.code, u.id]));
    hv = units.get('DH.HV')!;
    // A unit that only coordinates: the Farmers' Union, coordinating two tasks.
    const unit = await t.services.units.create(SYSTEM_ACTOR, { name: 'Hội Nông dân thị xã Đông Hòa', kind: 'mass_org', parentId: units.get('DH')!, code: 'DH.HND' });
    hndId = unit.id;
    await t.services.accounts.create(
      SYSTEM_ACTOR,
      { username: 'hoinongdan', displayName: 'Cán bộ Hội Nông dân', role: 'unit_officer', unitId: hndId, password: 'P' },
      { skipPasswordPolicy: true },
    );
    [noivu, hoavinh, hnd, admin] = await Promise.all([t.login('noivu'), t.login('hoavinh'), t.login('hoinongdan'), t.login('admin')]);
    planId = ((await noivu.get('/api/v1/plans')).json() as Array<{ id: number }>)[0]!.id;
    const tasks = (await noivu.get(`/api/v1/plans/${planId}/tasks`)).json() as ApiTask[];
    running = tasks.find((x) => x.schedule.kind === 'continuous' && x.key.startsWith('II/'))!;
    later = tasks.find((x) => x.schedule.kind === 'unspecified')!;
    await t.db.handle.db
      .insertInto('assignments')
      .values([running, later].map((x) => ({ taskId: x.id, unitId: hndId, role: 'coordinating' as const, sourceText: 'Hội Nông dân thị xã', createdAt: now.toISOString(), retiredAt: null })))
      .execute();
    roundId = ((await noivu.post(`/api/v1/plans/${planId}/rounds`, { periodKey: '2021-Q3' })).json() as { id: number; reports: Array<{ unitId: number }> }).id;
  });
  afterAll(async () => t?.close());

  it('a unit that only coordinates gets no report when the round opens, and asks for one: 201, its coordinating tasks of the period', async () => {
    const round = (await noivu.get(`/api/v1/rounds/${roundId}`)).json() as { reports: Array<{ unitId: number }> };
    expect(round.reports.map((r) => r.unitId)).not.toContain(hndId);
    const res = await hnd.post(`/api/v1/rounds/${roundId}/contribution`);
    expect(res.statusCode, res.body).toBe(201);
    contribution = res.json() as Report;
    expect(contribution).toMatchObject({ roundId, unitId: hndId, status: 'draft', version: 1 });
    expect(contribution.entries.map((e) => [e.taskId, e.role])).toEqual([[running.id, 'coordinating']]); // not the task without a date
    expect(res.headers.location).toBe(`/api/v1/reports/${contribution.id}`);
    expect(res.headers.etag).toBe('"1"');
    // Asking again answers the same report, unchanged.
    const again = await hnd.post(`/api/v1/rounds/${roundId}/contribution`, {});
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: contribution.id, version: 1 });
    expect(((await hnd.get('/api/v1/reports?mine=1')).json() as { items: Array<{ id: number }> }).items.map((i) => i.id)).toEqual([contribution.id]);
  });

  it("a unit that also leads gets its coordinating tasks added to its report, as a new version", async () => {
    const round = (await noivu.get(`/api/v1/rounds/${roundId}`)).json() as { reports: Array<{ id: number; unitId: number }> };
    const mine = round.reports.find((r) => r.unitId === hv)!;
    const before = (await hoavinh.get(`/api/v1/reports/${mine.id}`)).json() as Report;
    expect(before.entries.every((e) => e.role === 'lead')).toBe(true);
    const res = await hoavinh.post(`/api/v1/rounds/${roundId}/contribution`, {});
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json() as Report;
    expect(after.id).toBe(mine.id);
    expect(after.version).toBe(before.version + 1);
    const added = after.entries.filter((e) => e.role === 'coordinating');
    expect(added.length).toBeGreaterThan(0);
    expect(after.entries.filter((e) => e.role === 'lead').map((e) => e.taskId)).toEqual(before.entries.map((e) => e.taskId));
    const versions = (await hoavinh.get(`/api/v1/reports/${mine.id}/versions`)).json() as Array<{ version: number; action: string }>;
    expect(versions.at(-1)).toMatchObject({ version: after.version, action: 'contribute' });
    expect((await hoavinh.post(`/api/v1/rounds/${roundId}/contribution`)).json()).toMatchObject({ version: after.version });
  });

  it('refuses bad requests with a Vietnamese message and writes nothing', async () => {
    await refused(() => hnd.post(`/api/v1/rounds/${roundId}/contribution`, { unitId: hv }), 403, /quyền/);
    await refused(() => noivu.post(`/api/v1/rounds/${roundId}/contribution`, {}), 403, /quyền/);
    await refused(() => hnd.post('/api/v1/rounds/999999/contribution', {}), 404, /Không tìm thấy đợt báo cáo/);
    await refused(() => admin.post(`/api/v1/rounds/${roundId}/contribution`, {}), 400, /Cần chọn đơn vị/);
    const province = (await t.services.units.list(SYSTEM_ACTOR)).find((u) => u.code === 'PY')!.id;
    await refused(() => admin.post(`/api/v1/rounds/${roundId}/contribution`, { unitId: province }), 409, /không được giao phối hợp thực hiện nhiệm vụ nào trong kỳ Quý III\/2021/);
    await refused(() => hnd.post(`/api/v1/rounds/${roundId}/contribution`, { unitId: 'x' }), 400, /số nguyên/);
  });

  it('the coordinating unit fills in and submits; the consolidation shows it beside the lead units and never urges it', async () => {
    const saved = await hnd.patch(
      `/api/v1/reports/${contribution.id}`,
      { entries: [{ taskId: running.id, status: 'in_progress', results: 'Đã phối hợp tuyên truyền tại 5 thôn' }] },
      { 'if-match': '"1"' },
    );
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await hnd.post(`/api/v1/reports/${contribution.id}/submit`, {})).statusCode).toBe(200);
    now = new Date('2021-10-01T02:00:00Z'); // past the round's deadline
    noivu = await t.login('noivu');
    const c = (await noivu.get(`/api/v1/rounds/${roundId}/consolidation`)).json() as {
      units: Array<{ unitId: number }>;
      submission: { missing: string[] };
      tasks: Array<{ taskId: number; units: Array<{ unitId: number }>; contributions: Array<{ unitId: number; status: string; results: string }> }>;
    };
    expect(c.units.map((u) => u.unitId)).not.toContain(hndId);
    expect(c.submission.missing.join('|')).not.toMatch(/Hội Nông dân/);
    const line = c.tasks.find((x) => x.taskId === running.id)!;
    expect(line.units.map((u) => u.unitId)).not.toContain(hndId);
    expect(line.contributions).toContainEqual(expect.objectContaining({ unitId: hndId, status: 'in_progress', results: 'Đã phối hợp tuyên truyền tại 5 thôn' }));
    const audit = await t.db.handle.db.selectFrom('auditLog').select(['action', 'entityId']).where('action', 'in', ['report.create', 'report.contribute']).where('actorName', 'in', ['hoinongdan', 'hoavinh']).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['report.create', 'report.contribute']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PreparedQuery } from '../../src/db/repositories/prepared.js';
import { engines } from '../support/engines.js';
import { createTestApp, type Client, type TestApp } from '../support/app.js';

/**
 * The lean report write (H3b): only changed entry columns are written, several entries in one statement;
 * the answer and the version snapshot are built from what was read and written; authentication reads the
 * token or session, its user and the units' revision in one prepared query.
 */
let now = new Date('2021-09-01T02:00:00Z');
const clock = { now: () => now };

interface Entry {
  id: number;
  taskId: number;
  status: string;
  progress: number | null;
  results: string;
  difficulties: string;
  completedOn: string | null;
  blockedReason: string | null;
  taskKey: string | null;
  content: string | null;
}
interface Report {
  id: number;
  version: number;
  unitName: string;
  round: { label: string };
  narrative: { results: string };
  entries: Entry[];
}

describe.each(engines)('report writes on $name', (engine) => {
  let t: TestApp;
  let noivu: Client;
  let hoavinh: Client;
  let report: Report;

  beforeAll(async () => {
    t = await createTestApp(engine, { clock });
    [noivu, hoavinh] = await Promise.all([t.login('noivu'), t.login('hoavinh')]);
    const planId = ((await noivu.get('/api/v1/plans')).json() as Array<{ id: number }>)[0]!.id;
    const units = (await noivu.get('/api/v1/units')).json() as Array<{ id: number; code: string }>;
    const hoaVinhId = units.find((u) => u.code === 'DH.HV')!.id;
    const round = (await noivu.post(`/api/v1/plans/${planId}/rounds`, { periodKey: '2021-Q3' })).json() as { reports: Array<{ id: number; unitId: number }> };
    const id = round.reports.find((r) => r.unitId === hoaVinhId)!.id;
    report = (await hoavinh.get(`/api/v1/reports/${id}`)).json() as Report;
  });
  afterAll(async () => t?.close());

  const save = (body: unknown) => hoavinh.request({ method: 'PUT', url: `/api/v1/reports/${report.id}`, payload: body as object, headers: { 'if-match': `"${report.version}"` } });
  const stored = async () =>
    t.db.handle.db.selectFrom('entries').selectAll().where('reportId', '=', report.id).orderBy('position').orderBy('id').execute();

  it('writes several entries in one save, each its own values; entries not named keep theirs; answer = database', async () => {
    expect(report.entries.length).toBeGreaterThanOrEqual(3);
    expect(report.unitName).toMatch(/Hòa Vinh/);
    expect(report.round.label).toBe('Quý III/2021');
    expect(report.entries.every((e) => e.taskKey !== null && e.content !== null)).toBe(true);
    const [a, b, c] = report.entries;
    const res = await save({
      narrative: { results: 'Tổng hợp quý III' },
      entries: [
        { taskId: a!.taskId, status: 'in_progress', progress: 40, result: 'A: đang làm' },
        { taskId: b!.taskId, status: 'done', result: 'B: xong', difficulties: 'Thiếu kinh phí' },
        { taskId: c!.taskId, status: 'blocked', blockedReason: 'Chờ hướng dẫn', progress: null },
      ],
    });
    expect(res.statusCode).toBe(200);
    const after = res.json() as Report;
    expect(after.version).toBe(report.version + 1);
    const rows = await stored();
    const byTask = new Map(rows.map((r) => [r.taskId, r]));
    expect(byTask.get(a!.taskId)).toMatchObject({ status: 'in_progress', progress: 40, results: 'A: đang làm', completedOn: null });
    expect(byTask.get(b!.taskId)).toMatchObject({ status: 'done', progress: 100, results: 'B: xong', difficulties: 'Thiếu kinh phí', completedOn: '2021-09-01' });
    expect(byTask.get(c!.taskId)).toMatchObject({ status: 'blocked', progress: null, blockedReason: 'Chờ hướng dẫn', results: '' });
    for (const e of report.entries.slice(3)) expect(byTask.get(e.taskId)).toMatchObject({ status: 'not_started', progress: null, results: '' });
    // The answer (built without reading again) and a fresh read agree.
    const fresh = (await hoavinh.get(`/api/v1/reports/${report.id}`)).json() as Report;
    expect(after).toEqual(fresh);
    expect(fresh.narrative.results).toBe('Tổng hợp quý III');
    // The version snapshot holds what the database holds.
    const version = await t.db.handle.db.selectFrom('reportVersions').select('snapshot').where('reportId', '=', report.id).where('version', '=', after.version).executeTakeFirstOrThrow();
    const snap = JSON.parse(version.snapshot) as { entries: Array<{ taskId: number; status: string; progress: number | null; results: string }> };
    expect(snap.entries.map((e) => [e.taskId, e.status, e.progress, e.results])).toEqual(rows.map((r) => [r.taskId, r.status, r.progress, r.results]));
    report = after;
  });

  it('a save that repeats the stored values changes no entry but is still a version and an audit entry', async () => {
    const [a] = report.entries;
    const seqBefore = (await t.db.handle.db.selectFrom('auditHead').select('seq').executeTakeFirstOrThrow()).seq;
    const rowsBefore = await stored();
    const res = await save({ entries: [{ taskId: a!.taskId, status: 'in_progress', progress: 40, result: 'A: đang làm' }] });
    expect(res.statusCode).toBe(200);
    const after = res.json() as Report;
    expect(after.version).toBe(report.version + 1);
    expect(await stored()).toEqual(rowsBefore);
    expect((await t.db.handle.db.selectFrom('auditHead').select('seq').executeTakeFirstOrThrow()).seq).toBe(seqBefore + 1);
    report = after;
    // A stale version is still refused, and nothing is written.
    const stale = await hoavinh.request({ method: 'PUT', url: `/api/v1/reports/${report.id}`, payload: { entries: [{ taskId: a!.taskId, result: 'muộn' }] }, headers: { 'if-match': `"${report.version - 1}"` } });
    expect(stale.statusCode).toBe(409);
    expect(await stored()).toEqual(rowsBefore);
  });

  it('a prepared query runs with each call its own arguments and keeps its constants', async () => {
    const byName = new PreparedQuery((db, { username }: { username: string }) =>
      db.selectFrom('users').select(['username', 'role']).where('username', '=', username).where('active', '=', 1),
    );
    const db = t.db.handle.db;
    expect(await byName.execute(db, { username: 'noivu' })).toEqual([{ username: 'noivu', role: expect.any(String) }]);
    expect((await byName.execute(db, { username: 'hoavinh' })).map((r) => r.username)).toEqual(['hoavinh']);
    expect(await byName.execute(db, { username: 'không-có' })).toEqual([]);
    // Inside a transaction too.
    const inTx = await db.transaction().execute((trx) => byName.execute(trx, { username: 'admin' }));
    expect(inTx.map((r) => r.username)).toEqual(['admin']);
  });

  it('a token stops working once revoked or its user locked, though authentication is one query', async () => {
    const created = await hoavinh.post('/api/v1/tokens', { name: 'máy thử' });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json() as { token: string; id: number };
    const me = () => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect((await me()).statusCode).toBe(200);
    expect((await hoavinh.delete(`/api/v1/tokens/${id}`)).statusCode).toBeLessThan(300);
    expect((await me()).statusCode).toBe(401);
  });
});

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_PLAN_PATH } from '../../src/demo/load.js';
import { engines } from '../support/engines.js';
import { createTestApp, type Client, type TestApp } from '../support/app.js';
import { multipart } from '../support/multipart.js';


describe.each(engines)('plans API on $name', (engine) => {
  let t: TestApp;
  let noivu: Client;
  let hoavinh: Client;
  beforeAll(async () => {
    t = await createTestApp(engine);
    noivu = await t.login('noivu');
    hoavinh = await t.login('hoavinh');
  });
  afterAll(async () => t?.close());

  const upload = (client: Client, fields: Record<string, string>, file?: { name: string; content: Uint8Array | string }) => {
    const body = multipart(fields, file);
    return client.request({ method: 'POST', url: '/api/v1/plans/import', payload: body.payload, headers: body.headers });
  };
  const seedText = () => readFileSync(SEED_PLAN_PATH, 'utf8');

  it('lists the demo plan and its tasks with filters', async () => {
    const plans = (await noivu.get('/api/v1/plans')).json() as Array<{ id: number; taskCount: number; title: string }>;
    expect(plans[0]!.taskCount).toBe(104);
    const id = plans[0]!.id;
    const all = (await noivu.get(`/api/v1/plans/${id}/tasks`)).json() as unknown[];
    expect(all).toHaveLength(104);
    const transparency = (await noivu.get(`/api/v1/plans/${id}/tasks?dimension=transparency`)).json() as Array<{ dimension: string }>;
    expect(transparency.length).toBeGreaterThan(0);
    expect(transparency.every((x) => x.dimension === 'transparency')).toBe(true);
    const search = (await noivu.get(`/api/v1/plans/${id}/tasks?q=${encodeURIComponent('ho ngheo')}`)).json() as Array<{ content: string }>;
    expect(search.length).toBeGreaterThan(0);
    expect(search.every((x) => /hộ nghèo/i.test(JSON.stringify(x)))).toBe(true);
    const events = (await noivu.get(`/api/v1/plans/${id}/tasks?kind=event`)).json() as Array<{ schedule: { kind: string } }>;
    expect(events.every((x) => x.schedule.kind === 'event')).toBe(true);
    expect((await noivu.get(`/api/v1/plans/${id}/tasks?kind=sometimes`)).statusCode).toBe(400);
    const file = await noivu.get(`/api/v1/plans/${id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.body).toContain('KẾ HOẠCH');
  });

  it('previews an import with dryRun and writes nothing', async () => {
    const before = ((await noivu.get('/api/v1/plans')).json() as unknown[]).length;
    const text = seedText().replace('Đông Hoà, ngày', 'Đông Hoà,  ngày');
    const res = await upload(noivu, { dryRun: 'true' }, { name: 'ke-hoach.txt', content: text });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { format: string; appendices: Array<{ tasks: unknown[] }>; review: { issuer: { name: string }; tasks: unknown[] } };
    expect(body.format).toBe('dondoc.plan/1');
    expect(body.appendices.flatMap((a) => a.tasks)).toHaveLength(104);
    expect(body.review.tasks).toHaveLength(104);
    expect(body.review.issuer.name).toBe('UBND thị xã Đông Hòa');
    expect(((await noivu.get('/api/v1/plans')).json() as unknown[]).length).toBe(before);
  });

  it('refuses hoavinh, a second copy of the same file, an empty file and a file that is no plan', async () => {
    const text = seedText().replace('Đông Hoà, ngày', 'Đông Hoà,   ngày');
    expect((await upload(hoavinh, {}, { name: 'ke-hoach.txt', content: text })).statusCode).toBe(403);
    expect((await upload(noivu, {}, { name: 'ke-hoach.txt', content: seedText() })).statusCode).toBe(409);
    const empty = await upload(noivu, {}, { name: 'rong.txt', content: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ error: { message: expect.stringMatching(/rỗng/) } });
    const notPlan = await upload(noivu, {}, { name: 'thu.txt', content: 'Kính gửi anh chị, đây là một lá thư.' });
    expect([400, 422]).toContain(notPlan.statusCode);
    expect((notPlan.json() as { error: { message: string } }).error.message).toMatch(/[ạ-ỹ]/);
    expect((await upload(noivu, {})).statusCode).toBe(400);
  });

  it('answers 413 for a file over 20 MB', async () => {
    const big = new Uint8Array(21 * 1024 * 1024).fill(65);
    const res = await upload(noivu, {}, { name: 'lon.txt', content: big });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: { code: 'file_too_large' } });
  });

  it('imports a revised copy as a new plan when asked, with assignments', async () => {
    const text = seedText().replace('Đông Hoà, ngày', 'Đông Hoà, ngày 01');
    const res = await upload(noivu, {}, { name: 'ke-hoach-ban-2.txt', content: text });
    expect(res.statusCode).toBe(201);
    const { plan } = res.json() as { plan: { id: number } };
    const tasks = (await noivu.get(`/api/v1/plans/${plan.id}/tasks`)).json() as Array<{ key: string; assignments: unknown[] }>;
    expect(tasks.find((x) => x.key === 'I/12')!.assignments.length).toBe(29); // 19 town agencies + 10 wards and communes
  });
});

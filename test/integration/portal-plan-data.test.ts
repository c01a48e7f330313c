import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_UNPUBLISHED_MARK } from '../../src/demo/reporting.js';
import { parseCsv } from '../../src/domain/disclosures/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { engines } from '../support/engines.js';

/**
 * Open data of the plans (issue 5: JSON/CSV for every public list): the plans with their progress, and one
 * plan's tasks with each unit's public status and latest accepted word — on the demo, whose reporting history
 * holds accepted reports and a draft, a submitted and a returned one that must never reach a file.
 */

interface PlanRow {
  id: number;
  title: string;
  doneTasks: number;
  taskCount: number;
  tasks: { json: string; csv: string };
}
interface UnitRow {
  code: string;
  role: string;
  status: string | null;
  latestAccepted: { round: string; results: string } | null;
}
interface TaskRow {
  no: string;
  status: string;
  units: UnitRow[];
}

describe.each(engines)('open data of the plans on $name', (engine) => {
  let t: TestApp;
  let plan: PlanRow;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const list = await t.anonymous.get('/du-lieu/ke-hoach.json');
    expect(list.statusCode).toBe(200);
    plan = (list.json() as { plans: PlanRow[] }).plans[0]!;
  });
  afterAll(async () => t?.close());

  it('lists the plans with their progress, as JSON and CSV, cached with an ETag', async () => {
    expect(plan.taskCount).toBe(104);
    expect(plan.tasks.json).toMatch(new RegExp(`/du-lieu/ke-hoach/${plan.id}\\.json$`));
    const csv = await t.anonymous.get('/du-lieu/ke-hoach.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['cache-control']).toContain('max-age=300');
    const grid = parseCsv(csv.body);
    expect(grid.headers.slice(0, 3)).toEqual(['Mã số', 'Số, ký hiệu', 'Tên kế hoạch']);
    expect(grid.rows.map((r) => r.cells[2])).toContain(plan.title);
    const again = await t.anonymous.request({ method: 'GET', url: '/du-lieu/ke-hoach.csv', headers: { 'if-none-match': String(csv.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });

  it("gives a plan's tasks with each unit's accepted word, and nothing that was not accepted", async () => {
    const json = await t.anonymous.get(`/du-lieu/ke-hoach/${plan.id}.json`);
    expect(json.statusCode).toBe(200);
    const tasks = (json.json() as { tasks: TaskRow[] }).tasks;
    expect(tasks).toHaveLength(104);
    const accepted = tasks.flatMap((task) => task.units.filter((u) => u.latestAccepted !== null).map((u) => ({ task, u })));
    // The demo history: two communes and two agencies accepted in two quarters.
    expect(new Set(accepted.map((a) => a.u.code)).size).toBe(4);
    expect(accepted.every((a) => a.u.role === 'chủ trì' && a.u.latestAccepted!.round.includes('2025'))).toBe(true);

    const csv = await t.anonymous.get(`/du-lieu/ke-hoach/${plan.id}.csv`);
    expect(csv.statusCode).toBe(200);
    const grid = parseCsv(csv.body);
    expect(grid.headers).toContain('Kết quả (đã duyệt)');
    const results = grid.headers.indexOf('Kết quả (đã duyệt)');
    expect(grid.rows).toHaveLength(tasks.reduce((n, task) => n + Math.max(1, task.units.length), 0));
    const csvResults = new Set(grid.rows.map((r) => r.cells[results]));
    for (const a of accepted) expect(csvResults.has(a.u.latestAccepted!.results)).toBe(true);

    for (const body of [json.body, csv.body, (await t.anonymous.get('/du-lieu/ke-hoach.json')).body]) expect(body).not.toContain(DEMO_UNPUBLISHED_MARK);
  });

  it('answers an unknown plan or a malformed file name with the Vietnamese 404 page', async () => {
    const unknown = await t.anonymous.get('/du-lieu/ke-hoach/999999.json');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('Không tìm thấy kế hoạch số 999999');
    const malformed = await t.anonymous.get(`/du-lieu/ke-hoach/${encodeURIComponent('1.json<script>')}`);
    expect(malformed.statusCode).toBe(404);
    expect(malformed.body).not.toContain('<script>');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboard, rollUp } from '../../src/domain/reporting/dashboard.js';
import { engines } from '../support/engines.js';
import { createTestApp, type Client, type TestApp } from '../support/app.js';

interface Summary {
  id: number;
  unitId: number;
  unitName: string;
}
interface Report {
  id: number;
  unitId: number;
  version: number;
  entries: Array<{ taskId: number; dues: string[] }>;
}
type Counts = Record<string, number>;
interface Dashboard {
  today: string;
  byDimension: Array<{ dimension: string | null; tasks: Counts; taskIds: Record<string, number[]>; assignments: Counts; total: number }>;
  totals: { tasks: Counts; assignments: Counts; taskCount: number; assignmentCount: number };
  units: Array<{ rank: number; unitId: number; unitName: string; rate: number | null; onTime: number; late: number; assignments: number; overdue: number }>;
  overdue: Array<{ taskId: number; unitId: number; reportId: number | null; dueDate: string; daysOverdue: number; status: string }>;
  upcoming: Array<{ taskId: number; unitId: number; dueDate: string; daysLeft: number }>;
  progress: { doneTasks: number; taskCount: number; share: number | null; doneAssignments: number; assignmentCount: number };
  assignments: Array<{ assignmentId: number; taskId: number; unitId: number; reportId: number | null; status: string }>;
}

let now = new Date('2021-09-01T02:00:00Z');
const clock = { now: () => now };

const sum = (c: Counts) => Object.values(c).reduce((a, b) => a + b, 0);

describe('dashboard aggregation', () => {
  it('rolls a task up over its units', () => {
    expect(rollUp(['done', 'done'])).toBe('done');
    expect(rollUp(['done', 'done_late'])).toBe('done_late');
    expect(rollUp(['done', 'overdue'])).toBe('overdue');
    expect(rollUp(['done', 'not_started'])).toBe('in_progress');
    expect(rollUp(['not_due', 'not_due'])).toBe('not_due');
    expect(rollUp(['not_due', 'not_started'])).toBe('not_started');
  });

  it('counts days overdue against the current due and on-time against the original', () => {
    const d = buildDashboard({
      planId: 1,
      tasks: [{ id: 1, key: 'I/1', no: '1', content: 'A', dimension: 'participation', kind: 'once', dues: ['2021-09-30'] }],
      assignments: [
        { id: 1, taskId: 1, unitId: 10 },
        { id: 2, taskId: 1, unitId: 11 },
        { id: 3, taskId: 1, unitId: 12 },
      ],
      unitNames: new Map([[10, 'A'], [11, 'B'], [12, 'C']]),
      entries: [
        { taskId: 1, assignmentId: 1, unitId: 10, reportId: 100, reportStatus: 'accepted', submittedAt: '2021-09-10T02:00:00Z', status: 'done', completedOn: '2021-09-09', dues: ['2021-09-30'] },
        { taskId: 1, assignmentId: 2, unitId: 11, reportId: 101, reportStatus: 'submitted', submittedAt: '2021-10-03T02:00:00Z', status: 'done', completedOn: '2021-10-02', dues: ['2021-09-30'] },
      ],
      now: new Date('2021-10-05T02:00:00Z'),
    });
    expect(d.assignments.map((a) => a.status)).toEqual(['done', 'done_late', 'overdue']);
    expect(d.overdue).toEqual([expect.objectContaining({ unitId: 12, taskId: 1, dueDate: '2021-09-30', daysOverdue: 5, reportId: null })]);
    expect(d.units.map((u) => u.unitId)).toEqual([10, 11, 12]);
    expect(d.units[0]!.rate).toBe(1);
    expect(d.byDimension[0]!.tasks.overdue).toBe(1);
    expect(d.progress).toMatchObject({ doneTasks: 0, taskCount: 1, doneAssignments: 2, assignmentCount: 3 });
  });
});

describe.each(engines)('dashboard API on $name', (engine) => {
  let t: TestApp;
  let noivu: Client;
  let hoavinh: Client;
  let admin: Client;
  let chutich: Client;
  let mattran: Client;
  let planId: number;
  let hoaVinhId: number;
  let lateUnitId: number;
  let missingUnitId: number;
  let reports: Summary[];

  async function travel(iso: string) {
    now = new Date(iso);
    [noivu, hoavinh, admin, chutich, mattran] = await Promise.all([t.login('noivu'), t.login('hoavinh'), t.login('admin'), t.login('chutich'), t.login('mattran')]);
  }
  const patch = (c: Client, id: number, body: unknown, version: number) => c.patch(`/api/v1/reports/${id}`, body, { 'if-match': `"${version}"` });

  beforeAll(async () => {
    now = new Date('2021-09-01T02:00:00Z');
    t = await createTestApp(engine, { clock });
    await travel('2021-09-01T02:00:00Z');
    planId = ((await noivu.get('/api/v1/plans')).json() as Array<{ id: number }>)[0]!.id;
    const units = (await noivu.get('/api/v1/units')).json() as Array<{ id: number; code: string; kind: string }>;
    hoaVinhId = units.find((u) => u.code === 'DH.HV')!.id;
    const res = await noivu.post(`/api/v1/plans/${planId}/rounds`, { periodKey: '2021-Q3' });
    expect(res.statusCode).toBe(201);
    reports = (res.json() as { reports: Summary[] }).reports;
    const kind = units.find((u) => u.id === hoaVinhId)!.kind;
    const wards = reports.filter((r) => r.unitId !== hoaVinhId && units.find((u) => u.id === r.unitId)?.kind === kind);
    expect(wards.length).toBeGreaterThanOrEqual(2);
    lateUnitId = wards[0]!.unitId;
    missingUnitId = wards[1]!.unitId;

    // Hòa Vinh: everything done early, submitted on time, accepted.
    await travel('2021-09-10T02:00:00Z');
    const mine = reports.find((r) => r.unitId === hoaVinhId)!;
    let report = (await hoavinh.get(`/api/v1/reports/${mine.id}`)).json() as Report;
    let saved = await patch(hoavinh, mine.id, { entries: report.entries.map((e) => ({ taskId: e.taskId, status: 'done', completedOn: '2021-07-01' })) }, report.version);
    expect(saved.statusCode).toBe(200);
    expect((await hoavinh.post(`/api/v1/reports/${mine.id}/submit`)).statusCode).toBe(200);
    expect((await noivu.post(`/api/v1/reports/${mine.id}/accept`)).statusCode).toBe(200);

    // The late ward: done after the dues, submitted after the round's deadline.
    await travel('2021-10-03T02:00:00Z');
    const late = reports.find((r) => r.unitId === lateUnitId)!;
    report = (await admin.get(`/api/v1/reports/${late.id}`)).json() as Report;
    saved = await patch(admin, late.id, { entries: report.entries.map((e) => ({ taskId: e.taskId, status: 'done', completedOn: '2021-10-02' })) }, report.version);
    expect(saved.statusCode).toBe(200);
    expect((await admin.post(`/api/v1/reports/${late.id}/submit`)).statusCode).toBe(200);

    await travel('2021-10-05T02:00:00Z');
  });
  afterAll(async () => t?.close());

  const dashboard = async (c: Client = noivu) => {
    const res = await c.get(`/api/v1/dashboard?planId=${planId}`);
    expect(res.statusCode).toBe(200);
    return res.json() as Dashboard;
  };

  it('numbers add up', async () => {
    const d = await dashboard();
    expect(d.today).toBe('2021-10-05');
    expect(sum(d.totals.assignments)).toBe(d.totals.assignmentCount);
    expect(sum(d.totals.tasks)).toBe(d.totals.taskCount);
    expect(d.assignments).toHaveLength(d.totals.assignmentCount);
    expect(d.byDimension.reduce((a, x) => a + x.total, 0)).toBe(d.totals.taskCount);
    for (const dim of d.byDimension) {
      expect(sum(dim.tasks)).toBe(dim.total);
      for (const [s, ids] of Object.entries(dim.taskIds)) expect(ids).toHaveLength(dim.tasks[s]!);
    }
    expect(new Set(d.assignments.map((a) => a.taskId)).size).toBe(d.totals.taskCount);
    expect(d.units.reduce((a, u) => a + u.assignments, 0)).toBe(d.totals.assignmentCount);
    expect(d.units.reduce((a, u) => a + u.overdue, 0)).toBe(d.overdue.length);
    expect(d.progress.doneAssignments).toBe(d.totals.assignments.done! + d.totals.assignments.done_late!);
    expect(d.progress.doneTasks).toBe(d.totals.tasks.done! + d.totals.tasks.done_late!);
    expect(d.progress.share).toBeCloseTo(d.progress.doneTasks / d.progress.taskCount);
    for (const u of d.upcoming) {
      expect(u.dueDate >= '2021-10-05' && u.dueDate <= '2021-11-04').toBe(true);
      expect(u.daysLeft).toBeGreaterThanOrEqual(0);
    }
    // Every line opens its report when the unit has one.
    const hv = d.assignments.filter((a) => a.unitId === hoaVinhId && a.reportId !== null);
    expect(hv.length).toBeGreaterThan(0);
    expect(hv.every((a) => a.reportId === reports.find((r) => r.unitId === hoaVinhId)!.id)).toBe(true);
  });

  it('ranks the late unit below Hòa Vinh', async () => {
    const d = await dashboard(chutich);
    const hv = d.units.find((u) => u.unitId === hoaVinhId)!;
    const late = d.units.find((u) => u.unitId === lateUnitId)!;
    expect(hv.rate).not.toBeNull();
    expect(hv.rank).toBeLessThan(late.rank);
    expect(hv.rate!).toBeGreaterThan(late.rate ?? 0);
    expect(late.late).toBeGreaterThan(0);
    expect(d.units.map((u) => u.rank)).toEqual(d.units.map((_, i) => i + 1));
  });

  it('lists an overdue task of the unit that never reported, with its days overdue', async () => {
    const d = await dashboard(mattran);
    const missing = d.overdue.filter((o) => o.unitId === missingUnitId);
    expect(missing.length).toBeGreaterThan(0);
    const q3end = missing.find((o) => o.dueDate === '2021-09-30');
    expect(q3end?.daysOverdue).toBe(5);
    for (const o of missing) {
      expect(o.daysOverdue).toBeGreaterThan(0);
      expect(o.reportId).toBe(reports.find((r) => r.unitId === missingUnitId)!.id);
    }
    // Hòa Vinh reported everything done on time: none of its tasks of the round is overdue.
    const round = reports.find((r) => r.unitId === hoaVinhId)!.id;
    expect(d.overdue.filter((o) => o.unitId === hoaVinhId && o.reportId === round && o.dueDate >= '2021-07-01')).toEqual([]);
  });

  it('is for coordinators, leaders, supervisors and IT staff: Hòa Vinh gets 403', async () => {
    expect((await hoavinh.get(`/api/v1/dashboard?planId=${planId}`)).statusCode).toBe(403);
    expect((await admin.get(`/api/v1/dashboard?planId=${planId}`)).statusCode).toBe(200);
    expect((await noivu.get('/api/v1/dashboard?planId=999999')).statusCode).toBe(404);
    expect((await noivu.get('/api/v1/dashboard')).statusCode).toBe(400);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositories } from '../../src/db/repositories/index.js';
import { buildDashboard, dashboardLines, rollUp, standingFromEntries, standingKey, type DashboardEntry, type DashboardInput } from '../../src/domain/reporting/dashboard.js';
import { maskHas, packWholes, parseListing, unpackWholes, type WholeTuple } from '../../src/domain/reporting/standing.js';
import { onTimeRate } from '../../src/domain/reporting/extensions.js';
import { assignmentStatus, type ProgressReport } from '../../src/domain/reporting/status.js';
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
  overdueTotal: number;
  upcoming: Array<{ taskId: number; unitId: number; dueDate: string; daysLeft: number }>;
  upcomingTotal: number;
  progress: { doneTasks: number; taskCount: number; share: number | null; doneAssignments: number; assignmentCount: number };
}
interface Line {
  assignmentId: number;
  taskId: number;
  unitId: number;
  unitName: string;
  dimension: string | null;
  reportId: number | null;
  status: string;
  dueDate: string | null;
}
interface Page {
  total: number;
  items: Line[];
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
    const now = new Date('2021-10-05T02:00:00Z');
    const entries: DashboardEntry[] = [
      { taskId: 1, assignmentId: 1, unitId: 10, reportId: 100, reportStatus: 'accepted', submittedAt: '2021-09-10T02:00:00Z', status: 'done', completedOn: '2021-09-09', dues: ['2021-09-30'] },
      { taskId: 1, assignmentId: 2, unitId: 11, reportId: 101, reportStatus: 'submitted', submittedAt: '2021-10-03T02:00:00Z', status: 'done', completedOn: '2021-10-02', dues: ['2021-09-30'] },
    ];
    const input: DashboardInput = {
      planId: 1,
      tasks: [{ id: 1, key: 'I/1', no: '1', content: 'A', dimension: 'participation', kind: 'once', dues: ['2021-09-30'] }],
      assignments: [
        { id: 1, taskId: 1, unitId: 10 },
        { id: 2, taskId: 1, unitId: 11 },
        { id: 3, taskId: 1, unitId: 12 },
      ],
      unitNames: new Map([[10, 'A'], [11, 'B'], [12, 'C']]),
      standing: standingFromEntries(entries, now),
      now,
    };
    const d = buildDashboard(input);
    expect(dashboardLines(input).items.map((a) => a.status)).toEqual(['done', 'done_late', 'overdue']);
    expect(d.overdue).toEqual([expect.objectContaining({ unitId: 12, taskId: 1, dueDate: '2021-09-30', daysOverdue: 5, reportId: null })]);
    expect(d.overdueTotal).toBe(1);
    expect(d.units.map((u) => u.unitId)).toEqual([10, 11, 12]);
    expect(d.units[0]!.rate).toBe(1);
    expect(d.units[1]).toMatchObject({ onTime: 0, late: 1 });
    expect(d.byDimension[0]!.tasks.overdue).toBe(1);
    expect(d.progress).toMatchObject({ doneTasks: 0, taskCount: 1, doneAssignments: 2, assignmentCount: 3 });
  });

  it('lets a later word speak, ignores returned reports, and caps the lists with their totals', () => {
    const now = new Date('2021-10-05T02:00:00Z');
    const entries: DashboardEntry[] = [
      // Unit 10: done on time in an accepted report, then a returned report saying "blocked" (says nothing).
      { taskId: 1, assignmentId: 1, unitId: 10, reportId: 100, reportStatus: 'accepted', submittedAt: '2021-09-10T02:00:00Z', status: 'done', completedOn: '2021-09-09', dues: ['2021-09-30'] },
      { taskId: 1, assignmentId: 1, unitId: 10, reportId: 110, reportStatus: 'returned', submittedAt: '2021-09-20T02:00:00Z', status: 'blocked', completedOn: null, dues: ['2021-09-30'] },
      // Unit 11: in progress, then a later submission says blocked.
      { taskId: 1, assignmentId: 2, unitId: 11, reportId: 101, reportStatus: 'accepted', submittedAt: '2021-09-10T02:00:00Z', status: 'in_progress', completedOn: null, dues: ['2021-09-30'] },
      { taskId: 1, assignmentId: 2, unitId: 11, reportId: 111, reportStatus: 'submitted', submittedAt: '2021-09-25T02:00:00Z', status: 'blocked', completedOn: null, dues: ['2021-09-30'] },
    ];
    const input: DashboardInput = {
      planId: 1,
      tasks: [{ id: 1, key: 'I/1', no: '1', content: 'A', dimension: null, kind: 'once', dues: ['2021-09-30'] }],
      assignments: [10, 11, 12, 13].map((unitId, i) => ({ id: i + 1, taskId: 1, unitId })),
      unitNames: new Map([[10, 'A'], [11, 'B'], [12, 'C'], [13, 'D']]),
      standing: standingFromEntries(entries, now),
      now,
      listLimit: 1,
    };
    const lines = dashboardLines(input).items;
    expect(lines.map((l) => [l.unitId, l.status, l.reportId])).toEqual([
      [10, 'done', 110],
      [11, 'blocked', 111],
      [12, 'overdue', null],
      [13, 'overdue', null],
    ]);
    const d = buildDashboard(input);
    expect(d.overdue).toHaveLength(1);
    expect(d.overdueTotal).toBe(3); // blocked past its due is overdue too
    expect(d.units.find((u) => u.unitId === 10)).toMatchObject({ onTime: 1, late: 0, rate: 1 });
    expect(dashboardLines(input, { status: 'overdue', limit: 1, offset: 1 })).toEqual({ total: 2, items: [expect.objectContaining({ unitId: 13 })] });
  });
});

describe('dashboard from the standing equals the direct derivation from every entry', () => {
  /** Packed into the '' and '*' rows and back. */
  const roundTrip = (list: WholeTuple[]) => {
    const { listing, words } = packWholes(list);
    return unpackWholes(listing, words);
  };
  /** A small deterministic generator. */
  const rng = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const QUARTER_ENDS = ['2021-03-31', '2021-06-30', '2021-09-30', '2021-12-31', '2022-03-31', '2022-06-30'];

  /** The rules applied straight to the history, as the dashboard did before the standing table. */
  function direct(input: { tasks: DashboardInput['tasks']; assignments: DashboardInput['assignments']; entries: DashboardEntry[]; now: Date; horizon: string; today: string }) {
    const lines: Array<[number, string, string | null]> = [];
    const rates = new Map<number, Parameters<typeof onTimeRate>[0][number][]>();
    let upcoming = 0;
    for (const a of input.assignments) {
      const task = input.tasks.find((t) => t.id === a.taskId)!;
      const mine = input.entries.filter((e) => e.taskId === a.taskId && e.unitId === a.unitId);
      const words = (due: string | null): ProgressReport[] =>
        mine
          .filter((e) => (e.reportStatus === 'submitted' || e.reportStatus === 'accepted') && e.submittedAt && (due === null || e.dues.includes(due)))
          .map((e) => ({ reportedAt: e.submittedAt!, status: e.status, completedOn: e.completedOn }));
      const dues = [...new Set(task.dues)].sort();
      let g: string | null = null;
      for (const d of dues) if (d <= input.today) g = d;
      g ??= dues[0] ?? null;
      const active = g === null ? task.kind === 'continuous' || mine.length > 0 : g <= input.horizon;
      const st = assignmentStatus({ active, dues: g ? [g] : [], reports: words(g), now: input.now });
      lines.push([a.id, st.status, st.due?.current ?? null]);
      const list = rates.get(a.unitId) ?? [];
      for (const d of dues) {
        if (d > input.horizon) break;
        list.push({ dues: [d], reports: words(d) });
        if (d >= input.today) {
          const u = assignmentStatus({ active: true, dues: [d], reports: words(d), now: input.now });
          if (u.status !== 'done' && u.status !== 'done_late') upcoming++;
        }
      }
      if (dues.length === 0) list.push({ dues: [], reports: [] });
      rates.set(a.unitId, list);
    }
    return { lines, rates: new Map([...rates].map(([u, l]) => [u, onTimeRate(l, input.now)])), upcoming };
  }

  it.each(Array.from({ length: 16 }, (_, i) => i + 1))('on random histories (seed %i)', (seed) => {
    const random = rng(seed);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const now = new Date(['2021-10-05T02:00:00Z', '2021-12-31T10:00:00Z', '2022-01-01T00:00:00Z', '2022-06-20T09:00:00Z'][seed % 4]!);
    const tasks: DashboardInput['tasks'] = [
      { id: 1, key: 'I/1', no: '1', content: 'A', dimension: 'participation', kind: 'recurring', dues: QUARTER_ENDS },
      { id: 2, key: 'I/2', no: '2', content: 'B', dimension: 'transparency', kind: 'once', dues: ['2021-09-30'] },
      { id: 3, key: 'I/3', no: '3', content: 'C', dimension: null, kind: 'continuous', dues: [] },
      { id: 4, key: 'I/4', no: '4', content: 'D', dimension: 'participation', kind: 'once', dues: ['2022-07-15'] },
      { id: 5, key: 'I/5', no: '5', content: 'E', dimension: null, kind: 'recurring', dues: ['2021-06-30', '2021-12-31', '2022-12-31'] },
      { id: 6, key: 'I/6', no: '6', content: 'F', dimension: 'transparency', kind: 'event', dues: [] },
    ];
    const units = [10, 11, 12, 13, 14, 15];
    const assignments = tasks.flatMap((t) => units.map((u) => ({ id: t.id * 100 + u, taskId: t.id, unitId: u })));
    const entries: DashboardEntry[] = [];
    let reportId = 1000;
    for (const quarterEnd of QUARTER_ENDS) {
      for (const unitId of units) {
        reportId++;
        const reportStatus = pick(['draft', 'submitted', 'returned', 'accepted', 'accepted'] as const);
        const submitted = new Date(Date.parse(`${quarterEnd}T02:00:00Z`) + Math.floor(random() * 40 - 10) * 86_400_000 + Math.floor(random() * 24) * 3_600_000);
        const submittedAt = reportStatus === 'draft' || submitted > now ? null : submitted.toISOString();
        for (const t of tasks) {
          if (random() < (t.kind === 'event' ? 0.7 : 0.2)) continue;
          const status = pick(['not_started', 'in_progress', 'done', 'done', 'blocked'] as const);
          const day = submittedAt ? submittedAt.slice(0, 10) : quarterEnd;
          entries.push({
            taskId: t.id,
            assignmentId: t.id * 100 + unitId,
            unitId,
            reportId,
            reportStatus: submittedAt ? reportStatus : 'draft',
            submittedAt,
            status,
            completedOn: status === 'done' ? (random() < 0.5 ? day : pick(QUARTER_ENDS.filter((q) => q <= day).concat(day))) : null,
            dues: t.dues.includes(quarterEnd) ? [quarterEnd] : t.dues.length === 0 ? [] : [pick(t.dues)],
          });
        }
      }
    }
    const input: DashboardInput = { planId: 1, tasks, assignments, unitNames: new Map(units.map((u) => [u, `Đơn vị ${u}`])), standing: standingFromEntries(entries, now), now, horizonDays: 45 };
    const d = buildDashboard(input);
    const want = direct({ tasks, assignments, entries, now, horizon: new Date(Date.parse(`${d.today}T00:00:00Z`) + 45 * 86_400_000).toISOString().slice(0, 10), today: d.today });
    expect(dashboardLines(input, { limit: 1000 }).items.map((l) => [l.assignmentId, l.status, l.dueDate])).toEqual(want.lines);
    for (const u of d.units) expect({ rate: u.rate, onTime: u.onTime, late: u.late, pending: u.pending, unmeasured: u.unmeasured }).toEqual(want.rates.get(u.unitId));
    expect(d.upcomingTotal).toBe(want.upcoming);

    // The same standings as the packed table holds them (on-time dues as bit masks over each unit's
    // dictionary, joined to the assignments as the service does) give the same answer.
    const byUnit = new Map<number, WholeTuple[]>();
    for (const a of assignments) {
      const s = input.standing.get(standingKey(a.taskId, a.unitId));
      if (!s) continue;
      const list = byUnit.get(a.unitId) ?? byUnit.set(a.unitId, []).get(a.unitId)!;
      list.push([a.taskId, s.reportId, null, s.any?.status ?? null, s.any?.completedOn ?? null, s.any?.reportedAt ?? null, s.onTime]);
    }
    const packed = new Map<number, { d: string[]; mask: Map<number, number | number[]> }>();
    for (const [unitId, list] of byUnit) {
      const { d, t } = parseListing(packWholes(list).listing);
      expect(roundTrip(list)).toEqual([...list].sort((a, b) => a[0] - b[0]));
      packed.set(unitId, { d, mask: new Map(t.map((x) => [x[0], x[2]])) });
    }
    const joined: DashboardInput = {
      ...input,
      standing: new Map(),
      assignments: assignments.map((a) => {
        const s = input.standing.get(standingKey(a.taskId, a.unitId));
        const p = packed.get(a.unitId);
        return { ...a, standing: s ? { ...s, onTime: 'ignored', onTimeDues: p!.d, onTimeMask: p!.mask.get(a.taskId)! } : null };
      }),
    };
    const again = buildDashboard(joined);
    expect(again.units).toEqual(d.units);
    expect({ ...again, units: [] }).toEqual({ ...d, units: [] });
    expect(dashboardLines(joined, { limit: 1000 })).toEqual(dashboardLines(input, { limit: 1000 }));
  });

  it('packs on-time dues beyond 30 per unit into several mask words', () => {
    const dues = Array.from({ length: 70 }, (_, i) => new Date(Date.UTC(2021, 0, 1 + i * 7)).toISOString().slice(0, 10));
    const list: WholeTuple[] = [
      [2, 11, '2021-01-01', 'done', '2021-02-01', '2021-02-02T02:00:00Z', dues.filter((_, i) => i % 3 === 0).join(',')],
      [1, null, null, null, null, null, ''],
      [3, 12, '2021-04-01', null, null, null, dues.slice(29, 62).join(',')],
    ];
    const { d, t } = parseListing(packWholes(list).listing);
    expect(d).toEqual([...new Set([...dues.filter((_, i) => i % 3 === 0), ...dues.slice(29, 62)])].sort());
    expect(t.map((x) => x[0])).toEqual([1, 2, 3]);
    expect(Array.isArray(t[2]![2]) && t[2]![2].length).toBe(Math.ceil(d.length / 30));
    expect(d.filter((_, i) => maskHas(t[2]![2], i))).toEqual(dues.slice(29, 62));
    expect(roundTrip(list)).toEqual([list[1], list[0], list[2]]);
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

  /** Every line matching the query, gathered page by page (500 at most per page). */
  const lines = async (query = '', c: Client = noivu): Promise<Page> => {
    const out: Page = { total: 0, items: [] };
    for (let offset = 0; ; offset += 500) {
      const res = await c.get(`/api/v1/dashboard/assignments?planId=${planId}${query}&limit=500&offset=${offset}`);
      expect(res.statusCode).toBe(200);
      const page = res.json() as Page;
      out.total = page.total;
      out.items.push(...page.items);
      if (page.items.length < 500) return out;
    }
  };

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
    const all = await lines();
    expect(all.total).toBe(d.totals.assignmentCount);
    expect(all.items).toHaveLength(d.totals.assignmentCount);
    expect(d.byDimension.reduce((a, x) => a + x.total, 0)).toBe(d.totals.taskCount);
    for (const dim of d.byDimension) {
      expect(sum(dim.tasks)).toBe(dim.total);
      for (const [s, ids] of Object.entries(dim.taskIds)) expect(ids).toHaveLength(dim.tasks[s]!);
    }
    expect(new Set(all.items.map((a) => a.taskId)).size).toBe(d.totals.taskCount);
    expect(d.units.reduce((a, u) => a + u.assignments, 0)).toBe(d.totals.assignmentCount);
    expect(d.units.reduce((a, u) => a + u.overdue, 0)).toBe(d.overdueTotal);
    expect(d.overdue.length).toBe(Math.min(100, d.overdueTotal));
    expect(d.upcoming.length).toBe(Math.min(100, d.upcomingTotal));
    for (const s of Object.keys(d.totals.assignments)) expect(all.items.filter((a) => a.status === s)).toHaveLength(d.totals.assignments[s]!);
    expect(d.progress.doneAssignments).toBe(d.totals.assignments.done! + d.totals.assignments.done_late!);
    expect(d.progress.doneTasks).toBe(d.totals.tasks.done! + d.totals.tasks.done_late!);
    expect(d.progress.share).toBeCloseTo(d.progress.doneTasks / d.progress.taskCount);
    for (const u of d.upcoming) {
      expect(u.dueDate >= '2021-10-05' && u.dueDate <= '2021-11-04').toBe(true);
      expect(u.daysLeft).toBeGreaterThanOrEqual(0);
    }
    // Every line opens its report when the unit has one.
    const hv = all.items.filter((a) => a.unitId === hoaVinhId && a.reportId !== null);
    expect(hv.length).toBeGreaterThan(0);
    expect(hv.every((a) => a.reportId === reports.find((r) => r.unitId === hoaVinhId)!.id)).toBe(true);
  });

  it('pages the assignment lines with filters (GET /dashboard/assignments)', async () => {
    const all = await lines();
    const hv = await lines(`&unitId=${hoaVinhId}`);
    expect(hv.total).toBe(all.items.filter((a) => a.unitId === hoaVinhId).length);
    expect(hv.items.every((a) => a.unitId === hoaVinhId)).toBe(true);
    const overdue = await lines('&status=overdue');
    expect(overdue.total).toBe((await dashboard()).totals.assignments.overdue);
    expect(overdue.items.every((a) => a.status === 'overdue')).toBe(true);
    const page = (await noivu.get(`/api/v1/dashboard/assignments?planId=${planId}&limit=3&offset=2`)).json() as Page;
    expect(page.total).toBe(all.total);
    expect(page.items.map((a) => a.assignmentId)).toEqual(all.items.slice(2, 5).map((a) => a.assignmentId));
    const taskId = all.items[0]!.taskId;
    const dimension = all.items[0]!.dimension ?? '';
    expect((await lines(`&taskId=${taskId}`)).items.every((a) => a.taskId === taskId)).toBe(true);
    const byDim = await lines(`&dimension=${dimension}`);
    expect(byDim.total).toBe(all.items.filter((a) => (a.dimension ?? '') === dimension).length);
    expect((await noivu.get(`/api/v1/dashboard/assignments?planId=${planId}&status=late`)).statusCode).toBe(400);
    expect((await noivu.get(`/api/v1/dashboard/assignments?planId=${planId}&limit=501`)).statusCode).toBe(400);
    expect((await hoavinh.get(`/api/v1/dashboard/assignments?planId=${planId}`)).statusCode).toBe(403);
    expect((await noivu.get('/api/v1/dashboard/assignments?planId=999999')).statusCode).toBe(404);
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

  it('keeps the standing table right through submit → return → resubmit → accept', async () => {
    const db = t.db.handle.db;
    const stored = () => repositories(db).standing.rowsOf(planId);
    /** What the table holds equals a rebuild from the whole entry history. */
    const matchesHistory = async () => {
      const before = await stored();
      await repositories(db).standing.rebuildPlan(planId, now);
      expect(before).toEqual(await stored());
    };
    const unitLines = async () => (await lines(`&unitId=${missingUnitId}`)).items;
    const id = reports.find((r) => r.unitId === missingUnitId)!.id;
    await matchesHistory();
    const initial = await unitLines();
    expect(initial.some((l) => l.status === 'overdue')).toBe(true);

    let report = (await admin.get(`/api/v1/reports/${id}`)).json() as Report;
    expect((await patch(admin, id, { entries: report.entries.map((e) => ({ taskId: e.taskId, status: 'done', completedOn: '2021-10-04' })) }, report.version)).statusCode).toBe(200);
    await matchesHistory(); // a saved draft says nothing yet
    expect(await unitLines()).toEqual(initial);
    expect((await admin.post(`/api/v1/reports/${id}/submit`)).statusCode).toBe(200);
    await matchesHistory();
    const asked = new Set(report.entries.map((e) => e.taskId));
    const submitted = await unitLines();
    expect(submitted.filter((l) => asked.has(l.taskId)).every((l) => l.status === 'done' || l.status === 'done_late')).toBe(true);
    expect(submitted.some((l) => l.status === 'done_late')).toBe(true);

    expect((await noivu.post(`/api/v1/reports/${id}/return`, { comment: 'Bổ sung minh chứng.' })).statusCode).toBe(200);
    await matchesHistory();
    expect(await unitLines()).toEqual(initial); // a returned report says nothing

    report = (await admin.get(`/api/v1/reports/${id}`)).json() as Report;
    expect((await patch(admin, id, { entries: report.entries.map((e) => ({ taskId: e.taskId, status: 'blocked', blockedReason: 'Thiếu kinh phí' })) }, report.version)).statusCode).toBe(200);
    expect((await admin.post(`/api/v1/reports/${id}/submit`)).statusCode).toBe(200);
    await matchesHistory();
    const resubmitted = await unitLines();
    expect(resubmitted.filter((l) => asked.has(l.taskId)).every((l) => l.status === 'blocked')).toBe(true);

    expect((await noivu.post(`/api/v1/reports/${id}/accept`)).statusCode).toBe(200);
    await matchesHistory();
    expect(await unitLines()).toEqual(resubmitted);
    const d = await dashboard();
    expect(d.units.find((u) => u.unitId === missingUnitId)!.late).toBeGreaterThan(0);
  });

  it('is for coordinators, leaders, supervisors and IT staff: Hòa Vinh gets 403', async () => {
    expect((await hoavinh.get(`/api/v1/dashboard?planId=${planId}`)).statusCode).toBe(403);
    expect((await admin.get(`/api/v1/dashboard?planId=${planId}`)).statusCode).toBe(200);
    expect((await noivu.get('/api/v1/dashboard?planId=999999')).statusCode).toBe(404);
    expect((await noivu.get('/api/v1/dashboard')).statusCode).toBe(400);
  });
});

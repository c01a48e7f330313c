import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignmentsDueInPeriod, parsePeriodKey, type TaskScheduleRef } from '../../src/domain/reporting/index.js';
import type { Schedule } from '../../src/domain/schedule/index.js';
import { engines } from '../support/engines.js';
import { createTestApp, type Client, type TestApp } from '../support/app.js';
import type { Entry, Report } from '../support/reporting-cycle.js';

interface Summary {
  id: number;
  unitId: number;
  unitName: string;
  status: string;
  late: boolean;
  submission: string;
}
interface ApiTask {
  id: number;
  appendixId: number;
  deadlineText: string;
  leadText: string;
  retiredAt: string | null;
  schedule: Schedule;
  assignments: Array<{ id: number; taskId: number; unitId: number; role: 'lead' | 'coordinating' }>;
}

/** A clock the test moves: the round is opened in September 2021, as it would have been. */
let now = new Date('2021-09-01T02:00:00Z');
const clock = { now: () => now };
const at = (iso: string) => {
  now = new Date(iso);
};

describe.each(engines)('reporting rounds and reports on $name', (engine) => {
  let t: TestApp;
  let noivu: Client;
  let hoavinh: Client;
  let mattran: Client;
  let admin: Client;
  let planId: number;
  let hoaVinhId: number;
  let roundId: number;
  let reports: Summary[];
  let mine: Report;

  beforeAll(async () => {
    at('2021-09-01T02:00:00Z');
    t = await createTestApp(engine, { clock });
    [noivu, hoavinh, mattran, admin] = await Promise.all([t.login('noivu'), t.login('hoavinh'), t.login('mattran'), t.login('admin')]);
    planId = ((await noivu.get('/api/v1/plans')).json() as Array<{ id: number }>)[0]!.id;
    const units = (await noivu.get('/api/v1/units')).json() as Array<{ id: number; code: string }>;
    hoaVinhId = units.find((u) => u.code === 'DH.HV')!.id;
  });
  afterAll(async () => t?.close());

  /** Moves the clock; sessions idle out after 12 hours, so everyone signs in again. */
  async function travel(iso: string) {
    at(iso);
    [noivu, hoavinh, mattran, admin] = await Promise.all([t.login('noivu'), t.login('hoavinh'), t.login('mattran'), t.login('admin')]);
  }

  const patch = (c: Client, id: number, body: unknown, version: number) => c.patch(`/api/v1/reports/${id}`, body, { 'if-match': `"${version}"` });

  it('opens the 2021-Q3 round: one draft report per unit with lead assignments active in the quarter', async () => {
    expect((await hoavinh.post(`/api/v1/plans/${planId}/rounds`, { periodKey: '2021-Q3' })).statusCode).toBe(403);
    expect((await noivu.post(`/api/v1/plans/${planId}/rounds`, { periodKey: '2021-Q9' })).statusCode).toBe(400);

    const res = await noivu.post(`/api/v1/plans/${planId}/rounds`, { periodKey: '2021-Q3' });
    expect(res.statusCode).toBe(201);
    const round = res.json() as { id: number; label: string; submissionDeadline: string; reports: Summary[] };
    roundId = round.id;
    expect(round.label).toBe('Quý III/2021');
    expect(round.submissionDeadline).toBe('2021-09-16'); // 14/09 cut-off + 2 working days
    reports = round.reports;
    expect(reports.every((r) => r.status === 'draft')).toBe(true);

    // The same answer, computed independently from the plan through the domain.
    const plan = (await noivu.get(`/api/v1/plans/${planId}`)).json() as { appendices: Array<{ id: number; windowFrom: string; windowTo: string }> };
    const tasks = (await noivu.get(`/api/v1/plans/${planId}/tasks`)).json() as ApiTask[];
    const units = new Map(((await noivu.get('/api/v1/units')).json() as Array<{ id: number; kind: string }>).map((u) => [u.id, u]));
    const refs = new Map<number, TaskScheduleRef>(
      tasks.map((task) => {
        const a = plan.appendices.find((x) => x.id === task.appendixId)!;
        return [task.id, { id: task.id, schedule: task.schedule, retiredAt: task.retiredAt, window: { from: a.windowFrom, to: a.windowTo } }];
      }),
    );
    const leads = tasks.flatMap((task) => task.assignments).filter((a) => a.role === 'lead' && units.get(a.unitId)?.kind !== 'external');
    const active = assignmentsDueInPeriod(parsePeriodKey('2021-Q3'), leads, refs).filter((d) => d.active);
    expect(reports.map((r) => r.unitId).sort((a, b) => a - b)).toEqual([...new Set(active.map((d) => d.unitId))].sort((a, b) => a - b));

    const summary = reports.find((r) => r.unitId === hoaVinhId)!;
    expect(summary.unitName).toMatch(/Hòa Vinh/);
    const got = await hoavinh.get(`/api/v1/reports/${summary.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.headers.etag).toBe('"1"');
    mine = got.json() as Report;
    const expected = active.filter((d) => d.unitId === hoaVinhId).map((d) => d.taskId);
    expect(mine.entries.map((e) => e.taskId).sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
    // A task due in Quý III/2021 and led by "UBND các xã, phường" is in the ward's report.
    const q3 = tasks.filter((task) => /quý\s*III\/2021/i.test(task.deadlineText.replace(/\s+/g, ' ')) && /UBND các xã, phường/.test(task.leadText));
    expect(q3.length).toBeGreaterThan(0);
    expect(q3.some((task) => mine.entries.some((e) => e.taskId === task.id))).toBe(true);
  });

  it('refuses a second round for the same plan and period', async () => {
    const res = await noivu.post(`/api/v1/plans/${planId}/rounds`, { periodKey: '2021-Q3' });
    expect(res.statusCode).toBe(409);
    expect((res.json() as { error: { message: string } }).error.message).toMatch(/đã có đợt báo cáo Quý III\/2021/);
    const list = (await noivu.get(`/api/v1/plans/${planId}/rounds`)).json() as unknown[];
    expect(list).toHaveLength(1);
  });

  it('lets Hòa Vinh fill in its report; stale and invalid saves change nothing', async () => {
    const [first, second] = mine.entries;
    await travel('2021-09-08T03:00:00Z');
    const body = {
      narrative: { results: 'Đã triển khai các nhiệm vụ quý III.', shortcomings: 'Còn chậm ở một số việc.\n- Thiếu kinh phí;\r\n- Thiếu  người.' },
      entries: [
        { taskId: first!.taskId, status: 'done', results: 'Đã ban hành kế hoạch.', evidence: [{ docNumber: '45/KH-UBND', docDate: '2021-08-20', summary: 'Kế hoạch của UBND phường' }] },
        ...(second ? [{ taskId: second.taskId, status: 'in_progress', progress: 50, difficulties: 'Thiếu kinh phí' }] : []),
      ],
    };
    const saved = await patch(hoavinh, mine.id, body, 1);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.headers.etag).toBe('"2"');
    const report = saved.json() as Report;
    expect(report.narrative.results).toBe('Đã triển khai các nhiệm vụ quý III.');
    expect(report.narrative.shortcomings).toBe('Còn chậm ở một số việc.\n- Thiếu kinh phí;\n- Thiếu người.');
    expect(report.entries[0]).toMatchObject({ status: 'done', completedOn: '2021-09-08', progress: 100, evidence: [{ docNumber: '45/KH-UBND' }] });

    // A second officer still holding version 1.
    const stale = await patch(hoavinh, mine.id, { narrative: { results: 'ghi đè' } }, 1);
    expect(stale.statusCode).toBe(409);
    expect((stale.json() as { error: { code: string } }).error.code).toBe('version_conflict');
    // The body's version works as well as If-Match.
    expect((await hoavinh.patch(`/api/v1/reports/${mine.id}`, { version: 1, narrative: { results: 'ghi đè' } })).statusCode).toBe(409);

    const bad = await patch(hoavinh, mine.id, { entries: [{ taskId: first!.taskId, progress: 150 }] }, 2);
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { error: { message: string } }).error.message).toMatch(/[àáảãạăâđêôơư]/i);
    const blocked = await patch(hoavinh, mine.id, { entries: [{ taskId: first!.taskId, status: 'blocked' }] }, 2);
    expect(blocked.statusCode).toBe(400);
    expect((blocked.json() as { error: { message: string } }).error.message).toMatch(/lý do/);
    const foreign = await patch(hoavinh, mine.id, { entries: [{ taskId: 999999, status: 'done' }] }, 2);
    expect(foreign.statusCode).toBe(400);
    expect((await hoavinh.patch(`/api/v1/reports/${mine.id}`, { narrative: {} })).statusCode).toBe(400); // no version

    const back = (await hoavinh.get(`/api/v1/reports/${mine.id}`)).json() as Report;
    expect(back.version).toBe(2);
    expect(back.narrative.results).toBe('Đã triển khai các nhiệm vụ quý III.');
    expect(back.entries[0]!.status).toBe('done');
  });

  it('keeps each unit to its own report and supervisors to reading', async () => {
    const other = reports.find((r) => r.unitId !== hoaVinhId && /phường|xã/i.test(r.unitName))!;
    expect((await hoavinh.get(`/api/v1/reports/${other.id}`)).statusCode).toBe(403);
    expect((await patch(hoavinh, other.id, { narrative: { results: 'x' } }, 1)).statusCode).toBe(403);
    expect((await hoavinh.post(`/api/v1/reports/${other.id}/submit`, {})).statusCode).toBe(403);
    const round = (await hoavinh.get(`/api/v1/rounds/${roundId}`)).json() as { reports: Summary[] };
    expect(round.reports.map((r) => r.unitId)).toEqual([hoaVinhId]);

    expect((await mattran.get(`/api/v1/reports/${mine.id}`)).statusCode).toBe(200);
    expect((await patch(mattran, mine.id, { narrative: { results: 'x' } }, 2)).statusCode).toBe(403);
    expect((await mattran.post(`/api/v1/reports/${mine.id}/submit`, {})).statusCode).toBe(403);
    expect((await noivu.post(`/api/v1/reports/${mine.id}/accept`, {})).statusCode).toBe(409); // still a draft
  });

  it('runs submit → return → resubmit → accept, keeping every version', async () => {
    await travel('2021-09-10T03:00:00Z');
    const submitted = await hoavinh.post(`/api/v1/reports/${mine.id}/submit`, {});
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', late: false, version: 3 });
    expect((await patch(hoavinh, mine.id, { narrative: { results: 'sửa sau khi gửi' } }, 3)).statusCode).toBe(409);
    expect((await hoavinh.post(`/api/v1/reports/${mine.id}/accept`, {})).statusCode).toBe(403);

    const taskId = mine.entries[0]!.taskId;
    expect((await noivu.post(`/api/v1/reports/${mine.id}/return`, {})).statusCode).toBe(400); // a return needs a comment
    const returned = await noivu.post(`/api/v1/reports/${mine.id}/return`, {
      comment: 'Bổ sung minh chứng và số liệu.',
      entryComments: [{ taskId, comment: 'Ghi rõ số văn bản.' }],
    });
    expect(returned.statusCode, returned.body).toBe(200);
    const r = returned.json() as Report;
    expect(r).toMatchObject({ status: 'returned', returnComment: 'Bổ sung minh chứng và số liệu.', version: 4 });
    expect(r.entries[0]!.reviewComment).toBe('Ghi rõ số văn bản.');

    await travel('2021-09-13T03:00:00Z');
    const fixed = await patch(hoavinh, mine.id, { entries: [{ taskId, results: 'Đã ban hành Kế hoạch số 45/KH-UBND ngày 20/8/2021.' }] }, 4);
    expect(fixed.statusCode, fixed.body).toBe(200);
    const resubmitted = await hoavinh.post(`/api/v1/reports/${mine.id}/submit`, {});
    expect(resubmitted.json()).toMatchObject({ status: 'submitted', late: false, version: 6 });
    const accepted = await noivu.post(`/api/v1/reports/${mine.id}/accept`, {});
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', version: 7 });
    expect((await noivu.post(`/api/v1/reports/${mine.id}/accept`, {})).statusCode).toBe(409);

    const versions = (await mattran.get(`/api/v1/reports/${mine.id}/versions`)).json() as Array<{ version: number; action: string; status: string }>;
    expect(versions.map((v) => [v.version, v.action, v.status])).toEqual([
      [1, 'create', 'draft'],
      [2, 'save', 'draft'],
      [3, 'submit', 'submitted'],
      [4, 'return', 'returned'],
      [5, 'save', 'returned'],
      [6, 'resubmit', 'submitted'],
      [7, 'accept', 'accepted'],
    ]);
    const cmp = (await noivu.get(`/api/v1/reports/${mine.id}/compare?from=1&to=2`)).json() as {
      narrative: Array<{ field: string }>;
      entries: Array<{ taskId: number; fields: Array<{ field: string; from: unknown; to: unknown }> }>;
    };
    expect(cmp.narrative.map((f) => f.field)).toEqual(['results', 'shortcomings']);
    const changed = cmp.entries.find((e) => e.taskId === taskId)!;
    expect(changed.fields.map((f) => f.field)).toEqual(expect.arrayContaining(['status', 'results', 'completedOn', 'evidence']));
    expect(changed.fields.find((f) => f.field === 'status')).toEqual({ field: 'status', from: 'not_started', to: 'done' });
    const cmp2 = (await noivu.get(`/api/v1/reports/${mine.id}/compare?from=4&to=5`)).json() as {
      report: unknown[];
      entries: Array<{ taskId: number; fields: Array<{ field: string }> }>;
    };
    expect(cmp2.report).toEqual([]);
    expect(cmp2.entries).toEqual([{ taskId, fields: [expect.objectContaining({ field: 'results' })] }]);
    expect((await noivu.get(`/api/v1/reports/${mine.id}/compare?from=1&to=99`)).statusCode).toBe(404);

    // Every step is in the audit log too (written in the same transaction as the step).
    const audit = (await mattran.get(`/api/v1/audit?entity=report&entityId=${mine.id}`)).json() as Array<{ action: string }>;
    expect(audit.map((e) => e.action).sort()).toEqual(
      ['report.create', 'report.save', 'report.submit', 'report.return', 'report.save', 'report.resubmit', 'report.accept'].sort(),
    );
  });

  it('marks a submission after the deadline late, and units that never sent missing', async () => {
    await travel('2021-09-20T03:00:00Z'); // the deadline was 16/09/2021
    const other = reports.find((r) => r.unitId !== hoaVinhId)!;
    const res = await admin.post(`/api/v1/reports/${other.id}/submit`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'submitted', late: true });
    const round = (await noivu.get(`/api/v1/rounds/${roundId}`)).json() as { reports: Summary[] };
    const byId = new Map(round.reports.map((r) => [r.id, r]));
    expect(byId.get(mine.id)!.submission).toBe('on_time');
    expect(byId.get(other.id)!.submission).toBe('late');
    expect(round.reports.filter((r) => r.id !== mine.id && r.id !== other.id).every((r) => r.submission === 'missing')).toBe(true);
  });

  it('keeps the issue\'s API shape: POST /rounds with period parts, PUT of what GET answered; one of two concurrent saves wins', async () => {
    const res = await noivu.post('/api/v1/rounds', { planId, period: { type: 'quarter', year: 2021, index: 4 }, dueDate: '2022-01-10' });
    expect(res.statusCode, res.body).toBe(201);
    const round = res.json() as { id: number; periodKey: string; submissionDeadline: string; reports: Summary[] };
    expect(round).toMatchObject({ periodKey: '2021-Q4', submissionDeadline: '2022-01-10' });
    expect((await noivu.post('/api/v1/rounds', { planId, period: { type: 'quarter', year: 2021, index: 4 } })).statusCode).toBe(409);
    const summary = round.reports.find((r) => r.unitId === hoaVinhId)!;

    const got = await hoavinh.get(`/api/v1/reports/${summary.id}`);
    const report = got.json() as Report & { entries: Array<Entry & { result: string }> };
    report.entries[0]!.result = 'Đã triển khai theo kế hoạch.';
    report.narrative.causes = 'Nguồn lực còn hạn chế.';
    const put = await hoavinh.request({ method: 'PUT', url: `/api/v1/reports/${summary.id}`, payload: report, headers: { 'if-match': got.headers.etag as string } });
    expect(put.statusCode, put.body).toBe(200);
    const saved = put.json() as Report & { entries: Array<Entry & { result: string }> };
    expect(saved.entries[0]!.result).toBe('Đã triển khai theo kế hoạch.');
    expect(saved.narrative.causes).toBe('Nguồn lực còn hạn chế.');

    const taskId = saved.entries[0]!.taskId;
    const both = await Promise.all([
      patch(hoavinh, summary.id, { entries: [{ taskId, results: 'Bản của cán bộ A' }] }, saved.version),
      patch(hoavinh, summary.id, { entries: [{ taskId, results: 'Bản của cán bộ B' }] }, saved.version),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const winner = both.find((r) => r.statusCode === 200)!.json() as Report;
    const after = (await hoavinh.get(`/api/v1/reports/${summary.id}`)).json() as Report;
    expect(after.version).toBe(saved.version + 1);
    expect(after.entries[0]!.results).toBe(winner.entries[0]!.results);

    const submitted = await hoavinh.request({ method: 'POST', url: `/api/v1/reports/${summary.id}/submit` });
    expect(submitted.statusCode, submitted.body).toBe(200);
  });
});

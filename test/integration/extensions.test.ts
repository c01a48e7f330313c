import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/accounts/actor.js';
import type { Schedule } from '../../src/domain/schedule/index.js';
import { engines } from '../support/engines.js';
import { createTestApp, type Client, type TestApp } from '../support/app.js';

interface Extension {
  id: number;
  assignmentId: number;
  taskId: number;
  taskNo: string;
  taskContent: string;
  unitId: number;
  unitName: string;
  originalDue: string;
  currentDue: string;
  previousDue: string;
  requestedDate: string;
  reason: string;
  status: string;
  requestedBy: number | null;
  requestedAt: string;
  decidedBy: number | null;
  decidedAt: string | null;
  decisionComment: string | null;
}
interface ApiTask {
  id: number;
  no: string;
  schedule: Schedule;
  assignments: Array<{ id: number; taskId: number; unitId: number; role: 'lead' | 'coordinating' }>;
}
interface Consolidation {
  units: Array<{ unitId: number; overdueTasks: Array<{ taskId: number }> }>;
  tasks: Array<{ taskId: number; units: Array<{ unitId: number; status: string; due: string | null; overdue: boolean }> }>;
}
interface UnitRank {
  unitId: number;
  overdue: number;
  rate: number | null;
  onTime: number;
  late: number;
  pending: number;
}
type ErrorBody = { error: { code: string; message: string } };

let now = new Date('2021-09-01T02:00:00Z');
const clock = { now: () => now };

describe.each(engines)('deadline extensions (gia hạn) on $name', (engine) => {
  let t: TestApp;
  let noivu: Client;
  let hoavinh: Client;
  let hoatam: Client;
  let chutich: Client;
  let mattran: Client;
  let admin: Client;
  let planId: number;
  let roundId: number;
  let hv: number;
  let task: ApiTask;
  let due: string;
  let assignmentId: number;
  let coordinatingId: number;
  let otherUnitsAssignment: number;
  let first: Extension;

  async function signIn() {
    [noivu, hoavinh, hoatam, chutich, mattran, admin] = await Promise.all([
      t.login('noivu'),
      t.login('hoavinh'),
      t.login('hoatam'),
      t.login('chutich'),
      t.login('mattran'),
      t.login('admin'),
    ]);
  }
  async function travel(iso: string) {
    now = new Date(iso);
    await signIn();
  }
  const count = async (table: 'extensions' | 'auditLog') =>
    Number((await t.db.handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  /** A bad request: its status, its Vietnamese message, and nothing written. */
  async function refused(send: () => Promise<{ statusCode: number; json(): unknown }>, status: number, message: RegExp) {
    const [e0, a0] = [await count('extensions'), await count('auditLog')];
    const res = await send();
    expect(res.statusCode, JSON.stringify(res.json())).toBe(status);
    expect((res.json() as ErrorBody).error.message).toMatch(message);
    expect([await count('extensions'), await count('auditLog')]).toEqual([e0, a0]);
  }
  const consolidation = async () => (await noivu.get(`/api/v1/rounds/${roundId}/consolidation`)).json() as Consolidation;
  const standingOf = (c: Consolidation) => c.tasks.find((x) => x.taskId === task.id)!.units.find((u) => u.unitId === hv)!;
  const lineOf = async () =>
    ((await noivu.get(`/api/v1/dashboard/assignments?planId=${planId}&unitId=${hv}&taskId=${task.id}`)).json() as { items: Array<{ status: string; dueDate: string | null }> })
      .items[0]!;
  const rankOf = async () =>
    ((await noivu.get(`/api/v1/dashboard?planId=${planId}`)).json() as { units: UnitRank[] }).units.find((u) => u.unitId === hv)!;

  beforeAll(async () => {
    now = new Date('2021-09-01T02:00:00Z');
    t = await createTestApp(engine, { clock });
    const units = new Map((await t.services.units.list(SYSTEM_ACTOR)).map((u) => [u.code, u.id]));
    hv = units.get('DH.HV')!;
    await t.services.accounts.create(
      SYSTEM_ACTOR,
      { username: 'hoatam', displayName: 'Công chức UBND xã Hòa Tâm', role: 'unit_officer', unitId: units.get('DH.HTA')!, password: 'P' },
      { skipPasswordPolicy: true },
    );
    await signIn();
    planId = ((await noivu.get('/api/v1/plans')).json() as Array<{ id: number }>)[0]!.id;
    const tasks = (await noivu.get(`/api/v1/plans/${planId}/tasks`)).json() as ApiTask[];
    // A dated task Hòa Vinh leads, due in Quý III/2021.
    task = tasks.find(
      (x) =>
        (x.schedule.kind === 'once' || x.schedule.kind === 'recurring') &&
        x.schedule.dues.some((d) => d.date >= '2021-07-01' && d.date <= '2021-09-30') &&
        x.assignments.some((a) => a.unitId === hv && a.role === 'lead'),
    )!;
    expect(task).toBeDefined();
    due = task.schedule.dues.map((d) => d.date).find((d) => d >= '2021-07-01' && d <= '2021-09-30')!;
    assignmentId = task.assignments.find((a) => a.unitId === hv && a.role === 'lead')!.id;
    otherUnitsAssignment = task.assignments.find((a) => a.unitId !== hv && a.role === 'lead')!.id;
    coordinatingId = tasks.flatMap((x) => x.assignments).find((a) => a.unitId === hv && a.role === 'coordinating')!.id;
    const round = (await noivu.post(`/api/v1/plans/${planId}/rounds`, { periodKey: '2021-Q3' })).json() as { id: number };
    roundId = round.id;
  });
  afterAll(async () => t?.close());

  it('a unit officer asks with a reason: 201, pending, the original due frozen beside the current one', async () => {
    const res = await hoavinh.post('/api/v1/extensions', {
      assignmentId,
      dueDate: due,
      requestedDate: '2021-10-31',
      reason: '  Chờ UBND tỉnh phê duyệt quy hoạch  ',
    });
    expect(res.statusCode, res.body).toBe(201);
    first = res.json() as Extension;
    expect(first).toMatchObject({
      assignmentId,
      taskId: task.id,
      taskNo: task.no,
      unitId: hv,
      unitName: expect.stringMatching(/Hòa Vinh/),
      originalDue: due,
      currentDue: due,
      previousDue: due,
      requestedDate: '2021-10-31',
      reason: 'Chờ UBND tỉnh phê duyệt quy hoạch',
      status: 'pending',
      requestedAt: now.toISOString(),
      decidedBy: null,
      decidedAt: null,
      decisionComment: null,
    });
    expect(first.taskContent.length).toBeGreaterThan(10);
    expect(res.headers.location).toBe(`/api/v1/extensions/${first.id}`);
  });

  it('refuses every bad request with a Vietnamese message and writes nothing', async () => {
    const ask = (extra: Record<string, unknown>, who: Client = hoavinh) =>
      () => who.post('/api/v1/extensions', { assignmentId, dueDate: due, requestedDate: '2021-11-15', reason: 'Lý do chính đáng', ...extra });
    await refused(ask({}), 409, /đang chờ xử lý/); // one pending request per assignment and due
    await refused(ask({ reason: '   ' }), 400, /Cần nêu lý do/);
    await refused(ask({ assignmentId: otherUnitsAssignment }), 403, /quyền/);
    await refused(ask({}, hoatam), 403, /quyền/);
    await refused(ask({}, noivu), 403, /quyền/);
    await refused(ask({}, chutich), 403, /quyền/);
    await refused(ask({ assignmentId: 999_999 }), 404, /Không tìm thấy phân công/);
    await refused(ask({ assignmentId: coordinatingId }), 400, /Chỉ đơn vị chủ trì/);
    await refused(ask({ requestedDate: '15/11/2021' }), 400, /Ngày gia hạn không hợp lệ/);
    await refused(ask({ dueDate: '2021-02-30' }), 400, /không hợp lệ/);
    await refused(ask({ assignmentId: 'x' }), 400, /số nguyên/);
    await refused(() => hoavinh.post('/api/v1/extensions', { assignmentId, requestedDate: '2021-11-15', reason: 'x' }), 400, /dueDate/);
    await refused(() => t.anonymous.post('/api/v1/extensions', { assignmentId, dueDate: due, requestedDate: '2021-11-15', reason: 'x' }), 401, /đăng nhập/);
  });

  it('the validation rules on a due without a pending request: reason required, later than the current due, a real due', async () => {
    // Another due of the same task, or of another task the ward leads with a due in the year.
    const tasks = (await noivu.get(`/api/v1/plans/${planId}/tasks`)).json() as ApiTask[];
    const other = tasks.find(
      (x) => x.id !== task.id && x.schedule.dues.some((d) => d.date > '2021-09-01') && x.assignments.some((a) => a.unitId === hv && a.role === 'lead'),
    )!;
    const a = other.assignments.find((x) => x.unitId === hv && x.role === 'lead')!.id;
    const d = other.schedule.dues.map((x) => x.date).find((x) => x > '2021-09-01')!;
    const ask = (extra: Record<string, unknown>) => () => hoavinh.post('/api/v1/extensions', { assignmentId: a, dueDate: d, requestedDate: '2026-01-01', reason: 'Lý do', ...extra });
    await refused(ask({ reason: '   ' }), 400, /Cần nêu lý do đề nghị gia hạn/);
    await refused(ask({ reason: undefined }), 400, /Cần nêu lý do đề nghị gia hạn/);
    await refused(ask({ requestedDate: d }), 400, /phải sau thời hạn hiện tại/);
    await refused(ask({ requestedDate: '2021-01-01' }), 400, /phải sau thời hạn hiện tại/);
    await refused(ask({ dueDate: '2021-09-02' }), 400, /không phải là thời hạn của nhiệm vụ này/);
    // Two officers asking at once: one request, the other gets 409.
    const both = await Promise.all([ask({})(), ask({ requestedDate: '2026-01-02' })()]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect((both.find((r) => r.statusCode === 409)!.json() as ErrorBody).error.message).toMatch(/đang chờ xử lý/);
    const pending = (await noivu.get(`/api/v1/extensions?status=pending&unitId=${hv}`)).json() as { items: Extension[] };
    expect(pending.items.filter((e) => e.assignmentId === a)).toHaveLength(1);
  });

  it('everyone concerned reads the request; another unit does not', async () => {
    for (const c of [noivu, hoavinh, chutich, mattran, admin]) {
      const res = await c.get(`/api/v1/extensions?planId=${planId}&status=pending`);
      expect(res.statusCode).toBe(200);
      expect((res.json() as { items: Extension[] }).items.map((e) => e.id)).toContain(first.id);
      expect((await c.get(`/api/v1/extensions/${first.id}`)).statusCode).toBe(200);
    }
    expect((await hoatam.get('/api/v1/extensions')).json()).toEqual({ items: [] });
    expect((await hoatam.get(`/api/v1/extensions/${first.id}`)).statusCode).toBe(403);
    expect(((await noivu.get(`/api/v1/extensions?unitId=${hv}&status=approved`)).json() as { items: unknown[] }).items).toEqual([]);
    expect((await noivu.get('/api/v1/extensions?status=waiting')).statusCode).toBe(400);
    expect((await noivu.get('/api/v1/extensions?planId=999999')).statusCode).toBe(404);
    expect((await noivu.get('/api/v1/extensions/999999')).statusCode).toBe(404);
  });

  it('approval moves the current due: no longer overdue until the new date; the on-time rate is unchanged', async () => {
    await travel('2021-10-05T03:00:00Z');
    const before = standingOf(await consolidation());
    expect(before).toMatchObject({ status: 'overdue', due, overdue: true });
    const rankBefore = await rankOf();
    expect(rankBefore.late).toBeGreaterThan(0);
    expect(await lineOf()).toMatchObject({ status: 'overdue', dueDate: due });

    // Only the coordinator of the issuing government decides.
    for (const c of [hoavinh, chutich, mattran]) await refused(() => c.post(`/api/v1/extensions/${first.id}/approve`, {}), 403, /quyền/);
    await refused(() => noivu.post('/api/v1/extensions/999999/approve', {}), 404, /Không tìm thấy đề nghị gia hạn/);

    const res = await noivu.post(`/api/v1/extensions/${first.id}/approve`);
    expect(res.statusCode, res.body).toBe(200);
    const approved = res.json() as Extension;
    expect(approved).toMatchObject({ status: 'approved', originalDue: due, currentDue: '2021-10-31', decidedAt: now.toISOString(), decisionComment: null });
    expect(approved.decidedBy).not.toBeNull();

    const after = standingOf(await consolidation());
    expect(after).toMatchObject({ status: 'not_started', due: '2021-10-31', overdue: false });
    expect((await consolidation()).units.find((u) => u.unitId === hv)!.overdueTasks.map((x) => x.taskId)).not.toContain(task.id);
    // On-time rates count against the original: the approval changes nothing there; the dashboard's
    // overdue count follows the current due.
    const { overdue: overdueAfter, ...rateAfter } = await rankOf();
    const { overdue: overdueBefore, ...rateBefore } = rankBefore;
    expect(rateAfter).toEqual(rateBefore);
    expect(overdueAfter).toBe(overdueBefore - 1);
    expect(await lineOf()).toMatchObject({ status: 'not_started', dueDate: '2021-10-31' });

    // Past the new date it is overdue again.
    await travel('2021-11-02T03:00:00Z');
    expect(standingOf(await consolidation())).toMatchObject({ status: 'overdue', due: '2021-10-31' });
    await travel('2021-10-05T03:00:00Z');
  });

  it('deciding twice is 409; a refusal needs a reason; a new request starts from the current due', async () => {
    await refused(() => noivu.post(`/api/v1/extensions/${first.id}/approve`, {}), 409, /đã được duyệt.*không thể quyết định lại/);
    await refused(() => noivu.post(`/api/v1/extensions/${first.id}/refuse`, { comment: 'Không' }), 409, /không thể quyết định lại/);
    // Not after the current due (31/10), even though it is after the original.
    await refused(
      () => hoavinh.post('/api/v1/extensions', { assignmentId, dueDate: due, requestedDate: '2021-10-15', reason: 'Thêm thời gian' }),
      400,
      /thời hạn hiện tại \(31\/10\/2021\)/,
    );
    // The due may be named by the date now in force.
    const res = await hoavinh.post('/api/v1/extensions', { assignmentId, dueDate: '2021-10-31', requestedDate: '2021-11-30', reason: 'Thêm thời gian' });
    expect(res.statusCode, res.body).toBe(201);
    const second = res.json() as Extension;
    expect(second).toMatchObject({ originalDue: due, previousDue: '2021-10-31', currentDue: '2021-10-31', requestedDate: '2021-11-30', status: 'pending' });

    await refused(() => noivu.post(`/api/v1/extensions/${second.id}/refuse`, {}), 400, /Cần nêu lý do từ chối/);
    await refused(() => noivu.post(`/api/v1/extensions/${second.id}/refuse`, { comment: '  ' }), 400, /Cần nêu lý do từ chối/);
    const refusedRes = await noivu.post(`/api/v1/extensions/${second.id}/refuse`, { comment: 'Đã gia hạn một lần' });
    expect(refusedRes.statusCode).toBe(200);
    expect(refusedRes.json()).toMatchObject({ status: 'refused', currentDue: '2021-10-31', decisionComment: 'Đã gia hạn một lần' });
    await refused(() => noivu.post(`/api/v1/extensions/${second.id}/approve`, {}), 409, /đã bị từ chối/);
    expect(standingOf(await consolidation())).toMatchObject({ status: 'not_started', due: '2021-10-31' });
  });

  it('a task reported done cannot be extended; every step is in the audit log', async () => {
    const report = ((await hoavinh.get('/api/v1/reports?mine=1')).json() as { items: Array<{ id: number; roundId: number; version: number }> }).items.find(
      (r) => r.roundId === roundId,
    )!;
    const saved = await hoavinh.patch(
      `/api/v1/reports/${report.id}`,
      { entries: [{ taskId: task.id, status: 'done', completedOn: '2021-10-04' }] },
      { 'if-match': `"${report.version}"` },
    );
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await hoavinh.post(`/api/v1/reports/${report.id}/submit`, {})).statusCode).toBe(200);
    // Done before the current due (31/10): "done", not "done late", in the round; late against the original for on-time rates.
    expect(standingOf(await consolidation())).toMatchObject({ status: 'done', due: '2021-10-31' });
    await refused(
      () => hoavinh.post('/api/v1/extensions', { assignmentId, dueDate: due, requestedDate: '2021-12-31', reason: 'Thêm' }),
      409,
      /đã hoàn thành/,
    );
    const actions = (await t.db.handle.db.selectFrom('auditLog').select(['action', 'entityId']).where('entity', '=', 'extension').orderBy('seq').execute()).map(
      (r) => r.action,
    );
    expect(actions).toEqual(['extension.request', 'extension.request', 'extension.approve', 'extension.request', 'extension.refuse']);
  });
});

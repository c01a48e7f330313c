import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/accounts/actor.js';
import type { Schedule } from '../../src/domain/schedule/index.js';
import { engines } from '../support/engines.js';
import { createTestApp, type Client, type TestApp } from '../support/app.js';

interface ApiTask {
  id: number;
  key: string;
  no: string;
  schedule: Schedule;
  assignments: Array<{ id: number; taskId: number; unitId: number; role: 'lead' | 'coordinating' }>;
}
interface ScheduleView {
  taskId: number;
  taskKey: string;
  kind: string;
  triggers: Array<{ date: string; note: string | null; recordedBy: number | null }>;
  dates: Array<{ date: string; note: string | null }>;
  dues: string[];
}
interface Round {
  id: number;
  reports: Array<{ id: number; unitId: number }>;
}
interface Report {
  id: number;
  entries: Array<{ taskId: number; dues: string[]; role: string }>;
}
type ErrorBody = { error: { code: string; message: string } };

let now = new Date('2021-09-01T02:00:00Z');
const clock = { now: () => now };

describe.each(engines)('task schedule events (triggers, coordinator dates) on $name', (engine) => {
  let t: TestApp;
  let noivu: Client;
  let hoavinh: Client;
  let chutich: Client;
  let admin: Client;
  let planId: number;
  let units: Map<string, number>;
  let eventTask: ApiTask; // II/16 "Sau khi UBND tỉnh phê duyệt", led by Phòng TN&MT
  let openTask: ApiTask; // I/25 "Theo kế hoạch", led among others by Hòa Vinh
  let datedTask: ApiTask;
  let q3: Round;

  const count = async (table: 'taskScheduleEvents' | 'auditLog') =>
    Number((await t.db.handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  async function refused(send: () => Promise<{ statusCode: number; json(): unknown }>, status: number, message: RegExp) {
    const [e0, a0] = [await count('taskScheduleEvents'), await count('auditLog')];
    const res = await send();
    expect(res.statusCode, JSON.stringify(res.json())).toBe(status);
    expect((res.json() as ErrorBody).error.message).toMatch(message);
    expect([await count('taskScheduleEvents'), await count('auditLog')]).toEqual([e0, a0]);
  }
  const put = (c: Client, taskId: number, body: unknown) => c.request({ method: 'PUT', url: `/api/v1/tasks/${taskId}/dates`, payload: body as object });
  const entriesOf = async (round: Round, unitCode: string) => {
    const r = round.reports.find((x) => x.unitId === units.get(unitCode));
    if (!r) return [];
    return ((await noivu.get(`/api/v1/reports/${r.id}`)).json() as Report).entries;
  };

  beforeAll(async () => {
    now = new Date('2021-09-01T02:00:00Z');
    t = await createTestApp(engine, { clock });
    units = new Map((await t.services.units.list(SYSTEM_ACTOR)).map((u) => [u.code, u.id]));
    [noivu, hoavinh, chutich, admin] = await Promise.all([t.login('noivu'), t.login('hoavinh'), t.login('chutich'), t.login('admin')]);
    planId = ((await noivu.get('/api/v1/plans')).json() as Array<{ id: number }>)[0]!.id;
    const tasks = (await noivu.get(`/api/v1/plans/${planId}/tasks`)).json() as ApiTask[];
    eventTask = tasks.find((x) => x.key === 'II/16')!;
    openTask = tasks.find((x) => x.key === 'I/25')!;
    datedTask = tasks.find((x) => x.schedule.kind === 'once')!;
    expect(eventTask.schedule.kind).toBe('event');
    expect(openTask.schedule.kind).toBe('unspecified');
    q3 = (await noivu.post(`/api/v1/plans/${planId}/rounds`, { periodKey: '2021-Q3' })).json() as Round;
  });
  afterAll(async () => t?.close());

  it('before anything is recorded, neither task is asked for', async () => {
    expect((await entriesOf(q3, 'DH.TNMT')).map((e) => e.taskId)).not.toContain(eventTask.id);
    expect((await entriesOf(q3, 'DH.HV')).map((e) => e.taskId)).not.toContain(openTask.id);
    const view = (await hoavinh.get(`/api/v1/tasks/${openTask.id}/schedule-events`)).json() as ScheduleView;
    expect(view).toMatchObject({ taskId: openTask.id, taskKey: 'I/25', kind: 'unspecified', triggers: [], dates: [], dues: [] });
  });

  it('the coordinator records the event of an event task (201) and sets the dates of an unspecified task', async () => {
    const res = await noivu.post(`/api/v1/tasks/${eventTask.id}/trigger`, { date: '2021-08-20', note: 'Quyết định số 123/QĐ-UBND của UBND tỉnh' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ taskId: eventTask.id, kind: 'event', triggers: [{ date: '2021-08-20', note: 'Quyết định số 123/QĐ-UBND của UBND tỉnh' }], dates: [] });

    const set = await put(noivu, openTask.id, { dates: ['2021-11-20', '2021-11-20'], note: 'Theo Kế hoạch số 45/KH-UBND' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ kind: 'unspecified', dates: [{ date: '2021-11-20', note: 'Theo Kế hoạch số 45/KH-UBND' }], dues: ['2021-11-20'] });
    // A new setting replaces the dates (the old rows are kept, retired).
    const again = await put(admin, openTask.id, { dates: ['2021-12-05', '2021-11-25'] });
    expect(again.statusCode).toBe(200);
    expect((again.json() as ScheduleView).dues).toEqual(['2021-11-25', '2021-12-05']);
    const rows = await t.db.handle.db.selectFrom('taskScheduleEvents').select(['date', 'retiredAt']).where('taskId', '=', openTask.id).orderBy('id').execute();
    expect(rows.map((r) => [r.date, r.retiredAt !== null])).toEqual([
      ['2021-11-20', true],
      ['2021-11-25', false],
      ['2021-12-05', false],
    ]);
    const audit = await t.db.handle.db
      .selectFrom('auditLog')
      .select(['action', 'entityId'])
      .where('action', 'in', ['task.trigger', 'task.dates'])
      .orderBy('seq')
      .execute();
    expect(audit).toEqual([
      { action: 'task.trigger', entityId: String(eventTask.id) },
      { action: 'task.dates', entityId: String(openTask.id) },
      { action: 'task.dates', entityId: String(openTask.id) },
    ]);
  });

  it('refuses every bad request with a Vietnamese message and writes nothing', async () => {
    const trigger = (c: Client, id: number, body: unknown) => () => c.post(`/api/v1/tasks/${id}/trigger`, body);
    await refused(trigger(noivu, openTask.id, { date: '2021-10-01', note: 'x' }), 400, /Chỉ ghi nhận sự kiện cho nhiệm vụ thực hiện khi có sự kiện/);
    await refused(trigger(noivu, datedTask.id, { date: '2021-10-01', note: 'x' }), 400, /Chỉ ghi nhận sự kiện/);
    await refused(() => put(noivu, eventTask.id, { dates: ['2021-10-01'] }), 400, /Chỉ ấn định ngày cho nhiệm vụ chưa có thời hạn/);
    await refused(() => put(noivu, datedTask.id, { dates: ['2021-10-01'] }), 400, /Chỉ ấn định ngày/);
    await refused(trigger(noivu, eventTask.id, { date: '2026-01-01', note: 'x' }), 400, /nằm ngoài thời gian của kế hoạch \(01\/01\/2021 – 31\/12\/2025\)/);
    await refused(() => put(noivu, openTask.id, { dates: ['2021-10-01', '2020-12-31'] }), 400, /31\/12\/2020 nằm ngoài thời gian của kế hoạch/);
    await refused(trigger(noivu, eventTask.id, { date: '2021-02-30', note: 'x' }), 400, /Ngày xảy ra sự kiện không hợp lệ/);
    await refused(() => put(noivu, openTask.id, { dates: ['20/11/2021'] }), 400, /Ngày ấn định không hợp lệ/);
    await refused(() => put(noivu, openTask.id, { dates: [] }), 400, /Cần ấn định ít nhất một ngày/);
    await refused(() => put(noivu, openTask.id, {}), 400, /dates/);
    await refused(trigger(noivu, eventTask.id, { date: '2021-10-01' }), 400, /Cần ghi nội dung sự kiện/);
    await refused(trigger(noivu, eventTask.id, { date: '2021-08-20', note: 'Lần nữa' }), 409, /đã được ghi nhận/);
    await refused(trigger(hoavinh, eventTask.id, { date: '2021-10-01', note: 'x' }), 403, /quyền/);
    await refused(trigger(chutich, eventTask.id, { date: '2021-10-01', note: 'x' }), 403, /quyền/);
    await refused(() => put(hoavinh, openTask.id, { dates: ['2021-10-01'] }), 403, /quyền/);
    await refused(trigger(noivu, 999_999, { date: '2021-10-01', note: 'x' }), 404, /Không tìm thấy nhiệm vụ/);
    await refused(() => put(noivu, 999_999, { dates: ['2021-10-01'] }), 404, /Không tìm thấy nhiệm vụ/);
    await refused(trigger(t.anonymous, eventTask.id, { date: '2021-10-01', note: 'x' }), 401, /đăng nhập/);
  });

  it('rounds opened afterwards ask for the tasks in the periods holding the recorded dates', async () => {
    const q4 = (await noivu.post(`/api/v1/plans/${planId}/rounds`, { periodKey: '2021-Q4' })).json() as Round;
    const tnmt = await entriesOf(q4, 'DH.TNMT');
    // The event happened in August: from then on the task runs like a continuous one.
    expect(tnmt.find((e) => e.taskId === eventTask.id)).toMatchObject({ role: 'lead', dues: [] });
    const hv = await entriesOf(q4, 'DH.HV');
    expect(hv.find((e) => e.taskId === openTask.id)).toMatchObject({ role: 'lead', dues: ['2021-11-25', '2021-12-05'] });
    // No date set in Quý I/2022: the unspecified task is not asked for there; the event task still runs.
    const q1 = (await noivu.post(`/api/v1/plans/${planId}/rounds`, { periodKey: '2022-Q1' })).json() as Round;
    expect((await entriesOf(q1, 'DH.HV')).map((e) => e.taskId)).not.toContain(openTask.id);
    expect((await entriesOf(q1, 'DH.TNMT')).map((e) => e.taskId)).toContain(eventTask.id);
  });

  it("a coordinator's date is a due like any other: the unit may ask to extend it", async () => {
    const assignmentId = openTask.assignments.find((a) => a.unitId === units.get('DH.HV') && a.role === 'lead')!.id;
    const res = await hoavinh.post('/api/v1/extensions', { assignmentId, dueDate: '2021-11-25', requestedDate: '2021-12-20', reason: 'Chờ kinh phí' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ originalDue: '2021-11-25', currentDue: '2021-11-25', requestedDate: '2021-12-20' });
  });
});

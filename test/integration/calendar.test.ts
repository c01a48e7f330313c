import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../src/services/index.js';
import { createTestApp, type Client, type TestApp } from '../support/app.js';
import { engines } from '../support/engines.js';

interface Day {
  date: string;
  weekday: number;
  working: boolean;
  reason: string;
  name: string;
  origin: 'default' | 'override';
  replacedHoliday: string | null;
  note: string | null;
  version: number | null;
}
interface Due {
  due: string;
  explanation: string;
  makeUpDays: string[];
}
type ErrorBody = { error: { code: string; message: string } };

const clock = { now: () => new Date('2026-01-05T02:00:00Z') };

describe.each(engines)('the working calendar on $name', (engine) => {
  let t: TestApp;
  let admin: Client;
  let noivu: Client;
  let hoavinh: Client;

  beforeAll(async () => {
    t = await createTestApp(engine, { clock });
    [admin, noivu, hoavinh] = await Promise.all([t.login('admin'), t.login('noivu'), t.login('hoavinh')]);
  });
  afterAll(async () => t?.close());

  const put = (who: Client, date: string, body: unknown, version?: number) =>
    who.request({ method: 'PUT', url: `/api/v1/calendar/${date}`, payload: body as object, ...(version !== undefined ? { headers: { 'if-match': `"${version}"` } } : {}) });
  const due = async (who: Client, query: string) => {
    const res = await who.get(`/api/v1/calendar/due?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Due;
  };

  it('lists 2026 with the default holidays and their source, for every signed-in user', async () => {
    const res = await hoavinh.get('/api/v1/calendar?year=2026');
    expect(res.statusCode).toBe(200);
    const { year, days } = res.json() as { year: number; days: Day[] };
    expect(year).toBe(2026);
    expect(days.filter((d) => d.date >= '2026-02-16' && d.date <= '2026-02-20').map((d) => d.reason)).toEqual(Array(5).fill('holiday'));
    expect(days.find((d) => d.date === '2026-09-02')).toMatchObject({ origin: 'default', working: false, note: expect.stringContaining('Bộ luật Lao động 2019') });
  });

  it('a make-up Saturday recorded by the admin changes a computed due at once, in this app and in another instance', async () => {
    const before = await due(noivu, 'start=2026-02-05&days=3');
    expect(before.due).toBe('2026-02-10');
    // Another app instance on the same database, which has read (and cached) the calendar already.
    const other = createServices(t.db.handle, { clock });
    expect((await other.calendar.calendar()).isWorkingDay('2026-02-07')).toBe(false);

    const saved = await put(admin, '2026-02-07', { kind: 'working', name: 'Làm bù cho ngày nghỉ hoán đổi', note: 'Thông báo (giả định cho thử nghiệm)' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ date: '2026-02-07', origin: 'override', working: true, reason: 'makeup', version: 1 });

    const after = await due(noivu, 'start=2026-02-05&days=3');
    expect(after.due).toBe('2026-02-09');
    expect(after.makeUpDays).toEqual(['2026-02-07']);
    expect(after.explanation).toContain('làm bù thứ Bảy 07/02/2026 được tính');
    expect((await other.calendar.calendar()).isWorkingDay('2026-02-07')).toBe(true);

    const cleared = await admin.delete('/api/v1/calendar/2026-02-07');
    expect(cleared.statusCode).toBe(204);
    expect((await due(noivu, 'start=2026-02-05&days=3')).due).toBe('2026-02-10');
    expect((await other.calendar.calendar()).isWorkingDay('2026-02-07')).toBe(false);
    // Set again after clearing: the same row comes back, a version further.
    const again = await put(admin, '2026-02-07', { kind: 'working', name: 'Làm bù' });
    expect(again.json()).toMatchObject({ version: 3 });
    expect((await due(noivu, 'start=2026-02-05&days=3')).due).toBe('2026-02-09');
  });

  it('moves the 2/9 adjacent day and audits both changes', async () => {
    expect((await due(hoavinh, 'start=2026-08-31&days=1')).due).toBe('2026-09-03');
    expect((await put(admin, '2026-09-01', { kind: 'working', name: 'Đi làm: ngày nghỉ liền kề chuyển sang 03/09' })).statusCode).toBe(200);
    expect((await put(admin, '2026-09-03', { kind: 'off', name: 'Nghỉ Quốc khánh (ngày liền kề 2/9)' })).statusCode).toBe(200);
    expect((await due(hoavinh, 'start=2026-08-31&days=1')).due).toBe('2026-09-01');
    const list = (await admin.get('/api/v1/calendar?year=2026')).json() as { days: Day[] };
    expect(list.days.find((d) => d.date === '2026-09-01')).toMatchObject({ origin: 'override', reason: 'restored', replacedHoliday: 'Quốc khánh (ngày liền kề 2/9)' });

    const audit = (await admin.get('/api/v1/audit?entity=calendar_day&entityId=2026-09-03')).json() as Array<{ action: string; actorId: number }>;
    expect(audit.map((a) => a.action)).toEqual(['calendar.set']);
  });

  it('a calendar-day limit that lands on a day off moves to the next working day', async () => {
    const res = await due(noivu, 'start=2026-01-17&days=30&count=calendar');
    expect(res.due).toBe('2026-02-23');
    expect(res.explanation).toContain('Điều 148');
  });

  it('refuses non-admins with 403 and changes nothing', async () => {
    for (const who of [noivu, hoavinh]) {
      const res = await put(who, '2026-03-07', { kind: 'working', name: 'Làm bù' });
      expect(res.statusCode).toBe(403);
      expect((await who.delete('/api/v1/calendar/2026-02-07')).statusCode).toBe(403);
    }
    const list = (await admin.get('/api/v1/calendar?year=2026')).json() as { days: Day[] };
    expect(list.days.some((d) => d.date === '2026-03-07')).toBe(false);
    expect(list.days.some((d) => d.date === '2026-02-07')).toBe(true);
  });

  it('answers bad input with a Vietnamese 400, pointless overrides with 422, and writes nothing', async () => {
    for (const date of ['2026-02-30', '14-02-2026', 'abc', '1899-01-01']) {
      const res = await put(admin, date, { kind: 'off', name: 'Nghỉ' });
      expect(res.statusCode, date).toBe(400);
      expect((res.json() as ErrorBody).error.message).toMatch(/Ngày không hợp lệ|nằm ngoài khoảng/);
    }
    const noName = await put(admin, '2026-03-09', { kind: 'off', name: '   ' });
    expect(noName.statusCode).toBe(400);
    expect((noName.json() as ErrorBody).error.message).toContain('Cần ghi tên ngày');
    const badKind = await put(admin, '2026-03-09', { kind: 'holiday', name: 'Nghỉ' });
    expect(badKind.statusCode).toBe(400);
    const badYear = await admin.get('/api/v1/calendar?year=1800');
    expect(badYear.statusCode).toBe(400);
    expect((badYear.json() as ErrorBody).error.message).toContain('Năm không hợp lệ');
    const badDue = await noivu.get('/api/v1/calendar/due?start=2026-13-01&days=3');
    expect(badDue.statusCode).toBe(400);

    const alreadyOff = await put(admin, '2026-02-17', { kind: 'off', name: 'Nghỉ' });
    expect(alreadyOff.statusCode).toBe(422);
    expect((alreadyOff.json() as ErrorBody).error.message).toContain('đã là ngày nghỉ lễ');
    const alreadyWorking = await put(admin, '2026-03-10', { kind: 'working', name: 'Làm bù' });
    expect(alreadyWorking.statusCode).toBe(422);

    const nothing = await admin.delete('/api/v1/calendar/2026-03-11');
    expect(nothing.statusCode).toBe(404);
    expect((nothing.json() as ErrorBody).error.message).toContain('không có điều chỉnh');

    const list = (await admin.get('/api/v1/calendar?year=2026')).json() as { days: Day[] };
    expect(list.days.filter((d) => d.origin === 'override').map((d) => d.date)).toEqual(['2026-02-07', '2026-09-01', '2026-09-03']);
  });

  it('refuses a change made on a stale version (409)', async () => {
    const stale = await put(admin, '2026-02-07', { kind: 'working', name: 'Làm bù (sửa)' }, 1);
    expect(stale.statusCode).toBe(409);
    const fresh = await put(admin, '2026-02-07', { kind: 'working', name: 'Làm bù (sửa)' }, 3);
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json()).toMatchObject({ name: 'Làm bù (sửa)', version: 4 });
  });
});

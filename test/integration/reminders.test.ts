import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/accounts/actor.js';
import { createServices } from '../../src/services/index.js';
import { dondoc } from '../support/cli.js';
import { openDatabase, type DatabaseHandle } from '../../src/db/connection.js';
import { createStore } from '../../src/db/repositories/index.js';
import { smtpMailer, type Mailer } from '../../src/services/mailer.js';
import { ReminderService } from '../../src/services/reminder-service.js';
import { createTestApp, type Client, type TestApp } from '../support/app.js';
import { engines } from '../support/engines.js';
import { startSmtp } from '../support/smtp.js';

let now = new Date('2021-09-01T02:00:00Z');
const clock = { now: () => now };

interface Notification {
  id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}
type NotificationList = { items: Notification[]; unread: number };

describe.each(engines)('reminders and notifications on $name', (engine) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let mailer: Mailer;
  let reminders: ReminderService;
  let noivu: Client;
  let hoavinh: Client;
  let admin: Client;
  let roundId: number;
  let reportOf: Map<string, number>; // unit code → report id
  let unitEmail: Map<string, string>; // unit code → mailbox

  const HV_UNIT = 'hoavinh@donghoa.example.vn';
  const HV_OFFICER = 'congchuc.hoavinh@donghoa.example.vn';
  const HT_UNIT = 'hoatam@donghoa.example.vn';
  const to = (address: string) => smtp.received.filter((m) => m.to.includes(address));

  async function travel(iso: string) {
    now = new Date(iso);
    [noivu, hoavinh, admin] = await Promise.all([t.login('noivu'), t.login('hoavinh'), t.login('admin')]);
  }

  beforeAll(async () => {
    now = new Date('2021-09-01T02:00:00Z');
    smtp = await startSmtp();
    t = await createTestApp(engine, { clock });
    mailer = smtpMailer(smtp.url, 'Dondoc <khong-tra-loi@dondoc.example.vn>');
    reminders = new ReminderService(createStore(t.db.handle.db), t.services.audit, clock, mailer, {
      publicUrl: 'https://dondoc.example.vn',
      holder: 'instance-A',
      maxAttempts: 5,
      log: () => undefined,
    });
    await travel('2021-09-01T02:00:00Z');
    const planId = ((await noivu.get('/api/v1/plans')).json() as Array<{ id: number }>)[0]!.id;
    const opened = await noivu.post(`/api/v1/plans/${planId}/rounds`, { periodKey: '2021-Q3' });
    expect(opened.statusCode, opened.body).toBe(201);
    const round = opened.json() as { id: number; submissionDeadline: string; reports: Array<{ id: number; unitId: number }> };
    expect(round.submissionDeadline).toBe('2021-09-16');
    roundId = round.id;
    const units = (await admin.get('/api/v1/units')).json() as Array<{ id: number; code: string; email: string | null }>;
    const codeOf = new Map(units.map((u) => [u.id, u.code]));
    reportOf = new Map(round.reports.map((r) => [codeOf.get(r.unitId)!, r.id]));
    unitEmail = new Map(units.filter((u) => u.email).map((u) => [u.code, u.email!]));
    expect(reportOf.has('DH.HV') && reportOf.has('DH.HTA')).toBe(true);
  });
  afterAll(async () => {
    mailer?.close();
    await smtp?.close();
    await t?.close();
  });

  it('sends nothing a week before the deadline', async () => {
    await travel('2021-09-09T01:00:00Z');
    const pass = await reminders.runOnce();
    expect(pass).toMatchObject({ ran: true, today: '2021-09-09', events: [], queued: [], sent: [] });
    expect(smtp.received).toHaveLength(0);
  });

  it('three days before: e-mails every unit with a draft and its officers, in Vietnamese, and notifies hoavinh', async () => {
    await travel('2021-09-13T01:00:00Z'); // 08:00 in Vietnam, 13/09: 3 days left
    const pass = await reminders.runOnce();
    expect(pass.ran).toBe(true);
    expect(pass.events.length).toBe(reportOf.size);
    expect(pass.events.every((e) => e.kind === 'due_soon' && e.key.endsWith(':before:3'))).toBe(true);
    // One message per recipient: each unit's mailbox, plus hoavinh's own address for Hòa Vinh.
    const expectedRecipients = [...reportOf.keys()].filter((code) => unitEmail.has(code)).length + 1;
    expect(pass.sent).toHaveLength(expectedRecipients);
    expect(pass.failed).toEqual([]);
    expect(pass.pending).toBe(0);
    expect(smtp.received).toHaveLength(expectedRecipients);

    for (const address of [HV_UNIT, HV_OFFICER]) {
      const [m] = to(address);
      expect(m, address).toBeDefined();
      expect(m!.subject).toBe('Nhắc hạn gửi báo cáo Quý III/2021 — còn 3 ngày');
      expect(m!.text).toContain('Kính gửi: UBND phường Hòa Vinh');
      expect(m!.text).toContain('chậm nhất ngày 16/09/2021');
      expect(m!.text).toContain('Thực hiện Kế hoạch góp phần cải thiện, nâng cao Chỉ số');
      expect(m!.text).toContain(`https://dondoc.example.vn/app/bao-cao/so/${reportOf.get('DH.HV')}`);
    }
    expect(to(HT_UNIT)[0]!.text).toContain('Kính gửi: UBND xã Hòa Tâm');

    const list = (await hoavinh.get('/api/v1/notifications')).json() as NotificationList;
    expect(list.unread).toBe(1);
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ kind: 'due_soon', title: 'Báo cáo Quý III/2021: còn 3 ngày', link: `/bao-cao/so/${reportOf.get('DH.HV')}`, readAt: null });
    expect(list.items[0]!.body).toContain('16/09/2021');
    // Due-soon reminders go to the unit, not to the coordinator.
    expect(((await noivu.get('/api/v1/notifications')).json() as NotificationList).items).toHaveLength(0);
  });

  it('a second pass the same day (or the next) sends and notifies nothing again', async () => {
    const before = smtp.received.length;
    const again = await reminders.runOnce();
    expect(again.events.length).toBe(reportOf.size);
    expect(again.queued).toEqual([]);
    expect(again.notified).toBe(0);
    expect(again.sent).toEqual([]);
    await travel('2021-09-14T01:00:00Z'); // 2 days left: still the "3 days" reminder, already sent
    const next = await reminders.runOnce();
    expect(next.events.every((e) => e.key.endsWith(':before:3'))).toBe(true);
    expect(next.sent).toEqual([]);
    expect(smtp.received).toHaveLength(before);
    expect(((await hoavinh.get('/api/v1/notifications')).json() as NotificationList).items).toHaveLength(1);
  });

  it('a submitted report gets no reminder; the others get the one-day reminder', async () => {
    const hoaTam = reportOf.get('DH.HTA')!;
    const submitted = await admin.post(`/api/v1/reports/${hoaTam}/submit`, {});
    expect(submitted.statusCode, submitted.body).toBe(200);
    await travel('2021-09-15T01:00:00Z');
    const hoaTamBefore = to(HT_UNIT).length;
    const pass = await reminders.runOnce();
    expect(pass.events.length).toBe(reportOf.size - 1);
    expect(pass.events.some((e) => e.reportId === hoaTam)).toBe(false);
    expect(to(HT_UNIT)).toHaveLength(hoaTamBefore);
    const hv = to(HV_OFFICER);
    expect(hv).toHaveLength(2);
    expect(hv[1]!.subject).toBe('Nhắc hạn gửi báo cáo Quý III/2021 — còn 1 ngày');
    expect(((await hoavinh.get('/api/v1/notifications')).json() as NotificationList).unread).toBe(2);
  });

  it('marks one notification read, only its owner can, then all of them', async () => {
    const { items } = (await hoavinh.get('/api/v1/notifications')).json() as NotificationList;
    const read = await hoavinh.post(`/api/v1/notifications/${items[0]!.id}/read`);
    expect(read.statusCode, read.body).toBe(200);
    expect((read.json() as Notification).readAt).toBe(now.toISOString());
    const after = (await hoavinh.get('/api/v1/notifications')).json() as NotificationList;
    expect(after.unread).toBe(1);
    expect(((await hoavinh.get('/api/v1/notifications?unread=1')).json() as NotificationList).items.map((n) => n.id)).toEqual([items[1]!.id]);
    // Somebody else's notification is not there for noivu, nor for the admin.
    for (const other of [noivu, admin]) {
      const res = await other.post(`/api/v1/notifications/${items[1]!.id}/read`);
      expect(res.statusCode).toBe(404);
      expect((res.json() as { error: { message: string } }).error.message).toMatch(/Không tìm thấy thông báo/);
    }
    expect(((await hoavinh.get('/api/v1/notifications')).json() as NotificationList).unread).toBe(1);
    const all = await hoavinh.post('/api/v1/notifications/read-all');
    expect(all.statusCode).toBe(200);
    expect(all.json()).toEqual({ unread: 0 });
    expect(((await hoavinh.get('/api/v1/notifications')).json() as NotificationList).unread).toBe(0);
    expect((await t.anonymous.get('/api/v1/notifications')).statusCode).toBe(401);
  });

  it('the day after the deadline: overdue e-mails, and the coordinator is notified too', async () => {
    await travel('2021-09-17T01:00:00Z');
    const pass = await reminders.runOnce();
    expect(pass.events.length).toBe(reportOf.size - 1);
    expect(pass.events.every((e) => e.kind === 'overdue' && e.key.endsWith(':overdue:2021-09-17'))).toBe(true);
    const late = to(HV_UNIT).at(-1)!;
    expect(late.subject).toBe('Báo cáo Quý III/2021 đã quá hạn 1 ngày');
    expect(late.text).toContain('16/09/2021');
    expect(late.text).toContain('quá hạn 1 ngày');
    const mine = (await hoavinh.get('/api/v1/notifications')).json() as NotificationList;
    expect(mine.unread).toBe(1);
    expect(mine.items[0]).toMatchObject({ kind: 'overdue', link: `/bao-cao/so/${reportOf.get('DH.HV')}` });
    const coordinator = (await noivu.get('/api/v1/notifications')).json() as NotificationList;
    expect(coordinator.items).toHaveLength(reportOf.size - 1);
    expect(coordinator.items.some((n) => n.title.startsWith('UBND phường Hòa Vinh: báo cáo Quý III/2021 quá hạn'))).toBe(true);
    expect(coordinator.items.some((n) => n.title.includes('Hòa Tâm'))).toBe(false);
  });

  it('an SMTP failure leaves the messages queued with the attempt counted; the next pass sends them, none lost or doubled', async () => {
    await travel('2021-09-20T01:00:00Z'); // second overdue reminder
    const before = smtp.received.length;
    smtp.state.reject = true;
    const failing = await reminders.runOnce();
    expect(failing.queued.length).toBeGreaterThan(0);
    expect(failing.sent).toEqual([]);
    expect(failing.failed).toHaveLength(failing.queued.length);
    expect(failing.failed[0]!.error).toMatch(/451/);
    expect(failing.pending).toBe(failing.queued.length);
    expect(smtp.received).toHaveLength(before);
    const rows = (await t.services.database.db.selectFrom('outbox').selectAll().where('key', 'like', '%:overdue:2021-09-20:%').execute());
    expect(rows).toHaveLength(failing.queued.length);
    expect(rows.every((r) => r.status === 'pending' && r.attempts === 1 && /451/.test(r.lastError ?? ''))).toBe(true);

    smtp.state.reject = false;
    const retry = await reminders.runOnce();
    expect(retry.queued).toEqual([]);
    expect(retry.sent).toHaveLength(failing.queued.length);
    expect(retry.pending).toBe(0);
    expect(smtp.received).toHaveLength(before + failing.queued.length);
    const sentRows = await t.services.database.db.selectFrom('outbox').selectAll().where('key', 'like', '%:overdue:2021-09-20:%').execute();
    expect(sentRows.every((r) => r.status === 'sent' && r.attempts === 2 && r.lastError === null)).toBe(true);
    expect(to(HV_OFFICER).at(-1)!.subject).toBe('Báo cáo Quý III/2021 đã quá hạn 4 ngày');
  });

  it.runIf(engine.name === 'postgres')('two instances over separate connections, at once: each message sent exactly once', async () => {
    await travel('2021-09-23T01:00:00Z'); // third (last) overdue reminder
    const before = smtp.received.length;
    const handles: DatabaseHandle[] = [await openDatabase(t.db.url!), await openDatabase(t.db.url!)];
    try {
      const instances = handles.map(
        (h, i) =>
          new ReminderService(createStore(h.db), t.services.audit, clock, mailer, {
            publicUrl: 'https://dondoc.example.vn',
            holder: `instance-${i}`,
            log: () => undefined,
          }),
      );
      const passes = await Promise.all([...instances, ...instances].map((r) => r.runOnce()));
      expect(passes.some((p) => p.ran)).toBe(true);
      const sent = passes.flatMap((p) => p.sent);
      const rows = await t.services.database.db.selectFrom('outbox').selectAll().where('key', 'like', '%:overdue:2021-09-23:%').execute();
      expect(rows.length).toBeGreaterThan(0);
      expect(sent).toHaveLength(rows.length);
      const got = smtp.received.slice(before);
      expect(got).toHaveLength(rows.length);
      const perRecipient = new Map<string, number>();
      for (const m of got) for (const r of m.to) perRecipient.set(r, (perRecipient.get(r) ?? 0) + 1);
      expect([...perRecipient.values()].every((n) => n === 1)).toBe(true);
      const notes = await t.services.database.db.selectFrom('notifications').select(['userId', 'key']).where('key', 'like', '%:overdue:2021-09-23').execute();
      expect(new Set(notes.map((n) => `${n.userId}|${n.key}`)).size).toBe(notes.length);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
    }
  });

  it('after the last overdue reminder, nothing more', async () => {
    await travel('2021-09-30T01:00:00Z');
    const before = smtp.received.length;
    const pass = await reminders.runOnce();
    expect(pass.events).toEqual([]);
    expect(smtp.received).toHaveLength(before);
    expect(roundId).toBeGreaterThan(0);
  });
  it('admins set the e-mail of an account and of a unit; a bad address is refused in Vietnamese', async () => {
    const users = (await admin.get('/api/v1/users')).json() as Array<{ id: number; username: string; email: string | null; version: number }>;
    const hv = users.find((u) => u.username === 'hoavinh')!;
    expect(hv.email).toBe(HV_OFFICER);
    const bad = await admin.patch(`/api/v1/users/${hv.id}`, { email: 'hoavinh.donghoa' });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { error: { message: string } }).error.message).toMatch(/Địa chỉ thư điện tử «hoavinh.donghoa» không hợp lệ/);
    const ok = await admin.patch(`/api/v1/users/${hv.id}`, { email: ' Nguyen.Van.A@DongHoa.example.vn ' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ email: 'nguyen.van.a@donghoa.example.vn' });
    expect((await hoavinh.patch(`/api/v1/users/${hv.id}`, { email: 'x@y.example.vn' })).statusCode).toBe(403);
    const units = (await admin.get('/api/v1/units')).json() as Array<{ id: number; code: string; email: string | null }>;
    const hoaTam = units.find((u) => u.code === 'DH.HTA')!;
    expect(hoaTam.email).toBe(HT_UNIT);
    expect((await admin.patch(`/api/v1/units/${hoaTam.id}`, { email: 'ubnd hoatam@x.vn' })).statusCode).toBe(400);
    const unit = await admin.patch(`/api/v1/units/${hoaTam.id}`, { email: null });
    expect(unit.statusCode, unit.body).toBe(200);
    expect(unit.json()).toMatchObject({ email: null });
    const dh = units.find((u) => u.code === 'DH')!;
    const refused = await admin.post('/api/v1/units', { name: 'Phòng Dân tộc', kind: 'agency', parentId: dh.id, email: 'bad@' });
    expect(refused.statusCode).toBe(400);
    expect((refused.json() as { error: { message: string } }).error.message).toMatch(/thư điện tử «bad@»/);
    const created = await admin.post('/api/v1/units', { name: 'Phòng Dân tộc', kind: 'agency', parentId: dh.id, email: 'dantoc@donghoa.example.vn' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ email: 'dantoc@donghoa.example.vn' });
  });
});

describe('dondoc remind', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dondoc-remind-'));
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const saved = { SMTP_URL: process.env.SMTP_URL, PUBLIC_URL: process.env.PUBLIC_URL };
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(async () => {
    process.env.SMTP_URL = saved.SMTP_URL;
    process.env.PUBLIC_URL = saved.PUBLIC_URL;
    if (saved.SMTP_URL === undefined) delete process.env.SMTP_URL;
    if (saved.PUBLIC_URL === undefined) delete process.env.PUBLIC_URL;
    await smtp?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs one pass at a given time, prints what it sent, and sends nothing twice', async () => {
    const url = `sqlite:${join(dir, 'remind.sqlite')}`;
    expect((await dondoc('demo', '--db', url, '--password', 'P')).code).toBe(0);
    const handle = await openDatabase(url);
    try {
      const services = createServices(handle, { clock: { now: () => new Date('2021-09-01T02:00:00Z') } });
      const [plan] = await services.plans.list(SYSTEM_ACTOR);
      await services.reporting.openRound(SYSTEM_ACTOR, plan!.id, { periodKey: '2021-Q3' });
    } finally {
      await handle.close();
    }
    process.env.PUBLIC_URL = 'https://dondoc.example.vn/';
    // No SMTP server configured yet: the messages wait in the outbox, nothing is lost.
    delete process.env.SMTP_URL;
    const waiting = await dondoc('remind', '--db', url, '--now', '2021-09-13T07:00:00+07:00');
    expect(waiting.code, waiting.stderr).toBe(0);
    expect(waiting.stdout).not.toContain('đã gửi');
    const queued = Number(/(\d+) thư mới vào hộp thư đi/.exec(waiting.stdout)?.[1]);
    expect(queued).toBeGreaterThan(0);
    expect(waiting.stdout).toContain(`Còn ${queued} thư chờ gửi (chưa cấu hình SMTP_URL?)`);
    expect(waiting.stderr).toContain('Chưa cấu hình SMTP_URL');
    expect(smtp.received).toHaveLength(0);
    process.env.SMTP_URL = smtp.url;

    const help = await dondoc('remind', '--help');
    expect(help.stdout).toContain('Chạy một lượt nhắc hạn báo cáo');
    expect((await dondoc('remind', '--db', url, '--now', 'hôm qua')).code).toBe(2);

    const first = await dondoc('remind', '--db', url, '--now', '2021-09-13T08:00:00+07:00');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Ngày 13\/09\/2021: \d+ sự kiện nhắc hạn, 0 thư mới vào hộp thư đi/);
    expect(smtp.received).toHaveLength(queued);
    expect(first.stdout).toContain(`đã gửi  ${HV_UNIT_ADDRESS}  «Nhắc hạn gửi báo cáo Quý III/2021 — còn 3 ngày»`);
    const got = smtp.received.filter((m) => m.to.includes(HV_UNIT_ADDRESS));
    expect(got).toHaveLength(1);
    expect(got[0]!.text).toMatch(/https:\/\/dondoc\.example\.vn\/app\/bao-cao\/so\/\d+/);
    const count = smtp.received.length;

    const second = await dondoc('remind', '--db', url, '--now', '2021-09-13T09:00:00+07:00');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('0 thư mới vào hộp thư đi, 0 thông báo mới');
    expect(second.stdout).not.toContain('đã gửi');
    expect(smtp.received).toHaveLength(count);
  });
});

const HV_UNIT_ADDRESS = 'hoavinh@donghoa.example.vn';

describe.each(engines)('outbox and lease repositories on $name', (engine) => {
  it('gives a message up after the last attempt; a lease goes to one holder until it expires', async () => {
    const db = await engine.open();
    try {
      const repos = createStore(db.handle.db).read;
      const row = { kind: 'due_soon', recipient: 'a@donghoa.example.vn', subject: 'S', body: 'B', createdAt: '2021-09-13T01:00:00.000Z' };
      expect(await repos.outbox.enqueue([{ ...row, key: 'k1' }, { ...row, key: 'k1' }, { ...row, key: 'k2' }])).toEqual(['k1', 'k2']);
      expect(await repos.outbox.enqueue([{ ...row, key: 'k1' }])).toEqual([]);
      const [k1] = await repos.outbox.due(2, 10);
      await repos.outbox.markFailed(k1!.id, '451 thử lại sau', 2);
      expect((await repos.outbox.due(2, 10)).map((r) => r.key)).toEqual(['k1', 'k2']);
      await repos.outbox.markFailed(k1!.id, '451 thử lại sau', 2);
      expect((await repos.outbox.due(2, 10)).map((r) => r.key)).toEqual(['k2']);
      expect((await repos.outbox.all()).find((r) => r.key === 'k1')).toMatchObject({ status: 'failed', attempts: 2, lastError: '451 thử lại sau' });

      const t0 = '2026-11-28T09:00:00.000Z';
      const t1 = '2026-11-28T09:05:00.000Z';
      expect(await repos.leases.acquire('job', 'A', t0, t1)).toBe(true);
      expect(await repos.leases.acquire('job', 'B', t0, t1)).toBe(false);
      expect(await repos.leases.acquire('job', 'A', '2026-11-28T09:01:00.000Z', '2026-11-28T09:06:00.000Z')).toBe(true); // renewal
      expect(await repos.leases.acquire('job', 'B', '2026-11-28T09:06:00.001Z', '2026-11-28T09:11:00.000Z')).toBe(true); // expired
      expect(await repos.leases.get('job')).toMatchObject({ holder: 'B' });
      await repos.leases.release('job', 'A'); // not A's any more: no effect
      expect(await repos.leases.acquire('job', 'A', '2026-11-28T09:07:00.000Z', '2026-11-28T09:12:00.000Z')).toBe(false);
      await repos.leases.release('job', 'B');
      expect(await repos.leases.acquire('job', 'A', '2026-11-28T09:07:00.000Z', '2026-11-28T09:12:00.000Z')).toBe(true);
    } finally {
      await db.cleanup();
    }
  });
});

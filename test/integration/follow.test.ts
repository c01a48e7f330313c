import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/accounts/actor.js';
import { DEMO_UNPUBLISHED_MARK } from '../../src/demo/reporting.js';
import { loadDemo } from '../../src/demo/load.js';
import { createStore, type Store } from '../../src/db/repositories/index.js';
import { buildApp } from '../../src/server/app.js';
import { createServices, type Services } from '../../src/services/index.js';
import { smtpMailer, unconfiguredMailer, type Mailer } from '../../src/services/mailer.js';
import { sha256 } from '../../src/services/tokens.js';
import { DEMO_PASSWORD } from '../support/app.js';
import { engines, type TestDatabase } from '../support/engines.js';
import { startSmtp } from '../support/smtp.js';
import { movableClock } from '../support/reporting-cycle.js';

const PLAN_FAN = 'cong.dan@example.vn';
const UNIT_FAN = 'nguoi.dan.hoaxuandong@example.vn';
const ACCEPTED_TEXT = 'Đã niêm yết công khai kết quả giải quyết 12 hồ sơ tại nhà văn hóa thôn (nội dung được duyệt)';
const DISCLOSURE_TITLE = 'Thông báo tuyển dụng công chức cấp xã năm 2025 — Hòa Xuân Đông';

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const linkOf = (text: string, path: string) => {
  const m = new RegExp(`https?://[^\\s/]+(${path.replace(/\//g, '\\/')}\\?ma=[A-Za-z0-9_-]+)`).exec(text);
  if (!m) throw new Error(`no ${path} link in:\n${text}`);
  return m[1]!;
};
const tokenOf = (pathAndQuery: string) => new URL(`http://x${pathAndQuery}`).searchParams.get('ma')!;

describe.each(engines)('following a plan or a commune on $name', (engine) => {
  const clock = movableClock('2025-10-01T02:00:00Z');
  let db: TestDatabase;
  let services: Services;
  let app: FastifyInstance;
  let store: Store;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let mailer: Mailer;
  let planId: number;
  let hxd: { id: number; code: string };
  const to = (address: string) => smtp.received.filter((m) => m.to.includes(address));
  const post = (url: string, fields: Record<string, string>) =>
    app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form(fields) });
  const pass = () => services.follow.runOnce();
  const later = (minutes: number) => clock.set(new Date(clock.now().getTime() + minutes * 60_000).toISOString());
  const subscription = (email: string, kind: 'plan' | 'unit', id: number) => store.read.subscriptions.find(email, kind, id);

  beforeAll(async () => {
    smtp = await startSmtp();
    mailer = smtpMailer(smtp.url, 'Dondoc <khong-tra-loi@dondoc.example.vn>');
    db = await engine.open();
    services = createServices(db.handle, { clock, mailer, follow: { publicUrl: 'https://dondoc.example.vn', holder: 'instance-A', log: () => undefined } });
    await loadDemo(services, DEMO_PASSWORD);
    store = createStore(db.handle.db);
    app = await buildApp(services, { logger: false, webRoot: null });
    await app.ready();
    planId = (await services.plans.list(SYSTEM_ACTOR))[0]!.id;
    const unit = (await services.units.list(SYSTEM_ACTOR)).find((u) => u.code === 'DH.HXD')!;
    hxd = { id: unit.id, code: unit.code };
  });
  afterAll(async () => {
    await app?.close();
    mailer?.close();
    await smtp?.close();
    await db?.cleanup();
  });

  it('shows the Theo dõi box with a plain form and the Atom link on the plan page, the commune page and the filtered disclosures', async () => {
    const plan = await app.inject(`/ke-hoach/${planId}`);
    expect(plan.statusCode).toBe(200);
    expect(plan.body).toContain('<form class="search" method="post" action="/theo-doi">');
    expect(plan.body).toContain(`<input type="hidden" name="loai" value="ke-hoach"><input type="hidden" name="id" value="${planId}">`);
    expect(plan.body).toContain(`href="/ke-hoach/${planId}/atom.xml"`);
    expect(plan.body).toContain('nguồn tin Atom');
    const unit = await app.inject(`/don-vi/${hxd.code}`);
    expect(unit.body).toContain(`<input type="hidden" name="loai" value="don-vi"><input type="hidden" name="id" value="${hxd.id}">`);
    expect(unit.body).toContain(`href="/don-vi/${hxd.code}/atom.xml"`);
    expect((await app.inject(`/cong-khai?don-vi=${hxd.id}`)).body).toContain(`name="id" value="${hxd.id}"`);
    expect((await app.inject('/cong-khai')).body).not.toContain('action="/theo-doi"');
  });

  it('subscribe → a confirmation letter with a link; GET shows a button and confirms nothing; POST confirms', async () => {
    const res = await post('/theo-doi', { email: '  Cong.Dan@Example.VN ', loai: 'ke-hoach', id: String(planId), website: '' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain('Vui lòng kiểm tra hộp thư để xác nhận');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).not.toContain(PLAN_FAN);
    expect(await subscription(PLAN_FAN, 'plan', planId)).toMatchObject({ confirmedAt: null, unsubscribedAt: null });

    // The reminder pass sends staff mail only: the citizen's letter waits for the follow pass and its headers.
    await services.reminders.runOnce();
    expect(to(PLAN_FAN)).toHaveLength(0);
    const sent = await pass();
    expect(sent.sent.map((s) => s.kind)).toEqual(['follow_confirm']);
    const [letter] = to(PLAN_FAN);
    expect(letter!.subject).toMatch(/^Xác nhận đăng ký theo dõi: Kế hoạch/);
    expect(letter!.text).toContain('Kính gửi Quý ông/bà');
    expect(letter!.text).toMatch(/có hiệu lực đến hết ngày 08\/10\/2025/);
    expect(letter!.header('List-Unsubscribe')).toMatch(/^<https:\/\/dondoc\.example\.vn\/theo-doi\/huy\?ma=[A-Za-z0-9_-]{43}>$/);
    expect(letter!.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const confirmLink = linkOf(letter!.text, '/theo-doi/xac-nhan');
    const token = tokenOf(confirmLink);
    // Only the hash is kept.
    expect(await store.read.subscriptions.token(token)).toBeUndefined();
    expect(await store.read.subscriptions.token(sha256(token))).toMatchObject({ purpose: 'confirm', expiresAt: '2025-10-08T02:00:00.000Z' });
    // The outbox kept the letter with its slots: no table holds a usable link.
    const queued = (await store.read.outbox.byKeyPrefix('follow:confirm:')).at(-1)!;
    expect(queued).toMatchObject({ status: 'sent', recipient: PLAN_FAN });
    expect(queued.body).toContain('/theo-doi/xac-nhan?ma={{ma-xac-nhan}}');
    expect(queued.body + queued.headers).not.toContain(token);

    // A mail scanner fetching the link changes nothing.
    const get = await app.inject(confirmLink);
    expect(get.statusCode).toBe(200);
    expect(get.body).toContain('<form method="post" action="/theo-doi/xac-nhan">');
    expect(get.body).toContain('Xác nhận theo dõi</button>');
    expect(get.headers['cache-control']).toBe('no-store');
    expect((await subscription(PLAN_FAN, 'plan', planId))!.confirmedAt).toBeNull();

    const confirmed = await post('/theo-doi/xac-nhan', { ma: token });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.body).toContain('Đã xác nhận theo dõi');
    expect((await subscription(PLAN_FAN, 'plan', planId))!.confirmedAt).toBe(clock.now().toISOString());
    // Confirming twice is harmless.
    expect((await post('/theo-doi/xac-nhan', { ma: token })).statusCode).toBe(200);
  });

  it('a commune is followed the same way', async () => {
    expect((await post('/theo-doi', { email: UNIT_FAN, loai: 'don-vi', id: String(hxd.id) })).statusCode).toBe(200);
    await pass();
    const token = tokenOf(linkOf(to(UNIT_FAN)[0]!.text, '/theo-doi/xac-nhan'));
    expect(to(UNIT_FAN)[0]!.subject).toBe('Xác nhận đăng ký theo dõi: UBND xã Hòa Xuân Đông');
    expect((await post('/theo-doi/xac-nhan', { ma: token })).statusCode).toBe(200);
  });

  it('nothing has changed since confirming: a pass sends nothing (the demo history is not re-sent)', async () => {
    later(30);
    const before = smtp.received.length;
    const p = await pass();
    expect(p.ran).toBe(true);
    expect(p.queued).toEqual([]);
    expect(smtp.received).toHaveLength(before);
  });

  it('an accepted report and a new disclosure → the next pass sends one digest per subscription, then nothing again', async () => {
    later(60);
    const rounds = await services.reporting.listRounds(SYSTEM_ACTOR, planId);
    const q3 = rounds.find((r) => r.label === 'Quý III/2025')!;
    const reports = await services.reporting.listReports(SYSTEM_ACTOR, q3.id);
    const draft = reports.find((r) => r.unitId === hxd.id && r.status === 'draft')!;
    expect(draft).toBeDefined();
    const full = await services.reporting.getReport(SYSTEM_ACTOR, draft.id);
    await services.reporting.saveReport(
      SYSTEM_ACTOR,
      draft.id,
      { entries: full.entries.map((e) => ({ taskId: e.taskId, status: 'in_progress' as const, progress: 60, results: `${ACCEPTED_TEXT} [${e.taskId}]`, difficulties: '', proposals: '' })) },
      full.version,
    );
    await services.reporting.submit(SYSTEM_ACTOR, draft.id);
    await services.reporting.accept(SYSTEM_ACTOR, draft.id);
    const d = await services.disclosures.create(SYSTEM_ACTOR, { unitId: hxd.id, category: 'recruitment', title: DISCLOSURE_TITLE, summary: 'Tuyển 02 công chức văn hóa – xã hội.' });
    await services.disclosures.submit(SYSTEM_ACTOR, d.id);
    await services.disclosures.approve(SYSTEM_ACTOR, d.id, {});

    // A change younger than the settling time waits for the next pass.
    later(1);
    expect((await pass()).queued).toEqual([]);

    later(10);
    const before = smtp.received.length;
    const p = await pass();
    expect(p.queued).toHaveLength(2);
    expect(smtp.received).toHaveLength(before + 2);

    const planLetter = to(PLAN_FAN).at(-1)!;
    expect(planLetter.subject).toMatch(/^Cập nhật mới: Kế hoạch .*\(1 báo cáo được duyệt\)$/);
    expect(planLetter.text).toContain('báo cáo Quý III/2025 của UBND xã Hòa Xuân Đông đã được duyệt');
    expect(planLetter.text).toContain(ACCEPTED_TEXT);
    expect(planLetter.text).toContain(`https://dondoc.example.vn/ke-hoach/${planId}?donVi=DH.HXD`);
    expect(planLetter.text).not.toContain(DISCLOSURE_TITLE);
    const planUnsub = linkOf(planLetter.text, '/theo-doi/huy');
    expect(planLetter.header('List-Unsubscribe')).toBe(`<https://dondoc.example.vn${planUnsub}>`);

    const unitLetter = to(UNIT_FAN).at(-1)!;
    expect(unitLetter.subject).toBe('Cập nhật mới: UBND xã Hòa Xuân Đông (1 báo cáo được duyệt, 1 nội dung công khai mới)');
    expect(unitLetter.text).toContain(ACCEPTED_TEXT);
    expect(unitLetter.text).toContain(DISCLOSURE_TITLE);
    expect(unitLetter.text).toContain(`https://dondoc.example.vn/cong-khai/${d.id}`);
    expect(unitLetter.text).toMatch(/- 01\/10\/2025: công khai mới/);

    // Drafts and submitted reports (the demo's marked texts) never reach a letter.
    for (const m of smtp.received) {
      expect(m.text).not.toContain(DEMO_UNPUBLISHED_MARK);
      expect(m.text).not.toContain(PLAN_FAN === m.to[0] ? UNIT_FAN : PLAN_FAN);
    }

    // A second pass: nothing new.
    later(15);
    const again = await pass();
    expect(again.queued).toEqual([]);
    expect(again.sent).toEqual([]);
    expect(smtp.received).toHaveLength(before + 2);
  });

  it('two instances racing on one watermark queue one letter', async () => {
    // Instance B shares the database and runs its own pass: the watermark already moved, nothing to queue.
    const other = createServices(db.handle, { clock, mailer, follow: { publicUrl: 'https://dondoc.example.vn', holder: 'instance-B', log: () => undefined } });
    const p = await other.follow.runOnce();
    expect(p.ran).toBe(true);
    expect(p.queued).toEqual([]);
    const keys = (await store.read.outbox.byKeyPrefix('follow:digest:')).map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(2);
  });

  it('the plan and commune Atom feeds hold accepted words only, with ETag', async () => {
    const feed = await app.inject(`/ke-hoach/${planId}/atom.xml`);
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(feed.headers['cache-control']).toBe('public, max-age=300');
    expect(feed.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
    expect(feed.body).toContain(ACCEPTED_TEXT);
    expect(feed.body).toContain('UBND xã Hòa Xuân Đông: Đang thực hiện 60%');
    expect(feed.body).not.toContain(DEMO_UNPUBLISHED_MARK);
    const again = await app.inject({ url: `/ke-hoach/${planId}/atom.xml`, headers: { 'if-none-match': feed.headers.etag as string } });
    expect(again.statusCode).toBe(304);

    const unit = await app.inject(`/don-vi/${hxd.code}/atom.xml`);
    expect(unit.statusCode).toBe(200);
    expect(unit.body).toContain(`Công khai: ${DISCLOSURE_TITLE}`);
    expect(unit.body).toContain(ACCEPTED_TEXT);
    expect(unit.body).not.toContain(DEMO_UNPUBLISHED_MARK);
    // Hòa Thành's report is only submitted: its feed has no word of it.
    const hth = await app.inject('/don-vi/DH.HTH/atom.xml');
    expect(hth.statusCode).toBe(200);
    expect(hth.body).not.toContain(DEMO_UNPUBLISHED_MARK);
    expect((await app.inject('/ke-hoach/999999/atom.xml')).statusCode).toBe(404);
    expect((await app.inject('/don-vi/KHONG-CO/atom.xml')).statusCode).toBe(404);
  });

  it('unsubscribe: GET shows a button, POST stops the letters; one-click works from the header', async () => {
    const planUnsub = linkOf(to(PLAN_FAN).at(-1)!.text, '/theo-doi/huy');
    const get = await app.inject(planUnsub);
    expect(get.statusCode).toBe(200);
    expect(get.body).toContain('Ngừng theo dõi</button>');
    expect((await subscription(PLAN_FAN, 'plan', planId))!.unsubscribedAt).toBeNull();
    const stop = await post('/theo-doi/huy', { ma: tokenOf(planUnsub) });
    expect(stop.statusCode).toBe(200);
    expect(stop.body).toContain('Bạn sẽ không nhận thêm thư thông báo');
    expect((await subscription(PLAN_FAN, 'plan', planId))!.unsubscribedAt).toBe(clock.now().toISOString());

    // RFC 8058: the token in the address, the body says One-Click.
    const header = to(UNIT_FAN).at(-1)!.header('List-Unsubscribe').slice(1, -1);
    const oneClick = await app.inject({ method: 'POST', url: new URL(header).pathname + new URL(header).search, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    expect(oneClick.statusCode).toBe(200);
    expect((await subscription(UNIT_FAN, 'unit', hxd.id))!.unsubscribedAt).not.toBeNull();

    // A new disclosure afterwards: nobody hears of it.
    later(5);
    const d = await services.disclosures.create(SYSTEM_ACTOR, { unitId: hxd.id, category: 'anti_corruption', title: 'Báo cáo phòng, chống tham nhũng năm 2025', summary: '' });
    await services.disclosures.submit(SYSTEM_ACTOR, d.id);
    await services.disclosures.approve(SYSTEM_ACTOR, d.id, {});
    later(10);
    const before = smtp.received.length;
    expect((await pass()).queued).toEqual([]);
    expect(smtp.received).toHaveLength(before);
  });

  it('re-subscribing an address already following answers the same page and tells only that mailbox', async () => {
    const a = await post('/theo-doi', { email: UNIT_FAN, loai: 'don-vi', id: String(hxd.id) }); // unsubscribed: asks to confirm again
    await pass();
    expect(to(UNIT_FAN).at(-1)!.subject).toBe('Xác nhận đăng ký theo dõi: UBND xã Hòa Xuân Đông');
    expect((await post('/theo-doi/xac-nhan', { ma: tokenOf(linkOf(to(UNIT_FAN).at(-1)!.text, '/theo-doi/xac-nhan')) })).statusCode).toBe(200);
    const b = await post('/theo-doi', { email: UNIT_FAN, loai: 'don-vi', id: String(hxd.id) }); // active: told so
    expect(b.statusCode).toBe(200);
    const strip = (s: string) => s.replace(/"[A-Za-z0-9+/_-]{27}"/g, '');
    expect(strip(b.body)).toBe(strip(a.body));
    await pass();
    expect(to(UNIT_FAN).at(-1)!.subject).toBe('Quý ông/bà đã theo dõi: UBND xã Hòa Xuân Đông');
    expect(to(UNIT_FAN).at(-1)!.text).toContain('đã đăng ký và xác nhận từ trước');
  });

  it('a digest queued before its reader stopped following is not sent', async () => {
    const quiet = createServices(db.handle, { clock, mailer: unconfiguredMailer, follow: { publicUrl: 'https://dondoc.example.vn', holder: 'instance-C', log: () => undefined } });
    later(5);
    const d = await services.disclosures.create(SYSTEM_ACTOR, { unitId: hxd.id, category: 'budget', title: 'Công khai thu, chi ngân sách quý III/2025', summary: '' });
    await services.disclosures.submit(SYSTEM_ACTOR, d.id);
    await services.disclosures.approve(SYSTEM_ACTOR, d.id, {});
    later(10);
    const queued = await quiet.follow.runOnce();
    expect(queued.queued).toHaveLength(1);
    expect(queued.pending).toBe(1);
    const stop = linkOf(to(UNIT_FAN).at(-1)!.text, '/theo-doi/huy');
    expect((await post('/theo-doi/huy', { ma: tokenOf(stop) })).statusCode).toBe(200);
    const before = smtp.received.length;
    const p = await pass();
    expect(p.sent).toEqual([]);
    expect(p.pending).toBe(0);
    expect(smtp.received).toHaveLength(before);
    const row = (await store.read.outbox.byKeyPrefix(queued.queued[0]!))[0]!;
    expect(row).toMatchObject({ status: 'failed', sentAt: null });
    expect(row.lastError).toMatch(/ngừng theo dõi/);
  });

  it('refuses bad input with an escaped Vietnamese message, writes nothing', async () => {
    const outbox = async () => (await store.read.outbox.all()).length;
    const n = await outbox();
    const xss = await post('/theo-doi', { email: '<script>alert(1)</script>@x.vn', loai: 'ke-hoach', id: String(planId) });
    expect(xss.statusCode).toBe(400);
    expect(xss.body).toContain('Địa chỉ thư điện tử không hợp lệ');
    expect(xss.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;@x.vn');
    expect(xss.body).not.toContain('<script>alert');
    const sql = await post('/theo-doi', { email: "x' OR '1'='1'; DROP TABLE subscriptions; --", loai: 'ke-hoach', id: String(planId) });
    expect(sql.statusCode).toBe(400);
    expect(sql.body).toContain('x&#39; OR &#39;1&#39;=&#39;1&#39;; DROP TABLE subscriptions; --');
    expect((await post('/theo-doi', { email: '', loai: 'ke-hoach', id: String(planId) })).body).toContain('Vui lòng nhập địa chỉ thư điện tử');
    expect((await post('/theo-doi', { email: 'ai.do@example.vn', loai: 'ke-hoach', id: '999999' })).statusCode).toBe(404);
    expect((await post('/theo-doi', { email: 'ai.do@example.vn', loai: 'khac', id: '1' })).statusCode).toBe(404);
    expect((await app.inject('/theo-doi/xac-nhan?ma=abc')).statusCode).toBe(400);
    expect((await app.inject('/theo-doi/xac-nhan')).statusCode).toBe(400);
    expect((await app.inject(`/theo-doi/xac-nhan?ma=${'A'.repeat(43)}`)).statusCode).toBe(404);
    expect((await post('/theo-doi/huy', { ma: 'B'.repeat(43) })).statusCode).toBe(404);
    expect((await post('/theo-doi/huy', { ma: '<x>' })).body).toContain('Liên kết không còn hiệu lực');
    expect(await outbox()).toBe(n);
    // The table survived the SQL payload.
    expect(await subscription(PLAN_FAN, 'plan', planId)).toBeDefined();
  });

  it('a filled honeypot gets the same page and nothing is sent; a fourth confirmation in a day is refused', async () => {
    const bot = await post('/theo-doi', { email: 'bot@example.vn', loai: 'ke-hoach', id: String(planId), website: 'http://spam.example' });
    expect(bot.statusCode).toBe(200);
    expect(bot.body).toContain('Vui lòng kiểm tra hộp thư để xác nhận');
    expect(await subscription('bot@example.vn', 'plan', planId)).toBeUndefined();

    for (let i = 0; i < 3; i++) {
      later(1);
      expect((await post('/theo-doi', { email: 'nhieu.lan@example.vn', loai: 'ke-hoach', id: String(planId) })).statusCode).toBe(200);
    }
    expect(await store.read.outbox.byKeyPrefix(`follow:confirm:${(await subscription('nhieu.lan@example.vn', 'plan', planId))!.id}:`)).toHaveLength(3);
    later(1);
    const fourth = await post('/theo-doi', { email: 'nhieu.lan@example.vn', loai: 'don-vi', id: String(hxd.id) });
    expect(fourth.statusCode).toBe(429);
    expect(fourth.body).toContain('trong 24 giờ qua');
    expect(await subscription('nhieu.lan@example.vn', 'unit', hxd.id)).toBeUndefined();
  });

  it('the audit log names the subscriber masked, never in clear; unconfirmed subscriptions are purged after 7 days', async () => {
    const entries = await services.audit.list(SYSTEM_ACTOR, { entity: 'subscription', limit: 500 });
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['subscription.request', 'subscription.confirm', 'subscription.unsubscribe']));
    const all = JSON.stringify(entries);
    for (const address of [PLAN_FAN, UNIT_FAN, 'nhieu.lan@example.vn']) expect(all).not.toContain(address);
    expect(all).toContain('c***@example.vn');

    const STAYS = 'van.theo.doi@example.vn';
    await post('/theo-doi', { email: STAYS, loai: 'ke-hoach', id: String(planId) });
    await pass();
    expect((await post('/theo-doi/xac-nhan', { ma: tokenOf(linkOf(to(STAYS).at(-1)!.text, '/theo-doi/xac-nhan')) })).statusCode).toBe(200);

    expect(await subscription('nhieu.lan@example.vn', 'plan', planId)).toMatchObject({ confirmedAt: null });
    expect(await services.follow.purge(new Date(clock.now().getTime() + 6 * 24 * 3600_000))).toBe(0);
    // After 7 days: the never-confirmed request and the stopped subscriptions (an address nobody may write to is not kept).
    expect(await services.follow.purge(new Date(clock.now().getTime() + 8 * 24 * 3600_000))).toBe(3);
    expect(await subscription('nhieu.lan@example.vn', 'plan', planId)).toBeUndefined();
    expect(await subscription(UNIT_FAN, 'unit', hxd.id)).toBeUndefined();
    expect(await subscription(PLAN_FAN, 'plan', planId)).toBeUndefined();
    // The confirmed, active one stays.
    expect(await subscription(STAYS, 'plan', planId)).toMatchObject({ unsubscribedAt: null });
  });
});

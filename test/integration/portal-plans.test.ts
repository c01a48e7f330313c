import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../src/db/repositories/index.js';
import { createTestApp, type Client, type TestApp } from '../support/app.js';
import { engines } from '../support/engines.js';
import { movableClock, runReportingCycle, type Cycle, type MovableClock, type Report } from '../support/reporting-cycle.js';

/**
 * The public portal's plan pages (issue 5): only ACCEPTED report content is public. After issue 4's cycle
 * (three communes accepted in Quý III/2021), Quý IV/2021 holds a draft, a submitted-but-not-accepted and a
 * returned report, each with a marker that must never reach a public page, and Phường Hòa Vinh's accepted
 * report whose text is an XSS payload that must show as text.
 */

const DRAFT = 'NHÁP-KHÔNG-CÔNG-KHAI-7731';
const SUBMITTED = 'CHỜ-DUYỆT-KHÔNG-CÔNG-KHAI-7732';
const RETURNED = 'BỊ-TRẢ-LẠI-KHÔNG-CÔNG-KHAI-7733';
const SILENT_DRAFT = 'HÒA-VINH-NHÁP-QUÝ-III-7734';
const XSS = '"><img src=x onerror=alert(1)><script>alert("xss")</script> Hòa Vinh đã niêm yết';
const MARKERS = [DRAFT, SUBMITTED, RETURNED, SILENT_DRAFT];
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

interface Fixture {
  cycle: Cycle;
  /** Task ids each marker was written on. */
  markedTasks: number[];
  xssTaskId: number;
  q4RoundId: number;
  unitCodes: Map<number, string>;
}

async function write(officer: Client, reportId: number, text: string, status = 'in_progress'): Promise<{ report: Report; taskId: number }> {
  const got = await officer.get(`/api/v1/reports/${reportId}`);
  expect(got.statusCode, got.body).toBe(200);
  const report = got.json() as Report;
  expect(report.entries.length).toBeGreaterThan(0);
  const taskId = report.entries[0]!.taskId;
  const body = { entries: report.entries.map((e, i) => ({ taskId: e.taskId, status: i === 0 ? status : 'in_progress', progress: i === 0 && status === 'done' ? 100 : 30, result: i === 0 ? text : `${text} (tiếp)` })) };
  const saved = await officer.request({ method: 'PUT', url: `/api/v1/reports/${reportId}`, payload: body, headers: ifMatch(report.version) });
  expect(saved.statusCode, saved.body).toBe(200);
  return { report: saved.json() as Report, taskId };
}

async function submit(officer: Client, report: Report): Promise<Report> {
  const res = await officer.request({ method: 'POST', url: `/api/v1/reports/${report.id}/submit`, payload: {}, headers: ifMatch(report.version) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Report;
}

async function setUp(t: TestApp, clock: MovableClock): Promise<Fixture> {
  const cycle = await runReportingCycle(t, clock);
  // Phường Hòa Vinh writes a draft in Quý III and never submits it.
  const hoavinh = await cycle.as('hoavinh');
  const silentDraft = await write(hoavinh, cycle.silent.id, SILENT_DRAFT);

  // Quý IV/2021: a draft (A), a submitted report never accepted (B), a returned one (C), Hòa Vinh accepted.
  clock.set('2021-10-05T02:00:00Z');
  let noivu = await cycle.as('noivu');
  const opened = await noivu.post('/api/v1/rounds', { planId: cycle.planId, period: { type: 'quarter', year: 2021, index: 4 }, dueDate: '2021-12-16' });
  expect(opened.statusCode, opened.body).toBe(201);
  const q4 = opened.json() as { id: number; reports: Array<{ id: number; unitId: number }> };
  const reports = q4.reports;
  const of = (unitId: number) => reports.find((r) => r.unitId === unitId)!.id;

  const a = await write(await cycle.as(cycle.usernames.a), of(cycle.a.unitId), DRAFT);
  const officerB = await cycle.as(cycle.usernames.b);
  const b = await write(officerB, of(cycle.b.unitId), SUBMITTED, 'done');
  await submit(officerB, b.report);
  const officerC = await cycle.as(cycle.usernames.c);
  const c = await write(officerC, of(cycle.c.unitId), RETURNED, 'done');
  const cSubmitted = await submit(officerC, c.report);
  const hv = await write(await cycle.as('hoavinh'), of(cycle.silent.unitId), XSS, 'done');
  const hvSubmitted = await submit(await cycle.as('hoavinh'), hv.report);

  clock.set('2021-10-08T02:00:00Z');
  noivu = await cycle.as('noivu');
  const returned = await noivu.request({ method: 'POST', url: `/api/v1/reports/${cSubmitted.id}/return`, payload: { comment: 'Bổ sung số liệu.' }, headers: ifMatch(cSubmitted.version) });
  expect(returned.statusCode, returned.body).toBe(200);
  const accepted = await noivu.request({ method: 'POST', url: `/api/v1/reports/${hvSubmitted.id}/accept`, payload: {}, headers: ifMatch(hvSubmitted.version) });
  expect(accepted.statusCode, accepted.body).toBe(200);

  const units = (await noivu.get('/api/v1/units')).json() as Array<{ id: number; code: string }>;
  return {
    cycle,
    markedTasks: [...new Set([a.taskId, b.taskId, c.taskId, silentDraft.taskId])],
    xssTaskId: hv.taskId,
    q4RoundId: q4.id,
    unitCodes: new Map(units.map((u) => [u.id, u.code])),
  };
}

describe.each(engines)('public portal: plans and accountability ($name)', (engine) => {
  let t: TestApp;
  let clock: MovableClock;
  let f: Fixture;
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    clock = movableClock('2021-09-01T02:00:00Z');
    t = await createTestApp(engine, { clock });
    f = await setUp(t, clock);
    clock.set('2021-10-10T02:00:00Z');
  }, 180_000);
  afterAll(async () => t?.close());

  /** Every page built from the plan's reports: home, list, plan (and per unit), tasks, units, search. */
  function publicUrls(): string[] {
    const { cycle } = f;
    const codes = [cycle.a, cycle.b, cycle.c, cycle.silent].map((s) => f.unitCodes.get(s.unitId)!);
    return [
      '/',
      '/ke-hoach',
      `/ke-hoach/${cycle.planId}`,
      ...codes.map((c) => `/ke-hoach/${cycle.planId}?donVi=${encodeURIComponent(c)}`),
      ...[...f.markedTasks, f.xssTaskId].map((id) => `/ke-hoach/${cycle.planId}/nhiem-vu/${id}`),
      ...codes.map((c) => `/don-vi/${encodeURIComponent(c)}`),
      '/tim-kiem?q=khong%20cong%20khai',
    ];
  }

  it('shows accepted results, evidence summaries and statuses on the task page', async () => {
    const { cycle } = f;
    for (const unit of [cycle.a, cycle.b, cycle.c]) {
      const report = (await (await cycle.as('noivu')).get(`/api/v1/reports/${unit.id}`)).json() as Report;
      const taskId = report.entries[0]!.taskId;
      const res = await get(`/ke-hoach/${cycle.planId}/nhiem-vu/${taskId}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
      expect(res.body).toContain(cycle.firstResult.get(unit.id)!);
      expect(res.body).toContain(unit.unitName);
      expect(res.body).toContain('Văn bản số 12/TB-UBND ngày <time datetime="2021-08-30">30/08/2021</time>');
      expect(res.body).toContain(`Thông báo niêm yết của ${unit.unitName}`);
      expect(res.body).toContain('Hoàn thành');
      expect(res.body).toContain('Quý III/2021');
    }
    // C's first submission (before it was returned and corrected) never shows: only the accepted text.
    const cFirst = `${cycle.c.unitName} đã niêm yết công khai thủ tục hành chính tại bộ phận một cửa.`;
    const cReport = (await (await cycle.as('noivu')).get(`/api/v1/reports/${cycle.c.id}`)).json() as Report;
    const page = await get(`/ke-hoach/${cycle.planId}/nhiem-vu/${cReport.entries[0]!.taskId}`);
    expect(page.body).not.toContain(cFirst);
  });

  it('never shows a draft, a submitted-but-not-accepted or a returned report', async () => {
    for (const url of publicUrls()) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      for (const marker of MARKERS) expect(res.body, `${url} shows ${marker}`).not.toContain(marker);
    }
    // The page of a task with only unaccepted words says so.
    const accepted = new Set<number>();
    for (const unit of [f.cycle.a, f.cycle.b, f.cycle.c]) {
      const r = (await (await f.cycle.as('noivu')).get(`/api/v1/reports/${unit.id}`)).json() as Report;
      for (const e of r.entries) accepted.add(e.taskId);
    }
    const onlyUnaccepted = f.markedTasks.find((id) => !accepted.has(id) && id !== f.xssTaskId);
    if (onlyUnaccepted !== undefined) {
      const res = await get(`/ke-hoach/${f.cycle.planId}/nhiem-vu/${onlyUnaccepted}`);
      expect(res.body).toContain('Chưa có báo cáo được duyệt');
    }
  });

  it('shows accepted text holding HTML as escaped text', async () => {
    const res = await get(`/ke-hoach/${f.cycle.planId}/nhiem-vu/${f.xssTaskId}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt; Hòa Vinh đã niêm yết');
    expect(res.body).not.toMatch(/<img src=x|<script>alert/);
    const plan = await get(`/ke-hoach/${f.cycle.planId}`);
    expect(plan.body).not.toMatch(/<img src=x|<script>alert/);
  });

  it('lists the plan in force with its progress, the newest accepted reports and a timeline', async () => {
    const home = await get('/');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('<html lang="vi">');
    expect(home.body).toContain('Kế hoạch đang thực hiện');
    expect(home.body).toContain(`href="/ke-hoach/${f.cycle.planId}"`);
    expect(home.body).toContain('UBND thị xã Đông Hòa');
    expect(home.body).toMatch(/\d+\/\d+ nhiệm vụ hoàn thành \(\d+%\), theo các báo cáo đã được duyệt/);
    expect(home.body).toContain('<form class="search" role="search" method="get" action="/tim-kiem">');
    // Newest first: Hòa Vinh accepted on 08/10, the three others on 21/09.
    const items = home.body.slice(home.body.indexOf('Mới công bố'));
    expect(items).toContain('Quý IV/2021');
    expect(items.indexOf('Quý IV/2021')).toBeLessThan(items.indexOf('Quý III/2021'));
    expect(items).toContain('<time datetime="2021-10-08T');

    const plan = await get(`/ke-hoach/${f.cycle.planId}`);
    expect(plan.statusCode).toBe(200);
    expect(plan.body).toContain('Tiến độ theo lĩnh vực');
    expect(plan.body).toContain('Công khai, minh bạch trong việc ra quyết định ở địa phương');
    expect(plan.body).toContain('Chưa có báo cáo được duyệt');
    const afterTimeline = plan.body.slice(plan.body.indexOf('id="cap-nhat"'));
    const timeline = afterTimeline.slice(0, afterTimeline.indexOf('</ol>'));
    for (const unit of [f.cycle.a, f.cycle.b, f.cycle.c, f.cycle.silent]) expect(timeline).toContain(unit.unitName);
    expect(timeline).toContain('21/09/2021');
    expect(timeline.match(/được duyệt/g)?.length).toBe(4);
    // Two tasks done by the accepted words at least (A's and C's first tasks).
    const done = /(\d+)\/(\d+) nhiệm vụ hoàn thành/.exec(plan.body)!;
    expect(Number(done[2])).toBeGreaterThan(50);

    const filtered = await get(`/ke-hoach/${f.cycle.planId}?donVi=DH.HV`);
    expect(filtered.statusCode).toBe(200);
    expect(filtered.body).toContain('Đang xem các nhiệm vụ của');
    const count = (body: string) => body.slice(body.indexOf("<ul class=\"tasks\">")).match(/<li>/g)?.length ?? 0;
    expect(count(filtered.body)).toBeGreaterThan(0);
    expect(count(filtered.body)).toBeLessThan(count(plan.body));

    const unit = await get('/don-vi/DH.HV');
    expect(unit.statusCode).toBe(200);
    expect(unit.body).toContain('<h1>UBND phường Hòa Vinh</h1>');
    expect(unit.body).toContain('Quý IV/2021 được duyệt');
  });

  it('searches without diacritics and shows any input as escaped text', async () => {
    for (const q of ['hoa vinh', 'HÒA VINH', 'Hoà Vinh']) {
      const res = await get(`/tim-kiem?q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<a href="/don-vi/DH.HV">UBND phường Hòa Vinh</a>');
    }
    const tasks = await get(`/tim-kiem?q=${encodeURIComponent('cong khai')}`);
    expect(tasks.body).toMatch(/Nhiệm vụ \(\d+\)/);
    expect(tasks.body).toContain(`/ke-hoach/${f.cycle.planId}/nhiem-vu/`);

    const xss = await get(`/tim-kiem?q=${encodeURIComponent('<script>alert(1)</script>"><img src=x onerror=alert(1)>')}`);
    expect(xss.statusCode).toBe(200);
    expect(xss.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(xss.body).not.toMatch(/<script>alert|<img src=x/);

    const sqlText = "' OR 1=1; DROP TABLE plans; --";
    const sqlRes = await get(`/tim-kiem?q=${encodeURIComponent(sqlText)}`);
    expect(sqlRes.statusCode).toBe(200);
    expect(sqlRes.body).toContain('&#39; OR 1=1; DROP TABLE plans; --');
    expect(sqlRes.body).toContain('Không tìm thấy kết quả nào');
    expect((await get(`/ke-hoach/${f.cycle.planId}`)).statusCode).toBe(200);
    const union = await get(`/tim-kiem?q=${encodeURIComponent('x%\' UNION SELECT password_hash FROM users --')}`);
    expect(union.statusCode).toBe(200);
    expect(union.body).not.toMatch(/\$argon2/);

    const long = await get(`/tim-kiem?q=${'hòa vinh '.repeat(600)}`);
    expect(long.statusCode).toBe(200);
    expect(long.body).toContain('Từ khóa quá dài nên chỉ 200 ký tự đầu được dùng để tìm.');
    expect(long.body).toContain('UBND phường Hòa Vinh');
    expect(long.body.length).toBeLessThan(20_000);

    const unicode = await get(`/tim-kiem?q=${encodeURIComponent('đường 🚧 道路 ẞ')}`);
    expect(unicode.statusCode).toBe(200);
    expect(unicode.body).toContain('đường 🚧 道路 ẞ');

    const empty = await get('/tim-kiem?q=');
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('Nhập từ khóa để tìm');
    const symbols = await get(`/tim-kiem?q=${encodeURIComponent('!!! ??? ...')}`);
    expect(symbols.body).toContain('Từ khóa chưa có chữ hoặc số nào để tìm');
    const nul = await get('/tim-kiem?q=hoa%00vinh');
    expect(nul.statusCode).toBe(400);
    expect(nul.headers['content-type']).toMatch(/^text\/html/);
    expect(nul.body).toContain('<h1>Yêu cầu không hợp lệ</h1>');
    const repeated = await get('/tim-kiem?q=hoa&q=vinh');
    expect(repeated.statusCode).toBe(200);
  });

  it('answers unknown plans, tasks, units and pages with the Vietnamese 404 page', async () => {
    const other = f.cycle.planId + 1000;
    for (const url of [
      `/ke-hoach/${other}`,
      '/ke-hoach/abc',
      '/ke-hoach/0',
      '/ke-hoach/99999999999999999999',
      `/ke-hoach/${f.cycle.planId}/nhiem-vu/999999`,
      `/ke-hoach/${other}/nhiem-vu/${f.xssTaskId}`,
      `/ke-hoach/${f.cycle.planId}?donVi=KHONG-CO`,
      '/don-vi/KHONG-CO',
      `/don-vi/${encodeURIComponent('<script>alert(1)</script>')}`,
      `/don-vi/${encodeURIComponent("' OR '1'='1")}`,
      '/don-vi/PY.SNV',
      '/trang-khong-co/<script>',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('<h1>Không tìm thấy trang</h1>');
      expect(res.body).toContain('<a href="/">Về trang chủ</a>');
      expect(res.body).not.toContain('<script>alert');
    }
  });

  it('carries ETag and Cache-Control, and answers 304 to a current copy', async () => {
    for (const url of ['/', `/ke-hoach/${f.cycle.planId}`, `/ke-hoach/${f.cycle.planId}/nhiem-vu/${f.xssTaskId}`, '/don-vi/DH.HV', '/tim-kiem?q=hoa+vinh', '/sitemap.xml', '/robots.txt']) {
      const first = await get(url);
      expect(first.statusCode, url).toBe(200);
      const etag = first.headers.etag as string;
      expect(etag, url).toMatch(/^"[\w-]{20,}"$/);
      expect(first.headers['cache-control'], url).toMatch(/^public, max-age=\d+$/);
      const again = await get(url, { 'if-none-match': etag });
      expect(again.statusCode, url).toBe(304);
      expect(again.body).toBe('');
      expect(again.headers.etag).toBe(etag);
      expect((await get(url, { 'if-none-match': '"something-else"' })).statusCode).toBe(200);
      expect((await get(url, { 'if-none-match': `W/${etag}, "x"` })).statusCode).toBe(304);
    }
    // A newly accepted report changes the plan page, hence its ETag.
    const before = (await get(`/ke-hoach/${f.cycle.planId}`)).headers.etag;
    clock.set('2021-10-11T02:00:00Z');
    const noivu = await f.cycle.as('noivu');
    const round = (await noivu.get(`/api/v1/rounds/${f.q4RoundId}`)).json() as { reports: Array<{ id: number; unitId: number; status: string }> };
    const b = round.reports.find((r) => r.unitId === f.cycle.b.unitId)!;
    expect(b.status).toBe('submitted');
    const current = (await noivu.get(`/api/v1/reports/${b.id}`)).json() as Report;
    const res = await noivu.request({ method: 'POST', url: `/api/v1/reports/${b.id}/accept`, payload: {}, headers: ifMatch(current.version) });
    expect(res.statusCode, res.body).toBe(200);
    const after = await get(`/ke-hoach/${f.cycle.planId}`);
    expect(after.headers.etag).not.toBe(before);
    expect(after.body).toContain(SUBMITTED.slice(0, 40).replace(/"/g, '&quot;'));
    expect((await get(`/ke-hoach/${f.cycle.planId}`, { 'if-none-match': before as string })).statusCode).toBe(200);
  });

  it('keeps the home and plan pages under 60 KB of HTML and CSS', async () => {
    for (const url of ['/', `/ke-hoach/${f.cycle.planId}`, '/ke-hoach', `/don-vi/DH.HV`]) {
      const res = await get(url);
      expect(Buffer.byteLength(res.body), url).toBeLessThan(60 * 1024);
      expect(res.body, url).not.toMatch(/<script|<link rel="stylesheet"/);
    }
  });

  it('keeps the public standing, acceptance by acceptance through the API, equal to a rebuild from every accepted report', async () => {
    const store = createStore(t.db.handle.db);
    const kept = await store.read.portal.publicStandingRows(f.cycle.planId);
    // Accepted words of the cycle's communes and Hòa Vinh; never a draft's, a submission's or a returned report's.
    expect(kept.length).toBeGreaterThan(0);
    for (const row of kept) for (const marker of [DRAFT, RETURNED, SILENT_DRAFT]) expect(row.body).not.toContain(marker);
    await store.transaction((repos) => repos.portal.rebuildPublicStanding(f.cycle.planId, clock.now()));
    expect(await store.read.portal.publicStandingRows(f.cycle.planId)).toEqual(kept);
  });

  it('lists the public pages in sitemap.xml and robots.txt', async () => {
    const map = await get('/sitemap.xml');
    expect(map.statusCode).toBe(200);
    expect(map.headers['content-type']).toMatch(/^application\/xml/);
    expect(map.body).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(map.body).toMatch(new RegExp(`<loc>http://localhost(:80)?/ke-hoach/${f.cycle.planId}</loc>`));
    expect(map.body).toContain('/don-vi/DH.HV</loc>');
    expect(map.body).not.toContain('/app/');
    const robots = await get('/robots.txt');
    expect(robots.body).toContain('Disallow: /api/');
    expect(robots.body).toMatch(/Sitemap: http:\/\/[^/]+\/sitemap\.xml/);
  });
});

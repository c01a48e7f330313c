import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_UNPUBLISHED_MARK } from '../../src/demo/reporting.js';
import { SYSTEM_ACTOR } from '../../src/domain/accounts/actor.js';
import { CATEGORIES } from '../../src/domain/disclosures/index.js';
import { addDays } from '../../src/domain/schedule/calendar.js';
import { vnDate } from '../../src/domain/time.js';
import { launchBrowser, startServer, type RunningServer } from '../support/browser.js';
import { browserAvailable } from '../support/environment.js';

/**
 * Issue 5's citizen journey, in one Chromium context with JavaScript DISABLED, on a real server holding the
 * demo as `npm start` loads it (with its reporting history, src/demo/reporting.ts): home → the plan → a task
 * with Hòa Tâm's accepted results of Quý II and III/2025 → a commune's poor-household list (HTML table, no
 * phone or ID column) → its CSV, downloaded and read back → the reception schedule → the dossier look-up,
 * found and not found; search and look-up show XSS payloads as text. The demo's draft, submitted and returned
 * reports carry DEMO_UNPUBLISHED_MARK in every text: it must appear on no visited page, no page listed in
 * /sitemap.xml, no Atom feed and no open-data file.
 */
const WAIT = { timeout: 30_000 };
const CASE_MS = 180_000;
const DATE = /\b(\d{2})\/(\d{2})\/(\d{4})\b/g;

/** One line of RFC 4180 CSV (quoted fields with doubled quotes), as the portal writes it. */
function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let cell = '';
      i++;
      while (i < line.length && !(line[i] === '"' && line[i + 1] !== '"')) {
        cell += line[i] === '"' ? '"' : line[i];
        i += line[i] === '"' ? 2 : 1;
      }
      cells.push(cell);
      i += 2; // the closing quote and the comma
    } else {
      const end = line.indexOf(',', i);
      cells.push(line.slice(i, end === -1 ? line.length : end));
      i = end === -1 ? line.length + 1 : end + 1;
    }
  }
  return cells;
}

describe.runIf(browserAvailable())('a citizen without JavaScript: home → plan → task → disclosure → CSV → reception → look-up', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let planId: number;
  /** Task II/12 (the commune budget, due every quarter) and Hòa Tâm's accepted words on it. */
  let budgetTask: { id: number; q2: string; q3: string };
  let dossier: { code: string; procedureName: string; applicantName: string };
  /** Every public URL the journey saw (paths), checked again for the unpublished mark at the end. */
  const visited = new Set<string>();

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ services: { reminders: { log: () => undefined } }, webRoot: null }), launchBrowser()]);
    context = await browser.newContext({ javaScriptEnabled: false, acceptDownloads: true, viewport: { width: 390, height: 844 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    page = await context.newPage();
    page.setDefaultTimeout(WAIT.timeout);
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) visited.add(new URL(frame.url()).pathname + new URL(frame.url()).search);
    });

    // What the demo history says, read through the staff side of the services (the test's ground truth).
    const { services } = server;
    planId = (await services.plans.list(SYSTEM_ACTOR))[0]!.id;
    const rounds = await services.reporting.listRounds(SYSTEM_ACTOR, planId);
    const wordOf = async (periodKey: string) => {
      const round = rounds.find((r) => r.periodKey === periodKey)!;
      const summary = (await services.reporting.listReports(SYSTEM_ACTOR, round.id)).find((r) => r.unitName === 'UBND xã Hòa Tâm')!;
      expect(summary.status).toBe('accepted');
      return (await services.reporting.getReport(SYSTEM_ACTOR, summary.id)).entries.find((e) => e.taskKey === 'II/12')!;
    };
    const [q2, q3] = [await wordOf('2025-Q2'), await wordOf('2025-Q3')];
    budgetTask = { id: q3.taskId, q2: q2.results, q3: q3.results };
    expect(budgetTask.q3).toContain('Quý III/2025');
    // A dossier of Hòa Tâm (the commune the journey follows).
    dossier = (await services.dossiers.list(SYSTEM_ACTOR)).find((d) => d.unitCode === 'DH.HTA')!;
    expect(dossier).toBeTruthy();
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  const mainText = async () => (await page.locator('main').innerText()).replace(/\s+/g, ' ');
  const nav = () => page.getByRole('navigation', { name: 'Điều hướng chính' });

  it('walks home → plan → task → disclosure → CSV → reception → look-up', async () => {
    const base = server.baseUrl;
    // Home: the plan in force and the newest accepted reports.
    await page.goto(`${base}/`);
    await page.getByRole('heading', { level: 1, name: 'Theo dõi thực hiện kế hoạch cải thiện Chỉ số PAPI' }).waitFor(WAIT);
    expect(await page.locator('#moi-cong-bo + ul').innerText()).toMatch(/UBND xã Hòa Tâm|UBND phường Hòa Hiệp Bắc|Phòng Tư pháp|Phòng Lao động-TB&XH/);

    // → the plan: its timeline holds accepted reports of two quarters.
    await page.locator(`a[href="/ke-hoach/${planId}"]`).first().click();
    await page.waitForURL(`${base}/ke-hoach/${planId}`);
    const plan = await mainText();
    expect(plan).toContain('Dòng thời gian cập nhật');
    expect(plan).toContain('UBND xã Hòa Tâm: báo cáo Quý III/2025 được duyệt');
    expect(plan).toContain('Phòng Tư pháp: báo cáo Quý II/2025 được duyệt');

    // → the budget task: Hòa Tâm's accepted results of both quarters, the lead units and the dues.
    await page.locator(`a[href="/ke-hoach/${planId}/nhiem-vu/${budgetTask.id}"]`).first().click();
    await page.waitForURL(`${base}/ke-hoach/${planId}/nhiem-vu/${budgetTask.id}`);
    const task = await mainText();
    expect(task).toContain(budgetTask.q3);
    expect(task).toContain(budgetTask.q2);
    expect(task).toContain('Chủ trì UBND các xã, phường');
    expect(task).toContain('Định kỳ hàng quý');
    expect(task).toContain('Các mốc hạn 31/03/2021');
    expect(task).toContain('Hạn: 31/12/2025');
    expect(task).toContain('Quý III/2025 — gửi ngày 11/09/2025 Hoàn thành · Hoàn thành ngày 05/09/2025');
    // Hòa Thành's report awaits review: nothing of it is public yet.
    expect(task).toContain('UBND xã Hòa Thành Chủ trì · Chưa có báo cáo được duyệt');

    // → disclosures, filtered with the form to Hòa Tâm's poor-household lists.
    await nav().getByRole('link', { name: 'Công khai' }).click();
    await page.waitForURL(`${base}/cong-khai`);
    await page.getByLabel('Xã, phường').selectOption({ label: 'UBND xã Hòa Tâm' });
    await page.getByLabel('Loại thông tin').selectOption({ label: CATEGORIES.poor_households.label });
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.waitForURL(/\/cong-khai\?.*loai=poor_households/);
    const items = page.locator('main ul.cards h3 a');
    expect(await items.count()).toBeGreaterThan(0);
    await items.first().click();
    await page.waitForURL(/\/cong-khai\/\d+$/);
    const item = await mainText();
    expect(item).toContain('UBND xã Hòa Tâm');
    expect(item).toContain('Ngày công khai');
    expect(item).toContain('Thời gian niêm yết');
    const headers = await page.locator('main table th').allTextContents();
    expect(headers).toEqual(['STT', 'Họ và tên chủ hộ', 'Thôn, khu phố', 'Phân loại']);
    const rows = await page.locator('main table tbody tr').count();
    expect(rows).toBeGreaterThan(3);
    expect(headers.join(' ')).not.toMatch(/điện thoại|CCCD|CMND|định danh/i);
    expect(item).not.toMatch(/\b0\d{9,10}\b|\b\d{12}\b/);

    // → its CSV, a real download read back from disk: the same header and rows, no phone or ID column.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải bảng (CSV)' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv.replace(/^\uFEFF/, '').split(/\r\n/).filter(Boolean);
    expect(lines[0]).toBe('STT,Họ và tên chủ hộ,"Thôn, khu phố",Phân loại');
    expect(lines.length).toBe(rows + 1);
    // Row by row, the file holds what the page shows.
    const shown = await page.locator('main table tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')));
    expect(lines.slice(1).map(parseCsvLine)).toEqual(shown);
    expect(csv).not.toMatch(/điện thoại|CCCD|CMND|\b0\d{9,10}\b|\b\d{12}\b/i);

    // → the reception schedule, narrowed to Hòa Tâm: sessions in the coming weeks, officer's name and phone.
    await nav().getByRole('link', { name: 'Lịch tiếp công dân' }).click();
    await page.waitForURL(`${base}/lich-tiep-cong-dan`);
    await page.getByLabel('Đơn vị').selectOption({ label: 'UBND xã Hòa Tâm' });
    await page.getByRole('button', { name: 'Xem lịch' }).click();
    await page.waitForURL(`${base}/lich-tiep-cong-dan?donVi=DH.HTA`);
    const schedule = await mainText();
    expect(schedule).toContain('Đỗ Văn Lợi');
    expect(schedule).toContain('0257 3532 302');
    expect(schedule).not.toContain('Phạm Thị Hoa'); // Hòa Vinh's officer: another unit
    const today = vnDate(new Date());
    const dates = [...schedule.matchAll(DATE)].map((m) => `${m[3]}-${m[2]}-${m[1]}`);
    const coming = dates.filter((d) => d >= today && d <= addDays(today, 42));
    expect(coming.length).toBeGreaterThanOrEqual(3);

    // → the dossier look-up: a demo code (typed in lower case) finds the dossier, the applicant's name masked.
    await nav().getByRole('link', { name: 'Tra cứu' }).click();
    await page.waitForURL(`${base}/tra-cuu`);
    await page.getByLabel('Mã hồ sơ hoặc mã biên nhận').fill(dossier.code.toLowerCase());
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByRole('heading', { level: 1, name: `Hồ sơ ${dossier.code}` }).waitFor(WAIT);
    const found = await mainText();
    expect(found).toContain(dossier.procedureName);
    expect(found).not.toContain(dossier.applicantName);
  }, CASE_MS);

  it('answers an unknown dossier code and an unknown page with a friendly Vietnamese 404', async () => {
    const base = server.baseUrl;
    await page.goto(`${base}/tra-cuu`);
    await page.getByLabel('Mã hồ sơ hoặc mã biên nhận').fill('000.36.14.H43-990101-9999');
    const [response] = await Promise.all([page.waitForResponse((r) => r.url().includes('/tra-cuu?')), page.getByRole('button', { name: 'Tra cứu' }).click()]);
    expect(response.status()).toBe(404);
    await page.getByRole('heading', { level: 1, name: 'Không tìm thấy hồ sơ' }).waitFor(WAIT);
    expect(await mainText()).toContain('Không có hồ sơ nào mang mã «000.36.14.H43-990101-9999»');

    const missing = await page.goto(`${base}/ke-hoach/${planId}/nhiem-vu/999999`);
    expect(missing?.status()).toBe(404);
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    expect(await page.locator('h1').innerText()).toMatch(/Không tìm thấy/);
    // The 404 page leads back home.
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Trang chủ' }).click();
    await page.waitForURL(`${base}/`);
  }, CASE_MS);

  it('shows XSS and SQL payloads typed into search and look-up as plain text', async () => {
    const base = server.baseUrl;
    const payloads = ['<script>alert(1)</script>', '"><img src=x onerror=alert(2)>', "' OR 1=1 --"];
    for (const payload of payloads) {
      await page.goto(`${base}/`);
      await page.getByLabel('Tìm nhiệm vụ, kế hoạch, đơn vị (gõ có dấu hay không dấu đều được)').fill(payload);
      await page.getByRole('button', { name: 'Tìm kiếm' }).click();
      await page.getByRole('heading', { level: 1, name: 'Kết quả tìm kiếm' }).waitFor(WAIT);
      expect(await page.locator('script').count()).toBe(0);
      expect(await page.locator('main img').count()).toBe(0);
      expect(await page.getByLabel('Tìm nhiệm vụ, kế hoạch, đơn vị (gõ có dấu hay không dấu đều được)').inputValue()).toBe(payload);

      await page.goto(`${base}/tra-cuu`);
      await page.getByLabel('Mã hồ sơ hoặc mã biên nhận').fill(payload);
      await page.getByRole('button', { name: 'Tra cứu' }).click();
      await page.getByRole('heading', { level: 1, name: 'Không tìm thấy hồ sơ' }).waitFor(WAIT);
      expect(await page.locator('script').count()).toBe(0);
      expect(await page.locator('main img').count()).toBe(0);
      expect(await mainText()).toContain(payload.replace(/\s+/g, ' '));
    }
  }, CASE_MS);

  it('never shows the draft, submitted or returned reports: visited pages, sitemap pages, feeds, open data', async () => {
    const base = server.baseUrl;
    const sitemap = await (await fetch(`${base}/sitemap.xml`)).text();
    const listed = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!.replace(/&amp;/g, '&')).pathname);
    expect(listed).toContain(`/ke-hoach/${planId}`);
    expect(listed).toContain('/don-vi/DH.HTH'); // the unit whose report awaits review
    // The units with an unpublished report, every task of the plan, and the feeds and open data.
    const { services } = server;
    const tasks = (await services.portal.plan(planId))!.dimensions.flatMap((d) => d.tasks.map((t) => `/ke-hoach/${planId}/nhiem-vu/${t.id}`));
    const feeds = ['/cong-khai/atom.xml', `/ke-hoach/${planId}/atom.xml`, '/don-vi/DH.HTH/atom.xml', '/don-vi/DH.HXD/atom.xml', '/don-vi/DH.TCKH/atom.xml'];
    const data = ['/du-lieu/cong-khai.json', '/du-lieu/cong-khai.csv', '/du-lieu/lich-tiep-cong-dan.json', '/du-lieu/lich-tiep-cong-dan.csv', '/du-lieu/thu-tuc-hanh-chinh.json', '/du-lieu/thu-tuc-hanh-chinh.csv', '/lich-tiep-cong-dan.ics'];
    // Search finds tasks and units by their words; the reports' words are never searched, let alone shown.
    const extra = ['/don-vi/DH.HXD', '/don-vi/DH.TCKH', '/tim-kiem?q=ngan+sach', '/tim-kiem?q=hoa+thanh'];
    const urls = [...new Set([...visited, ...listed, ...tasks, ...feeds, ...data, ...extra])];
    expect(urls.length).toBeGreaterThan(150);
    const seen: string[] = [];
    const leaks: string[] = [];
    for (const path of urls) {
      const res = await fetch(`${base}${path}`);
      if (res.status === 404 && feeds.includes(path)) continue; // a feed another area has not added yet
      expect(res.status, path).toBeLessThan(500);
      const body = await res.text();
      seen.push(path);
      if (body.includes(DEMO_UNPUBLISHED_MARK) || /chưa được thẩm định|khó khăn đang tổng hợp/.test(body)) leaks.push(path);
    }
    expect(leaks).toEqual([]);
    // The accepted words are there, so the check would have seen a leak in the same places.
    const budget = await (await fetch(`${base}/ke-hoach/${planId}/nhiem-vu/${budgetTask.id}`)).text();
    expect(budget).toContain(budgetTask.q3);
    expect(seen.filter((p) => p.endsWith('.csv') || p.endsWith('.json')).length).toBeGreaterThanOrEqual(6);
  }, CASE_MS);
});

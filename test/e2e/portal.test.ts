import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../support/app.js';
import { launchBrowser, startServer, type RunningServer } from '../support/browser.js';
import { browserAvailable } from '../support/environment.js';

/**
 * The public portal in a real Chromium with JavaScript DISABLED, against a real server holding the demo
 * (the staff app is not needed: webRoot null). Before the walk, through the API: noivu opens Quý IV/2025 of
 * the seed plan, phường Hòa Vinh reports its first task done and noivu accepts the report; phường Hòa Hiệp
 * Bắc only writes a draft. A citizen goes home → plan → task and finds Hòa Vinh's accepted words, never the
 * draft; searching "hoa vinh" finds Hòa Vinh.
 *
 * The whole citizen journey on the demo history is test/e2e/portal-journey.test.ts; axe-core on every kind
 * of public page is test/e2e/portal-axe.test.ts (add new page kinds there).
 * Adding a step: write another `it(...)` using `citizen()` (a fresh JS-less page).
 */
const WAIT = { timeout: 30_000 };
const CASE_MS = 120_000;
const ACCEPTED = 'Phường Hòa Vinh đã niêm yết công khai kết quả thực hiện tại nhà văn hóa các khu phố.';
const DRAFT = 'BẢN NHÁP HÒA HIỆP BẮC KHÔNG ĐƯỢC CÔNG KHAI';

/** Tomorrow in Vietnam, YYYY-MM-DD. */
function tomorrowVn(): string {
  const d = new Date(Date.now() + 24 * 3600 * 1000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

describe.runIf(browserAvailable())('the public portal without JavaScript', () => {
  let app: FastifyInstance;
  let server: RunningServer;
  let baseUrl: string;
  let browser: Browser;
  let planId: number;
  let taskId: number;
  const contexts: BrowserContext[] = [];

  /** A signed-in API client over inject (cookie + CSRF token). */
  async function as(username: string, password = DEMO_PASSWORD) {
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
    expect(login.statusCode, login.body).toBe(200);
    const cookie = ([] as string[]).concat(login.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
    const headers = { cookie, 'x-csrf-token': (login.json() as { csrfToken: string }).csrfToken };
    return (opts: InjectOptions & { headers?: Record<string, string> }) => app.inject({ ...opts, headers: { ...headers, ...opts.headers } });
  }

  type Api = Awaited<ReturnType<typeof as>>;
  interface Report {
    id: number;
    version: number;
    entries: Array<{ taskId: number }>;
  }

  /** Writes the first entry of a report; answers the report after the save. */
  async function writeFirst(api: Api, reportId: number, text: string): Promise<Report> {
    const report = (await api({ method: 'GET', url: `/api/v1/reports/${reportId}` })).json() as Report;
    expect(report.entries.length).toBeGreaterThan(0);
    const res = await api({
      method: 'PUT',
      url: `/api/v1/reports/${reportId}`,
      payload: { entries: [{ taskId: report.entries[0]!.taskId, status: 'done', result: text }] },
      headers: { 'if-match': `"${report.version}"` },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Report;
  }

  beforeAll(async () => {
    server = await startServer({ services: { reminders: { log: () => undefined } }, webRoot: null });
    ({ app, baseUrl } = server);
    browser = await launchBrowser();

    const noivu = await as('noivu');
    planId = ((await noivu({ method: 'GET', url: '/api/v1/plans' })).json() as Array<{ id: number }>)[0]!.id;
    const opened = await noivu({ method: 'POST', url: '/api/v1/rounds', payload: { planId, period: { type: 'quarter', year: 2025, index: 4 }, dueDate: tomorrowVn() } });
    expect(opened.statusCode, opened.body).toBe(201);
    const reports = (opened.json() as { reports: Array<{ id: number; unitName: string; unitId: number }> }).reports;
    const hv = reports.find((r) => r.unitName === 'UBND phường Hòa Vinh')!;
    const hhb = reports.find((r) => r.unitName === 'UBND phường Hòa Hiệp Bắc')!;

    const hoavinh = await as('hoavinh');
    const saved = await writeFirst(hoavinh, hv.id, ACCEPTED);
    taskId = saved.entries[0]!.taskId;
    const submitted = await hoavinh({ method: 'POST', url: `/api/v1/reports/${hv.id}/submit`, payload: {}, headers: { 'if-match': `"${saved.version}"` } });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const accepted = await noivu({ method: 'POST', url: `/api/v1/reports/${hv.id}/accept`, payload: {}, headers: { 'if-match': `"${(submitted.json() as Report).version}"` } });
    expect(accepted.statusCode, accepted.body).toBe(200);

    const admin = await as('admin');
    const created = await admin({ method: 'POST', url: '/api/v1/users', payload: { username: 'canbo.hhb', displayName: 'Cán bộ Hòa Hiệp Bắc', role: 'unit_officer', unitId: hhb.unitId, password: 'Xa-phuong-2021' } });
    expect(created.statusCode, created.body).toBe(201);
    await writeFirst(await as('canbo.hhb', 'Xa-phuong-2021'), hhb.id, DRAFT);
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.close();
  });

  /** A citizen's page: JavaScript disabled, Vietnamese locale, phone-sized unless told. */
  async function citizen(width = 390): Promise<Page> {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT.timeout);
    return page;
  }

  it('goes home → plan → task and shows only the accepted report', async () => {
    const page = await citizen();
    await page.goto(`${baseUrl}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    await page.getByRole('heading', { level: 1, name: 'Theo dõi thực hiện kế hoạch cải thiện Chỉ số PAPI' }).waitFor(WAIT);
    // The newest accepted report is on the home page.
    const newest = page.locator('#moi-cong-bo + ul');
    expect(await newest.innerText()).toContain('UBND phường Hòa Vinh');

    await page.locator(`a[href="/ke-hoach/${planId}"]`).first().click();
    await page.waitForURL(`${baseUrl}/ke-hoach/${planId}`);
    await page.getByRole('heading', { level: 2, name: 'Tiến độ theo lĩnh vực' }).waitFor(WAIT);
    const body = await page.locator('main').innerText();
    expect(body).toContain('Dòng thời gian cập nhật');
    expect(body).toContain('UBND phường Hòa Vinh: báo cáo Quý IV/2025 được duyệt');
    expect(body).not.toContain(DRAFT);

    await page.locator(`a[href="/ke-hoach/${planId}/nhiem-vu/${taskId}"]`).first().click();
    await page.waitForURL(`${baseUrl}/ke-hoach/${planId}/nhiem-vu/${taskId}`);
    const task = await page.locator('main').innerText();
    expect(task).toContain(ACCEPTED);
    expect(task).toContain('Hoàn thành');
    expect(task).not.toContain(DRAFT);
    // The breadcrumb leads back to the plan.
    await page.getByRole('navigation', { name: 'Đường dẫn' }).getByRole('link', { name: 'Kế hoạch', exact: true }).click();
    await page.waitForURL(`${baseUrl}/ke-hoach`);
  }, CASE_MS);

  it('searches "hoa vinh" from the home page with the form alone', async () => {
    const page = await citizen(1280);
    await page.goto(`${baseUrl}/`);
    await page.getByLabel('Tìm nhiệm vụ, kế hoạch, đơn vị (gõ có dấu hay không dấu đều được)').fill('hoa vinh');
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await page.waitForURL(/\/tim-kiem\?q=hoa\+vinh$/);
    await page.getByRole('heading', { level: 1, name: 'Kết quả tìm kiếm' }).waitFor(WAIT);
    await page.getByRole('link', { name: 'UBND phường Hòa Vinh' }).click();
    await page.waitForURL(`${baseUrl}/don-vi/DH.HV`);
    const unit = await page.locator('main').innerText();
    expect(unit).toContain('Quý IV/2025 được duyệt');
    expect(unit).toContain('Chủ trì');
  }, CASE_MS);

  it('opens the reception schedule, narrows it to one ward and looks a dossier up by code', async () => {
    const page = await citizen();
    await page.goto(`${baseUrl}/`);
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Lịch tiếp công dân' }).click();
    await page.waitForURL(`${baseUrl}/lich-tiep-cong-dan`);
    await page.getByRole('heading', { level: 1, name: 'Lịch tiếp công dân' }).waitFor(WAIT);
    expect(await page.locator('main h2').count()).toBeGreaterThan(3);
    await page.getByLabel('Đơn vị').selectOption({ label: 'UBND phường Hòa Vinh' });
    await page.getByRole('button', { name: 'Xem lịch' }).click();
    await page.waitForURL(`${baseUrl}/lich-tiep-cong-dan?donVi=DH.HV`);
    const schedule = await page.locator('main').innerText();
    expect(schedule).toContain('Phạm Thị Hoa, Công chức Văn phòng - Thống kê');
    expect(schedule).toContain('Đã hủy');
    expect(schedule).not.toContain('Võ Minh Tâm');
    expect(schedule).toMatch(/Thứ (Hai|Ba|Tư|Năm|Sáu), \d{2}\/\d{2}\/\d{4}/);

    const dossiers = (await (await as('hoavinh'))({ method: 'GET', url: '/api/v1/dossiers' })).json() as { items: Array<{ code: string; procedureName: string; applicantName: string }> };
    const dossier = dossiers.items[0]!;
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tra cứu' }).click();
    await page.waitForURL(`${baseUrl}/tra-cuu`);
    await page.getByLabel('Mã hồ sơ hoặc mã biên nhận').fill(dossier.code.toLowerCase());
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByRole('heading', { level: 1, name: `Hồ sơ ${dossier.code}` }).waitFor(WAIT);
    const found = await page.locator('main').innerText();
    expect(found).toContain(dossier.procedureName);
    expect(found).not.toContain(dossier.applicantName);

    await page.getByLabel('Mã hồ sơ hoặc mã biên nhận').fill('<script>alert(1)</script>');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByRole('heading', { level: 1, name: 'Không tìm thấy hồ sơ' }).waitFor(WAIT);
    expect(await page.locator('main').innerText()).toContain('<script>alert(1)</script>');
  }, CASE_MS);
});

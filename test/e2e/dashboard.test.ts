/// <reference lib="dom" />
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/services/index.js';
import { DEMO_PASSWORD } from '../support/app.js';
import { launchBrowser, signInStaff, startServer, type RunningServer } from '../support/browser.js';
import { browserAvailable } from '../support/environment.js';

/**
 * The dashboard and the unit officer's home in a real Chromium against a real server holding the demo.
 * noivu (coordinator) lands on the seed plan's dashboard: the per-dimension counts are those of
 * GET /api/v1/dashboard, and a count opens exactly that many lines; at 390 px nothing overflows sideways.
 * A round of Quý IV/2025 due tomorrow is opened and the reminder pass run, so hoavinh (phường Hòa Vinh, on
 * a phone) finds the report on "Báo cáo của đơn vị tôi" and the reminder under the bell.
 */
const WAIT = { timeout: 30_000 };
/** Each case signs in and walks several pages; the machine is shared, so give it room. */
const CASE_MS = 120_000;

interface Dashboard {
  planId: number;
  byDimension: Array<{ dimension: string | null; tasks: Record<string, number>; assignments: Record<string, number>; total: number }>;
  totals: { taskCount: number };
  overdue: unknown[];
  overdueTotal?: number;
  units: Array<{ unitId: number; unitName: string; assignments: number; overdue: number }>;
}

/** Tomorrow in Vietnam, YYYY-MM-DD. */
function tomorrowVn(): string {
  const d = new Date(Date.now() + 24 * 3600 * 1000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

describe.runIf(browserAvailable())('the dashboard and my reports in the staff app', () => {
  let app: FastifyInstance;
  let services: Services;
  let server: RunningServer;
  let baseUrl: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  let due: string;

  beforeAll(async () => {
    server = await startServer({ services: { reminders: { log: () => undefined } } });
    ({ app, services, baseUrl } = server);
    browser = await launchBrowser();

    // noivu opens Quý IV/2025 of the seed plan, due tomorrow; the reminder pass tells the units.
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'noivu', password: DEMO_PASSWORD } });
    expect(login.statusCode).toBe(200);
    const cookie = ([] as string[]).concat(login.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
    const headers = { cookie, 'x-csrf-token': (login.json() as { csrfToken: string }).csrfToken };
    const plans = (await app.inject({ method: 'GET', url: '/api/v1/plans', headers })).json() as Array<{ id: number }>;
    due = tomorrowVn();
    const round = await app.inject({ method: 'POST', url: '/api/v1/rounds', headers, payload: { planId: plans[0]!.id, period: { type: 'quarter', year: 2025, index: 4 }, dueDate: due } });
    expect(round.statusCode, round.body).toBe(201);
    const pass = await services.reminders.runOnce();
    expect(pass.notified).toBeGreaterThan(0);
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.close();
  });

  const signIn = (username: string, width: number): Promise<Page> =>
    signInStaff(browser, baseUrl, username, { width, contexts, pageErrors, errorLabel: `${username}@${width}`, timeout: WAIT.timeout });

  /** The same answer the page got, fetched with the page's own session. */
  const dashboardOf = (page: Page, planId: number) =>
    page.evaluate(async (id) => (await fetch(`/api/v1/dashboard?planId=${id}`)).json(), planId) as Promise<Dashboard>;

  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

  /** The counts the chart shows: dimension → status → number. */
  const shownCounts = (page: Page) =>
    page.evaluate(() => {
      const out: Record<string, Record<string, number>> = {};
      for (const el of Array.from(document.querySelectorAll<HTMLElement>('[data-testid="status-count"]'))) {
        const dim = el.dataset.dimension!;
        (out[dim] ??= {})[el.dataset.status!] = Number(el.querySelector('b')!.textContent);
      }
      return out;
    });

  it('shows noivu the seed plan dashboard with the API counts, and each number opens as many lines', async () => {
    const page = await signIn('noivu', 1366);
    await page.getByRole('heading', { name: 'Tổng quan thực hiện kế hoạch' }).waitFor(WAIT);
    await page.getByTestId('dimension-bar').first().waitFor(WAIT);
    const planId = Number(await page.evaluate(async () => ((await (await fetch('/api/v1/plans')).json()) as Array<{ id: number }>)[0]!.id));
    const d = await dashboardOf(page, planId);
    expect(d.byDimension.length).toBeGreaterThan(1);

    // Every non-zero (dimension, status) of the API is on the chart with its number, and nothing else is.
    const expected: Record<string, Record<string, number>> = { '*': {} };
    for (const dim of d.byDimension) {
      for (const [status, n] of Object.entries(dim.tasks)) {
        if (n === 0) continue;
        (expected[dim.dimension ?? ''] ??= {})[status] = n;
        expected['*']![status] = (expected['*']![status] ?? 0) + n;
      }
    }
    expect(await shownCounts(page)).toEqual(expected);
    expect(await page.getByTestId('dimension-bar').count()).toBe(d.byDimension.length + 1);

    // A count with several tasks behind it: the drill-down lists exactly those.
    const [dimension, status, count] = d.byDimension
      .flatMap((dim) => Object.entries(dim.tasks).map(([s, n]) => [dim.dimension ?? '', s, n] as const))
      .sort((a, b) => b[2] - a[2])[0]!;
    expect(count).toBeGreaterThan(1);
    await page.locator(`[data-testid="status-count"][data-dimension="${dimension}"][data-status="${status}"]`).click();
    await page.getByTestId('drill-line').first().waitFor(WAIT);
    expect(await page.getByTestId('drill-count').textContent()).toBe(`${count} nhiệm vụ`);
    expect(await page.getByTestId('drill-line').count()).toBe(count);
    expect(new Set(await page.getByTestId('drill-status').allTextContents()).size).toBe(1);

    // From one task to the units doing it: one line per lead unit, each with its report or "Chưa có báo cáo".
    await page.getByTestId('drill-line').first().getByRole('link', { name: /^Các đơn vị thực hiện \(\d+\)$/ }).click();
    await expect.poll(() => page.getByTestId('drill-count').textContent(), WAIT).toMatch(/^\d+ dòng$/);
    const units = Number((await page.getByTestId('drill-count').textContent())!.split(' ')[0]);
    expect(units).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('drill-line').count(), WAIT).toBe(Math.min(units, 50));

    // A dimension's unit assignments (task × lead unit): the drill-down counts the same.
    await page.getByRole('link', { name: 'Về trang tổng quan' }).click();
    const dim = d.byDimension[0]!;
    const perUnit = Object.values(dim.assignments).reduce((a, b) => a + b, 0);
    await page.locator(`[data-testid="dimension-bar"][data-dimension="${dim.dimension ?? ''}"] [data-testid="dimension-assignments"]`).click();
    await expect.poll(() => page.getByTestId('drill-count').textContent(), WAIT).toBe(`${perUnit} dòng`);

    // The overdue tile: as many unit assignments as the dashboard counts, paged by 50.
    await page.getByRole('link', { name: 'Về trang tổng quan' }).click();
    await page.getByTestId('overdue-total').waitFor(WAIT);
    const overdue = d.overdueTotal ?? d.overdue.length;
    expect(Number(await page.getByTestId('overdue-total').textContent())).toBe(overdue);
    await page.getByTestId('overdue-total').click();
    await expect.poll(() => page.getByTestId('drill-count').textContent(), WAIT).toBe(`${overdue} dòng`);
    await expect.poll(() => page.getByTestId('drill-line').count(), WAIT).toBe(Math.min(overdue, 50));
    expect(new Set(await page.getByTestId('drill-status').allTextContents())).toEqual(new Set(overdue ? ['Quá hạn'] : []));

    // A unit of the ranking opens its own assignments.
    await page.getByRole('link', { name: 'Về trang tổng quan' }).click();
    const first = d.units[0]!;
    await page.getByTestId('unit-rank').first().getByRole('link', { name: first.unitName }).click();
    await expect.poll(() => page.getByTestId('drill-count').textContent(), WAIT).toBe(`${first.assignments} dòng`);
    expect(await page.getByLabel('Đơn vị', { exact: true }).inputValue()).toBe(String(first.unitId));
    expect(pageErrors).toEqual([]);
  }, CASE_MS);

  it('fits a 390 px phone: the dashboard and its drill-down never scroll sideways, for noivu and for the leader', async () => {
    const page = await signIn('noivu', 390);
    await page.getByTestId('dimension-bar').first().waitFor(WAIT);
    await page.getByTestId('unit-rank').first().waitFor(WAIT);
    expect(await overflow(page)).toBeLessThanOrEqual(390);
    await page.getByTestId('overdue-total').click();
    await page.getByTestId('drill-line').first().waitFor(WAIT);
    expect(await overflow(page)).toBeLessThanOrEqual(390);

    // The leader (chủ tịch) lands on the same dashboard.
    const leader = await signIn('chutich', 390);
    await leader.getByRole('heading', { name: 'Tổng quan thực hiện kế hoạch' }).waitFor(WAIT);
    await leader.getByTestId('unit-rank').first().waitFor(WAIT);
    expect(await overflow(leader)).toBeLessThanOrEqual(390);
    expect(pageErrors).toEqual([]);
  }, CASE_MS);

  it('shows hoavinh "Báo cáo của đơn vị tôi" with the new round, and the reminder under the bell', async () => {
    const page = await signIn('hoavinh', 390);
    await page.getByRole('heading', { name: 'Báo cáo của đơn vị tôi' }).waitFor(WAIT);
    const row = page.getByTestId('my-report').filter({ hasText: 'Quý IV/2025' });
    await row.waitFor(WAIT);
    const [y, m, dd] = due.split('-');
    expect(await row.getByTestId('my-report-deadline').textContent()).toBe(`${dd}/${m}/${y}`);
    expect(await row.getByTestId('report-status').textContent()).toBe('Nháp');
    expect(await overflow(page)).toBeLessThanOrEqual(390);

    // The bell: the reminder is unread; opening it marks it read and leads to the report.
    const list = (await page.evaluate(async () => (await fetch('/api/v1/notifications')).json())) as { items: Array<{ title: string; link: string | null }>; unread: number };
    expect(list.unread).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('bell-count').locator('.mantine-Indicator-indicator').textContent(), WAIT).toBe(String(list.unread));
    await page.getByTestId('bell').click();
    const item = page.getByTestId('bell-item').first();
    await item.waitFor(WAIT);
    expect(await item.textContent()).toContain(list.items[0]!.title);
    expect(await page.locator('[data-testid="bell-item"][data-unread]').count()).toBe(Math.min(list.unread, 15));
    await item.click();
    if (list.items[0]!.link?.includes('/bao-cao/so/')) await page.getByRole('heading', { name: /^Báo cáo của .*Hòa Vinh$/ }).waitFor(WAIT);
    const after = (await page.evaluate(async () => (await fetch('/api/v1/notifications')).json())) as { unread: number };
    expect(after.unread).toBe(list.unread - 1);
    expect(await overflow(page)).toBeLessThanOrEqual(390);
    expect(pageErrors).toEqual([]);
  }, CASE_MS);

  it('lets hoavinh ask for an extension from her report and noivu approve it on "Gia hạn"', async () => {
    const officer = await signIn('hoavinh', 390);
    await officer.getByTestId('my-report').filter({ hasText: 'Quý IV/2025' }).getByRole('link', { name: 'Quý IV/2025' }).click();
    await officer.getByRole('heading', { name: /^Báo cáo của .*Hòa Vinh$/ }).waitFor(WAIT);
    const ask = officer.getByRole('button', { name: 'Xin gia hạn' }).first();
    await ask.click();
    const dialog = officer.getByRole('dialog');
    await dialog.getByLabel('Đề nghị gia hạn đến ngày').fill('15/10/2025');
    await dialog.getByLabel('Lý do').fill('Chờ kinh phí bổ sung.');
    await dialog.getByRole('button', { name: 'Gửi đề nghị' }).click();
    // A date before the due is refused in the form, before the server is asked.
    const due = await dialog.getByLabel('Hạn cần gia hạn').inputValue();
    if ('2025-10-15' <= due) await dialog.getByText('Ngày đề nghị phải sau hạn hiện tại.').waitFor(WAIT);
    await dialog.getByLabel('Đề nghị gia hạn đến ngày').fill('31/12/2026');
    await dialog.getByRole('button', { name: 'Gửi đề nghị' }).click();
    await officer.getByText('Đã gửi đề nghị gia hạn.').waitFor(WAIT);
    // The entry now shows its request and where it stands.
    const badge = officer.getByTestId('entry-extension').filter({ hasText: '31/12/2026' });
    await badge.waitFor(WAIT);
    expect(await badge.textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4} → 31\/12\/2026: Chờ duyệt$/);
    expect(await overflow(officer)).toBeLessThanOrEqual(390);

    const coordinator = await signIn('noivu', 1366);
    // The dashboard says a request waits, and leads to it.
    await coordinator.getByTestId('pending-extensions').waitFor(WAIT);
    expect(await coordinator.getByTestId('pending-extensions').textContent()).toBe('1 đề nghị gia hạn chờ duyệt');
    await coordinator.getByTestId('pending-extensions').getByRole('link').click();
    await coordinator.getByRole('heading', { name: 'Đề nghị gia hạn' }).waitFor(WAIT);
    const row = coordinator.getByTestId('extension').filter({ hasText: 'Chờ kinh phí bổ sung.' });
    await row.waitFor(WAIT);
    expect(await row.getByTestId('extension-status').textContent()).toBe('Chờ duyệt');
    const [y, m, d] = due.split('-');
    expect(await row.textContent()).toContain(`Hạn ban đầu: ${d}/${m}/${y}`);
    expect(await row.textContent()).toContain('31/12/2026');
    await row.getByRole('button', { name: 'Chấp thuận' }).click();
    const modal = coordinator.getByRole('dialog', { name: 'Chấp thuận gia hạn' });
    await modal.getByLabel('Ý kiến').fill('Đồng ý gia hạn.');
    await modal.getByRole('button', { name: 'Chấp thuận' }).click();
    // Decided: it leaves the "Chờ duyệt" list and shows as approved among all requests.
    await row.waitFor({ state: 'detached', ...WAIT });
    await coordinator.getByLabel('Trạng thái').selectOption('');
    const decided = coordinator.getByTestId('extension').filter({ hasText: 'Chờ kinh phí bổ sung.' });
    await expect.poll(() => decided.getByTestId('extension-status').textContent(), WAIT).toBe('Đã chấp thuận');
    expect(await decided.textContent()).toContain('Đồng ý gia hạn.');
    await coordinator.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tổng quan', exact: true }).click();
    await coordinator.getByTestId('dimension-bar').first().waitFor(WAIT);
    expect(await coordinator.getByTestId('pending-extensions').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  }, CASE_MS);

  it('lets noivu record the event of an event task and set the dates of an unspecified one from the plan page', async () => {
    const page = await signIn('noivu', 1366);
    const planId = Number(await page.evaluate(async () => ((await (await fetch('/api/v1/plans')).json()) as Array<{ id: number }>)[0]!.id));
    await page.goto(`${baseUrl}/app/ke-hoach/${planId}`);
    const tasks = (await page.evaluate(async (id) => (await fetch(`/api/v1/plans/${id}/tasks`)).json(), planId)) as Array<{ id: number; key: string; schedule: { kind: string } }>;
    const event = tasks.find((t) => t.schedule.kind === 'event')!;
    const unspecified = tasks.find((t) => t.schedule.kind === 'unspecified')!;
    const continuous = tasks.find((t) => t.schedule.kind === 'continuous')!;
    const row = (key: string) => page.locator(`[data-testid="plan-task"][data-key="${key}"]`);
    await row(event.key).waitFor(WAIT);
    expect(await row(continuous.key).getByTestId('schedule-action').count()).toBe(0);

    await row(event.key).getByRole('button', { name: 'Ghi nhận sự kiện' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByLabel('Ngày phát sinh').fill('01/12/2025');
    await dialog.getByLabel('Ghi chú').fill('Quyết định số 12/QĐ-UBND ngày 01/12/2025.');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Đã ghi nhận.').first().waitFor(WAIT);
    await dialog.waitFor({ state: 'detached', ...WAIT });

    await row(unspecified.key).getByRole('button', { name: 'Đặt thời hạn' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('Các ngày đến hạn').fill('30/06/2025, 31/12/2025');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'detached', ...WAIT });

    const events = async (id: number) => JSON.stringify(await page.evaluate(async (taskId) => (await fetch(`/api/v1/tasks/${taskId}/schedule-events`)).json(), id));
    expect(await events(event.id)).toContain('2025-12-01');
    const dates = await events(unspecified.id);
    expect(dates).toContain('2025-06-30');
    expect(dates).toContain('2025-12-31');
    expect(pageErrors).toEqual([]);
  }, CASE_MS);
});

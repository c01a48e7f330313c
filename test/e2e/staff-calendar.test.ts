/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../support/app.js';
import { launchBrowser, startServer, type RunningServer } from '../support/browser.js';
import { browserAvailable } from '../support/environment.js';

/**
 * Issue 6, the working calendar screen in a real Chromium against a real server holding the demo: the admin
 * sees 2026's holidays, records a make-up Saturday, and the due-date check on the same screen counts it at
 * once; removing it gives the old due back. A unit officer has no menu entry and is sent home from the URL.
 */
const WAIT = { timeout: 15_000 };

describe.runIf(browserAvailable())('the working calendar in the staff app', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  const signIn = async (who: string) => {
    await page.goto(`${server.baseUrl}/app/`, { waitUntil: 'load' });
    await page.getByLabel('Tên đăng nhập').fill(who);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('button', { name: 'Đăng xuất' }).waitFor(WAIT);
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    page = await context.newPage();
    page.setDefaultTimeout(WAIT.timeout);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('dialog', (dialog) => void dialog.accept());
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  const computeDue = async (start: string, days: number) => {
    await page.getByLabel('Kể từ ngày').fill(start);
    await page.getByLabel('Số ngày').fill(String(days));
    await page.getByTestId('calendar-due-submit').click();
    return page.getByTestId('calendar-due-result');
  };

  it('records a make-up Saturday, and a due date counts it at once; removing it undoes that', async () => {
    await signIn('admin');
    await page.getByRole('navigation').getByRole('link', { name: 'Lịch ngày làm việc' }).click();
    await page.getByLabel('Năm').selectOption('2026');
    const tet = page.getByTestId('calendar-day-2026-02-17');
    await expect.poll(() => tet.textContent(), WAIT).toContain('Nghỉ lễ');
    expect(await tet.textContent()).toContain('Tết Nguyên đán');

    await expect.poll(async () => (await computeDue('05/02/2026', 3)).textContent(), WAIT).toContain('Hạn: 10/02/2026');

    await page.getByTestId('calendar-add').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Ngày', { exact: false }).first().fill('07/02/2026');
    await dialog.getByLabel(/Ngày làm việc \(làm bù/).check();
    await dialog.getByLabel('Tên ngày').fill('Làm bù thử nghiệm');
    await dialog.getByTestId('calendar-save').click();
    await dialog.waitFor({ state: 'detached', ...WAIT });
    const row = page.getByTestId('calendar-day-2026-02-07');
    await expect.poll(() => row.textContent(), WAIT).toContain('Làm bù thử nghiệm');
    expect(await row.textContent()).toContain('Thứ Bảy');

    const result = await computeDue('05/02/2026', 3);
    await expect.poll(() => result.textContent(), WAIT).toContain('Hạn: 09/02/2026');
    expect(await result.textContent()).toContain('làm bù thứ Bảy 07/02/2026 được tính');

    await page.getByRole('button', { name: 'Bỏ điều chỉnh ngày 07/02/2026' }).click();
    await row.waitFor({ state: 'detached', ...WAIT });
    await expect.poll(async () => (await computeDue('05/02/2026', 3)).textContent(), WAIT).toContain('Hạn: 10/02/2026');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
  });

  it('gives a unit officer no menu entry and sends the URL home', async () => {
    await signIn('hoavinh');
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Lịch ngày làm việc' }).count()).toBe(0);
    await page.goto(`${server.baseUrl}/app/lich-lam-viec`, { waitUntil: 'load' });
    await page.getByRole('button', { name: 'Đăng xuất' }).waitFor(WAIT);
    expect(await page.getByTestId('calendar-table').count()).toBe(0);
    expect(new URL(page.url()).pathname).not.toContain('lich-lam-viec');
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../support/app.js';
import { launchBrowser, startServer, type RunningServer } from '../support/browser.js';
import { browserAvailable } from '../support/environment.js';

/**
 * The plans of the staff app in a real Chromium against a real server holding the demo: the list, the
 * plan page with its filters and diacritics-free search, importing a modified copy of the seed plan
 * through the review screen (an unknown lead unit mapped in place), and what a ward officer does not see.
 */
const WAIT = { timeout: 15_000 };
const SEED = join(import.meta.dirname, '..', '..', 'src', 'demo', 'seed', 'ke-hoach-papi-dong-hoa-2021.txt');
const SEED_TITLE = /^Góp phần cải thiện, nâng cao Chỉ số Hiệu quả quản trị/;
/** Appendix I task 30, whose lead "Phòng Quản lý đô thị" the modified copy renames. */
const TREE_TASK = 'Mở rộng diện tích cây xanh trong cộng đồng';

/** "Hộ nghèo" → "ho ngheo": how the server's search folds Vietnamese. */
const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();

describe.runIf(browserAvailable())('plans in the staff app', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let dir: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    dir = mkdtempSync(join(tmpdir(), 'dondoc-plans-e2e-'));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    page = await context.newPage();
    page.setDefaultTimeout(WAIT.timeout);
    pageErrors.length = 0;
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterEach(async () => {
    await context?.close();
    expect(pageErrors).toEqual([]);
  });

  const nav = () => page.getByRole('navigation');

  async function signIn(username: string): Promise<void> {
    await page.goto(`${server.baseUrl}/app/`, { waitUntil: 'load' });
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('button', { name: 'Đăng xuất' }).waitFor(WAIT);
  }

  async function openPlans(): Promise<void> {
    await nav().getByRole('link', { name: 'Kế hoạch', exact: true }).click();
    await page.getByRole('heading', { name: 'Kế hoạch', exact: true }).waitFor(WAIT);
    await page.getByRole('table', { name: 'Danh sách kế hoạch' }).waitFor(WAIT);
  }

  it('shows noivu the seed plan with 104 tasks, filters it by dimension and finds "ho ngheo" without diacritics', async () => {
    await signIn('noivu');
    await openPlans();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: SEED_TITLE }) });
    expect(await row.count()).toBe(1);
    expect(await row.innerText()).toContain('104 nhiệm vụ');
    expect(await row.innerText()).toContain('UBND thị xã Đông Hòa');
    expect(await row.innerText()).toContain('01/01/2021 – 31/12/2025');
    expect(await page.getByRole('link', { name: 'Nhập kế hoạch' }).isVisible()).toBe(true);

    await row.getByRole('link', { name: SEED_TITLE }).click();
    const status = page.getByTestId('task-count');
    await page.getByRole('heading', { level: 2, name: SEED_TITLE }).waitFor(WAIT);
    await page.getByTestId('plan-task').first().waitFor(WAIT);
    expect(await status.innerText()).toBe('104 nhiệm vụ');
    expect(await page.getByTestId('plan-task').count()).toBe(104);

    // Dimension II: 15 tasks, and only that dimension's heading.
    // The chips are radios whose input is visually hidden: the visible label is what a user clicks.
    const chip = page.getByRole('radio', { name: /^II\. Công khai, minh bạch/ });
    await page.getByText(/^II\. Công khai, minh bạch trong việc ra quyết định \(15\)$/).click();
    expect(await chip.isChecked()).toBe(true);
    await expect.poll(() => page.getByTestId('plan-task').count(), WAIT).toBe(15);
    expect(await status.innerText()).toBe('Hiện 15 trong 104 nhiệm vụ');
    expect(await page.getByRole('heading', { level: 3 }).allInnerTexts()).toEqual(['II. Công khai, minh bạch trong việc ra quyết định']);

    // Search without diacritics, sent to the server after a pause in typing.
    await page.getByLabel('Tìm nhiệm vụ').fill('ho ngheo');
    const rows = page.getByTestId('plan-task');
    const settled = async () => {
      const [shown, count] = [await status.innerText(), await rows.count()];
      return count > 0 && count < 15 && shown === `Hiện ${count} trong 104 nhiệm vụ`;
    };
    await expect.poll(settled, WAIT).toBe(true);
    const texts = await rows.allInnerTexts();
    for (const text of texts) {
      expect(fold(text)).toMatch(/\bho\b/);
      expect(fold(text)).toContain('ngheo');
    }
    expect(texts.some((t) => t.includes('hộ nghèo'))).toBe(true);
  });

  it('lets noivu import a modified copy of the seed, map an unknown lead unit in place and land on the new plan', async () => {
    // A different header line (so the file hash differs) and one unknown lead unit in Appendix I, task 30.
    const seed = readFileSync(SEED, 'utf8');
    const lead = `30\t${TREE_TASK}\tPhòng Quản lý đô thị\t`;
    expect(seed).toContain(lead);
    const modified = seed.replace('Số: /KH-UBND', 'Số: 125/KH-UBND').replace(lead, `30\t${TREE_TASK}\tPhòng Hạ tầng\t`);
    const file = join(dir, 'ke-hoach-papi-sua-doi.txt');
    writeFileSync(file, modified, 'utf8');

    await signIn('noivu');
    await openPlans();
    await page.getByRole('link', { name: 'Nhập kế hoạch' }).click();
    await page.getByRole('heading', { name: 'Nhập kế hoạch', exact: true }).waitFor(WAIT);

    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByLabel('Tệp kế hoạch').click()]);
    await chooser.setFiles(file);
    await page.getByRole('button', { name: 'Tải lên và xem trước' }).click();

    // The review: the header as read, a new plan, the counter, the unknown unit highlighted in its row.
    const header = page.getByTestId('review-header');
    await header.waitFor(WAIT);
    expect(await header.innerText()).toContain('125/KH-UBND');
    expect(await header.innerText()).toContain('UBND thị xã Đông Hòa');
    const counter = page.getByTestId('open-count');
    const before = Number(/Còn (\d+) mục cần xem/.exec(await counter.innerText())?.[1]);
    expect(before).toBeGreaterThan(0);

    const row = page.getByRole('row').filter({ hasText: TREE_TASK });
    expect(await row.count()).toBe(1);
    expect(await row.getAttribute('data-attention')).toBe('true');
    const unmatched = row.locator('[data-resolution="unmatched"]');
    expect(await unmatched.innerText()).toBe('Phòng Hạ tầng');
    expect(await page.getByTestId('issues-panel').innerText()).toContain('«Phòng Hạ tầng»');

    // Map it to Phòng Quản lý đô thị, typed without diacritics.
    const select = row.getByRole('combobox', { name: 'Đơn vị ứng với «Phòng Hạ tầng»' });
    await select.click();
    await select.fill('quan ly do thi');
    await page.getByRole('option', { name: 'Phòng Quản lý đô thị', exact: true }).click();
    await expect.poll(() => row.getAttribute('data-attention'), WAIT).toBeNull();
    expect(await counter.innerText()).toBe(`Còn ${before - 1} mục cần xem`);
    expect(await row.locator('[data-resolution="fixed"]').innerText()).toBe('Phòng Quản lý đô thị');

    // "Xem lại" reads the document again with the answer (the screen said it had unsent changes).
    const stale = page.getByText('Có thay đổi chưa xem lại');
    expect(await stale.isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Xem lại' }).click();
    await stale.waitFor({ state: 'detached', ...WAIT });
    expect(await row.locator('[data-resolution="unmatched"]').count()).toBe(0);
    expect(await counter.innerText()).toBe(`Còn ${before - 1} mục cần xem`);

    // Other items (a party of the seed itself, reader warnings) are left: the confirmation says so.
    await page.getByRole('button', { name: 'Xác nhận nhập' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor(WAIT);
    expect(await dialog.innerText()).toContain(`Còn ${before - 1} mục chưa xem`);
    await dialog.getByRole('button', { name: 'Vẫn nhập' }).click();

    // The new plan's page, with the notification, the number, and task 30 led by Phòng Quản lý đô thị.
    await page.waitForURL(/\/app\/ke-hoach\/\d+$/, WAIT);
    await page.getByText('Đã nhập kế hoạch', { exact: true }).waitFor(WAIT);
    // The plan page's own header (the review, which also shows the title, may linger during the transition).
    await page.getByText('Kế hoạch số 125/KH-UBND', { exact: true }).waitFor(WAIT);
    expect(await page.getByRole('heading', { level: 2, name: SEED_TITLE }).count()).toBe(1);
    await page.getByTestId('plan-task').first().waitFor(WAIT);
    expect(await page.getByTestId('task-count').innerText()).toBe('104 nhiệm vụ');
    const task = page.getByTestId('plan-task').filter({ hasText: TREE_TASK });
    expect(await task.count()).toBe(1);
    expect(await task.innerText()).toContain('Phòng Quản lý đô thị');
    expect(await task.innerText()).not.toContain('Phòng Hạ tầng');

    await nav().getByRole('link', { name: 'Kế hoạch', exact: true }).click();
    await page.getByRole('table', { name: 'Danh sách kế hoạch' }).waitFor(WAIT);
    await expect.poll(() => page.getByTestId('plan-row').count(), WAIT).toBe(2);
  });

  it('shows hoavinh the plans but no "Nhập kế hoạch" button, and keeps the import page closed', async () => {
    await signIn('hoavinh');
    await openPlans();
    expect(await page.getByRole('link', { name: SEED_TITLE }).first().isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Nhập kế hoạch' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Nhập kế hoạch' }).count()).toBe(0);

    await page.getByRole('link', { name: SEED_TITLE }).first().click();
    await page.getByTestId('plan-task').first().waitFor(WAIT);
    expect(await page.getByRole('link', { name: 'Cập nhật kế hoạch' }).count()).toBe(0);

    await page.goto(`${server.baseUrl}/app/ke-hoach/nhap`, { waitUntil: 'load' });
    await page.getByRole('table', { name: 'Danh sách kế hoạch' }).waitFor(WAIT);
    expect(new URL(page.url()).pathname).toBe('/app/ke-hoach');
  });
});

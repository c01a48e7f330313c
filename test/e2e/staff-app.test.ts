import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../support/app.js';
import { launchBrowser, startServer, type RunningServer } from '../support/browser.js';
import { browserAvailable } from '../support/environment.js';

/**
 * The staff app in a real Chromium against a real server holding the demo: sign-in, the unit tree
 * and its diacritics-free search, adding a unit, what a ward officer does not see, the language switch.
 * One server and one browser for the file; a fresh context (no cookies, no localStorage) per test.
 */
const WAIT = { timeout: 15_000 };

describe.runIf(browserAvailable())('staff app in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  const refusedFiles: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    page = await context.newPage();
    page.setDefaultTimeout(WAIT.timeout);
    pageErrors.length = 0;
    refusedFiles.length = 0;
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('response', (response) => {
      const path = new URL(response.url()).pathname;
      if (path.startsWith('/app/') && response.status() >= 400) refusedFiles.push(`${response.status()} ${path}`);
    });
  });

  afterEach(async () => {
    await context?.close();
    // An uncaught exception in the app fails the test even when the screen happened to look right.
    expect(pageErrors).toEqual([]);
  });

  const usernameField = () => page.getByLabel('Tên đăng nhập');
  const passwordField = () => page.getByLabel('Mật khẩu', { exact: true });
  const nav = () => page.getByRole('navigation');

  async function open(path = '/app/'): Promise<void> {
    await page.goto(`${server.baseUrl}${path}`, { waitUntil: 'load' });
    // Say why at once rather than time out on a blank page: the app's files must load without a session.
    expect(refusedFiles, 'the server refused files of the staff app').toEqual([]);
  }

  async function signIn(username: string, password = DEMO_PASSWORD): Promise<void> {
    await usernameField().fill(username);
    await passwordField().fill(password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
  }

  async function signInAndWait(username: string, path = '/app/'): Promise<void> {
    await open(path);
    await signIn(username);
    await page.getByRole('button', { name: 'Đăng xuất' }).waitFor(WAIT);
  }

  it('asks for a sign-in, shows the Vietnamese error, then shows admin the unit tree and finds "hoa vinh"', async () => {
    await open('/app/');
    await usernameField().waitFor(WAIT);
    expect(await passwordField().isVisible()).toBe(true);
    expect(await nav().count()).toBe(0);
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');

    await signIn('hoavinh', 'not-the-password');
    const alert = page.getByRole('alert');
    await alert.waitFor(WAIT);
    expect(await alert.innerText()).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(await nav().count()).toBe(0);

    await signIn('admin');
    await nav().getByRole('link', { name: 'Đơn vị', exact: true }).click();
    const tree = page.getByTestId('unit-tree');
    await tree.getByText('UBND phường Hòa Vinh', { exact: true }).waitFor(WAIT);
    for (const name of ['UBND tỉnh Phú Yên', 'UBND thị xã Đông Hòa', 'Phòng Nội vụ', 'UBND phường Hòa Vinh']) {
      expect(await tree.getByText(name, { exact: true }).isVisible(), name).toBe(true);
    }
    expect(new URL(page.url()).pathname).toBe('/app/don-vi');

    await page.getByLabel('Tìm đơn vị').fill('hoa vinh');
    const results = page.getByTestId('unit-results');
    await results.getByText('UBND phường Hòa Vinh', { exact: true }).waitFor(WAIT);
    expect(await results.getByTestId('unit-row').count()).toBe(1);
    expect(await results.innerText()).toContain('Trực thuộc: UBND thị xã Đông Hòa');
  });

  it('lets admin add a unit through the modal and shows it in the tree', async () => {
    const name = `Tổ công tác PAPI ${Date.now().toString(36)}`;
    await signInAndWait('admin', '/app/don-vi');
    await page.getByTestId('unit-tree').waitFor(WAIT);

    await page.getByRole('button', { name: 'Thêm đơn vị' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor(WAIT);

    // Validation first: nothing filled in.
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.getByText('Không được để trống').first().waitFor(WAIT);

    await dialog.getByLabel('Tên đơn vị').fill(name);
    await dialog.getByRole('combobox', { name: 'Loại đơn vị' }).click();
    await page.getByRole('option', { name: 'Cơ quan', exact: true }).click();
    await dialog.getByRole('combobox', { name: 'Đơn vị cấp trên' }).fill('dong hoa');
    await page.getByRole('option', { name: 'UBND thị xã Đông Hòa', exact: true }).click();
    await dialog.getByRole('combobox', { name: 'Tên gọi khác' }).fill('Tổ PAPI');
    await dialog.getByRole('combobox', { name: 'Tên gọi khác' }).press('Enter');
    await dialog.getByLabel('Có hiệu lực từ ngày').fill('01/01/2021');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'detached', ...WAIT });

    const row = page.getByTestId('unit-tree').getByTestId('unit-row').filter({ hasText: name });
    await row.waitFor(WAIT);
    expect(await row.getByTestId('unit-kind').innerText()).toBe('Cơ quan');
    expect(await row.innerText()).toMatch(/DH\.[A-Z0-9]+/);
  });

  it('shows hoavinh neither "Thêm đơn vị" nor the accounts page', async () => {
    await signInAndWait('hoavinh', '/app/don-vi');
    await page.getByTestId('unit-tree').getByText('UBND phường Hòa Vinh', { exact: true }).waitFor(WAIT);
    expect(await page.getByTestId('current-role').innerText()).toBe('Cán bộ đơn vị');

    expect(await page.getByRole('button', { name: 'Thêm đơn vị' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Sửa/ }).count()).toBe(0);
    expect(await nav().getByRole('link', { name: 'Tài khoản', exact: true }).count()).toBe(0);
    expect(await nav().getByRole('link', { name: 'Nhật ký thao tác', exact: true }).count()).toBe(0);
    expect(await nav().getByRole('link', { name: 'Tài khoản của tôi', exact: true }).isVisible()).toBe(true);
  });

  it('switches the navigation to English and remembers the choice', async () => {
    await signInAndWait('chutich');
    expect(await nav().getByRole('link', { name: 'Đơn vị', exact: true }).isVisible()).toBe(true);

    await page.getByText('EN', { exact: true }).click();
    await nav().getByRole('link', { name: 'Units', exact: true }).waitFor(WAIT);
    for (const label of ['Overview', 'Units', 'Accounts', 'My account']) {
      expect(await nav().getByRole('link', { name: label, exact: true }).isVisible(), label).toBe(true);
    }
    expect(await nav().getByRole('link', { name: 'Đơn vị', exact: true }).count()).toBe(0);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await page.reload();
    await nav().getByRole('link', { name: 'Units', exact: true }).waitFor(WAIT);
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
  });
});

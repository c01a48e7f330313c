import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, startServer, type RunningServer } from '../support/browser.js';
import { browserAvailable } from '../support/environment.js';

/**
 * A citizen reads the disclosures with JavaScript disabled, on a phone-sized screen: filters the list by
 * category, opens a poor-household list, sees its table without any ID or phone column, downloads the CSV.
 * axe-core on these pages (and every other public page kind) is test/e2e/portal-axe.test.ts.
 */
const WAIT = { timeout: 15_000 };

describe.runIf(browserAvailable())('public disclosures without JavaScript', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ webRoot: null }), launchBrowser()]);
    context = await browser.newContext({ javaScriptEnabled: false, acceptDownloads: true, viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    page = await context.newPage();
    page.setDefaultTimeout(WAIT.timeout);
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('filters, opens a poor-household list and downloads its CSV', async () => {
    await page.goto(`${server.baseUrl}/cong-khai`, WAIT);
    expect(await page.locator('h1').textContent()).toBe('Thông tin công khai');

    await page.selectOption('#loai', 'poor_households');
    await page.fill('#q', 'hoa vinh');
    await Promise.all([page.waitForURL(/loai=poor_households/, WAIT), page.click('form.search button[type="submit"]')]);
    const links = page.locator('ul.cards h3 a');
    expect(await links.count()).toBe(1);
    expect(await links.first().textContent()).toContain('Danh sách hộ nghèo, hộ cận nghèo');

    await Promise.all([page.waitForURL(/\/cong-khai\/\d+$/, WAIT), links.first().click()]);
    const table = page.locator('table');
    expect(await table.locator('th').allTextContents()).toEqual(['STT', 'Họ và tên chủ hộ', 'Thôn, khu phố', 'Phân loại']);
    expect(await table.locator('tbody tr').count()).toBe(8);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('UBND phường Hòa Vinh');
    expect(text).toContain('Quyết định số 24/2021/QĐ-TTg');
    expect(text).not.toMatch(/CCCD|điện thoại|\d{9,12}/i);

    const [download] = await Promise.all([page.waitForEvent('download', WAIT), page.click('a:has-text("Tải bảng (CSV)")')]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).toMatch(/^cong-khai-\d+\.csv$/);
    expect(csv.split(/\r\n/)[0]).toBe('\uFEFFSTT,Họ và tên chủ hộ,"Thôn, khu phố",Phân loại');
    expect(csv).toContain('Nguyễn Văn Lành');
    expect(csv).not.toMatch(/CCCD|điện thoại/i);
  }, 120_000);
});

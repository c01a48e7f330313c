/// <reference lib="dom" />
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../support/app.js';
import { launchBrowser, startServer, type RunningServer } from '../support/browser.js';
import { browserAvailable } from '../support/environment.js';
import { readDocx } from '../support/office-files.js';

/**
 * Issue 6, "Done when": a campaign receives contributions → a receipt code verifies. hoavinh (ward officer)
 * opens a campaign in the staff app, records two contributions with the keyboard (Enter saves, the next
 * receipt number comes by itself), downloads a confirmation (.docx read back) and records a spending with
 * its evidence; a citizen on a phone without JavaScript sees the totals, downloads the evidence, checks the
 * receipt code (found, name masked) and a wrong one (404). axe-core finds nothing serious on these pages.
 */
const WAIT = { timeout: 15_000 };
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const vn = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const PURPOSE = 'Bê tông hóa đường khu phố 5 (thử nghiệm)';
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 8, 7, 6]);

describe.runIf(browserAvailable())('a campaign receives contributions and a receipt code verifies', () => {
  let server: RunningServer;
  let browser: Browser;
  let staff: BrowserContext;
  let citizen: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  let campaignUrl = '';
  let code = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    staff = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', acceptDownloads: true });
    citizen = await browser.newContext({ javaScriptEnabled: false, acceptDownloads: true, viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    page = await staff.newPage();
    page.setDefaultTimeout(WAIT.timeout);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${server.baseUrl}/app/`, { waitUntil: 'load' });
    await page.getByLabel('Tên đăng nhập').fill('hoavinh');
    await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('button', { name: 'Đăng xuất' }).waitFor(WAIT);
  }, 180_000);

  afterAll(async () => {
    await staff?.close();
    await citizen?.close();
    await browser?.close();
    await server?.close();
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  it('opens a campaign and records contributions from the keyboard', async () => {
    await page.getByTestId('nav-campaigns').click();
    await page.getByRole('button', { name: 'Mở cuộc vận động' }).first().click();
    const form = page.getByRole('form', { name: 'Mở cuộc vận động' });
    await form.getByLabel('Mục đích').fill(PURPOSE);
    await form.getByLabel('Số tiền cần vận động (đồng)').fill('3.000.000');
    await form.getByLabel('Từ ngày').fill(vn(today));
    await form.getByLabel('Đến ngày').fill(vn(`${Number(today.slice(0, 4)) + 1}${today.slice(4)}`));
    await Promise.all([page.waitForURL(/\/app\/dong-gop\/\d+$/, WAIT), form.getByRole('button', { name: 'Mở cuộc vận động' }).click()]);
    campaignUrl = page.url().replace('/app/dong-gop/', '/dong-gop/');

    const gifts = page.getByRole('form', { name: 'Ghi nhận đóng góp' });
    await gifts.getByLabel('Họ tên người đóng góp').fill('Phạm Thị Hoa');
    await gifts.getByLabel('Thôn, khu phố').fill('Khu phố 5');
    await gifts.getByLabel('Số tiền (đồng)').fill('500000');
    await gifts.getByLabel('Số tiền (đồng)').press('Enter');
    await page.getByTestId('contribution-saved').waitFor(WAIT);
    expect(await page.getByTestId('contribution').count()).toBe(1);
    // The name field has the focus back; the village stays and the receipt number moved on.
    expect(await gifts.getByLabel('Họ tên người đóng góp').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await gifts.getByLabel('Thôn, khu phố').inputValue()).toBe('Khu phố 5');
    expect(await gifts.getByLabel('Số biên nhận').inputValue()).toBe('002');
    await page.keyboard.type('Võ Văn Minh');
    await gifts.getByLabel('Số tiền (đồng)').fill('1.200.000');
    await gifts.getByLabel('Số tiền (đồng)').press('Enter');
    await page.getByTestId('contribution').nth(1).waitFor(WAIT);
    await page.getByTestId('campaign-totals').getByText(/Đã nhận: 1\.700\.000 đ \/ 3\.000\.000 đ \(56%\)/).waitFor(WAIT);

    const first = page.getByTestId('contribution').first();
    code = ((await first.locator('td').nth(5).textContent()) ?? '').trim();
    expect(code).toMatch(/^DG-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{2}$/);
    const [download] = await Promise.all([page.waitForEvent('download', WAIT), first.getByRole('link', { name: 'Tải .docx' }).click()]);
    const doc = readDocx(readFileSync((await download.path())!));
    expect(doc.text).toContain('GIẤY XÁC NHẬN');
    expect(doc.text).toContain('Phạm Thị Hoa');
    expect(doc.text).toContain('Năm trăm nghìn đồng');
    expect(doc.text).toContain(code);

    const [print] = await Promise.all([staff.waitForEvent('page', WAIT), first.getByRole('link', { name: 'In giấy xác nhận' }).click()]);
    await print.waitForLoadState('load');
    const printed = (await print.locator('body').textContent()) ?? '';
    expect(printed).toContain('Năm trăm nghìn đồng');
    expect(printed).toContain(code);
    expect(printed).toContain(`/dong-gop/xac-minh?ma=${code}`);
    await print.close();
  }, 120_000);

  it('records a spending with its evidence', async () => {
    const form = page.getByRole('form', { name: 'Ghi nhận khoản chi' });
    await form.getByLabel('Số tiền (đồng)').fill('700.000');
    await form.getByLabel('Nội dung chi').fill('Mua xi măng đợt 1');
    await form.locator('input[type="file"]').setInputFiles({ name: 'hoa-don-xi-mang.png', mimeType: 'image/png', buffer: Buffer.from(PNG) });
    await form.getByRole('button', { name: 'Lưu khoản chi' }).click();
    await page.getByRole('link', { name: 'hoa-don-xi-mang.png' }).waitFor(WAIT);
  }, 60_000);

  it('shows a citizen without JavaScript the totals and the evidence, and verifies the receipt code', async () => {
    const phone = await citizen.newPage();
    phone.setDefaultTimeout(WAIT.timeout);
    await phone.goto(`${server.baseUrl}/dong-gop`, WAIT);
    expect(await phone.locator('h1').textContent()).toBe('Đóng góp tự nguyện');
    await Promise.all([phone.waitForURL(/\/dong-gop\/\d+$/, WAIT), phone.getByRole('link', { name: PURPOSE }).click()]);
    expect(phone.url()).toBe(campaignUrl);
    const main = (await phone.locator('main').textContent()) ?? '';
    expect(main).toContain('1.700.000 đồng');
    expect(main).toContain('Mua xi măng đợt 1');
    expect(main).toContain('Phạm Thị Hoa');
    expect(main).not.toContain(code);
    const [evidence] = await Promise.all([phone.waitForEvent('download', WAIT), phone.getByRole('link', { name: 'hoa-don-xi-mang.png' }).click()]);
    expect(new Uint8Array(readFileSync((await evidence.path())!))).toEqual(PNG);

    await phone.getByLabel('Mã xác minh trên giấy xác nhận').fill(code.toLowerCase());
    await Promise.all([phone.waitForURL(/xac-minh\?ma=/, WAIT), phone.getByRole('button', { name: 'Kiểm tra biên nhận' }).click()]);
    expect(await phone.locator('h1').textContent()).toBe('Biên nhận hợp lệ');
    const found = (await phone.locator('main').textContent()) ?? '';
    expect(found).toContain('Phạm T. H.');
    expect(found).not.toContain('Phạm Thị Hoa');
    expect(found).toContain('500.000 đồng');

    await phone.getByLabel('Mã xác minh trên giấy xác nhận').fill('DG-2222-3333-44');
    const [response] = await Promise.all([phone.waitForResponse(/xac-minh\?ma=/, WAIT), phone.getByRole('button', { name: 'Kiểm tra biên nhận' }).click()]);
    expect(response.status()).toBe(404);
    expect(await phone.locator('h1').textContent()).toBe('Không tìm thấy biên nhận');
    expect(await phone.locator('script').count()).toBe(0);
    await phone.close();
  }, 60_000);

  it('finds no serious accessibility violation on these pages (axe-core)', async () => {
    const auditor = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
    const a = await auditor.newPage();
    const found: string[] = [];
    for (const path of ['/dong-gop', new URL(campaignUrl).pathname, `/dong-gop/xac-minh?ma=${encodeURIComponent(code)}`, '/dong-gop/xac-minh']) {
      await a.goto(`${server.baseUrl}${path}`, WAIT);
      const result = await new AxeBuilder({ page: a }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(result.passes.length).toBeGreaterThan(5);
      for (const v of result.violations) if (v.impact === 'serious' || v.impact === 'critical') found.push(`${v.id} on ${path}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
    }
    await auditor.close();
    expect(found).toEqual([]);
  }, 60_000);
});

/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../support/app.js';
import { launchBrowser, startServer, type RunningServer } from '../support/browser.js';
import { browserAvailable } from '../support/environment.js';

/**
 * The reporting cycle in the staff app, in a real Chromium against a real server holding the demo:
 * noivu (coordinator, desktop) opens Quý III/2021 for the seed plan; hoavinh (phường Hòa Vinh, on a
 * 390 px phone) fills in an entry, lets the draft save itself and submits — late, since the server clock
 * is today's; noivu returns it with a comment; hoavinh sees the comment, corrects and resubmits; noivu
 * accepts and the round shows Đã duyệt for Hòa Vinh.
 */
const WAIT = { timeout: 15_000 };
/** A 1×1 PNG. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const ENTRY_COMMENT = 'Nêu rõ số thủ tục đã niêm yết.';
const COMMENT = 'Đề nghị bổ sung số liệu cụ thể về kết quả thực hiện.';

describe.runIf(browserAvailable())('the reporting cycle in the staff app', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.close();
  });

  async function signIn(username: string, width: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT.timeout);
    page.on('pageerror', (error) => pageErrors.push(`${username}: ${error.message}`));
    await page.goto(`${server.baseUrl}/app/`, { waitUntil: 'load' });
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).waitFor({ state: 'attached', ...WAIT });
    return page;
  }

  /** "Báo cáo" in the menu (behind the burger at phone width). */
  async function openReports(page: Page): Promise<void> {
    const burger = page.getByRole('button', { name: 'Mở/đóng menu' });
    if (await burger.isVisible()) await burger.click();
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Báo cáo', exact: true }).click();
  }

  const unitRow = (page: Page) => page.getByTestId('round-report').filter({ hasText: 'Hòa Vinh' });
  const status = (page: Page) => page.getByTestId('report-status');

  async function fillAndSubmit(page: Page, result: string): Promise<void> {
    const entry = page.getByTestId('report-entry').first();
    await entry.getByLabel('Tình trạng thực hiện').selectOption('done');
    await entry.getByLabel('Kết quả thực hiện').fill(result);
    // The draft saves itself after a pause in typing.
    await expect.poll(() => page.getByTestId('save-state').innerText(), WAIT).toMatch(/^Đã lưu nháp lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    await page.getByRole('button', { name: 'Nộp báo cáo' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nộp báo cáo' });
    await dialog.getByRole('button', { name: 'Xác nhận nộp' }).click();
    await expect.poll(() => status(page).textContent(), WAIT).toBe('Đã nộp');
    expect(await page.getByTestId('report-late').textContent()).toBe('Nộp muộn');
  }

  it('opens a round, and a ward report goes draft → submitted (late) → returned → resubmitted → accepted', async () => {
    const noivu = await signIn('noivu', 1366);
    const hoavinh = await signIn('hoavinh', 390);

    // noivu opens Quý III/2021 for the seed plan (the only plan of the demo).
    await openReports(noivu);
    await noivu.getByRole('heading', { name: 'Kỳ báo cáo', exact: true }).waitFor(WAIT);
    await noivu.getByLabel('Loại kỳ').selectOption('quarter');
    await noivu.getByLabel('Năm', { exact: true }).fill('2021');
    await noivu.getByLabel('Thứ tự kỳ').selectOption('3');
    await noivu.getByLabel('Hạn nộp báo cáo').fill('16/09/2021');
    await noivu.getByRole('button', { name: 'Mở kỳ báo cáo' }).click();
    await noivu.getByRole('heading', { name: 'Kỳ báo cáo Quý III/2021' }).waitFor(WAIT);
    expect(await noivu.getByText(/^Hạn nộp 16\/09\/2021 · \d+ đơn vị$/).count()).toBe(1);
    await unitRow(noivu).waitFor(WAIT);
    expect(await unitRow(noivu).getByTestId('report-status').textContent()).toBe('Nháp');
    const roundUrl = noivu.url();

    // hoavinh, on a phone: "Báo cáo của tôi", the Quý III/2021 report, one entry done, submitted.
    await openReports(hoavinh);
    await hoavinh.getByRole('heading', { name: 'Báo cáo của tôi' }).waitFor(WAIT);
    await hoavinh.getByTestId('my-report').first().getByRole('link', { name: 'Quý III/2021' }).click();
    await hoavinh.getByRole('heading', { name: /^Báo cáo của .*Hòa Vinh$/ }).waitFor(WAIT);
    expect(await hoavinh.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const reportUrl = hoavinh.url();

    // The same report open in a second tab: its save wins, the first tab's stale save gets 409 and is
    // told so — nothing is overwritten — and reloads the other tab's text.
    const other = await hoavinh.context().newPage();
    other.on('pageerror', (error) => pageErrors.push(`hoavinh (2nd tab): ${error.message}`));
    await other.goto(reportUrl);
    await other.getByLabel('Kết quả đạt được').fill('Hoàn thành phần lớn nhiệm vụ quý III.');
    await expect.poll(() => other.getByTestId('save-state').innerText(), WAIT).toMatch(/^Đã lưu nháp lúc/);
    await hoavinh.getByLabel('Tồn tại, hạn chế').fill('Một số nhiệm vụ còn chậm.');
    await hoavinh.getByText('Người khác vừa lưu báo cáo này', { exact: false }).waitFor(WAIT);
    await hoavinh.getByRole('button', { name: 'Tải lại bản mới nhất' }).click();
    await expect.poll(() => hoavinh.getByLabel('Kết quả đạt được').inputValue(), WAIT).toBe('Hoàn thành phần lớn nhiệm vụ quý III.');
    expect(await hoavinh.getByLabel('Tồn tại, hạn chế').inputValue()).toBe('');
    await other.close();

    // A PNG as evidence of the first entry, with its document number and summary.
    const first = hoavinh.getByTestId('report-entry').first();
    await first.getByRole('button', { name: 'Thêm tài liệu kiểm chứng' }).click();
    await first.locator('input[type=file]').setInputFiles({ name: 'niem-yet.png', mimeType: 'image/png', buffer: Buffer.from(PNG, 'base64') });
    await first.getByLabel('Số, ký hiệu văn bản').fill('125/TB-UBND');
    await first.getByLabel('Trích yếu').fill('Ảnh bảng niêm yết thủ tục hành chính');
    await first.getByRole('button', { name: 'Tải lên' }).click();
    await first.getByTestId('evidence-item').filter({ hasText: '125/TB-UBND · Ảnh bảng niêm yết thủ tục hành chính' }).waitFor(WAIT);

    await fillAndSubmit(hoavinh, 'Đã niêm yết công khai thủ tục hành chính tại bộ phận một cửa.');

    // noivu sees it submitted, late, and returns it with a comment.
    await noivu.reload();
    await unitRow(noivu).waitFor(WAIT);
    expect(await unitRow(noivu).getByTestId('report-status').textContent()).toBe('Đã nộp');
    expect(await unitRow(noivu).getByTestId('report-late').textContent()).toBe('Nộp muộn');
    expect(await unitRow(noivu).innerText()).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    await unitRow(noivu).getByRole('link').click();
    await noivu.getByText('Đã niêm yết công khai thủ tục hành chính tại bộ phận một cửa.').waitFor(WAIT);
    expect(await noivu.getByTestId('evidence-item').first().innerText()).toContain('125/TB-UBND · Ảnh bảng niêm yết thủ tục hành chính');
    await noivu.getByTestId('report-entry').first().getByLabel('Ý kiến về nhiệm vụ này').fill(ENTRY_COMMENT);
    await noivu.getByRole('button', { name: 'Trả lại' }).click();
    const returnDialog = noivu.getByRole('dialog', { name: 'Trả lại báo cáo cho đơn vị' });
    await returnDialog.getByLabel('Ý kiến khi trả lại').fill(COMMENT);
    await returnDialog.getByRole('button', { name: 'Trả lại' }).click();
    await expect.poll(() => status(noivu).textContent(), WAIT).toBe('Bị trả lại');

    // hoavinh sees the comment, corrects the result and resubmits.
    await hoavinh.goto(reportUrl);
    await hoavinh.getByTestId('return-comment').waitFor(WAIT);
    expect(await hoavinh.getByTestId('return-comment').innerText()).toContain(COMMENT);
    expect(await status(hoavinh).textContent()).toBe('Bị trả lại');
    expect(await hoavinh.getByTestId('report-entry').first().getByTestId('entry-review-comment').innerText()).toBe(ENTRY_COMMENT);
    await fillAndSubmit(hoavinh, 'Đã niêm yết công khai 125 thủ tục hành chính tại bộ phận một cửa.');

    // noivu accepts; the round shows Đã duyệt for Hòa Vinh.
    await noivu.reload();
    await noivu.getByText('Đã niêm yết công khai 125 thủ tục hành chính tại bộ phận một cửa.').waitFor(WAIT);
    await noivu.getByRole('button', { name: 'Duyệt' }).click();
    await expect.poll(() => status(noivu).textContent(), WAIT).toBe('Đã duyệt');
    await noivu.goto(roundUrl);
    await unitRow(noivu).waitFor(WAIT);
    expect(await unitRow(noivu).getByTestId('report-status').textContent()).toBe('Đã duyệt');

    expect(pageErrors).toEqual([]);
  }, 90_000);
});

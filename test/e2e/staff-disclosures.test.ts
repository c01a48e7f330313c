/// <reference lib="dom" />
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/accounts/actor.js';
import { launchBrowser, signInStaff, startServer, type RunningServer } from '../support/browser.js';
import { browserAvailable } from '../support/environment.js';

/**
 * Issue 5, build item 2, in the staff app in a real Chromium against a real server holding the demo:
 * noivu (coordinator) takes Hòa Vinh's demo poor-household list down before its time, and the register says
 * so; hoavinh (unit officer, on a phone) drafts a new list (a proposed posting period shorter than the
 * category's minimum is refused in Vietnamese and nothing is saved), uploads an XLSX built here with phone and ID
 * columns (the page names them as never public and the preview leaves them out) and sends it for approval;
 * noivu first tries a posting period shorter than the category's minimum (the Vietnamese error is shown,
 * nothing is saved), then approves; the public page shows the table without the phone and ID columns; the
 * register shows Hòa Vinh's poor-household list as posted again; hoavinh records the posting with a photo,
 * which downloads back byte for byte.
 */
const WAIT = { timeout: 15_000 };
/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const HOA_VINH = 'UBND phường Hòa Vinh';
const TITLE = 'Danh sách hộ nghèo, hộ cận nghèo bổ sung đợt 2 của phường Hòa Vinh';
const PHONES = ['0905123456', '0914222333'];
const IDS = ['054203001234', '054198007777'];
const PUBLIC_HEADERS = ['STT', 'Họ và tên chủ hộ', 'Thôn, khu phố', 'Phân loại'];

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const vn = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const plus = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function householdsXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách');
  ws.addRow(['STT', 'Họ và tên chủ hộ', 'Thôn/khu phố', 'Phân loại', 'Số điện thoại', 'Số CCCD']);
  ws.addRow([1, 'Ngô Văn Một', 'Khu phố Phú Lâm', 'Hộ nghèo', PHONES[0], IDS[0]]);
  ws.addRow([2, 'Lý Thị Hai', 'Khu phố Phước Lâm', 'Hộ cận nghèo', PHONES[1], IDS[1]]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe.runIf(browserAvailable())('disclosures in the staff app: draft, upload, submit, approve, take down, register', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.close();
  });

  const signIn = (username: string, width: number): Promise<Page> =>
    signInStaff(browser, server.baseUrl, username, { width, contexts, pageErrors, timeout: WAIT.timeout });

  /** "Công khai" in the menu (behind the burger at phone width). */
  async function openDisclosures(page: Page): Promise<void> {
    const burger = page.getByRole('button', { name: 'Mở/đóng menu' });
    if (await burger.isVisible()) await burger.click();
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Công khai', exact: true }).click();
    await page.getByRole('heading', { name: 'Công khai thông tin' }).waitFor(WAIT);
  }

  const status = (page: Page) => page.getByTestId('disclosure-status');
  const registerStatus = (page: Page, category: string) =>
    page.locator(`[data-testid="register-cell"][data-commune="${HOA_VINH}"][data-category="${category}"]`).getByTestId('register-status');
  const stored = (id: number) => server.services.disclosures.get(SYSTEM_ACTOR, id);

  it('takes down, drafts, uploads, submits, refuses a short posting period, approves; public page and register agree', async () => {
    const noivu = await signIn('noivu', 1366);

    // noivu finds Hòa Vinh's demo list by typing without diacritics and takes it down the day it went up.
    await openDisclosures(noivu);
    expect(await noivu.getByRole('link', { name: 'Soạn công khai mới' }).count()).toBe(0);
    await noivu.getByLabel('Loại công khai').selectOption('poor_households');
    await noivu.getByLabel('Tìm theo tiêu đề, đơn vị').fill('ho ngheo hoa vinh');
    await expect.poll(() => noivu.getByTestId('disclosure-row').count(), WAIT).toBe(1);
    await noivu.getByTestId('disclosure-row').getByRole('link').click();
    await expect.poll(() => status(noivu).textContent(), WAIT).toBe('Đã công bố');
    await noivu.getByRole('button', { name: 'Gỡ xuống' }).click();
    const takeDown = noivu.getByRole('dialog', { name: 'Gỡ xuống' });
    await takeDown.getByLabel('Lý do gỡ xuống').fill('Danh sách có sai sót về phân loại hộ, cần rà soát lại.');
    await takeDown.getByRole('button', { name: 'Gỡ xuống' }).click();
    await expect.poll(() => status(noivu).textContent(), WAIT).toBe('Đã gỡ xuống');
    expect(await noivu.getByTestId('posting-state').textContent()).toBe('Gỡ xuống trước thời hạn');

    await noivu.goto(`${server.baseUrl}/app/cong-khai/so-theo-doi`);
    await noivu.getByRole('heading', { name: 'Sổ theo dõi công khai' }).waitFor(WAIT);
    await expect.poll(() => registerStatus(noivu, 'poor_households').textContent(), WAIT).toBe('Gỡ xuống trước thời hạn');
    expect(await registerStatus(noivu, 'budget').textContent()).toBe('Đang niêm yết');
    expect(await noivu.locator('[data-testid="register-cell"][data-commune="UBND xã Hòa Thành"]').getByTestId('register-status').allTextContents()).toEqual(
      Array(6).fill('Chưa công khai'),
    );
    expect(await noivu.getByTestId('register-rule').first().textContent()).toContain('Quyết định số 24/2021/QĐ-TTg');

    // hoavinh, on a phone, drafts a new list.
    const hoavinh = await signIn('hoavinh', 412);
    await openDisclosures(hoavinh);
    await hoavinh.getByRole('link', { name: 'Soạn công khai mới' }).click();
    await hoavinh.getByRole('heading', { name: 'Soạn công khai mới' }).waitFor(WAIT);
    expect(await hoavinh.getByLabel('Đơn vị').and(hoavinh.locator('input')).inputValue()).toBe(HOA_VINH);
    expect(await hoavinh.getByTestId('category-rules').textContent()).toContain('Thời gian niêm yết tối thiểu 3 ngày.');
    await hoavinh.getByLabel('Tiêu đề').fill(TITLE);
    await hoavinh.getByLabel('Tóm tắt').fill('Kết quả rà soát bổ sung sau khiếu nại của người dân.');
    // The proposed posting period starts today and ends with the category's minimum; two days are refused.
    expect(await hoavinh.getByLabel('Ngày công khai dự kiến').inputValue()).toBe(vn(today));
    expect(await hoavinh.getByLabel('Ngày hết thời hạn niêm yết').inputValue()).toBe(vn(plus(2)));
    expect(await hoavinh.getByTestId('objection-preview').textContent()).toBe(`Thời hạn người dân góp ý, khiếu nại: ${vn(today)} – ${vn(plus(2))}`);
    const itemsBefore = (await server.services.disclosures.list(SYSTEM_ACTOR, {})).length;
    await hoavinh.getByLabel('Ngày hết thời hạn niêm yết').fill(vn(plus(1)));
    await hoavinh.getByRole('button', { name: 'Lưu bản nháp' }).click();
    const formError = hoavinh.getByRole('alert').filter({ hasText: 'tối thiểu 3 ngày' });
    await formError.waitFor(WAIT);
    expect(await formError.textContent()).toBe(`Thời gian niêm yết của «Danh sách hộ nghèo, hộ cận nghèo» tối thiểu 3 ngày (đến hết ngày ${vn(plus(2))}).`);
    expect(await hoavinh.getByRole('heading', { name: 'Soạn công khai mới' }).count()).toBe(1);
    expect((await server.services.disclosures.list(SYSTEM_ACTOR, {})).length).toBe(itemsBefore);
    await hoavinh.getByLabel('Ngày hết thời hạn niêm yết').fill(vn(plus(2)));
    await hoavinh.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await hoavinh.getByRole('heading', { name: TITLE }).waitFor(WAIT);
    expect(await status(hoavinh).textContent()).toBe('Bản nháp');
    const id = Number(/\/cong-khai\/(\d+)$/.exec(hoavinh.url())?.[1]);
    expect(id).toBeGreaterThan(0);

    // The XLSX with phone and ID columns: both named as never public, neither in the preview.
    await hoavinh
      .locator('section[aria-labelledby="disclosure-table-heading"] input[type=file]')
      .setInputFiles({ name: 'ho-ngheo-dot-2.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await householdsXlsx() });
    await hoavinh.getByRole('button', { name: 'Tải bảng lên' }).click();
    const dropped = hoavinh.getByTestId('dropped-columns');
    await dropped.waitFor(WAIT);
    const droppedText = (await dropped.textContent()) ?? '';
    expect(droppedText).toContain('Số điện thoại');
    expect(droppedText).toContain('Số CCCD');
    const preview = hoavinh.getByTestId('disclosure-table');
    expect(await preview.locator('th').allTextContents()).toEqual(PUBLIC_HEADERS);
    expect(await preview.locator('tbody tr').count()).toBe(2);
    expect(await preview.textContent()).not.toMatch(new RegExp([...PHONES, ...IDS].join('|')));
    expect(await hoavinh.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(412);

    await hoavinh.getByRole('button', { name: 'Gửi duyệt' }).click();
    await hoavinh.getByRole('dialog', { name: 'Gửi duyệt' }).getByRole('button', { name: 'Xác nhận gửi duyệt' }).click();
    await expect.poll(() => status(hoavinh).textContent(), WAIT).toBe('Chờ phê duyệt');
    expect(await hoavinh.getByRole('button', { name: 'Duyệt và công bố' }).count()).toBe(0);

    // noivu sees it waiting, opens it and first gives a posting period of one day: refused, nothing saved.
    await openDisclosures(noivu);
    await noivu.getByLabel('Trạng thái').selectOption('pending');
    await noivu.getByTestId('disclosure-row').filter({ hasText: TITLE }).getByRole('link').click();
    await noivu.getByRole('heading', { name: TITLE }).waitFor(WAIT);
    expect(await noivu.getByTestId('disclosure-table').locator('th').allTextContents()).toEqual(PUBLIC_HEADERS);
    await noivu.getByRole('button', { name: 'Duyệt và công bố' }).click();
    const approve = noivu.getByRole('dialog', { name: 'Duyệt và công bố' });
    // Prefilled with the officer's proposal.
    expect(await approve.getByLabel('Ngày công khai').inputValue()).toBe(vn(today));
    expect(await approve.getByLabel('Ngày hết thời hạn niêm yết').inputValue()).toBe(vn(plus(2)));
    await approve.getByLabel('Ngày hết thời hạn niêm yết').fill(vn(today));
    await approve.getByRole('button', { name: 'Duyệt và công bố' }).click();
    const error = approve.getByRole('alert');
    await error.waitFor(WAIT);
    expect(await error.textContent()).toContain('Thời gian niêm yết của «Danh sách hộ nghèo, hộ cận nghèo» tối thiểu 3 ngày');
    const unchanged = await stored(id);
    expect([unchanged.status, unchanged.publishDate, unchanged.postingEnd]).toEqual(['pending', today, plus(2)]);

    // Three days, the category's minimum, go through.
    await approve.getByLabel('Ngày hết thời hạn niêm yết').fill(vn(plus(2)));
    await approve.getByRole('button', { name: 'Duyệt và công bố' }).click();
    await expect.poll(() => status(noivu).textContent(), WAIT).toBe('Đã công bố');
    expect(await noivu.getByTestId('posting-state').textContent()).toBe('Đang niêm yết');
    const published = await stored(id);
    expect([published.status, published.publishDate, published.postingEnd]).toEqual(['published', today, plus(2)]);

    // The public page, without JavaScript: the table without the phone and ID columns.
    const citizen = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    contexts.push(citizen);
    const reader = await citizen.newPage();
    const response = await reader.goto(`${server.baseUrl}/cong-khai/${id}`, WAIT);
    expect(response?.status()).toBe(200);
    expect(await reader.locator('h1').textContent()).toContain(TITLE);
    expect(await reader.locator('main table th').allTextContents()).toEqual(PUBLIC_HEADERS);
    const publicText = (await reader.locator('main').textContent()) ?? '';
    expect(publicText).toContain('Ngô Văn Một');
    expect(publicText).not.toMatch(new RegExp([...PHONES, ...IDS, 'CCCD', 'điện thoại'].join('|'), 'i'));

    // The register: Hòa Vinh's poor-household list is posted again.
    await noivu.goto(`${server.baseUrl}/app/cong-khai/so-theo-doi`);
    await expect.poll(() => registerStatus(noivu, 'poor_households').textContent(), WAIT).toBe('Đang niêm yết');

    // hoavinh records the posting at the village meeting with a photo; the photo downloads back unchanged.
    await hoavinh.reload();
    await expect.poll(() => status(hoavinh).textContent(), WAIT).toBe('Đã công bố');
    await hoavinh.getByRole('button', { name: 'Ghi nhận niêm yết' }).click();
    const posting = hoavinh.getByRole('dialog', { name: 'Ghi nhận niêm yết' });
    await posting.getByLabel('Hình thức công khai').selectOption('village_meeting');
    await posting.getByLabel('Ghi chú', { exact: false }).fill('Đọc danh sách tại cuộc họp khu phố Phú Lâm.');
    await posting.locator('input[type=file]').setInputFiles({ name: 'hop-khu-pho.png', mimeType: 'image/png', buffer: PNG });
    await posting.getByRole('button', { name: 'Lưu' }).click();
    const line = hoavinh.getByTestId('posting').filter({ hasText: 'Thông báo tại cuộc họp thôn, khu phố' });
    await line.waitFor(WAIT);
    expect(await line.textContent()).toContain(`${vn(today)} — Thông báo tại cuộc họp thôn, khu phố: Đọc danh sách tại cuộc họp khu phố Phú Lâm.`);
    const href = await line.getByRole('link', { name: 'minh chứng' }).getAttribute('href');
    const photo = await hoavinh.context().request.get(`${server.baseUrl}${href}`);
    expect(photo.status()).toBe(200);
    expect(Buffer.from(await photo.body()).equals(PNG)).toBe(true);

    expect(pageErrors).toEqual([]);
  }, 240_000);

  it('a CSV with an ID number in a kept column is refused (nothing stored); returned with a comment, corrected and sent again', async () => {
    const hoavinh = await signIn('hoavinh', 1280);
    await openDisclosures(hoavinh);
    await hoavinh.getByRole('link', { name: 'Soạn công khai mới' }).click();
    await hoavinh.getByRole('combobox', { name: /^Loại công khai/ }).selectOption('recruitment');
    expect(await hoavinh.getByTestId('category-rules').textContent()).toContain('Thời gian niêm yết tối thiểu 30 ngày.');
    await hoavinh.getByLabel('Tiêu đề').fill('Thông báo tuyển dụng viên chức văn hóa phường Hòa Vinh');
    await hoavinh.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await hoavinh.getByRole('heading', { name: 'Thông báo tuyển dụng viên chức văn hóa phường Hòa Vinh' }).waitFor(WAIT);
    const id = Number(/\/cong-khai\/(\d+)$/.exec(hoavinh.url())?.[1]);

    const tableFile = hoavinh.locator('section[aria-labelledby="disclosure-table-heading"] input[type=file]');
    await tableFile.setInputFiles({
      name: 'tuyen-dung.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('STT,Vị trí tuyển dụng,Số lượng,Ghi chú\n1,Công chức văn hóa - xã hội,1,Liên hệ 054203001234\n', 'utf8'),
    });
    await hoavinh.getByRole('button', { name: 'Tải bảng lên' }).click();
    const refused = hoavinh.getByRole('alert').filter({ hasText: 'Không nhập được bảng' });
    await refused.waitFor(WAIT);
    expect(await refused.textContent()).toMatch(/dòng 2/i);
    expect((await stored(id)).table).toBeNull();
    expect(await hoavinh.getByText('Chưa có bảng số liệu.').count()).toBe(1);

    await tableFile.setInputFiles({
      name: 'tuyen-dung.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('STT,Vị trí tuyển dụng,Số lượng,Ghi chú\n1,Công chức văn hóa - xã hội,1,Tốt nghiệp đại học\n', 'utf8'),
    });
    await hoavinh.getByRole('button', { name: 'Tải bảng lên' }).click();
    await expect.poll(() => hoavinh.getByTestId('disclosure-table').locator('th').allTextContents(), WAIT).toEqual(['STT', 'Vị trí tuyển dụng', 'Số lượng', 'Ghi chú']);
    await hoavinh.getByRole('button', { name: 'Gửi duyệt' }).click();
    await hoavinh.getByRole('dialog', { name: 'Gửi duyệt' }).getByRole('button', { name: 'Xác nhận gửi duyệt' }).click();
    await expect.poll(() => status(hoavinh).textContent(), WAIT).toBe('Chờ phê duyệt');

    // The coordinator goes from "… chờ phê duyệt" to the item and returns it with a comment.
    const noivu = await signIn('noivu', 1366);
    await openDisclosures(noivu);
    const waiting = noivu.getByTestId('pending-count');
    await waiting.waitFor(WAIT);
    const count = Number(/^(\d+) nội dung chờ phê duyệt$/.exec((await waiting.textContent()) ?? '')?.[1]);
    expect(count).toBeGreaterThanOrEqual(2);
    await waiting.click();
    await expect.poll(() => noivu.getByTestId('disclosure-row').count(), WAIT).toBe(count);
    await noivu.getByRole('link', { name: 'Thông báo tuyển dụng viên chức văn hóa phường Hòa Vinh' }).click();
    await noivu.getByRole('button', { name: 'Trả lại' }).click();
    const dialog = noivu.getByRole('dialog', { name: 'Trả lại' });
    await dialog.getByLabel('Ý kiến trả lại').fill('Ghi rõ thời hạn nộp hồ sơ trong tiêu đề.');
    await dialog.getByRole('button', { name: 'Trả lại' }).click();
    await expect.poll(() => status(noivu).textContent(), WAIT).toBe('Bị trả lại');

    // hoavinh sees the comment, corrects the title and sends it again.
    await hoavinh.reload();
    await expect.poll(() => status(hoavinh).textContent(), WAIT).toBe('Bị trả lại');
    expect(await hoavinh.getByTestId('return-comment').textContent()).toContain('Ghi rõ thời hạn nộp hồ sơ trong tiêu đề.');
    await hoavinh.getByRole('link', { name: 'Sửa' }).click();
    await hoavinh.getByRole('heading', { name: 'Sửa bản nháp công khai' }).waitFor(WAIT);
    await hoavinh.getByLabel('Tiêu đề').fill('Thông báo tuyển dụng viên chức văn hóa phường Hòa Vinh (nhận hồ sơ đến hết tháng)');
    await hoavinh.getByRole('button', { name: 'Lưu', exact: true }).click();
    await hoavinh.getByRole('heading', { name: 'Thông báo tuyển dụng viên chức văn hóa phường Hòa Vinh (nhận hồ sơ đến hết tháng)' }).waitFor(WAIT);
    await hoavinh.getByRole('button', { name: 'Gửi duyệt' }).click();
    await hoavinh.getByRole('dialog', { name: 'Gửi duyệt' }).getByRole('button', { name: 'Xác nhận gửi duyệt' }).click();
    await expect.poll(() => status(hoavinh).textContent(), WAIT).toBe('Chờ phê duyệt');
    const again = await stored(id);
    expect([again.status, again.returnComment, again.table?.rows.length]).toEqual(['pending', null, 1]);

    expect(pageErrors).toEqual([]);
  }, 240_000);
});

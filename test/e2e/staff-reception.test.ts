/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expandRecurrence, parseRecurrence } from '../../src/domain/reception/recurrence.js';
import { addDays, weekdayOf } from '../../src/domain/schedule/calendar.js';
import { DEMO_PASSWORD } from '../support/app.js';
import { launchBrowser, startServer, type RunningServer } from '../support/browser.js';
import { browserAvailable } from '../support/environment.js';

/**
 * Issue 5, build item 2, in the staff app in a real Chromium against a real server holding the demo:
 * hoavinh (unit officer) schedules a weekly desk day over three weeks as drafts (not public yet), publishes
 * them, and the public schedule and its .ics feed carry them; adds a dossier through the form and moves it on,
 * and the public lookup finds it by its receipt code with the applicant masked; imports a procedure file with a
 * bad cell (the Vietnamese message names the line and column, nothing is saved) and then a good one.
 */
const WAIT = { timeout: 15_000 };
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const vn = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

const PLACE = 'Nhà văn hóa khu phố 5, phường Hòa Vinh (buổi tiếp thử)';
const OFFICER = 'Nguyễn Thị Kiểm Thử';
const PHONE = '0257 3531 299';
const FROM = addDays(today, 1);
const TO = addDays(today, 21);
/** The Fridays in [FROM, TO] the recurrence must produce (a Friday that is a public holiday is skipped). */
const FRIDAYS = expandRecurrence(parseRecurrence('thứ Sáu hằng tuần'), FROM, TO);

describe.runIf(browserAvailable())('reception schedule, dossiers and procedures in the staff app', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    page = await context.newPage();
    page.setDefaultTimeout(WAIT.timeout);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${server.baseUrl}/app/`, { waitUntil: 'load' });
    await page.getByLabel('Tên đăng nhập').fill('hoavinh');
    await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('button', { name: 'Đăng xuất' }).waitFor(WAIT);
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  afterEach(() => {
    // An uncaught exception in the app fails the test even when the screen happened to look right.
    expect(pageErrors).toEqual([]);
  });

  const publicText = async (path: string) => {
    const res = await fetch(`${server.baseUrl}${path}`);
    return { status: res.status, body: await res.text() };
  };

  it('schedules a weekly desk day as drafts, publishes it, and the public page and .ics feed show it', async () => {
    expect(FRIDAYS.length).toBeGreaterThanOrEqual(2);
    expect(FRIDAYS.every((d) => weekdayOf(d) === 5)).toBe(true);
    await page.getByRole('navigation').getByRole('link', { name: 'Lịch tiếp công dân' }).click();
    const form = page.getByRole('form', { name: 'Xếp lịch tiếp công dân' });
    await form.waitFor(WAIT);
    // The officer's own unit is chosen already.
    expect(await form.getByRole('combobox', { name: 'Đơn vị' }).inputValue()).toBe('UBND phường Hòa Vinh');

    // Nothing filled: the form says what is missing and sends nothing.
    await form.getByRole('button', { name: 'Xếp lịch' }).click();
    await form.getByText('Không được để trống').first().waitFor(WAIT);

    await form.getByLabel('Thứ trong tuần').selectOption('thứ Sáu');
    await form.getByLabel('Từ ngày').fill(vn(FROM));
    await form.getByLabel('Đến ngày').fill(vn(TO));
    await form.getByLabel('Bắt đầu').fill('14:00');
    await form.getByLabel('Kết thúc').fill('16:30');
    await form.getByLabel('Địa điểm').fill(PLACE);
    await form.getByLabel('Họ tên người tiếp').fill(OFFICER);
    await form.getByLabel('Chức vụ').fill('Công chức Tư pháp - Hộ tịch');
    await form.getByLabel('Điện thoại cơ quan').fill(PHONE);
    await form.getByRole('button', { name: 'Xếp lịch' }).click();

    const rows = page.getByTestId('slot').filter({ hasText: OFFICER });
    await rows.first().waitFor(WAIT);
    expect(await rows.count()).toBe(FRIDAYS.length);
    const texts = await rows.allInnerTexts();
    FRIDAYS.forEach((d, i) => {
      expect(texts[i]).toContain(vn(d));
      expect(texts[i]).toContain('Thứ Sáu');
      expect(texts[i]).toContain('14:00–16:30');
      expect(texts[i]).toContain('Chưa công bố');
    });
    // Drafts are never public.
    expect((await publicText('/lich-tiep-cong-dan?donVi=DH.HV')).body).not.toContain(OFFICER);

    await page.getByRole('button', { name: 'Công bố tất cả' }).click();
    await page.getByRole('button', { name: 'Công bố tất cả' }).waitFor({ state: 'detached', timeout: WAIT.timeout });
    await rows.filter({ hasText: 'Đã công bố' }).nth(FRIDAYS.length - 1).waitFor(WAIT);
    expect(await rows.filter({ hasText: 'Chưa công bố' }).count()).toBe(0);

    const schedule = await publicText('/lich-tiep-cong-dan?donVi=DH.HV');
    expect(schedule.status).toBe(200);
    for (const d of FRIDAYS) {
      const start = schedule.body.indexOf(`id="ngay-${d}"`);
      expect(start, d).toBeGreaterThan(-1);
      const end = schedule.body.indexOf('<h2', start + 1);
      expect(schedule.body.slice(start, end === -1 ? undefined : end), d).toContain(OFFICER);
    }
    expect(schedule.body).toContain(PHONE);
    expect(schedule.body).toContain('Nhà văn hóa khu phố 5, phường Hòa Vinh (buổi tiếp thử)');

    const ics = await publicText('/lich-tiep-cong-dan.ics?donVi=DH.HV');
    expect(ics.status).toBe(200);
    // Unfold the 75-octet lines before searching (RFC 5545 §3.1).
    const unfolded = ics.body.replace(/\r\n[ \t]/g, '');
    const events = unfolded.split('BEGIN:VEVENT').slice(1).filter((e) => e.includes(OFFICER));
    expect(events.map((e) => /DTSTART;TZID=Asia\/Ho_Chi_Minh:(\d{8})T140000/.exec(e)?.[1])).toEqual(FRIDAYS.map((d) => d.replace(/-/g, '')));
    for (const e of events) expect(e).toContain('LOCATION:Nhà văn hóa khu phố 5\\, phường Hòa Vinh (buổi tiếp thử)');
  });

  it('adds a dossier through the form, moves it on, and the public lookup finds it by receipt code, masked', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Hồ sơ' }).click();
    await page.getByTestId('dossiers').waitFor(WAIT);
    await page.getByRole('button', { name: 'Thêm hồ sơ' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor(WAIT);
    // Typed without diacritics, as the house search rule says.
    await dialog.getByRole('combobox', { name: 'Thủ tục' }).fill('tinh trang hon nhan');
    await page.getByRole('option', { name: /Cấp Giấy xác nhận tình trạng hôn nhân/ }).click();
    await dialog.getByLabel('Mã hồ sơ').fill('000.31.14.h43-e2e-0999');
    await dialog.getByLabel('Mã biên nhận').fill('HVE2E0999');
    await dialog.getByLabel('Người nộp').fill('Trần Thị Thử Nghiệm');
    expect(await dialog.getByLabel('Ngày tiếp nhận').inputValue()).toBe(vn(today));
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'detached', timeout: WAIT.timeout });

    await page.getByLabel('Tìm theo mã hồ sơ').fill('e2e-0999');
    const row = page.getByTestId('dossier');
    await row.filter({ hasText: '000.31.14.H43-E2E-0999' }).waitFor(WAIT);
    expect(await row.count()).toBe(1);
    expect(await row.innerText()).toContain('Đã tiếp nhận');

    let lookup = await publicText('/tra-cuu?ma=HVE2E0999');
    expect(lookup.status).toBe(200);
    expect(lookup.body).toContain('Trần T. T. N.');
    expect(lookup.body).not.toContain('Trần Thị Thử Nghiệm');
    expect(lookup.body).toContain('Cấp Giấy xác nhận tình trạng hôn nhân');

    await row.getByRole('button', { name: 'Cập nhật trạng thái' }).click();
    const change = page.getByRole('dialog');
    expect(await change.getByLabel('Trạng thái mới').inputValue()).toBe('processing');
    await change.getByLabel('Ghi chú').fill('Chuyển công chức Tư pháp - Hộ tịch thẩm định.');
    await change.getByRole('button', { name: 'Lưu' }).click();
    await change.waitFor({ state: 'detached', timeout: WAIT.timeout });
    await row.getByText('Đang xử lý').waitFor(WAIT);

    lookup = await publicText('/tra-cuu?ma=000.31.14.H43-E2E-0999');
    expect(lookup.status).toBe(200);
    expect(lookup.body).toContain('Đang xử lý');
    expect(lookup.body).toContain('Chuyển công chức Tư pháp - Hộ tịch thẩm định.');
  });

  it('shows the Vietnamese error of a bad procedure file (line and column), saves nothing, then imports a good one', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Thủ tục hành chính' }).click();
    const card = page.getByTestId('procedure-import');
    await card.waitFor(WAIT);
    const bad = ['Mã thủ tục,Tên thủ tục,Lĩnh vực,Thời hạn giải quyết', '1.990001,Cấp phép thử nghiệm Dondoc,Hộ tịch,3', '1.990002,Cấp phép sai Dondoc,Hộ tịch,ba ngày'].join('\n');
    await card.locator('input[type=file]').setInputFiles({ name: 'thu-tuc-loi.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await card.getByRole('button', { name: 'Nhập từ tệp' }).click();
    const alert = card.getByRole('alert');
    await alert.waitFor(WAIT);
    const message = await alert.innerText();
    expect(message).toContain('Dòng 3, cột D «Thời hạn giải quyết»: «ba ngày» không phải là số ngày làm việc');
    expect(message).toContain('chưa lưu dòng nào');
    await page.getByLabel('Tìm thủ tục').fill('dondoc');
    await page.getByText('Chưa có thủ tục nào.').waitFor(WAIT);

    const good = ['Mã thủ tục,Tên thủ tục,Lĩnh vực,Thời hạn giải quyết,Phí/lệ phí', '1.990001,Cấp phép thử nghiệm Dondoc,Hộ tịch,03 ngày làm việc,Miễn phí'].join('\n');
    await card.locator('input[type=file]').setInputFiles({ name: 'thu-tuc.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await card.getByRole('button', { name: 'Nhập từ tệp' }).click();
    const summary = card.getByTestId('import-summary');
    await summary.waitFor(WAIT);
    expect(await summary.innerText()).toContain('Thêm mới: 1');
    const listed = page.getByTestId('procedure');
    await listed.filter({ hasText: '1.990001' }).waitFor(WAIT);
    expect(await listed.innerText()).toContain('3 ngày làm việc');
  });
});

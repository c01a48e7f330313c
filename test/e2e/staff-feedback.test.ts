/// <reference lib="dom" />
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../support/app.js';
import { launchBrowser, startServer, type RunningServer } from '../support/browser.js';
import { browserAvailable } from '../support/environment.js';

/**
 * Issue 6, build item 1, end to end in a real Chromium against a real server holding the demo: a citizen
 * files through the public form with JavaScript off; hoavinh (the ward's officer) finds it in the staff app
 * by its code typed without dashes, sees the sender marked as staff-only, starts it, inserts the topic's reply
 * template (with the ward's name filled in), edits it and answers publicly; the citizen's tracking page shows
 * the answer; the citizen rates it 1 star; the staff list shows the case reopened.
 */
const WAIT = { timeout: 15_000 };
const QUESTION = 'Đèn đường khu phố 3 phường Hòa Vinh tắt đã hai tuần, buổi tối rất tối, xin sửa giúp.';
const SENDER = 'Trần Văn Kiểm Thử';
const PUBLIC_QUESTION = 'Đèn đường khu phố 3 bị tắt hai tuần.';
const EDIT = 'Ngày 05/12, Điện lực đã thay bóng đèn và đèn sáng trở lại.';

describe.runIf(browserAvailable())('staff screens for citizens’ feedback', () => {
  let server: RunningServer;
  let browser: Browser;
  let citizenContext: BrowserContext;
  let staffContext: BrowserContext;
  let citizen: Page;
  let staff: Page;
  let code = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    citizenContext = await browser.newContext({ javaScriptEnabled: false, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    staffContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    citizen = await citizenContext.newPage();
    staff = await staffContext.newPage();
    citizen.setDefaultTimeout(WAIT.timeout);
    staff.setDefaultTimeout(WAIT.timeout);
    staff.on('pageerror', (error) => pageErrors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await citizenContext?.close();
    await staffContext?.close();
    await browser?.close();
    await server?.close();
  });

  afterEach(() => {
    // An uncaught exception in the app fails the test even when the screen happened to look right.
    expect(pageErrors).toEqual([]);
  });

  it('a citizen files through the public form with JavaScript off and gets a tracking code', async () => {
    await citizen.goto(`${server.baseUrl}/phan-anh`);
    expect(await citizen.locator('script').count()).toBe(0);
    const form = citizen.locator('form[action="/phan-anh"]');
    await form.getByLabel('Lĩnh vực').selectOption({ label: 'Môi trường' });
    await form.getByLabel('Xã, phường nơi xảy ra sự việc').selectOption({ label: 'UBND phường Hòa Vinh' });
    await form.getByLabel('Nội dung phản ánh').fill(QUESTION);
    await form.getByLabel(/Họ và tên/).fill(SENDER);
    await form.getByLabel(/Số điện thoại hoặc thư điện tử/).fill('0935 444 555');
    await form.getByLabel(/Tôi đồng ý/).check();
    await form.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await citizen.waitForLoadState();
    code = /PA-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/.exec((await citizen.locator('[role="status"]').textContent()) ?? '')?.[0] ?? '';
    expect(code).not.toBe('');
  });

  it('the ward officer finds it by code, starts it and answers from the template, publicly', async () => {
    await staff.goto(`${server.baseUrl}/app/`, { waitUntil: 'load' });
    await staff.getByLabel('Tên đăng nhập').fill('hoavinh');
    await staff.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
    await staff.getByRole('button', { name: 'Đăng nhập' }).click();
    await staff.getByRole('button', { name: 'Đăng xuất' }).waitFor(WAIT);

    await staff.getByRole('navigation').getByRole('link', { name: 'Phản ánh, kiến nghị' }).click();
    await staff.getByRole('heading', { name: 'Phản ánh, kiến nghị' }).waitFor(WAIT);
    // The code typed in lower case without dashes still finds it; words without diacritics find it too.
    await staff.getByLabel('Tìm theo mã hoặc nội dung').fill(code.replace(/-/g, '').toLowerCase());
    const rows = staff.getByTestId('feedback-row');
    await rows.filter({ hasText: code }).waitFor(WAIT);
    expect(await rows.count()).toBe(1);
    await staff.getByLabel('Tìm theo mã hoặc nội dung').fill('den duong khu pho 3');
    await rows.filter({ hasText: code }).waitFor(WAIT);
    // The due date is shown with how it was counted (working days).
    expect(await rows.filter({ hasText: code }).textContent()).toMatch(/\d\d\/\d\d\/\d{4}.*ngày làm việc/s);

    await staff.getByRole('link', { name: code }).click();
    await staff.getByTestId('feedback-question').waitFor(WAIT);
    expect(await staff.getByTestId('feedback-question').textContent()).toBe(QUESTION);
    const main = (await staff.locator('main').textContent()) ?? '';
    expect(main).toContain(SENDER);
    expect(main).toContain('Chỉ cán bộ xử lý được xem; không bao giờ công khai.');

    await staff.getByRole('button', { name: 'Bắt đầu xử lý' }).click();
    await staff.getByRole('button', { name: 'Chèn mẫu trả lời' }).waitFor(WAIT);
    expect(await staff.getByTestId('feedback-status').textContent()).toBe('Đang xử lý');
    await staff.getByRole('button', { name: 'Chèn mẫu trả lời' }).click();
    const answer = staff.getByLabel('Nội dung trả lời');
    const inserted = await answer.inputValue();
    // The environment topic's template, with the ward named and no placeholder left.
    expect(inserted).toContain('Ủy ban nhân dân phường Hòa Vinh đã nhận phản ánh của Ông/Bà về môi trường');
    expect(inserted).not.toContain('{donVi}');
    await answer.fill(inserted.replace('…', EDIT));
    expect(await staff.getByLabel(/Công khai câu trả lời trên cổng thông tin/).isChecked()).toBe(true);
    await staff.getByRole('button', { name: 'Gửi trả lời' }).click();
    await staff.getByTestId('feedback-public').waitFor(WAIT);
    expect(await staff.getByTestId('feedback-status').textContent()).toBe('Đã trả lời');
    expect(await staff.getByTestId('feedback-answer').textContent()).toContain(EDIT);
    // The published wording has the sender's name hidden; the officer shortens it and saves.
    const wording = staff.getByLabel('Nội dung phản ánh được công khai');
    expect(await wording.inputValue()).toBe(QUESTION);
    await wording.fill(`${PUBLIC_QUESTION} Người gửi: ${SENDER}.`);
    await staff.getByRole('button', { name: 'Lưu nội dung công khai' }).click();
    // Saved and shown again as the server stored it: the name replaced by the mark.
    await staff.waitForFunction(() => (document.querySelector('textarea[data-public-question]') as HTMLTextAreaElement | null)?.value.endsWith('[đã ẩn].') ?? false, undefined, WAIT);
    expect(await wording.inputValue()).toBe(`${PUBLIC_QUESTION} Người gửi: [đã ẩn].`);
  }, 60_000);

  it('the public tracking page shows the answer, the citizen rates it 1 star, and staff see the case reopened', async () => {
    await citizen.goto(`${server.baseUrl}/phan-anh/${code}`);
    const main = (await citizen.textContent('main')) ?? '';
    expect(main).toContain(EDIT);
    expect(main).not.toContain(SENDER);
    // The public list shows the officer's wording with the name hidden.
    await citizen.goto(`${server.baseUrl}/phan-anh`);
    const published = (await citizen.locator('article', { hasText: PUBLIC_QUESTION }).textContent()) ?? '';
    expect(published).toContain(EDIT);
    expect(published).toContain('[đã ẩn]');
    expect(published).not.toContain(SENDER);
    await citizen.goto(`${server.baseUrl}/phan-anh/${code}`);
    await citizen.getByLabel(/^1 sao/).check();
    await citizen.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await citizen.waitForLoadState();
    expect(await citizen.textContent('main')).toContain('1/5 sao');

    await staff.getByRole('navigation').getByRole('link', { name: 'Phản ánh, kiến nghị' }).click();
    await staff.getByRole('heading', { name: 'Phản ánh, kiến nghị' }).waitFor(WAIT);
    await staff.getByTestId('count-reopened').click();
    const row = staff.getByTestId('feedback-row').filter({ hasText: code });
    await row.waitFor(WAIT);
    expect(await row.getByTestId('feedback-status').textContent()).toBe('Đang xem xét lại');
    expect(await staff.getByTestId('count-reopened').textContent()).toMatch(/Đang xem xét lại: [1-9]/);

    await row.getByRole('link', { name: code }).click();
    await staff.getByTestId('feedback-rating').waitFor(WAIT);
    expect(await staff.getByTestId('feedback-rating').textContent()).toContain('1/5');
    // Reopened: the officer may answer again.
    await staff.getByRole('button', { name: 'Gửi trả lời' }).waitFor(WAIT);
  }, 60_000);

  it('files for a caller at the desk form, and merges that case into the first one by its code', async () => {
    await staff.getByRole('navigation').getByRole('link', { name: 'Phản ánh, kiến nghị' }).click();
    await staff.getByRole('link', { name: 'Tiếp nhận tại bộ phận một cửa' }).click();
    const form = staff.getByRole('form', { name: 'Tiếp nhận tại bộ phận một cửa' });
    await form.waitFor(WAIT);
    // The officer's own ward is chosen already; without a topic nothing is sent.
    expect(await form.getByRole('combobox', { name: 'Xã, phường nơi xảy ra sự việc' }).inputValue()).toBe('UBND phường Hòa Vinh');
    await form.getByRole('button', { name: 'Tiếp nhận' }).click();
    await form.getByText('Cần chọn lĩnh vực.').waitFor(WAIT);

    await form.getByLabel('Kênh tiếp nhận').selectOption({ label: 'Điện thoại' });
    await form.getByLabel('Lĩnh vực').selectOption({ label: 'Môi trường' });
    await form.getByLabel('Nội dung người dân phản ánh').fill('Người dân gọi điện báo đèn đường khu phố 3 không sáng.');
    await form.getByLabel('Họ và tên người gửi').fill('Lê Thị Gọi Điện');
    await form.getByRole('button', { name: 'Tiếp nhận' }).click();
    await staff.getByTestId('feedback-question').waitFor(WAIT);
    const main = (await staff.locator('main').textContent()) ?? '';
    expect(main).toContain('Điện thoại');
    expect(main).toContain('Lê Thị Gọi Điện');
    const second = /PA-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/.exec((await staff.getByRole('heading', { level: 2 }).textContent()) ?? '')?.[0];
    expect(second).toBeDefined();
    expect(second).not.toBe(code);

    // A code that is not one: a Vietnamese message, nothing merged.
    await staff.getByLabel('Trùng với phản ánh có mã').fill('PA-0000');
    await staff.getByRole('button', { name: 'Gộp vào phản ánh này' }).click();
    await staff.getByText('Mã phản ánh không đúng dạng').waitFor(WAIT);
    await staff.getByLabel('Trùng với phản ánh có mã').fill(code.toLowerCase());
    await staff.getByRole('button', { name: 'Gộp vào phản ánh này' }).click();
    await staff.getByTestId('feedback-merged').waitFor(WAIT);
    expect(await staff.getByTestId('feedback-history').textContent()).toContain(`Gộp vào vụ việc ${code}`);
    await staff.getByTestId('feedback-merged').getByRole('link').click();
    await staff.getByText(`Các phản ánh trùng đã gộp vào: ${second}`).waitFor(WAIT);
  }, 60_000);

  it('offers moving a case to another unit to the coordinator only', async () => {
    const abilities = async (username: string) => {
      const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
      return ((await login.json()) as { abilities: Record<string, boolean> }).abilities;
    };
    expect(await abilities('hoavinh')).toMatchObject({ handleFeedback: true, assignFeedback: false });
    expect(await abilities('noivu')).toMatchObject({ handleFeedback: true, assignFeedback: true });
    // The ward officer's screen has no «move» control.
    expect(await staff.getByLabel('Chuyển cho đơn vị').count()).toBe(0);
  });

  it('finds no serious accessibility violation on the list, a case and the desk form (axe-core)', async () => {
    const found: string[] = [];
    // The page's own content; the shared shell (header, menu) is audited with the app, not here.
    const audit = async (what: string) => {
      const result = await new AxeBuilder({ page: staff }).include('main').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(result.passes.length).toBeGreaterThan(5);
      for (const v of result.violations) if (v.impact === 'serious' || v.impact === 'critical') found.push(`${v.id} on ${what}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
    };
    await staff.getByRole('navigation').getByRole('link', { name: 'Phản ánh, kiến nghị' }).click();
    await staff.getByTestId('feedback-row').first().waitFor(WAIT);
    await audit('the list');
    await staff.getByRole('link', { name: code }).click();
    await staff.getByTestId('feedback-question').waitFor(WAIT);
    await audit('a case');
    await staff.getByRole('navigation').getByRole('link', { name: 'Phản ánh, kiến nghị' }).click();
    await staff.getByRole('link', { name: 'Tiếp nhận tại bộ phận một cửa' }).click();
    await staff.getByRole('form', { name: 'Tiếp nhận tại bộ phận một cửa' }).waitFor(WAIT);
    await audit('the desk form');
    expect(found).toEqual([]);
  }, 60_000);
});

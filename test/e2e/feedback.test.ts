import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, startServer, type RunningServer } from '../support/browser.js';
import { DEMO_PASSWORD } from '../support/app.js';
import { browserAvailable } from '../support/environment.js';

/**
 * A citizen files feedback with a photo in Chromium with JavaScript off, reads the tracking code, an officer
 * answers through the API and publishes, the answer shows on the public list, and the citizen rates it on
 * the tracking page. The hidden honeypot stays empty in a real browser.
 */

// The smallest useful JPEG start (SOI + APP0 JFIF): the server sniffs the content, not the name.
const PHOTO = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]), Buffer.alloc(2048, 7), Buffer.from([0xff, 0xd9])]);

async function signIn(baseUrl: string, username: string) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: r.status, json: (await r.json()) as Record<string, unknown> & { items?: Array<Record<string, unknown>> } };
  };
}

describe.runIf(browserAvailable())('feedback in Chromium without JavaScript', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ services: { reminders: { log: () => undefined } }, webRoot: null }), launchBrowser()]);
    context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('files with a photo → officer answers and publishes → the answer is public → the citizen rates it', async () => {
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/phan-anh`);
    expect(await page.locator('script').count()).toBe(0);
    const form = page.locator('form[action="/phan-anh"]');
    await form.getByLabel('Lĩnh vực').selectOption({ label: 'Môi trường' });
    await form.getByLabel('Xã, phường nơi xảy ra sự việc').selectOption({ label: 'UBND phường Hòa Vinh' });
    await form.getByLabel('Nội dung phản ánh').fill('Bãi rác tự phát cạnh chợ Hòa Vinh bốc mùi, xin dọn. <b>gấp</b>');
    await form.getByLabel(/Ảnh hoặc tệp kèm theo/).setInputFiles({ name: 'bai-rac.jpg', mimeType: 'image/jpeg', buffer: PHOTO });
    await form.getByLabel(/Họ và tên/).fill('Phạm Thị Dung');
    await form.getByLabel(/Số điện thoại hoặc thư điện tử/).fill('0935 111 222');
    await form.getByLabel(/Tôi đồng ý/).check();
    await form.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await page.waitForLoadState();

    await expect(page.locator('h1').textContent()).resolves.toBe('Đã nhận phản ánh của bạn');
    const code = /PA-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/.exec((await page.locator('[role="status"]').textContent()) ?? '')?.[0];
    expect(code).toBeDefined();
    expect(await page.textContent('main')).toContain('ngày làm việc');

    await page.getByRole('link', { name: `Xem tình trạng phản ánh ${code}` }).click();
    await page.waitForLoadState();
    expect(await page.textContent('main')).toContain('Đã tiếp nhận');
    expect(await page.textContent('main')).not.toContain('Phạm Thị Dung');

    // The officers: the coordinator assigns to the ward, the ward's officer answers and publishes.
    const noivu = await signIn(server.baseUrl, 'noivu');
    const hoavinh = await signIn(server.baseUrl, 'hoavinh');
    const item = (await hoavinh('GET', '/api/v1/feedback')).json.items!.find((i) => i.code === code)!;
    const full = (await hoavinh('GET', `/api/v1/feedback/${item.id}`)).json as { attachments: Array<{ hash: string; size: number }>; sender: { name: string } };
    expect(full.attachments).toHaveLength(1);
    expect(full.attachments[0]!.size).toBe(PHOTO.length);
    expect(full.sender.name).toBe('Phạm Thị Dung');
    expect((await noivu('POST', `/api/v1/feedback/${item.id}/assign`, { unitId: item.unitId })).status).toBe(200);
    const answer = await hoavinh('POST', `/api/v1/feedback/${item.id}/answer`, { answer: 'Ngày 02/12, tổ dân phố đã dọn sạch bãi rác và đặt biển cấm đổ rác.', public: true });
    expect(answer.status).toBe(200);

    await page.goto(`${server.baseUrl}/phan-anh`);
    const published = page.locator('article', { hasText: 'Bãi rác tự phát cạnh chợ Hòa Vinh' });
    await expect(published.textContent()).resolves.toContain('đã dọn sạch bãi rác');
    const text = (await published.textContent()) ?? '';
    expect(text).toContain('<b>gấp</b>'); // shown as text, not markup
    expect(text).not.toContain('0935');
    expect(text).not.toContain('Phạm Thị Dung');
    expect(text).not.toContain(code!); // the tracking code stays the sender's

    // The citizen finds the case by its code through the look-up, and rates the answer.
    await page.goto(`${server.baseUrl}/tra-cuu`);
    await page.getByLabel('Mã hồ sơ hoặc mã biên nhận').fill(code!.toLowerCase());
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.waitForLoadState();
    expect(page.url()).toBe(`${server.baseUrl}/phan-anh/${code}`);
    expect(await page.textContent('main')).toContain('đã dọn sạch bãi rác');
    await page.getByLabel(/^4 sao/).check();
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await page.waitForLoadState();
    expect(await page.textContent('[role="status"]')).toContain('Cảm ơn bạn đã đánh giá');
    expect(await page.textContent('main')).toContain('4/5 sao');
    const after = (await hoavinh('GET', `/api/v1/feedback/${item.id}`)).json;
    expect(after).toMatchObject({ status: 'closed', rating: 4 });
  }, 60_000);
});

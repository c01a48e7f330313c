import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/accounts/actor.js';
import { smtpMailer, type Mailer } from '../../src/services/mailer.js';
import { launchBrowser, startServer, type RunningServer } from '../support/browser.js';
import { browserAvailable } from '../support/environment.js';

/**
 * A citizen follows a plan in Chromium with JavaScript off: types an address in the plan page's "Theo dõi"
 * box, reads the answer, opens the link of the letter a real SMTP server received, presses the button, and
 * later stops through the letter's unsubscribe link. The hidden honeypot field stays empty in a real browser.
 */
/** The decoded text of nodemailer's single-part message (quoted-printable or base64). */
function bodyText(raw: string): string {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split);
  const body = raw.slice(split + 4);
  const encoding = /^Content-Transfer-Encoding:\s*(\S+)/im.exec(head)?.[1]?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    return Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))), 'latin1').toString('utf8');
  }
  return body;
}

describe.runIf(browserAvailable())('following a plan in Chromium without JavaScript', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let mailer: Mailer;
  const received: string[] = [];
  let smtp: SMTPServer;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push(bodyText(Buffer.concat(chunks).toString('latin1')));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    mailer = smtpMailer(`smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`, 'Dondoc <khong-tra-loi@dondoc.example.vn>');
    [server, browser] = await Promise.all([
      startServer({ services: { mailer, reminders: { log: () => undefined }, follow: { publicUrl: 'https://dondoc.example.vn', log: () => undefined } }, webRoot: null }),
      launchBrowser(),
    ]);
    context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    mailer?.close();
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  });

  const pathOf = (raw: string, path: string) => {
    const m = new RegExp(`https://dondoc\\.example\\.vn(${path.replace(/\//g, '\\/')}\\?ma=[A-Za-z0-9_-]{43})`).exec(raw);
    if (!m) throw new Error(`no ${path} link`);
    return m[1]!;
  };

  it('subscribes, confirms with the button, and unsubscribes', async () => {
    const planId = (await server.services.plans.list(SYSTEM_ACTOR))[0]!.id;
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/ke-hoach/${planId}`);
    const box = page.locator('section[aria-labelledby="theo-doi"]');
    await expect(box.getByRole('link', { name: 'nguồn tin Atom' }).getAttribute('href')).resolves.toBe(`/ke-hoach/${planId}/atom.xml`);
    await box.getByLabel('Địa chỉ thư điện tử').fill('Nguoi.Dan@Example.VN');
    await box.getByRole('button', { name: 'Theo dõi' }).click();
    await page.waitForLoadState();
    expect(await page.locator('h1').textContent()).toBe('Vui lòng kiểm tra hộp thư để xác nhận');

    const pass = await server.services.follow.runOnce();
    expect(pass.sent.map((s) => s.kind)).toEqual(['follow_confirm']);
    expect(received).toHaveLength(1);
    const confirm = pathOf(received[0]!, '/theo-doi/xac-nhan');

    await page.goto(`${server.baseUrl}${confirm}`);
    expect(await page.locator('h1').textContent()).toBe('Xác nhận theo dõi');
    await page.getByRole('button', { name: 'Xác nhận theo dõi' }).click();
    await page.waitForLoadState();
    expect(await page.locator('h1').textContent()).toBe('Đã xác nhận theo dõi');

    const stop = pathOf(received[0]!, '/theo-doi/huy');
    await page.goto(`${server.baseUrl}${stop}`);
    await page.getByRole('button', { name: 'Ngừng theo dõi' }).click();
    await page.waitForLoadState();
    expect(await page.locator('h1').textContent()).toBe('Đã ngừng theo dõi');
    await page.close();
  }, 120_000);
});

import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnDate } from '../../src/domain/time.js';
import { DEMO_PASSWORD } from '../support/app.js';
import { launchBrowser, startServer, type RunningServer } from '../support/browser.js';
import { browserAvailable } from '../support/environment.js';

/**
 * The staff screen (second block): the coordinator starts from the SIPAS template, removes, moves and adds
 * questions, saves, publishes; after a citizen's answer, approves the free-text comment, which then shows on
 * the public results page.
 *
 * Done-when of issue 6 for surveys: a coordinator publishes a survey over the staff API → a script posts 50
 * answers over HTTP, each from its own browser session (it opens the form, keeps the cookie, posts the
 * urlencoded form) → the results page, in Chromium with JavaScript disabled, shows 50 answers and the right
 * count on every line of every question's table, with bars as wide as the shares. A person then answers in
 * the browser (radio, checkbox, textarea) and gets the thanks page. axe-core checks the form and the results.
 */
const WAIT = { timeout: 20_000 };
const ANSWERS = 50;

const QUESTIONS = [
  { kind: 'single', text: 'Ông/Bà đến làm thủ tục gì?', required: true, options: ['Đất đai', 'Hộ tịch', 'Chứng thực'] },
  { kind: 'multiple', text: 'Ông/Bà biết thông tin qua kênh nào?', options: ['Niêm yết', 'Cổng dịch vụ công', 'Người thân'] },
  { kind: 'scale', text: 'Nhìn chung, Ông/Bà hài lòng ở mức nào?', required: true },
  { kind: 'text', text: 'Góp ý khác' },
];

/** The i-th scripted respondent's choices. */
function respondent(i: number) {
  return { single: i % 3, multiple: i % 5 === 0 ? [0, 2] : [i % 2], scale: (i % 5) + 1, text: i % 10 === 0 ? `Ý kiến số ${i}` : '' };
}

describe.runIf(browserAvailable())('a survey: published, 50 answers by script, the results chart in Chromium without JavaScript', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let surveyId = 0;
  let questionIds: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ services: { reminders: { log: () => undefined } }, webRoot: null }), launchBrowser()]);
    context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    page = await context.newPage();
    page.setDefaultTimeout(WAIT.timeout);
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('the coordinator publishes the survey over the staff API', async () => {
    const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'noivu', password: DEMO_PASSWORD }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const api = async (path: string, body: unknown) => {
      const res = await fetch(`${server.baseUrl}/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken }, body: JSON.stringify(body) });
      expect(res.status, await res.clone().text()).toBeLessThan(300);
      return res.json() as Promise<{ id: number; questions: Array<{ id: string }> }>;
    };
    const units = (await (await fetch(`${server.baseUrl}/api/v1/units`, { headers: { cookie } })).json()) as Array<{ id: number; code: string }>;
    const created = await api('/surveys', { unitId: units.find((u) => u.code === 'DH.HV')!.id, subjectKind: 'service', serviceArea: 'administrative_procedures', title: 'Hài lòng về Bộ phận Một cửa phường Hòa Vinh', questions: QUESTIONS });
    const closesOn = new Date(Date.parse(`${vnDate(new Date())}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
    await api(`/surveys/${created.id}/publish`, { closesOn });
    surveyId = created.id;
    questionIds = created.questions.map((q) => q.id);
  }, 60_000);

  it('a script posts 50 answers over HTTP, each from its own session; a second post from one session is refused', async () => {
    const sessions: string[] = [];
    for (let i = 0; i < ANSWERS; i++) {
      const form = await fetch(`${server.baseUrl}/khao-sat/${surveyId}`);
      expect(form.status).toBe(200);
      const cookie = form.headers.getSetCookie().find((c) => c.startsWith('dondoc_ks='))!.split(';')[0]!;
      sessions.push(cookie);
      const r = respondent(i);
      const body = new URLSearchParams([[`c_${questionIds[0]}`, String(r.single)], ...r.multiple.map((m): [string, string] => [`c_${questionIds[1]}`, String(m)]), [`c_${questionIds[2]}`, String(r.scale)], [`c_${questionIds[3]}`, r.text]]);
      const res = await fetch(`${server.baseUrl}/khao-sat/${surveyId}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie }, body });
      expect(res.status, `answer ${i}`).toBe(200);
    }
    expect(new Set(sessions).size).toBe(ANSWERS);
    const again = await fetch(`${server.baseUrl}/khao-sat/${surveyId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: sessions[7]! },
      body: new URLSearchParams([[`c_${questionIds[0]}`, '0'], [`c_${questionIds[2]}`, '5']]),
    });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('Mỗi người chỉ trả lời một lần');
  }, 120_000);

  it('the results page, without JavaScript, shows 50 answers and the right counts and bars', async () => {
    const expected = {
      single: [0, 0, 0],
      multiple: [0, 0, 0],
      scale: [0, 0, 0, 0, 0],
    };
    for (let i = 0; i < ANSWERS; i++) {
      const r = respondent(i);
      expected.single[r.single]!++;
      for (const m of r.multiple) expected.multiple[m]!++;
      expected.scale[r.scale - 1]!++;
    }
    await page.goto(`${server.baseUrl}/khao-sat/${surveyId}/ket-qua`, WAIT);
    expect(await page.locator('#so-phieu').textContent()).toBe(String(ANSWERS));
    const tables = page.locator('main table');
    expect(await tables.count()).toBe(3);
    const read = async (k: number) =>
      tables
        .nth(k)
        .locator('tbody tr')
        .evaluateAll((rows) =>
          rows.map((tr) => ({
            label: tr.querySelector('th')!.textContent!.trim(),
            count: Number(tr.querySelectorAll('td')[0]!.textContent),
            share: tr.querySelectorAll('td')[1]!.textContent!,
            bar: (tr.querySelector('.bar span') as HTMLElement).getAttribute('style'),
          })),
        );
    const single = await read(0);
    expect(single.map((r) => r.label)).toEqual(['Đất đai', 'Hộ tịch', 'Chứng thực']);
    expect(single.map((r) => r.count)).toEqual(expected.single);
    expect(single.map((r) => r.bar)).toEqual(expected.single.map((n) => `width:${Math.round((n / ANSWERS) * 100)}%`));
    expect(single[0]!.share).toBe(`${((expected.single[0]! / ANSWERS) * 100).toFixed(1).replace('.', ',')}%`);
    expect((await read(1)).map((r) => r.count)).toEqual(expected.multiple);
    const scale = await read(2);
    expect(scale.map((r) => r.label)).toEqual(['1 – Rất không hài lòng', '2 – Không hài lòng', '3 – Bình thường', '4 – Hài lòng', '5 – Rất hài lòng']);
    expect(scale.map((r) => r.count)).toEqual(expected.scale);
    const mean = expected.scale.reduce((s, n, k) => s + n * (k + 1), 0) / ANSWERS;
    expect(await page.locator('main').textContent()).toContain(`Điểm trung bình: ${mean.toFixed(2).replace('.', ',')}/5`);
    // Free text waits for moderation: nothing of it is public yet.
    expect(await page.locator('main').textContent()).not.toContain('Ý kiến số');
    expect(await page.locator('script').count()).toBe(0);
  }, 60_000);

  it('a person answers in the browser: radio, checkboxes, the 1–5 scale, a comment; then sees the thanks page', async () => {
    await page.goto(`${server.baseUrl}/khao-sat`, WAIT);
    await Promise.all([page.waitForURL(new RegExp(`/khao-sat/${surveyId}$`), WAIT), page.click(`a[href="/khao-sat/${surveyId}"] >> nth=0`)]);
    expect(await page.locator('fieldset legend').count()).toBe(4);
    await page.check(`label:has-text("Hộ tịch")`);
    await page.check(`label:has-text("Cổng dịch vụ công")`);
    await page.check(`label:has-text("Niêm yết")`);
    await page.check(`label:has-text("4 – Hài lòng")`);
    await page.fill('textarea', 'Cảm ơn cán bộ đã hướng dẫn tận tình');
    await Promise.all([page.waitForURL(new RegExp(`/khao-sat/${surveyId}$`), WAIT), page.click('button[type="submit"]')]);
    expect(await page.locator('h1').textContent()).toBe('Cảm ơn Ông/Bà đã trả lời khảo sát');
    await page.goto(`${server.baseUrl}/khao-sat/${surveyId}`, WAIT);
    expect(await page.locator('h1').textContent()).toBe('Ông/Bà đã trả lời khảo sát này');
    // The results of an open survey are revalidated on every visit (max-age=0 with an ETag): the new answer shows.
    await page.goto(`${server.baseUrl}/khao-sat/${surveyId}/ket-qua`, WAIT);
    expect(await page.locator('#so-phieu').textContent()).toBe(String(ANSWERS + 1));
  }, 60_000);

  it('axe-core finds no serious or critical problem on the form and the results', async () => {
    const audit = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
    try {
      const p = await audit.newPage();
      const findings: string[] = [];
      for (const path of [`/khao-sat/${surveyId}`, `/khao-sat/${surveyId}/ket-qua`, '/khao-sat']) {
        await p.goto(`${server.baseUrl}${path}`, WAIT);
        const result = await new AxeBuilder({ page: p }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
        expect(result.passes.length).toBeGreaterThan(5);
        for (const v of result.violations) if (v.impact === 'serious' || v.impact === 'critical') findings.push(`${v.id} on ${path}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
        const size = Buffer.byteLength(await p.content());
        expect(size, path).toBeLessThan(60 * 1024);
      }
      expect(findings).toEqual([]);
    } finally {
      await audit.close();
    }
  }, 90_000);
});

describe.runIf(browserAvailable())('surveys in the staff app: template, builder, publish, moderation', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ services: { reminders: { log: () => undefined } } }), launchBrowser()]);
  }, 180_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('builds from the SIPAS template, publishes, and approves a citizen comment', async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT.timeout);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${server.baseUrl}/app/`, { waitUntil: 'load' });
    await page.getByLabel('Tên đăng nhập').fill('noivu');
    await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Khảo sát', exact: true }).click();
    await page.getByRole('heading', { name: 'Khảo sát sự hài lòng' }).waitFor(WAIT);

    await page.getByLabel('Đơn vị').selectOption({ label: 'UBND phường Hòa Vinh' });
    await Promise.all([page.waitForURL(/\/app\/khao-sat\/\d+$/, WAIT), page.getByTestId('survey-from-template').click()]);
    const surveyId = Number(/(\d+)$/.exec(page.url())![1]);
    const cards = page.getByTestId('survey-question');
    await cards.first().waitFor(WAIT);
    expect(await cards.count()).toBe(16);

    // Remove question 3 (a scale), move question 2 up, add one at the end.
    await cards.nth(2).getByRole('button', { name: 'Xóa câu hỏi' }).click();
    await cards.nth(1).getByRole('button', { name: 'Chuyển lên' }).click();
    await page.getByTestId('survey-add-question').click();
    await cards.last().getByLabel('Nội dung câu hỏi').fill('Thời gian chờ đến lượt có hợp lý không?');
    await page.getByTestId('survey-save').click();
    await page.getByText('Đã lưu phiếu khảo sát.').waitFor(WAIT);
    await page.reload({ waitUntil: 'load' });
    await cards.first().waitFor(WAIT);
    expect(await cards.count()).toBe(16);
    expect(await cards.first().getByLabel('Nội dung câu hỏi').inputValue()).toBe('Ông/Bà tìm hiểu thông tin về thủ tục qua những kênh nào?');
    expect(await cards.last().getByLabel('Nội dung câu hỏi').inputValue()).toBe('Thời gian chờ đến lượt có hợp lý không?');

    const closesOn = new Date(Date.parse(`${vnDate(new Date())}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Nhận ý kiến đến hết ngày').fill(closesOn);
    await page.getByTestId('survey-publish').click();
    await page.getByText('Đã công bố khảo sát trên cổng thông tin.').waitFor(WAIT);
    await page.getByText('Đang công bố').first().waitFor(WAIT);

    // A citizen answers every required question and leaves a comment.
    const survey = (await server.services.surveys.publicSurvey(surveyId))!;
    const form = await fetch(`${server.baseUrl}/khao-sat/${surveyId}`);
    const cookie = form.headers.getSetCookie().find((c) => c.startsWith('dondoc_ks='))!.split(';')[0]!;
    const fields: Array<[string, string]> = survey.questions.map((q) => [`c_${q.id}`, q.kind === 'scale' ? '4' : q.kind === 'text' ? 'Nên có thêm quạt ở nơi chờ' : '0']);
    const sent = await fetch(`${server.baseUrl}/khao-sat/${surveyId}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie }, body: new URLSearchParams(fields) });
    expect(sent.status).toBe(200);
    expect(await (await fetch(`${server.baseUrl}/khao-sat/${surveyId}/ket-qua`)).text()).not.toContain('thêm quạt');

    await page.reload({ waitUntil: 'load' });
    await page.getByText('1 phiếu trả lời').waitFor(WAIT);
    const comment = page.getByTestId('survey-comment');
    await comment.getByText('Chờ duyệt').waitFor(WAIT);
    await comment.getByRole('button', { name: 'Công khai' }).click();
    await comment.getByText('Đã công khai').waitFor(WAIT);
    expect(await (await fetch(`${server.baseUrl}/khao-sat/${surveyId}/ket-qua`)).text()).toContain('Nên có thêm quạt ở nơi chờ');

    // Results per unit on the list page: one survey, one answer, every scale at 4.
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Khảo sát', exact: true }).click();
    const row = page.getByTestId('survey-by-unit').getByRole('row', { name: /UBND phường Hòa Vinh/ });
    await row.waitFor(WAIT);
    expect(await row.locator('td').allTextContents()).toEqual(['UBND phường Hòa Vinh', '1', '1', '4.00']);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});

/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../support/app.js';
import { launchBrowser, signInStaff, type RunningServer } from '../support/browser.js';
import { apiSession, shiftableClock, startServerWithClock } from '../support/clocked-server.js';
import { browserAvailable } from '../support/environment.js';
import { readDocx, readXlsx, rowTexts } from '../support/office-files.js';

/**
 * Issue 4's "Done when" in the staff app, in a real Chromium against a real server holding the demo:
 * noivu (coordinator, desktop) opens Quý III/2021 for the seed plan with today as the deadline; three
 * wards/communes fill in their reports in their own browser contexts — Hòa Vinh on a 390 px phone (with
 * a second tab whose stale save gets 409, and a PNG as evidence), C on a desktop (returned by noivu with
 * a comment, corrected and resubmitted), both before the deadline; the server clock then moves past the
 * deadline and B submits late. noivu accepts all three and, on the round page, downloads the
 * consolidated .docx and .xlsx and the urging letter, whose contents the test reads.
 *
 * The server runs on a shifted clock (test/support/clocked-server.ts): three hours before the end of
 * today (Vietnam time) at first, ten minutes after it for the late submission.
 */
const WAIT = { timeout: 15_000 };
/** A 1×1 PNG. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const ENTRY_COMMENT = 'Nêu rõ số thủ tục đã niêm yết.';
const COMMENT = 'Đề nghị bổ sung số liệu cụ thể về kết quả thực hiện.';
const OFFICER_PASSWORD = 'Xa-phuong-2021';
const HOA_VINH = 'UBND phường Hòa Vinh';

/** Today in Vietnam (YYYY-MM-DD): the round's deadline, so the browser's own calendar agrees with it. */
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const [yyyy, mm, dd] = today.split('-');
/** The last instant of the deadline day, Vietnam time (UTC+7). */
const deadlineEnd = new Date(`${today}T16:59:59.999Z`);

describe.runIf(browserAvailable())('the whole reporting cycle in the staff app: three communes, one late, one returned', () => {
  const clock = shiftableClock(deadlineEnd.getTime() - 3 * 3600_000 - Date.now());
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServerWithClock(clock), launchBrowser()]);
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.close();
  });

  const signIn = (username: string, width: number, password = DEMO_PASSWORD): Promise<Page> =>
    signInStaff(browser, server.baseUrl, username, { width, password, contexts, pageErrors, timeout: WAIT.timeout, acceptDownloads: true });

  /** "Báo cáo" in the menu (behind the burger at phone width). */
  async function openReports(page: Page): Promise<void> {
    const burger = page.getByRole('button', { name: 'Mở/đóng menu' });
    if (await burger.isVisible()) await burger.click();
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Báo cáo', exact: true }).click();
  }

  /** The officer's Quý III/2021 report, from "Báo cáo của tôi"; answers its URL. */
  async function openMyReport(page: Page, unitName: string): Promise<string> {
    await openReports(page);
    await page.getByRole('heading', { name: 'Báo cáo của tôi' }).waitFor(WAIT);
    await page.getByTestId('my-report').first().getByRole('link', { name: 'Quý III/2021' }).click();
    await page.getByRole('heading', { name: `Báo cáo của ${unitName}` }).waitFor(WAIT);
    return page.url();
  }

  const unitRow = (page: Page, unitName: string) => page.getByTestId('round-report').filter({ hasText: unitName });
  const status = (page: Page) => page.getByTestId('report-status');

  async function addEvidence(page: Page, docNumber: string, summary: string): Promise<void> {
    const first = page.getByTestId('report-entry').first();
    await first.getByRole('button', { name: 'Thêm tài liệu kiểm chứng' }).click();
    await first.locator('input[type=file]').setInputFiles({ name: 'minh-chung.png', mimeType: 'image/png', buffer: Buffer.from(PNG, 'base64') });
    await first.getByLabel('Số, ký hiệu văn bản').fill(docNumber);
    await first.getByLabel('Trích yếu').fill(summary);
    await first.getByRole('button', { name: 'Tải lên' }).click();
    await first.getByTestId('evidence-item').filter({ hasText: `${docNumber} · ${summary}` }).waitFor(WAIT);
  }

  /** The first entry done with its result; the draft saves itself; submitted through the dialog. */
  async function fillAndSubmit(page: Page, result: string, late: boolean): Promise<void> {
    const entry = page.getByTestId('report-entry').first();
    await entry.getByLabel('Tình trạng thực hiện').selectOption('done');
    await entry.getByLabel('Kết quả thực hiện').fill(result);
    await expect.poll(() => page.getByTestId('save-state').innerText(), WAIT).toMatch(/^Đã lưu nháp lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    await page.getByRole('button', { name: 'Nộp báo cáo' }).click();
    await page.getByRole('dialog', { name: 'Nộp báo cáo' }).getByRole('button', { name: 'Xác nhận nộp' }).click();
    await expect.poll(() => status(page).textContent(), WAIT).toBe('Đã nộp');
    if (late) expect(await page.getByTestId('report-late').textContent()).toBe('Nộp muộn');
    else expect(await page.getByTestId('report-late').count()).toBe(0);
  }

  /** From the round page: the unit's report, accepted. */
  async function accept(noivu: Page, roundUrl: string, unitName: string, result: string): Promise<void> {
    await noivu.goto(roundUrl);
    await unitRow(noivu, unitName).getByRole('link').click();
    await noivu.getByText(result).waitFor(WAIT);
    await noivu.getByRole('button', { name: 'Duyệt' }).click();
    await expect.poll(() => status(noivu).textContent(), WAIT).toBe('Đã duyệt');
  }

  /** Clicks a download button on the round page; answers the file's name and bytes. */
  async function download(page: Page, label: string): Promise<{ name: string; bytes: Buffer }> {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: label }).click()]);
    const path = await file.path();
    return { name: file.suggestedFilename(), bytes: readFileSync(path) };
  }

  it('opens a round; three communes submit (one late, one returned and resubmitted); noivu accepts and downloads the .docx and .xlsx', async () => {
    const noivu = await signIn('noivu', 1366);

    // noivu opens Quý III/2021 for the seed plan, due today.
    await openReports(noivu);
    await noivu.getByRole('heading', { name: 'Kỳ báo cáo', exact: true }).waitFor(WAIT);
    await noivu.getByLabel('Loại kỳ').selectOption('quarter');
    await noivu.getByLabel('Năm', { exact: true }).fill('2021');
    await noivu.getByLabel('Thứ tự kỳ').selectOption('3');
    await noivu.getByLabel('Hạn nộp báo cáo').fill(`${dd}/${mm}/${yyyy}`);
    await noivu.getByRole('button', { name: 'Mở kỳ báo cáo' }).click();
    await noivu.getByRole('heading', { name: 'Kỳ báo cáo Quý III/2021' }).waitFor(WAIT);
    expect(await noivu.getByText(new RegExp(`^Hạn nộp ${dd}/${mm}/${yyyy} · \\d+ đơn vị$`)).count()).toBe(1);
    const roundUrl = noivu.url();
    const roundId = Number(/(\d+)\/?$/.exec(roundUrl)?.[1]);
    expect(roundId).toBeGreaterThan(0);

    // Two more communes with lead tasks in the quarter get an officer account (through the admin API).
    const admin = await apiSession(server.baseUrl, 'admin');
    const round = await admin.get(`/rounds/${roundId}`);
    expect(round.status).toBe(200);
    const reports = (round.json as { reports: Array<{ unitId: number; unitName: string }> }).reports;
    const [b, c] = reports.filter((r) => r.unitName !== HOA_VINH && /^UBND (xã|phường) /.test(r.unitName)) as [{ unitId: number; unitName: string }, { unitId: number; unitName: string }];
    expect(c).toBeDefined();
    for (const [username, unit] of [['canbo.b', b], ['canbo.c', c]] as const) {
      const res = await admin.post('/users', { username, displayName: `Cán bộ ${unit.unitName}`, role: 'unit_officer', unitId: unit.unitId, password: OFFICER_PASSWORD });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
    }
    await unitRow(noivu, b.unitName).waitFor(WAIT);
    expect(await unitRow(noivu, b.unitName).getByTestId('report-status').textContent()).toBe('Nháp');

    const hoavinh = await signIn('hoavinh', 390);
    const officerC = await signIn('canbo.c', 1280, OFFICER_PASSWORD);
    const officerB = await signIn('canbo.b', 1024, OFFICER_PASSWORD);

    // A — Hòa Vinh, on a phone, before the deadline.
    const reportA = await openMyReport(hoavinh, HOA_VINH);
    expect(await hoavinh.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The same report in a second tab: its save wins; the first tab's stale save gets 409, is told so,
    // overwrites nothing and reloads the other tab's text.
    const other = await hoavinh.context().newPage();
    other.on('pageerror', (error) => pageErrors.push(`hoavinh (2nd tab): ${error.message}`));
    await other.goto(reportA);
    await other.getByLabel('Kết quả đạt được').fill('Hoàn thành phần lớn nhiệm vụ quý III.');
    await expect.poll(() => other.getByTestId('save-state').innerText(), WAIT).toMatch(/^Đã lưu nháp lúc/);
    await hoavinh.getByLabel('Tồn tại, hạn chế').fill('Một số nhiệm vụ còn chậm.');
    await hoavinh.getByText('Người khác vừa lưu báo cáo này', { exact: false }).waitFor(WAIT);
    await hoavinh.getByRole('button', { name: 'Tải lại bản mới nhất' }).click();
    await expect.poll(() => hoavinh.getByLabel('Kết quả đạt được').inputValue(), WAIT).toBe('Hoàn thành phần lớn nhiệm vụ quý III.');
    expect(await hoavinh.getByLabel('Tồn tại, hạn chế').inputValue()).toBe('');
    await other.close();
    await addEvidence(hoavinh, '125/TB-UBND', 'Ảnh bảng niêm yết thủ tục hành chính');
    const resultA = 'Đã niêm yết công khai thủ tục hành chính tại bộ phận một cửa.';
    await fillAndSubmit(hoavinh, resultA, false);

    // C — on time, then returned with a comment (whole report and one task).
    await openMyReport(officerC, c.unitName);
    await addEvidence(officerC, '45/KH-UBND', 'Kế hoạch thực hiện quý III');
    await fillAndSubmit(officerC, 'Đã tổ chức đối thoại với người dân.', false);
    await noivu.goto(roundUrl);
    await unitRow(noivu, c.unitName).getByRole('link').click();
    await noivu.getByText('Đã tổ chức đối thoại với người dân.').waitFor(WAIT);
    expect(await noivu.getByTestId('evidence-item').first().innerText()).toContain('45/KH-UBND · Kế hoạch thực hiện quý III');
    await noivu.getByTestId('report-entry').first().getByLabel('Ý kiến về nhiệm vụ này').fill(ENTRY_COMMENT);
    await noivu.getByRole('button', { name: 'Trả lại' }).click();
    const returnDialog = noivu.getByRole('dialog', { name: 'Trả lại báo cáo cho đơn vị' });
    await returnDialog.getByLabel('Ý kiến khi trả lại').fill(COMMENT);
    await returnDialog.getByRole('button', { name: 'Trả lại' }).click();
    await expect.poll(() => status(noivu).textContent(), WAIT).toBe('Bị trả lại');

    // C sees the comments, corrects and resubmits — still before the deadline.
    await officerC.reload();
    await officerC.getByTestId('return-comment').waitFor(WAIT);
    expect(await officerC.getByTestId('return-comment').innerText()).toContain(COMMENT);
    expect(await status(officerC).textContent()).toBe('Bị trả lại');
    expect(await officerC.getByTestId('report-entry').first().getByTestId('entry-review-comment').innerText()).toBe(ENTRY_COMMENT);
    const resultC = 'Đã tổ chức 2 hội nghị đối thoại với người dân trong quý III.';
    await fillAndSubmit(officerC, resultC, false);

    // B — after the deadline: the server clock moves ten minutes past the end of today.
    clock.jumpTo(new Date(deadlineEnd.getTime() + 10 * 60_000));
    await openMyReport(officerB, b.unitName);
    await addEvidence(officerB, '07/BC-UBND', 'Báo cáo kết quả quý III');
    const resultB = 'Đã rà soát, công bố thủ tục hành chính thuộc thẩm quyền.';
    await fillAndSubmit(officerB, resultB, true);

    // The round before review: the three submitted, only B late.
    await noivu.goto(roundUrl);
    await unitRow(noivu, b.unitName).waitFor(WAIT);
    for (const name of [HOA_VINH, b.unitName, c.unitName]) expect(await unitRow(noivu, name).getByTestId('report-status').textContent(), name).toBe('Đã nộp');
    expect(await unitRow(noivu, b.unitName).getByTestId('report-late').textContent()).toBe('Nộp muộn');
    expect(await unitRow(noivu, HOA_VINH).getByTestId('report-late').count()).toBe(0);
    expect(await unitRow(noivu, c.unitName).getByTestId('report-late').count()).toBe(0);
    // B's submission time, in dd/mm/yyyy hh:mm, is the day after the deadline (server time, Vietnam).
    const nextDay = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(deadlineEnd.getTime() + 10 * 60_000));
    expect(await unitRow(noivu, b.unitName).innerText()).toMatch(new RegExp(`${nextDay.replace(/\//g, '\\/')} 00:\\d{2}`));

    // noivu accepts all three.
    await accept(noivu, roundUrl, HOA_VINH, resultA);
    await accept(noivu, roundUrl, c.unitName, resultC);
    await accept(noivu, roundUrl, b.unitName, resultB);
    await noivu.goto(roundUrl);
    await unitRow(noivu, b.unitName).waitFor(WAIT);
    for (const name of [HOA_VINH, b.unitName, c.unitName]) expect(await unitRow(noivu, name).getByTestId('report-status').textContent(), name).toBe('Đã duyệt');
    expect(await unitRow(noivu, b.unitName).getByTestId('report-late').textContent()).toBe('Nộp muộn');

    // The consolidated report, downloaded from the round page.
    const docx = await download(noivu, 'Tải báo cáo tổng hợp (.docx)');
    expect(docx.name).toMatch(/^Báo cáo tổng hợp.*\.docx$/);
    const doc = readDocx(docx.bytes);
    for (const name of [HOA_VINH, b.unitName, c.unitName]) expect(doc.text, name).toContain(name);
    const onTime = [HOA_VINH, c.unitName].sort(new Intl.Collator('vi').compare);
    expect(doc.paragraphs).toContain(`- Gửi đúng hạn: 2 đơn vị: ${onTime.join('; ')}.`);
    expect(doc.paragraphs).toContain(`- Gửi chậm: 1 đơn vị: ${b.unitName}.`);
    expect(doc.text).toContain(`II. TÌNH HÌNH GỬI BÁO CÁO (hạn ${dd}/${mm}/${yyyy})`);
    for (const [name, result] of [[HOA_VINH, resultA], [b.unitName, resultB], [c.unitName, resultC]]) {
      expect(doc.paragraphs.some((p) => p.startsWith(`- ${name} (nhiệm vụ `) && p.endsWith(result!)), name).toBe(true);
      // The annex groups each task's lead units by status: the first task of each is done ("HT …").
      expect(doc.paragraphs.some((p) => /^HT( chậm)? \(\d+\): /.test(p) && p.includes(name!)), name).toBe(true);
    }

    // The workbook: a status column per unit.
    const xlsx = await download(noivu, 'Tải bảng tổng hợp (.xlsx)');
    expect(xlsx.name).toMatch(/\.xlsx$/);
    const wb = await readXlsx(xlsx.bytes);
    const ws = wb.getWorksheet('Nhiệm vụ')!;
    const header = rowTexts(ws, 4);
    expect(header.slice(0, 4)).toEqual(['TT', 'Nội dung nhiệm vụ', 'Lĩnh vực', 'Kết quả chung']);
    expect(header.slice(4).sort()).toEqual(reports.map((r) => r.unitName).sort());
    const rows: string[][] = [];
    for (let n = 5; n <= ws.rowCount; n++) rows.push(rowTexts(ws, n));
    for (const name of [HOA_VINH, b.unitName, c.unitName]) {
      const column = rows.map((r) => r[header.indexOf(name)]!).filter(Boolean);
      expect(column.length, name).toBeGreaterThan(0);
      expect(column.some((v) => /^Hoàn thành/.test(v)), name).toBe(true);
      for (const v of column) expect(['Chưa đến hạn', 'Chưa thực hiện', 'Đang thực hiện', 'Hoàn thành', 'Hoàn thành chậm', 'Quá hạn', 'Vướng mắc']).toContain(v);
    }

    // The urging letter: the late unit, not those on time.
    const urging = readDocx((await download(noivu, 'Tải văn bản đôn đốc (.docx)')).bytes);
    expect(urging.text).toContain(`${b.unitName}: gửi báo cáo chậm`);
    expect(urging.text).not.toContain(HOA_VINH);
    expect(urging.text).not.toContain(c.unitName);

    // A unit officer's round view offers no consolidated documents (the API refuses them too).
    await officerB.goto(roundUrl);
    await unitRow(officerB, b.unitName).waitFor(WAIT);
    expect(await officerB.getByTestId('round-exports').count()).toBe(0);
    expect(await officerB.getByTestId('round-report').count()).toBe(1);

    expect(pageErrors).toEqual([]);
  }, 300_000);
});

import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../src/db/repositories/index.js';
import { parseCsv } from '../../src/domain/disclosures/index.js';
import { RateLimiter } from '../../src/services/rate-limit.js';
import { SURVEY_ANSWER_LIMIT } from '../../src/services/survey-service.js';
import { vnDate } from '../../src/domain/time.js';
import { createTestApp, type Client, type TestApp } from '../support/app.js';
import { engines } from '../support/engines.js';

interface Unit {
  id: number;
  code: string;
}
interface Survey {
  id: number;
  status: string;
  version: number;
  isOpen: boolean;
  questions: Array<{ id: string; kind: string; text: string }>;
  responses: number;
}

const XSS = '<script>alert(1)</script>';
const QUESTIONS = [
  { kind: 'single', text: 'Ông/Bà đến làm thủ tục gì?', required: true, options: ['Đất đai', 'Hộ tịch', 'Khác'] },
  { kind: 'multiple', text: 'Ông/Bà biết thông tin qua kênh nào?', options: ['Niêm yết', 'Cổng dịch vụ công', 'Người thân'] },
  { kind: 'scale', text: 'Thái độ của công chức', required: true },
  { kind: 'text', text: 'Góp ý khác' },
];

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

async function sheetRows(body: Buffer, name: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(name)!;
  const out: unknown[][] = [];
  ws.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

describe.each(engines)('surveys (khảo sát) on $name', (engine) => {
  let t: TestApp;
  let noivu: Client;
  let hoavinh: Client;
  let chutich: Client;
  let units: Unit[];
  const unit = (code: string) => units.find((u) => u.code === code)!;
  const today = vnDate(new Date());

  beforeAll(async () => {
    t = await createTestApp(engine);
    [noivu, hoavinh, chutich] = (await Promise.all(['noivu', 'hoavinh', 'chutich'].map((u) => t.login(u)))) as [Client, Client, Client];
    units = (await noivu.get('/api/v1/units')).json() as Unit[];
  });
  afterAll(async () => t?.close());

  /** A citizen's browser: opens the form (gets the session cookie) and posts urlencoded answers. */
  async function browser() {
    const form = await t.app.inject({ method: 'GET', url: '/khao-sat/0' });
    expect(form.statusCode).toBe(404);
    let cookie = '';
    return {
      async open(id: number) {
        const res = await t.app.inject({ method: 'GET', url: `/khao-sat/${id}`, headers: cookie ? { cookie } : {} });
        const set = res.cookies.find((c) => c.name === 'dondoc_ks');
        if (set) cookie = `dondoc_ks=${set.value}`;
        return res;
      },
      post(id: number, fields: Array<[string, string]>): Promise<LightMyRequestResponse> {
        return t.app.inject({
          method: 'POST',
          url: `/khao-sat/${id}`,
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
          payload: new URLSearchParams(fields).toString(),
        });
      },
    };
  }

  async function published(): Promise<Survey> {
    const created = await noivu.post('/api/v1/surveys', { unitId: unit('DH.HV').id, subjectKind: 'service', serviceArea: 'administrative_procedures', title: 'Hài lòng về Bộ phận Một cửa', questions: QUESTIONS });
    expect(created.statusCode, created.body).toBe(201);
    const survey = created.json() as Survey;
    const pub = await noivu.post(`/api/v1/surveys/${survey.id}/publish`, { closesOn: addDays(today, 30) });
    expect(pub.statusCode, pub.body).toBe(200);
    return pub.json() as Survey;
  }

  it('a coordinator builds from the SIPAS template, edits the draft, publishes; a ward officer may not build', async () => {
    const abilities = async (c: Client) => ((await c.get('/api/v1/auth/me')).json() as { abilities: { buildSurveys: boolean; moderateSurveys: boolean } }).abilities;
    expect(await abilities(noivu)).toMatchObject({ buildSurveys: true, moderateSurveys: true });
    expect(await abilities(chutich)).toMatchObject({ buildSurveys: false, moderateSurveys: true });
    expect(await abilities(hoavinh)).toMatchObject({ buildSurveys: false, moderateSurveys: false });
    const refused = await hoavinh.post('/api/v1/surveys', { unitId: unit('DH.HV').id, template: 'sipas' });
    expect(refused.statusCode).toBe(403);
    const res = await noivu.post('/api/v1/surveys', { unitId: unit('DH.HV').id, template: 'sipas' });
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json() as Survey & { title: string; serviceArea: string };
    expect(s.status).toBe('draft');
    expect(s.serviceArea).toBe('administrative_procedures');
    expect(s.title).toContain('sự phục vụ hành chính');
    expect(s.questions.filter((q) => q.kind === 'scale')).toHaveLength(13);
    // The public does not see a draft.
    expect((await t.anonymous.get(`/khao-sat/${s.id}`)).statusCode).toBe(404);
    expect((await t.anonymous.get(`/khao-sat/${s.id}/ket-qua`)).statusCode).toBe(404);

    const bad = await noivu.patch(`/api/v1/surveys/${s.id}`, { questions: [{ kind: 'single', text: 'Chỉ một', options: ['Có'] }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('Câu 1: câu hỏi lựa chọn cần ít nhất hai phương án.');
    const moved = await noivu.patch(`/api/v1/surveys/${s.id}`, { questions: [...s.questions].reverse() }, { 'if-match': `"${s.version}"` });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((moved.json() as Survey).questions[0]!.kind).toBe('text');
    const stale = await noivu.patch(`/api/v1/surveys/${s.id}`, { title: 'Khác' }, { 'if-match': `"${s.version}"` });
    expect(stale.statusCode).toBe(409);

    const early = await noivu.post(`/api/v1/surveys/${s.id}/publish`, { opensOn: addDays(today, -1), closesOn: addDays(today, 5) });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.message).toBe('Ngày bắt đầu khảo sát không được trước ngày hôm nay.');
    const pub = await noivu.post(`/api/v1/surveys/${s.id}/publish`, { closesOn: addDays(today, 5) });
    expect(pub.statusCode, pub.body).toBe(200);
    expect((pub.json() as Survey).isOpen).toBe(true);
    const edit = await noivu.patch(`/api/v1/surveys/${s.id}`, { title: 'Sửa sau khi công bố' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.message).toBe('Phiếu khảo sát đang ở trạng thái «đang công bố»: không thể sửa.');
    const list = await t.anonymous.get('/khao-sat');
    expect(list.body).toContain(`href="/khao-sat/${s.id}"`);
    const home = await t.anonymous.get('/');
    expect(home.body).toContain('Khảo sát đang nhận ý kiến');
    expect(home.body).toContain(`href="/khao-sat/${s.id}"`);
  });

  it('one answer per browser session: the second is refused in Vietnamese, nothing written twice', async () => {
    const s = await published();
    const b = await browser();
    const form = await b.open(s.id);
    expect(form.statusCode).toBe(200);
    expect(form.headers['cache-control']).toBe('no-store');
    expect(form.body).toContain('<fieldset');
    expect(form.body).toContain('<legend><strong>Câu 3.</strong> Thái độ của công chức');
    expect(form.body).toContain('5 – Rất hài lòng');
    const [q1, q2, q3, q4] = s.questions;
    const first = await b.post(s.id, [[`c_${q1!.id}`, '1'], [`c_${q2!.id}`, '0'], [`c_${q2!.id}`, '2'], [`c_${q3!.id}`, '4'], [`c_${q4!.id}`, 'Rất tốt']]);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.body).toContain('Cảm ơn Ông/Bà đã trả lời khảo sát');
    const again = await b.post(s.id, [[`c_${q1!.id}`, '0'], [`c_${q3!.id}`, '1']]);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Bạn đã gửi phiếu trả lời cho khảo sát này. Mỗi người chỉ trả lời một lần');
    expect((await b.open(s.id)).body).toContain('Ông/Bà đã trả lời khảo sát này');
    const results = (await noivu.get(`/api/v1/surveys/${s.id}/results`)).json() as { results: { responses: number; questions: Array<{ counts: Array<{ count: number }>; mean: number | null }> } };
    expect(results.results.responses).toBe(1);
    expect(results.results.questions[0]!.counts.map((c) => c.count)).toEqual([0, 1, 0]);
    expect(results.results.questions[1]!.counts.map((c) => c.count)).toEqual([1, 0, 1]);
    expect(results.results.questions[2]!.mean).toBe(4);
  });

  it('bad answers: missing required, a forged option, no cookie — a clear 400, nothing recorded', async () => {
    const s = await published();
    const b = await browser();
    const [q1, , q3] = s.questions;
    const noCookie = await b.post(s.id, [[`c_${q1!.id}`, '0'], [`c_${q3!.id}`, '3']]);
    expect(noCookie.statusCode).toBe(400);
    expect(noCookie.body).toContain('Trình duyệt chưa nhận phiên khảo sát (cookie)');
    await b.open(s.id);
    const missing = await b.post(s.id, [[`c_${q1!.id}`, '7']]);
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Câu 1: lựa chọn không hợp lệ.');
    expect(missing.body).toContain('Câu 3: cần chọn một câu trả lời.');
    const tooBig = await b.post(s.id, [[`c_${q1!.id}`, '0'], ['x', 'y'.repeat(70_000)]]);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.body).toContain('Phiếu trả lời quá dài');
    const survey = (await noivu.get(`/api/v1/surveys/${s.id}`)).json() as Survey;
    expect(survey.responses).toBe(0);
    // After all that, the same browser may still answer properly.
    expect((await b.post(s.id, [[`c_${q1!.id}`, '0'], [`c_${q3!.id}`, '3']])).statusCode).toBe(200);
  });

  it('free text: held until approved, shown as text (HTML escaped), hidden again on request', async () => {
    const s = await published();
    const [q1, , q3, q4] = s.questions;
    for (const text of [XSS, 'Cần thêm ghế ngồi chờ']) {
      const b = await browser();
      await b.open(s.id);
      expect((await b.post(s.id, [[`c_${q1!.id}`, '0'], [`c_${q3!.id}`, '5'], [`c_${q4!.id}`, text]])).statusCode).toBe(200);
    }
    const page = async () => (await t.anonymous.get(`/khao-sat/${s.id}/ket-qua`)).body;
    expect(await page()).not.toContain('alert(1)');
    expect(await page()).not.toContain('ghế ngồi chờ');
    expect((await hoavinh.get(`/api/v1/surveys/${s.id}/comments`)).statusCode).toBe(403);
    const queue = (await chutich.get(`/api/v1/surveys/${s.id}/comments`)).json() as { items: Array<{ id: number; body: string; status: string }> };
    expect(queue.items.map((c) => c.body)).toEqual([XSS, 'Cần thêm ghế ngồi chờ']);
    for (const c of queue.items) expect((await chutich.post(`/api/v1/survey-comments/${c.id}/moderate`, { decision: 'approved' })).statusCode).toBe(200);
    const shown = await page();
    expect(shown).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(shown).not.toContain(XSS);
    expect(shown).toContain('Cần thêm ghế ngồi chờ');
    const hide = await noivu.post(`/api/v1/survey-comments/${queue.items[1]!.id}/moderate`, { decision: 'hidden' });
    expect(hide.statusCode).toBe(200);
    expect(await page()).not.toContain('ghế ngồi chờ');
    const twice = await noivu.post(`/api/v1/survey-comments/${queue.items[1]!.id}/moderate`, { decision: 'hidden' });
    expect(twice.statusCode).toBe(409);
    expect((await noivu.get(`/api/v1/surveys/${s.id}/comments`)).json().items).toEqual([]);
    // The public CSV holds only the approved one.
    const csv = await t.anonymous.get(`/khao-sat/${s.id}/ket-qua.csv`);
    expect(csv.body).toContain(XSS.replace(/"/g, '""'));
    expect(csv.body).not.toContain('ghế ngồi chờ');
  });

  it('a closed survey refuses answers; results and exports read back (CSV and XLSX)', async () => {
    const s = await published();
    const [q1, q2, q3] = s.questions;
    const answers: Array<[number, number[], number]> = [
      [0, [0], 5],
      [0, [0, 1], 4],
      [1, [], 4],
      [2, [2], 1],
    ];
    for (const [single, multi, point] of answers) {
      const b = await browser();
      await b.open(s.id);
      const fields: Array<[string, string]> = [[`c_${q1!.id}`, String(single)], ...multi.map((m): [string, string] => [`c_${q2!.id}`, String(m)]), [`c_${q3!.id}`, String(point)]];
      expect((await b.post(s.id, fields)).statusCode).toBe(200);
    }
    const late = await browser();
    await late.open(s.id);
    expect((await noivu.post(`/api/v1/surveys/${s.id}/close`)).statusCode).toBe(200);
    const refused = await late.post(s.id, [[`c_${q1!.id}`, '0'], [`c_${q3!.id}`, '3']]);
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('đã kết thúc');
    expect(refused.body).toContain('không nhận thêm câu trả lời');
    expect((await late.open(s.id)).body).toContain('Khảo sát đã kết thúc');

    const page = await t.anonymous.get(`/khao-sat/${s.id}/ket-qua`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<strong id="so-phieu">4</strong>');
    expect(page.body).toContain('3,50/5');

    const xlsx = await noivu.request({ method: 'GET', url: `/api/v1/surveys/${s.id}/export.xlsx` });
    expect(xlsx.statusCode).toBe(200);
    const results = await sheetRows(xlsx.rawPayload, 'Kết quả');
    const line = (q: number, option: string) => results.find((r) => r[0] === q && r[2] === option);
    expect(line(1, 'Đất đai')?.[3]).toBe(2);
    expect(line(1, 'Đất đai')?.[4]).toBe(50);
    expect(line(2, 'Niêm yết')?.[3]).toBe(2);
    expect(line(3, '4 – Hài lòng')?.[3]).toBe(2);
    expect(line(3, '4 – Hài lòng')?.[5]).toBe(3.5);
    const sheets = await sheetRows(xlsx.rawPayload, 'Phiếu trả lời');
    expect(sheets).toHaveLength(5);
    expect(sheets[2]!.slice(2, 5)).toEqual(['Đất đai', 'Niêm yết; Cổng dịch vụ công', '4']);

    const csv = await noivu.get(`/api/v1/surveys/${s.id}/export.csv`);
    const grid = parseCsv(csv.body);
    expect(grid.headers.slice(0, 3)).toEqual(['phieu', 'thoi_gian', 'Câu 1. Ông/Bà đến làm thủ tục gì?']);
    expect(grid.rows).toHaveLength(4);
    expect(grid.rows[3]!.cells.slice(2, 5)).toEqual(['Khác', 'Người thân', '1']);

    const pubXlsx = await t.anonymous.get(`/khao-sat/${s.id}/ket-qua.xlsx`);
    expect(pubXlsx.statusCode).toBe(200);
    expect((await sheetRows(pubXlsx.rawPayload, 'Kết quả')).find((r) => r[0] === 1 && r[2] === 'Hộ tịch')?.[3]).toBe(1);

    const byUnit = (await noivu.get('/api/v1/surveys/by-unit')).json() as { items: Array<{ unitId: number; responses: number }> };
    expect(byUnit.items.find((u) => u.unitId === unit('DH.HV').id)!.responses).toBeGreaterThanOrEqual(4);
  });

  // Last: it uses up this address's allowance for the hour.
  it('a flood from one address is throttled with a Vietnamese 429 page; genuine answers before it were kept', async () => {
    const s = await published();
    const [q1, , q3] = s.questions;
    const first = await browser();
    await first.open(s.id);
    expect((await first.post(s.id, [[`c_${q1!.id}`, '0'], [`c_${q3!.id}`, '5']])).statusCode).toBe(200);
    // The same address has already sent a full hour's allowance (counted in the shared database table).
    const limiter = new RateLimiter(createStore(t.db.handle.db), t.services.clock);
    for (let i = 0; i < SURVEY_ANSWER_LIMIT.max; i++) await limiter.record(SURVEY_ANSWER_LIMIT, '127.0.0.1');
    const flood = await browser();
    await flood.open(s.id);
    const refused = await flood.post(s.id, [[`c_${q1!.id}`, '1'], [`c_${q3!.id}`, '1']]);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body).toContain('Có quá nhiều yêu cầu từ địa chỉ mạng của bạn');
    const survey = (await noivu.get(`/api/v1/surveys/${s.id}`)).json() as Survey;
    expect(survey.responses).toBe(1);
  }, 60_000);
});

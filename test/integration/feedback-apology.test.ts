import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../support/engines.js';
import { createTestApp, type Client, type TestApp } from '../support/app.js';
import { readDocx } from '../support/office-files.js';

function form(fields: Record<string, string>) {
  const boundary = '----dondocap' + Math.random().toString(16).slice(2);
  const chunks = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const codeIn = (body: string) => /PA-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/.exec(body)?.[0] ?? null;

describe.each(engines)('apology letter for a late feedback answer on $name', (engine) => {
  let t: TestApp;
  let hoavinh: Client;
  let noivu: Client;
  let units: Array<{ id: number; code: string }>;
  // The service clock the test moves: a case is answered after its due without waiting.
  let now = Date.parse('2026-08-31T02:00:00Z');
  let ip = 10;
  const freshIp = () => `203.0.113.${ip++}`;

  beforeAll(async () => {
    t = await createTestApp(engine, { clock: { now: () => new Date(now) } });
    [hoavinh, noivu] = (await Promise.all(['hoavinh', 'noivu'].map((u) => t.login(u)))) as [Client, Client];
    units = (await noivu.get('/api/v1/units')).json() as Array<{ id: number; code: string }>;
  });
  afterAll(async () => t?.close());

  const file = async (name?: string): Promise<string> => {
    const hv = units.find((u) => u.code === 'DH.HV')!;
    const body = form({ kind: 'feedback', topic: 'moi_truong', communeId: String(hv.id), consent: '1', description: 'Đường thôn Phú Hòa bị ngập sau mưa.', ...(name ? { name } : {}) });
    const res = await t.anonymous.request({ method: 'POST', url: '/phan-anh', payload: body.payload, headers: body.headers, remoteAddress: freshIp() });
    expect(res.statusCode, res.body).toBe(201);
    return codeIn(res.body)!;
  };
  const answer = async (code: string) => {
    // Staff sessions do not outlive the weeks the clock jumps: sign in again at the new time.
    [hoavinh, noivu] = (await Promise.all(['hoavinh', 'noivu'].map((u) => t.login(u)))) as [Client, Client];
    const list = (await hoavinh.get('/api/v1/feedback')).json() as { items: Array<{ id: number; code: string }> };
    const id = list.items.find((i) => i.code === code)!.id;
    expect((await noivu.post(`/api/v1/feedback/${id}/assign`, { unitId: units.find((u) => u.code === 'DH.HV')!.id })).statusCode).toBe(200);
    expect((await hoavinh.post(`/api/v1/feedback/${id}/start`)).statusCode).toBe(200);
    expect((await hoavinh.post(`/api/v1/feedback/${id}/answer`, { answer: 'Đã khơi thông cống thoát nước.' })).statusCode).toBe(200);
  };
  const get = (url: string) => t.anonymous.request({ method: 'GET', url, remoteAddress: freshIp() });

  it('a case answered after its due links the letter; the .docx holds the code, the new date and the apology', async () => {
    now = Date.parse('2026-08-31T02:00:00Z');
    const code = await file('Trần Thị Bình');
    // Due 16/09/2026; answered Monday 21/09/2026 (Vietnam time).
    now = Date.parse('2026-09-21T03:00:00Z');
    await answer(code);
    const page = await get(`/phan-anh/${code}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="/phan-anh/${code}/thu-xin-loi.docx"`);
    expect(page.body).toContain('Thư xin lỗi vì trả lời chậm (.docx)');
    const res = await get(`/phan-anh/${code}/thu-xin-loi.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(res.headers['cache-control']).toBe('no-store');
    const doc = readDocx(res.rawPayload);
    expect(doc.text).toContain(code);
    expect(doc.text).toContain('21/09/2026');
    expect(doc.text).toContain('16/09/2026');
    expect(doc.text).toContain('31/08/2026');
    expect(doc.text).toContain('xin lỗi');
    expect(doc.text).toContain('Kính gửi: Ông/Bà Trần Thị Bình');
    expect(doc.text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(doc.text).toContain('Nơi nhận:');
  });

  it('a case answered in time has no link and its letter is 404', async () => {
    now = Date.parse('2026-10-05T02:00:00Z');
    const code = await file();
    now = Date.parse('2026-10-07T03:00:00Z');
    await answer(code);
    const page = await get(`/phan-anh/${code}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Đã khơi thông cống thoát nước.');
    expect(page.body).not.toContain('thu-xin-loi');
    expect((await get(`/phan-anh/${code}/thu-xin-loi.docx`)).statusCode).toBe(404);
    expect((await get('/phan-anh/PA-2222-2222/thu-xin-loi.docx')).statusCode).toBe(404);
  });
});

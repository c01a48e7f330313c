import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { engines } from '../support/engines.js';
import { createTestApp, type Client, type TestApp } from '../support/app.js';

interface Unit {
  id: number;
  code: string;
  name: string;
}
interface View {
  id: number;
  code: string;
  kind: string;
  status: string;
  unitId: number;
  communeId: number;
  dueDate: string;
  dueExplanation: string;
  acceptedOn: string | null;
  answerPublic: boolean;
  publicQuestion: string | null;
  duplicateOf: number | null;
  rating: number | null;
  version: number;
  sender?: { name: string | null; contact: string | null };
  attachments?: Array<{ hash: string; name: string; mime: string; size: number }>;
  duplicates?: Array<{ id: number; code: string }>;
  messages?: Array<{ kind: string; status: string; body: string | null }>;
}

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF photo of a flooded road')]);
const PDF = Buffer.from('%PDF-1.4\n% a small pdf\n');
const GIF = Buffer.from('GIF89a not allowed');

/** A multipart body as a browser's form sends it: fields and any number of files under "files". */
function form(fields: Record<string, string>, files: Array<{ name: string; content: Buffer; type?: string }> = []) {
  const boundary = '----dondocfb' + Math.random().toString(16).slice(2);
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`));
    chunks.push(f.content, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const codeIn = (body: string) => /PA-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/.exec(body)?.[0] ?? null;

describe.each(engines)('feedback (phản ánh, kiến nghị) on $name', (engine) => {
  let t: TestApp;
  let hoavinh: Client;
  let noivu: Client;
  let admin: Client;
  let units: Unit[];
  // A clock the test moves: rate-limit windows pass without waiting.
  let now = Date.parse('2026-08-31T02:00:00Z');
  const unit = (code: string) => units.find((u) => u.code === code)!;
  let ipCounter = 10;
  const freshIp = () => `203.0.113.${ipCounter++}`;

  beforeAll(async () => {
    t = await createTestApp(engine, { clock: { now: () => new Date(now) } });
    [hoavinh, noivu, admin] = (await Promise.all(['hoavinh', 'noivu', 'admin'].map((u) => t.login(u)))) as [Client, Client, Client];
    units = (await noivu.get('/api/v1/units')).json() as Unit[];
  });
  afterAll(async () => t?.close());

  const submit = (fields: Record<string, string>, files: Array<{ name: string; content: Buffer; type?: string }> = [], ip = freshIp()): Promise<LightMyRequestResponse> => {
    const body = form(fields, files);
    return t.anonymous.request({ method: 'POST', url: '/phan-anh', payload: body.payload, headers: body.headers, remoteAddress: ip });
  };
  const base = () => ({ kind: 'feedback', topic: 'moi_truong', communeId: String(unit('DH.HV').id), consent: '1', description: 'Đường thôn Phú Hòa bị ngập sau mưa, rác thải ứ đọng.' });
  const staffView = async (client: Client, code: string): Promise<View> => {
    const list = (await client.get('/api/v1/feedback')).json() as { items: View[] };
    const item = list.items.find((i) => i.code === code);
    expect(item, `case ${code} in the list`).toBeDefined();
    return (await client.get(`/api/v1/feedback/${item!.id}`)).json() as View;
  };
  const rate = (code: string, stars: string, ip = freshIp()) =>
    t.anonymous.request({ method: 'POST', url: `/phan-anh/${code}/danh-gia`, payload: `sao=${stars}&gop_y=${encodeURIComponent('Cảm ơn')}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, remoteAddress: ip });

  it('a citizen files with a photo; the case goes to the commune, due in working days across 2/9; an officer answers, publishes; the citizen rates (1–2 stars reopen)', async () => {
    const res = await submit(
      { ...base(), description: 'Tôi là Trần Thị Bình, SĐT 0905 123 456. Đường thôn Phú Hòa bị ngập sau mưa, rác thải ứ đọng.', name: 'Trần Thị Bình', contact: '0905 123 456' },
      [{ name: 'ảnh đường ngập.jpg', content: JPEG, type: 'image/jpeg' }],
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const code = codeIn(res.body)!;
    expect(code).not.toBeNull();
    // Received Monday 31/08/2026 (09:00 in Vietnam): 10 working days skip 1–2/09.
    expect(res.body).toContain('16/09/2026');
    expect(res.body).toContain('10 ngày làm việc kể từ 31/08/2026, trừ nghỉ Quốc khánh 01–02/09');
    expect(res.body).not.toContain('0905 123 456');

    let view = await staffView(hoavinh, code);
    expect(view).toMatchObject({ kind: 'feedback', status: 'received', unitId: unit('DH.HV').id, dueDate: '2026-09-16' });
    expect(view.sender).toEqual({ name: 'Trần Thị Bình', contact: '0905 123 456' });
    expect(view.attachments).toHaveLength(1);
    const file = await hoavinh.get(`/api/v1/feedback/${view.id}/files/${view.attachments![0]!.hash}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(Buffer.compare(file.rawPayload, JPEG)).toBe(0);

    // Out of order: answering before the case is assigned is a 409 in Vietnamese.
    const early = await hoavinh.post(`/api/v1/feedback/${view.id}/answer`, { answer: 'Đã cho dọn rác và khơi thông cống.' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('Đã tiếp nhận');
    // Only the coordinator assigns.
    expect((await hoavinh.post(`/api/v1/feedback/${view.id}/assign`, { unitId: unit('DH.HV').id })).statusCode).toBe(403);
    expect((await noivu.post(`/api/v1/feedback/${view.id}/assign`, { unitId: unit('DH.HV').id })).json().status).toBe('assigned');
    expect((await hoavinh.post(`/api/v1/feedback/${view.id}/start`)).json().status).toBe('in_progress');
    const answered = await hoavinh.post(`/api/v1/feedback/${view.id}/answer`, { answer: 'UBND phường đã cho dọn rác và khơi thông cống thoát nước ngày 05/09.\nXin cảm ơn.', public: true });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'answered', answerPublic: true });
    const published = answered.json() as View;
    expect(published.publicQuestion).not.toContain('0905');
    expect(published.publicQuestion).not.toContain('Trần Thị Bình');

    const list = await t.anonymous.get('/phan-anh');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('khơi thông cống thoát nước');
    // The tracking code is the sender's key (it lets one rate): never on a public page.
    expect(list.body).not.toContain(code);
    const answerPage = await t.anonymous.get(`/phan-anh/tra-loi/${view.id}`);
    expect(answerPage.statusCode).toBe(200);
    expect(answerPage.headers['cache-control']).toContain('public');
    expect(answerPage.body).toContain('Xin cảm ơn.');
    expect(answerPage.body).not.toContain('Trần Thị Bình');
    expect(answerPage.body).not.toContain(code);
    expect((await t.anonymous.get('/sitemap.xml')).body).toContain(`/phan-anh/tra-loi/${view.id}`);
    expect(list.body).not.toContain('0905 123 456');
    expect(list.body).not.toContain('Trần Thị Bình');

    const status = await t.anonymous.get(`/phan-anh/${code.toLowerCase()}`);
    expect(status.statusCode).toBe(301);
    const page = await t.anonymous.get(`/phan-anh/${code}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Đã trả lời');
    expect(page.body).toContain('khơi thông cống thoát nước');
    expect(page.body).toContain('Đánh giá câu trả lời');
    expect(page.body).not.toContain('Trần Thị Bình');

    const low = await rate(code, '2');
    expect(low.statusCode, low.body).toBe(200);
    expect(low.body).toContain('mở lại');
    view = await staffView(hoavinh, code);
    expect(view).toMatchObject({ status: 'reopened', rating: 2 });
    // Rated once per answer: a second rating waits for a new answer.
    expect((await rate(code, '5')).statusCode).toBe(409);
    now += 60_000;
    await hoavinh.post(`/api/v1/feedback/${view.id}/answer`, { answer: 'Đã kiểm tra lại: cống đã thông, đã lắp thêm biển cấm đổ rác.' });
    const high = await rate(code, '5');
    expect(high.statusCode).toBe(200);
    view = await staffView(hoavinh, code);
    expect(view).toMatchObject({ status: 'closed', rating: 5 });
    expect(view.messages!.map((m) => m.kind)).toEqual(['status', 'status', 'status', 'answer', 'note', 'rating', 'answer', 'rating']);
  });

  it('reports of the same problem are linked: the duplicate shows the master’s answer and cannot be published itself', async () => {
    const first = codeIn((await submit({ ...base(), description: 'Đèn đường khu phố 2 hỏng cả tuần nay.' })).body)!;
    const second = codeIn((await submit({ ...base(), description: 'Đèn chiếu sáng khu phố 2 không sáng.' })).body)!;
    const a = await staffView(noivu, first);
    const b = await staffView(noivu, second);
    const dup = await noivu.post(`/api/v1/feedback/${b.id}/duplicate`, { of: a.id });
    expect(dup.statusCode, dup.body).toBe(200);
    expect(dup.json().duplicateOf).toBe(a.id);
    expect(((await noivu.get(`/api/v1/feedback/${a.id}`)).json() as View).duplicates).toEqual([{ id: b.id, code: second }]);
    await noivu.post(`/api/v1/feedback/${a.id}/assign`, { unitId: unit('DH.HV').id });
    await hoavinh.post(`/api/v1/feedback/${a.id}/answer`, { answer: 'Đã thay bóng đèn khu phố 2.' });
    const page = await t.anonymous.get(`/phan-anh/${second}`);
    expect(page.body).toContain('Đã thay bóng đèn khu phố 2.');
    expect(page.body).toContain(first);
    expect((await hoavinh.post(`/api/v1/feedback/${b.id}/publish`)).statusCode).toBe(409);
    expect((await noivu.post(`/api/v1/feedback/${a.id}/duplicate`, { of: b.id })).statusCode).toBe(400);
  });

  it('a complaint goes to the reception desk, needs a name and contact, is counted in plain days and is never public', async () => {
    const anonymous = await submit({ ...base(), kind: 'complaint', topic: 'dat_dai', description: 'Khiếu nại quyết định thu hồi đất của UBND phường.' });
    expect(anonymous.statusCode).toBe(400);
    expect(anonymous.body).toContain('Khiếu nại, tố cáo phải ghi rõ họ tên');
    const res = await submit({ ...base(), kind: 'complaint', topic: 'dat_dai', description: 'Khiếu nại quyết định thu hồi đất số 12 của UBND phường Hòa Vinh.', name: 'Lê Văn Cường', contact: 'cuong@example.vn' });
    expect(res.statusCode).toBe(201);
    const code = codeIn(res.body)!;
    expect(res.body).toContain('10 ngày (tính cả ngày nghỉ) kể từ ngày nhận đơn 31/08/2026');
    expect(res.body).toContain('10/09/2026');
    // The ward's officer does not see it; the desk's government does.
    expect(((await hoavinh.get('/api/v1/feedback')).json() as { items: View[] }).items.some((i) => i.code === code)).toBe(false);
    const view = await staffView(noivu, code);
    expect(view.unitId).toBe(unit('DH').id);
    expect((await hoavinh.get(`/api/v1/feedback/${view.id}`)).statusCode).toBe(403);
    const started = (await noivu.post(`/api/v1/feedback/${view.id}/start`, { complexity: 'complex' })).json() as View;
    expect(started).toMatchObject({ status: 'in_progress', acceptedOn: '2026-08-31', dueDate: '2026-10-15' });
    await noivu.post(`/api/v1/feedback/${view.id}/answer`, { answer: 'Quyết định giải quyết khiếu nại lần đầu số 45/QĐ-UBND.' });
    const publish = await noivu.post(`/api/v1/feedback/${view.id}/publish`);
    expect(publish.statusCode).toBe(409);
    expect(publish.json().error.message).toContain('không được công khai');
    const list = await t.anonymous.get('/phan-anh');
    expect(list.body).not.toContain('thu hồi đất số 12');
    expect(list.body).not.toContain('45/QĐ-UBND');
    expect((await t.anonymous.get(`/phan-anh/tra-loi/${view.id}`)).statusCode).toBe(404);
    const page = await t.anonymous.get(`/phan-anh/${code}`);
    expect(page.body).toContain('Bộ phận tiếp công dân');
    expect(page.body).not.toContain('Lê Văn Cường');
    expect(page.body).not.toContain('cuong@example.vn');
  });

  it('shows HTML as text, refuses oversized, wrong-type and too many files with Vietnamese 413/415/400, and keeps what was typed', async () => {
    const xss = '<script>alert(1)</script><img src=x onerror=alert(2)> đường hỏng';
    const noConsent = await submit({ ...base(), consent: '', description: xss });
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.body).toContain('Xin đánh dấu ô đồng ý');
    expect(noConsent.body).not.toContain('<script>alert(1)');
    expect(noConsent.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');

    const big = Buffer.concat([JPEG, Buffer.alloc(5 * 1024 * 1024)]);
    const tooBig = await submit(base(), [{ name: 'to.jpg', content: big }]);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.body).toContain('lớn hơn 5 MB');
    expect(tooBig.body).toContain('Đường thôn Phú Hòa bị ngập');
    const gif = await submit(base(), [{ name: 'anh.gif', content: GIF }]);
    expect(gif.statusCode).toBe(415);
    expect(gif.body).toContain('không phải ảnh JPEG, PNG hoặc tệp PDF');
    expect(gif.body).toContain('Đường thôn Phú Hòa bị ngập');
    const four = await submit(base(), [1, 2, 3, 4].map((i) => ({ name: `${i}.pdf`, content: PDF })));
    expect(four.statusCode).toBe(400);
    expect(four.body).toContain('tối đa 3 tệp');
    const ok = await submit({ ...base(), description: xss }, [{ name: 'a.pdf', content: PDF }, { name: 'b.jpg', content: JPEG }]);
    expect(ok.statusCode).toBe(201);
    const view = await staffView(noivu, codeIn(ok.body)!);
    expect(view.attachments!.map((a) => a.mime).sort()).toEqual(['application/pdf', 'image/jpeg']);
    await noivu.post(`/api/v1/feedback/${view.id}/assign`, { unitId: unit('DH.HV').id });
    await hoavinh.post(`/api/v1/feedback/${view.id}/answer`, { answer: 'Trả lời <b>in đậm</b> không phải HTML.', public: true });
    const list = await t.anonymous.get('/phan-anh');
    expect(list.body).not.toContain('<script>alert(1)');
    expect(list.body).not.toContain('<b>in đậm</b>');
    expect(list.body).toContain('&lt;b&gt;in đậm&lt;/b&gt;');
    // The honeypot filled in by a bot: refused, nothing stored.
    const before = ((await noivu.get('/api/v1/feedback')).json() as { items: View[] }).items.length;
    expect((await submit({ ...base(), website: 'http://spam.example' })).statusCode).toBe(400);
    expect(((await noivu.get('/api/v1/feedback')).json() as { items: View[] }).items.length).toBe(before);
  });

  it('throttles a flood from one address with a 429 page that keeps the text and says when to retry; the sender gets through after the window', async () => {
    const ip = '198.51.100.7';
    const start = now;
    for (let i = 0; i < 5; i++) expect((await submit({ ...base(), description: `Phản ánh số ${i + 1} về rác thải.` }, [], ip)).statusCode).toBe(201);
    const sixth = await submit({ ...base(), description: 'Phản ánh thật sự quan trọng về cống vỡ.' }, [], ip);
    expect(sixth.statusCode).toBe(429);
    expect(Number(sixth.headers['retry-after'])).toBe(600);
    // The first of the five counted requests was at `start`: the window ends ten minutes later (shown at UTC+7).
    const retry = new Date(start + 10 * 60_000 + 7 * 3600_000).toISOString();
    expect(sixth.body).toContain(`thử lại sau ${retry.slice(11, 16)} ngày ${retry.slice(8, 10)}/${retry.slice(5, 7)}/${retry.slice(0, 4)}`);
    expect(sixth.body).toContain('Phản ánh thật sự quan trọng về cống vỡ.');
    // Another address is not affected.
    expect((await submit(base(), [], '198.51.100.8')).statusCode).toBe(201);
    now += 10 * 60_000 + 1000;
    expect((await submit({ ...base(), description: 'Phản ánh thật sự quan trọng về cống vỡ.' }, [], ip)).statusCode).toBe(201);
    // Addresses are stored hashed, and only the current window is kept.
    const events = await t.db.handle.db.selectFrom('rateEvents').select(['bucket', 'key', 'at']).where('bucket', '=', 'feedback-submit').execute();
    expect(events.length).toBeGreaterThan(0);
    expect(events.some((e) => e.key.includes('198.51.100'))).toBe(false);
    expect(events.every((e) => Date.parse(e.at) > now - 10 * 60_000)).toBe(true);
  });

  it('finds a code through /tra-cuu, and slows down an address that guesses codes', async () => {
    const code = codeIn((await submit(base())).body)!;
    const lookup = await t.anonymous.get(`/tra-cuu?ma=${encodeURIComponent(code.toLowerCase().replace(/-/g, ' '))}`);
    expect(lookup.statusCode).toBe(303);
    expect(lookup.headers.location).toBe(`/phan-anh/${code}`);
    const ip = '192.0.2.55';
    const get = (c: string) => t.anonymous.request({ method: 'GET', url: `/phan-anh/${c}`, remoteAddress: ip });
    for (let i = 0; i < 20; i++) expect((await get(`PA-2222-${'ABCDEFGHJKLMNPQRSTUV'[i]}222`)).statusCode).toBe(404);
    const blocked = await get('PA-2222-W222');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.body).toContain('Xin vui lòng thử lại');
    // Even the right code waits: a guesser must not learn which codes exist.
    expect((await get(code)).statusCode).toBe(429);
    expect((await t.anonymous.get(`/phan-anh/${code}`)).statusCode).toBe(200);
    expect((await t.anonymous.get('/phan-anh/not-a-code')).statusCode).toBe(404);
  });

  it('counts with the admin-edited calendar: a make-up Saturday shortens the due at once', async () => {
    const set = await admin.request({ method: 'PUT', url: '/api/v1/calendar/2026-09-05', payload: { kind: 'working', name: 'Làm bù cho ngày 04/09' } });
    expect(set.statusCode, set.body).toBe(200);
    try {
      const res = await submit(base());
      expect(res.statusCode).toBe(201);
      expect(res.body).toContain('15/09/2026');
      expect(res.body).toContain('10 ngày làm việc kể từ 31/08/2026, trừ nghỉ Quốc khánh 01–02/09, tính cả ngày làm bù 05/09');
    } finally {
      await admin.request({ method: 'DELETE', url: '/api/v1/calendar/2026-09-05' });
    }
    expect((await submit(base())).body).toContain('16/09/2026');
  });

  it('keeps /phan-anh and an answer page under 60 KB with the longest texts', async () => {
    const longQuestion = 'Đường ngập, cống tắc, rác thải ứ đọng nhiều ngày. '.repeat(100).slice(0, 5000);
    const longAnswer = 'Ủy ban nhân dân phường đã kiểm tra hiện trường và xử lý dứt điểm. '.repeat(160).slice(0, 10_000);
    let last = 0;
    for (let i = 0; i < 10; i++) {
      const filed = await admin.post('/api/v1/feedback', { topic: 'moi_truong', communeId: unit('DH.HV').id, description: longQuestion, channel: 'desk' });
      last = (filed.json() as View).id;
      await admin.post(`/api/v1/feedback/${last}/assign`, { unitId: unit('DH.HV').id });
      expect((await admin.post(`/api/v1/feedback/${last}/answer`, { answer: longAnswer, public: true })).statusCode).toBe(200);
    }
    const list = await t.anonymous.get('/phan-anh');
    const answer = await t.anonymous.get(`/phan-anh/tra-loi/${last}`);
    expect(list.body).toContain('Đọc toàn văn câu trả lời');
    expect(answer.body).toContain(longAnswer.slice(-200).trim());
    expect(list.rawPayload.length).toBeLessThan(60_000);
    expect(answer.rawPayload.length).toBeLessThan(60_000);
  });

  it('an officer files on behalf of a citizen at the desk or on the phone, inside the scope only', async () => {
    const payload = { topic: 'thu_tuc', communeId: unit('DH.HV').id, description: 'Ông A gọi điện hỏi về thủ tục đăng ký khai sinh.', channel: 'phone', name: 'Ông A', contact: '0914222333' };
    const res = await hoavinh.post('/api/v1/feedback', payload);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ channel: 'phone', status: 'received', unitId: unit('DH.HV').id });
    expect((await hoavinh.post('/api/v1/feedback', { ...payload, communeId: unit('DH.HTA').id })).statusCode).toBe(403);
    expect((await hoavinh.post('/api/v1/feedback', { ...payload, channel: 'web' })).statusCode).toBe(400);
    expect((await t.anonymous.get('/api/v1/feedback')).statusCode).toBe(401);
    const rejected = await admin.post(`/api/v1/feedback/${res.json().id}/reject`, { reason: 'Nội dung là câu hỏi, đã hướng dẫn qua điện thoại.' });
    expect(rejected.json()).toMatchObject({ status: 'rejected' });
    expect((await admin.post(`/api/v1/feedback/${res.json().id}/reject`, { reason: 'lần hai' })).statusCode).toBe(409);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../support/engines.js';
import { createTestApp, type Client, type TestApp } from '../support/app.js';

interface Unit {
  id: number;
  code: string;
}
interface ServiceRequest {
  service_request_id: string;
  status: string;
  status_notes: string | null;
  service_code: string;
  service_name: string;
  description: string;
  agency_responsible: string;
  requested_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  lat: number | null;
  long: number | null;
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe.each(engines)('Open311 GeoReport v2 on $name', (engine) => {
  let t: TestApp;
  let hoavinh: Client;
  let noivu: Client;
  let units: Unit[];
  const now = Date.parse('2026-08-31T02:00:00Z');
  let ipCounter = 10;
  const freshIp = () => `198.51.100.${ipCounter++}`;

  beforeAll(async () => {
    t = await createTestApp(engine, { clock: { now: () => new Date(now) } });
    [hoavinh, noivu] = (await Promise.all(['hoavinh', 'noivu'].map((u) => t.login(u)))) as [Client, Client];
    units = (await noivu.get('/api/v1/units')).json() as Unit[];
  });
  afterAll(async () => t?.close());

  const post = (fields: Record<string, string>, ip = freshIp()) =>
    t.anonymous.request({ method: 'POST', url: '/open311/v2/requests.json', payload: new URLSearchParams(fields).toString(), headers: FORM, remoteAddress: ip });
  const base = {
    service_code: 'moi_truong',
    description: 'Cống thoát nước trước nhà số 12 bị tắc, nước tràn ra đường.',
    address_string: 'Thôn Phú Hòa, phường Hòa Vinh',
    lat: '13.0581',
    long: '109.3342',
  };
  const staffCase = async (code: string) => {
    const items = ((await noivu.get('/api/v1/feedback')).json() as { items: Array<{ id: number; code: string }> }).items;
    return (await noivu.get(`/api/v1/feedback/${items.find((i) => i.code === code)!.id}`)).json() as {
      id: number;
      channel: string;
      communeId: number;
      sender: { name: string | null; contact: string | null };
    };
  };

  it('a GeoReport v2 client lists services, files a form-encoded request, follows it until closed; the code works at /tra-cuu', async () => {
    const services = await t.anonymous.get('/open311/v2/services.json');
    expect(services.statusCode).toBe(200);
    expect(services.headers['content-type']).toContain('application/json');
    const list = services.json() as Array<Record<string, unknown>>;
    expect(list.map((s) => s.service_code)).toContain('moi_truong');
    expect(list.find((s) => s.service_code === 'moi_truong')).toMatchObject({ service_name: 'Môi trường', metadata: false, type: 'realtime', group: 'Phản ánh, kiến nghị' });
    expect((await t.anonymous.get('/open311/v2/services.json?jurisdiction_id=DH.HV')).statusCode).toBe(200);
    const unknown = await t.anonymous.get('/open311/v2/services.json?jurisdiction_id=KHONG.CO');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual([{ code: 404, description: expect.stringContaining('jurisdiction_id') }]);

    const res = await post({ ...base, first_name: 'Bình', last_name: 'Trần Thị', email: 'binh@example.vn', phone: '0905123456', media_url: 'https://example.vn/anh.jpg' });
    expect(res.statusCode, res.body).toBe(200);
    const [answer] = res.json() as Array<{ service_request_id: string; service_notice: string; account_id: null }>;
    const id = answer!.service_request_id;
    expect(id).toMatch(/^PA-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    expect(answer!.account_id).toBeNull();
    expect(answer!.service_notice).toContain(`/tra-cuu?ma=${id}`);

    // Staff see the sender and the channel; the commune came from the address words.
    const staff = await staffCase(id);
    expect(staff.channel).toBe('open311');
    expect(staff.communeId).toBe(units.find((u) => u.code === 'DH.HV')!.id);
    expect(staff.sender).toEqual({ name: 'Trần Thị Bình', contact: '0905123456 · binh@example.vn' });

    const one = await t.anonymous.get(`/open311/v2/requests/${id.toLowerCase()}.json`);
    expect(one.statusCode, one.body).toBe(200);
    const [open] = one.json() as ServiceRequest[];
    expect(open).toMatchObject({
      service_request_id: id,
      status: 'open',
      service_code: 'moi_truong',
      service_name: 'Môi trường',
      description: base.description,
      agency_responsible: 'UBND phường Hòa Vinh',
      requested_datetime: '2026-08-31T02:00:00.000Z',
      address: base.address_string,
      lat: 13.0581,
      long: 109.3342,
    });
    // Received Monday 31/08/2026: 10 working days skipping the National Day holiday 1–2/09.
    expect(open!.expected_datetime).toBe('2026-09-16T17:00:00+07:00');
    for (const secret of ['binh@example.vn', '0905123456', 'Trần Thị Bình']) expect(one.body).not.toContain(secret);

    // The officer answers and closes through the staff API.
    await noivu.post(`/api/v1/feedback/${staff.id}/assign`, { unitId: staff.communeId });
    expect((await hoavinh.post(`/api/v1/feedback/${staff.id}/start`)).statusCode).toBe(200);
    expect((await hoavinh.post(`/api/v1/feedback/${staff.id}/answer`, { answer: 'Phường đã cho nạo vét cống ngày 02/09.' })).statusCode).toBe(200);
    const closed = await hoavinh.post(`/api/v1/feedback/${staff.id}/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    const [after] = (await t.anonymous.get(`/open311/v2/requests/${id}.json`)).json() as ServiceRequest[];
    expect(after).toMatchObject({ status: 'closed', status_notes: 'Đã kết thúc: Phường đã cho nạo vét cống ngày 02/09.', expected_datetime: null });

    // Lists: by id, by service and status; the default window holds today's request.
    const byIds = (await t.anonymous.get(`/open311/v2/requests.json?service_request_id=${id},PA-ZZZZ-ZZZZ,rubbish`)).json() as ServiceRequest[];
    expect(byIds.map((r) => r.service_request_id)).toEqual([id]);
    const closedList = (await t.anonymous.get('/open311/v2/requests.json?service_code=moi_truong&status=closed')).json() as ServiceRequest[];
    expect(closedList.map((r) => r.service_request_id)).toContain(id);
    const openList = (await t.anonymous.get('/open311/v2/requests.json?status=open')).json() as ServiceRequest[];
    expect(openList.map((r) => r.service_request_id)).not.toContain(id);
    const before = (await t.anonymous.get('/open311/v2/requests.json?end_date=2026-08-30T00:00:00Z')).json() as ServiceRequest[];
    expect(before.map((r) => r.service_request_id)).not.toContain(id);

    // The same code is the citizen's tracking code on the portal.
    const lookup = await t.anonymous.get(`/tra-cuu?ma=${id}`);
    expect(lookup.statusCode).toBe(303);
    expect(lookup.headers.location).toBe(`/phan-anh/${id}`);
    const page = await t.anonymous.get(`/phan-anh/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Phường đã cho nạo vét cống ngày 02/09.');
  });

  it('JSON bodies work too; a contact typed into the text is hidden in what readers get; HTML stays escaped on the portal', async () => {
    const res = await t.anonymous.request({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: { service_code: 'khac', description: 'Gọi tôi số 0905 999 888. <script>alert(1)</script> đèn đường hỏng', 'attribute[commune]': 'DH.HV', lat: '13.05', long: '109.33' },
      remoteAddress: freshIp(),
    });
    expect(res.statusCode, res.body).toBe(200);
    const id = (res.json() as Array<{ service_request_id: string }>)[0]!.service_request_id;
    const [req] = (await t.anonymous.get(`/open311/v2/requests/${id}.json`)).json() as ServiceRequest[];
    expect(req!.description).not.toContain('0905 999 888');
    expect(req!.description).toContain('[đã ẩn]');
    expect(req).toMatchObject({ lat: 13.05, long: 109.33, address: null });

    const staff = await staffCase(id);
    await noivu.post(`/api/v1/feedback/${staff.id}/assign`, { unitId: staff.communeId });
    const answered = await hoavinh.post(`/api/v1/feedback/${staff.id}/answer`, { answer: 'Đã thay bóng đèn <b>mới</b>.', public: true });
    expect(answered.statusCode, answered.body).toBe(200);
    const page = await t.anonymous.get(`/phan-anh/tra-loi/${staff.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.body).not.toContain('<script>alert(1)');
    expect(page.body).toContain('&lt;b&gt;mới&lt;/b&gt;');
  });

  it('refuses bad input with Open311 errors in Vietnamese, files nothing, and never exposes a complaint', async () => {
    const countBefore = ((await noivu.get('/api/v1/feedback')).json() as { items: unknown[] }).items.length;
    const badCode = await post({ ...base, service_code: 'khong_co' });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json()).toEqual([{ code: 400, description: expect.stringContaining('service_code') }]);
    expect((await post({ ...base, lat: '200' })).statusCode).toBe(400);
    expect((await post({ service_code: 'khac', description: 'Không có vị trí nào được gửi kèm.' })).statusCode).toBe(400);
    const nowhere = await post({ ...base, address_string: 'Một nơi không có trong danh mục', lat: '', long: '' });
    expect(nowhere.statusCode).toBe(400);
    expect(nowhere.json()[0].description).toContain('xã, phường');
    const short = await post({ ...base, description: 'ngắn' });
    expect(short.statusCode).toBe(400);
    expect(short.json()[0].description).toContain('ít nhất 10 ký tự');
    expect((await t.anonymous.get('/open311/v2/requests.json?status=maybe')).statusCode).toBe(400);
    expect((await t.anonymous.get('/open311/v2/requests.json?start_date=hom-qua')).statusCode).toBe(400);
    const huge = await post({ ...base, description: 'x'.repeat(40_000) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toEqual([{ code: 413, description: expect.any(String) }]);
    const plain = await t.anonymous.request({ method: 'POST', url: '/open311/v2/requests.json', payload: 'service_code=khac', headers: { 'content-type': 'text/plain' }, remoteAddress: freshIp() });
    expect(plain.statusCode).toBe(415);
    expect(plain.json()[0].code).toBe(415);
    const nowhereUrl = await t.anonymous.get('/open311/v2/khong-co.json');
    expect(nowhereUrl.statusCode).toBe(404);
    expect(nowhereUrl.json()).toEqual([{ code: 404, description: expect.any(String) }]);
    expect((await t.anonymous.get('/open311/v2/requests/PA-ZZZZ-ZZZZ.xml')).statusCode).toBe(404);
    expect(((await noivu.get('/api/v1/feedback')).json() as { items: unknown[] }).items.length).toBe(countBefore);

    // A complaint filed at the desk: never listed, and 404 by its code.
    const complaint = await noivu.post('/api/v1/feedback', {
      topic: 'dat_dai',
      kind: 'complaint',
      communeId: units.find((u) => u.code === 'DH.HV')!.id,
      description: 'Khiếu nại quyết định thu hồi đất số 12 của UBND phường.',
      name: 'Lê Văn Cường',
      contact: 'cuong@example.vn',
    });
    expect(complaint.statusCode, complaint.body).toBe(201);
    const code = (complaint.json() as { code: string }).code;
    const byId = await t.anonymous.get(`/open311/v2/requests/${code}.json`);
    expect(byId.statusCode).toBe(404);
    expect(byId.json()).toEqual([{ code: 404, description: expect.any(String) }]);
    const all = await t.anonymous.get(`/open311/v2/requests.json?service_request_id=${code}`);
    expect(all.json()).toEqual([]);
    const listed = (await t.anonymous.get('/open311/v2/requests.json')).body;
    expect(listed).not.toContain(code);
    expect(listed).not.toContain('thu hồi đất số 12');
  });

  it('an api_key is an account’s personal API token: the app files as that account, counted apart from the address; a wrong key is 403', async () => {
    const token = (await noivu.post('/api/v1/tokens', { name: 'Ứng dụng phản ánh hiện trường' })).json() as { token: string };
    const ip = freshIp();
    // The address's own share is used up; the registered app from the same address still gets through.
    for (let i = 0; i < 5; i++) expect((await post(base, ip)).statusCode).toBe(200);
    const res = await post({ ...base, api_key: token.token }, ip);
    expect(res.statusCode, res.body).toBe(200);
    const id = (res.json() as Array<{ service_request_id: string }>)[0]!.service_request_id;
    expect((await staffCase(id)).channel).toBe('open311');
    const wrong = await post({ ...base, api_key: 'khong-phai-khoa' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toEqual([{ code: 403, description: expect.stringContaining('api_key') }]);
  });

  it('a report linked to another case follows that case’s status and answer', async () => {
    const file = async (description: string) => ((await post({ ...base, description })).json() as Array<{ service_request_id: string }>)[0]!.service_request_id;
    const first = await file('Đèn đường khu phố 3 hỏng cả tuần nay.');
    const second = await file('Đèn chiếu sáng khu phố 3 không sáng.');
    const [a, b] = [await staffCase(first), await staffCase(second)];
    expect((await noivu.post(`/api/v1/feedback/${b.id}/duplicate`, { of: a.id })).statusCode).toBe(200);
    await noivu.post(`/api/v1/feedback/${a.id}/assign`, { unitId: a.communeId });
    await hoavinh.post(`/api/v1/feedback/${a.id}/answer`, { answer: 'Đã thay bóng đèn khu phố 3.' });
    const got = (await t.anonymous.get(`/open311/v2/requests.json?service_request_id=${first},${second}`)).json() as ServiceRequest[];
    expect(got).toHaveLength(2);
    for (const r of got) expect(r).toMatchObject({ status: 'closed', status_notes: 'Đã trả lời: Đã thay bóng đèn khu phố 3.' });
    expect(got.find((r) => r.service_request_id === second)!.description).toBe('Đèn chiếu sáng khu phố 3 không sáng.');
  });

  it('answers 429 in Open311 form once an address has filed its share', async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i++) expect((await post(base, ip)).statusCode).toBe(200);
    const refused = await post(base, ip);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(refused.json()).toEqual([{ code: 429, description: expect.stringContaining('thử lại') }]);
    // Another address is not held back.
    expect((await post(base)).statusCode).toBe(200);
  });
});

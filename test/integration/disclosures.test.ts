import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/domain/disclosures/index.js';
import { engines } from '../support/engines.js';
import { createTestApp, type Client, type TestApp } from '../support/app.js';
import { multipart } from '../support/multipart.js';

interface Unit {
  id: number;
  code: string;
  name: string;
}
interface View {
  id: number;
  status: string;
  postingState: string;
  version: number;
  publishDate: string | null;
  postingEnd: string | null;
  takenDownTooEarly: boolean;
  table: { columns: Array<{ label: string }>; rows: unknown[][] } | null;
}

const XSS = '<script>alert(1)</script>';
const XSS2 = '"><img src=x onerror=alert(1)>';

/** ID-like and phone-like strings that must never reach a public page or file. */
const PERSONAL = ['054203001234', '0905123456', '0914 222 333', 'CCCD', 'Số điện thoại', 'Ngày sinh', 'Dân tộc'];

async function xlsxOf(rows: Array<Array<string | number>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('DS');
  ws.addRow(['DANH SÁCH HỘ NGHÈO']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function xlsxTexts(body: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (c) => cells.push(c.value === null || c.value === undefined ? '' : String(c.value)));
    out.push(cells);
  });
  return out;
}

describe.each(engines)('disclosures (công khai) on $name', (engine) => {
  let t: TestApp;
  let hoavinh: Client;
  let noivu: Client;
  let chutich: Client;
  let mattran: Client;
  let admin: Client;
  let units: Unit[];
  const unit = (code: string) => units.find((u) => u.code === code)!;

  beforeAll(async () => {
    t = await createTestApp(engine);
    [hoavinh, noivu, chutich, mattran, admin] = (await Promise.all(['hoavinh', 'noivu', 'chutich', 'mattran', 'admin'].map((u) => t.login(u)))) as [Client, Client, Client, Client, Client];
    units = (await noivu.get('/api/v1/units')).json() as Unit[];
  });
  afterAll(async () => t?.close());

  const upload = (client: Client, url: string, file: { name: string; content: Uint8Array | string }, fields: Record<string, string> = {}) => {
    const body = multipart(fields, file);
    return client.request({ method: 'POST', url, payload: body.payload, headers: body.headers });
  };
  const draft = async (client: Client, over: Record<string, unknown> = {}) => {
    const res = await client.post('/api/v1/disclosures', { unitId: unit('DH.HV').id, category: 'poor_households', title: 'Danh sách hộ nghèo bổ sung', ...over });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as View;
  };

  it('demo: every category published for Hòa Vinh and Hòa Tâm; the draft and the pending item never public', async () => {
    const list = await t.anonymous.get('/du-lieu/cong-khai.json');
    expect(list.statusCode).toBe(200);
    const items = (list.json() as { items: Array<{ unitName: string; category: string; title: string }> }).items;
    for (const name of ['UBND phường Hòa Vinh', 'UBND xã Hòa Tâm']) {
      const cats = new Set(items.filter((i) => i.unitName === name).map((i) => i.category));
      expect([...cats].sort()).toEqual(['anti_corruption', 'budget', 'land', 'poor_households', 'procedures', 'recruitment']);
    }
    const staff = (await noivu.get(`/api/v1/disclosures?unitId=${unit('DH.HV').id}`)).json() as { items: Array<View & { title: string }> };
    const hidden = staff.items.filter((i) => i.status === 'draft' || i.status === 'pending');
    expect(hidden.map((h) => h.status).sort()).toEqual(['draft', 'pending']);
    const page = (await t.anonymous.get('/cong-khai')).body;
    const feed = (await t.anonymous.get('/cong-khai/atom.xml')).body;
    const csv = (await t.anonymous.get('/du-lieu/cong-khai.csv')).body;
    const sitemap = (await t.anonymous.get('/sitemap.xml')).body;
    for (const h of hidden) {
      expect(page).not.toContain(h.title);
      expect(feed).not.toContain(h.title);
      expect(csv).not.toContain(h.title);
      expect(sitemap).not.toContain(`/cong-khai/${h.id}<`);
      expect(JSON.stringify(items)).not.toContain(h.title);
      const direct = await t.anonymous.get(`/cong-khai/${h.id}`);
      expect(direct.statusCode).toBe(404);
      expect(direct.body).toContain('Không tìm thấy nội dung công khai');
    }
    expect(sitemap).toMatch(/\/cong-khai\/\d+<\/loc>/);
  });

  it('draft → pending → published by the coordinator; posting evidence; taken down too early', async () => {
    const d = await draft(hoavinh);
    expect(d).toMatchObject({ status: 'draft', postingState: 'draft' });
    const imp = await upload(hoavinh, `/api/v1/disclosures/${d.id}/table`, {
      name: 'ds.csv',
      content: 'STT,Họ và tên chủ hộ,Số CCCD,Thôn,Phân loại,SĐT,Ngày sinh,Dân tộc\n1,Nguyễn Văn Một,,Khu phố Phú Lâm,Hộ nghèo,,,\n2,Trần Thị Hai,,Khu phố Phú Hiệp,hộ cận nghèo,,,\n',
    });
    expect(imp.statusCode, imp.body).toBe(200);
    const result = imp.json() as { rows: number; dropped: Array<{ header: string; reason: string; message: string }>; disclosure: View };
    expect(result.rows).toBe(2);
    expect(result.dropped.map((x) => x.header)).toEqual(['Số CCCD', 'SĐT', 'Ngày sinh', 'Dân tộc']);
    expect(result.dropped.every((x) => x.reason === 'personal_data' && /dữ liệu cá nhân/.test(x.message))).toBe(true);
    expect(result.disclosure.table!.columns.map((c) => c.label)).toEqual(['STT', 'Họ và tên chủ hộ', 'Thôn, khu phố', 'Phân loại']);

    expect((await t.anonymous.get(`/cong-khai/${d.id}`)).statusCode).toBe(404);
    // Only the unit's officer submits; the coordinator cannot approve a draft.
    expect((await noivu.post(`/api/v1/disclosures/${d.id}/approve`, {})).statusCode).toBe(409);
    expect((await hoavinh.post(`/api/v1/disclosures/${d.id}/submit`)).json()).toMatchObject({ status: 'pending' });
    expect((await t.anonymous.get(`/cong-khai/${d.id}`)).statusCode).toBe(404);
    // The officer does not approve her own item; the supervisor never does.
    expect((await hoavinh.post(`/api/v1/disclosures/${d.id}/approve`, {})).statusCode).toBe(403);
    expect((await mattran.post(`/api/v1/disclosures/${d.id}/approve`, {})).statusCode).toBe(403);
    // Too short a posting period is refused in Vietnamese.
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const short = await noivu.post(`/api/v1/disclosures/${d.id}/approve`, { publishDate: today, postingEnd: today });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toContain('tối thiểu 3 ngày');
    const ok = await noivu.post(`/api/v1/disclosures/${d.id}/approve`, {});
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'published', postingState: 'posted', publishDate: today });

    const pub = await t.anonymous.get(`/cong-khai/${d.id}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.body).toContain('Nguyễn Văn Một');
    expect(pub.body).toContain('UBND phường Hòa Vinh');
    expect(pub.body).toContain('Quyết định số 24/2021/QĐ-TTg');
    expect(pub.body).toContain('Niêm yết tại trụ sở UBND xã, phường');
    for (const p of PERSONAL) expect(pub.body).not.toContain(p);

    const posting = await upload(hoavinh, `/api/v1/disclosures/${d.id}/postings`, { name: 'anh.png', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]) }, { channel: 'notice_board', postedOn: today, description: 'Ảnh bảng tin' });
    expect(posting.statusCode, posting.body).toBe(201);
    expect(posting.json()).toMatchObject({ channel: 'notice_board', postedOn: today });

    // Taken down the same day: too early (3-day minimum); gone from the portal.
    expect((await hoavinh.post(`/api/v1/disclosures/${d.id}/take-down`, { reason: '' })).statusCode).toBe(400);
    const down = await chutich.post(`/api/v1/disclosures/${d.id}/take-down`, { reason: 'Sai tên chủ hộ' });
    expect(down.statusCode, down.body).toBe(200);
    expect(down.json()).toMatchObject({ status: 'taken_down', takenDownTooEarly: true, postingState: 'taken_down_early' });
    expect((await t.anonymous.get(`/cong-khai/${d.id}`)).statusCode).toBe(404);

    const audit = await admin.get(`/api/v1/audit?entity=disclosure&entityId=${d.id}`);
    const actions = (audit.json() as Array<{ action: string }>).map((a) => a.action);
    for (const a of ['disclosure.create', 'disclosure.import_table', 'disclosure.submit', 'disclosure.approve', 'disclosure.posting', 'disclosure.take_down']) expect(actions).toContain(a);
  });

  it('refuses writes outside the scope or role with 403', async () => {
    const other = await hoavinh.post('/api/v1/disclosures', { unitId: unit('DH.HTA').id, category: 'budget', title: 'Ngân sách xã khác' });
    expect(other.statusCode).toBe(403);
    expect((await noivu.post('/api/v1/disclosures', { unitId: unit('DH.HV').id, category: 'budget', title: 'Do điều phối soạn' })).statusCode).toBe(403);
    expect((await mattran.post('/api/v1/disclosures', { unitId: unit('DH.HV').id, category: 'budget', title: 'x' })).statusCode).toBe(403);
    const hoaTam = (await noivu.get(`/api/v1/disclosures?unitId=${unit('DH.HTA').id}`)).json() as { items: View[] };
    expect(hoaTam.items.length).toBeGreaterThan(0);
    expect((await hoavinh.get(`/api/v1/disclosures/${hoaTam.items[0]!.id}`)).statusCode).toBe(403);
    expect((await hoavinh.post(`/api/v1/disclosures/${hoaTam.items[0]!.id}/take-down`, { reason: 'x' })).statusCode).toBe(403);
    expect((await hoavinh.get(`/api/v1/disclosures/register?unitId=${unit('DH.HTA').id}`)).statusCode).toBe(403);
    expect((await t.anonymous.get('/api/v1/disclosures')).statusCode).toBe(401);
    expect((await hoavinh.post('/api/v1/disclosures', { unitId: unit('DH.HV').id, category: 'lottery', title: 'x' })).statusCode).toBe(400);
  });

  it('imports an XLSX table: a phone column dropped and reported; an ID number in a cell refuses the file', async () => {
    const d = await draft(hoavinh, { title: 'Danh sách hộ cận nghèo nhập từ Excel' });
    const good = await xlsxOf([
      ['Ho va ten chu ho', 'So dien thoai', 'Khu pho', 'Phan loai'],
      ['Lê Văn Ba', '0905123456', 'Phú Lâm', 'Ho can ngheo'],
      ['Ngô Thị Bốn', '0914 222 333', 'Phú Hiệp', 'Ho ngheo'],
    ]);
    const ok = await upload(hoavinh, `/api/v1/disclosures/${d.id}/table`, { name: 'ds.xlsx', content: good });
    expect(ok.statusCode, ok.body).toBe(200);
    const r = ok.json() as { dropped: Array<{ header: string; reason: string }>; disclosure: View };
    expect(r.dropped).toEqual([expect.objectContaining({ header: 'So dien thoai', reason: 'personal_data' })]);
    expect(r.disclosure.table!.rows).toEqual([
      ['Lê Văn Ba', 'Phú Lâm', 'Hộ cận nghèo'],
      ['Ngô Thị Bốn', 'Phú Hiệp', 'Hộ nghèo'],
    ]);
    expect(JSON.stringify(r)).not.toMatch(/0905123456|0914 222 333/);

    const bad = await xlsxOf([
      ['Họ và tên chủ hộ', 'Thôn', 'Phân loại'],
      ['Lê Văn Năm', 'Phú Lâm', 'Hộ nghèo'],
      ['Lê Văn Sáu 054203001234', 'Phú Lâm', 'Hộ nghèo'],
    ]);
    const refused = await upload(hoavinh, `/api/v1/disclosures/${d.id}/table`, { name: 'ds.xlsx', content: bad });
    expect(refused.statusCode).toBe(400);
    const err = refused.json().error as { code: string; message: string; details: { problems: Array<{ line: number; personalKind: string }> } };
    expect(err.code).toBe('table_invalid');
    expect(err.message).toContain('Dòng 4, cột A «Họ và tên chủ hộ»');
    expect(err.message).toContain('số định danh');
    expect(err.details.problems).toEqual([expect.objectContaining({ line: 4, personalKind: 'id_number' })]);
    // The earlier good table stays.
    const still = (await hoavinh.get(`/api/v1/disclosures/${d.id}`)).json() as View;
    expect(still.table!.rows).toHaveLength(2);

    const csvPhone = await upload(hoavinh, `/api/v1/disclosures/${d.id}/table`, { name: 'ds.csv', content: 'Chủ hộ;Thôn;Phân loại\nA;B 0905 123 456;Hộ nghèo\n' });
    expect(csvPhone.statusCode).toBe(400);
    expect(csvPhone.json().error.message).toContain('Dòng 2, cột B «Thôn, khu phố»');
    expect((await upload(hoavinh, `/api/v1/disclosures/${d.id}/table`, { name: 'x.pdf', content: '%PDF-1.4 x' })).statusCode).toBe(415);
    expect((await upload(hoavinh, `/api/v1/disclosures/${d.id}/attachments`, { name: 'x.csv', content: 'a,b' })).statusCode).toBe(415);
    const pdf = await upload(hoavinh, `/api/v1/disclosures/${d.id}/attachments`, { name: 'Quyết định công nhận.pdf', content: '%PDF-1.4\n%%EOF\n' });
    expect(pdf.statusCode).toBe(201);
  });

  it('public page, CSV and XLSX never carry phone or ID columns; XSS shown as text', async () => {
    const d = await draft(hoavinh, { title: `Danh sách ${XSS} ${XSS2}`, summary: XSS2, body: `Đoạn 1 ${XSS}\n\nĐoạn 2` });
    await upload(hoavinh, `/api/v1/disclosures/${d.id}/table`, {
      name: 'ds.csv',
      content: `Họ và tên chủ hộ,CMND,Thôn,Phân loại,Điện thoại\n"${XSS2.replace(/"/g, '""')}",054203001234,${XSS},Hộ nghèo,0905123456\n=HYPERLINK("x"),,Phú Lâm,Hộ cận nghèo,\n`,
    });
    const att = await upload(hoavinh, `/api/v1/disclosures/${d.id}/attachments`, { name: 'Quyết định <b>.pdf', content: '%PDF-1.4\n%%EOF\n' });
    expect(att.statusCode, att.body).toBe(201);
    const attId = (att.json() as { id: number }).id;
    expect((await t.anonymous.get(`/cong-khai/${d.id}/tep/${attId}`)).statusCode).toBe(404);
    await hoavinh.post(`/api/v1/disclosures/${d.id}/submit`);
    expect((await noivu.post(`/api/v1/disclosures/${d.id}/approve`, {})).statusCode).toBe(200);
    const file = await t.anonymous.get(`/cong-khai/${d.id}/tep/${attId}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toContain('attachment');
    expect(file.body.startsWith('%PDF-1.4')).toBe(true);

    const page = await t.anonymous.get(`/cong-khai/${d.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(XSS);
    expect(page.body).not.toContain('<img src=x');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.body).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    for (const p of PERSONAL) expect(page.body).not.toContain(p);
    expect(page.body).toContain(`href="/cong-khai/${d.id}/tep/${attId}">Quyết định &lt;b&gt;.pdf</a>`);

    const csv = await t.anonymous.get(`/cong-khai/${d.id}.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('attachment');
    const grid = parseCsv(csv.body);
    expect(grid.headers).toEqual(['Họ và tên chủ hộ', 'Thôn, khu phố', 'Phân loại']);
    expect(grid.rows[1]!.cells[0]).toBe('\'=HYPERLINK("x")');
    for (const p of PERSONAL) expect(csv.body).not.toContain(p);

    const xlsx = await t.anonymous.request({ method: 'GET', url: `/cong-khai/${d.id}.xlsx` });
    expect(xlsx.statusCode).toBe(200);
    const rows = await xlsxTexts(xlsx.rawPayload);
    expect(rows[0]).toEqual(['Họ và tên chủ hộ', 'Thôn, khu phố', 'Phân loại']);
    expect(rows[1]).toEqual([XSS2, XSS, 'Hộ nghèo']);
    for (const p of PERSONAL) expect(JSON.stringify(rows)).not.toContain(p);

    const feed = await t.anonymous.get('/cong-khai/atom.xml');
    expect(feed.headers['content-type']).toContain('application/atom+xml');
    expect(feed.body).not.toContain('<script>');
    expect(feed.body).toContain('&lt;script&gt;');

    const list = await t.anonymous.get(`/cong-khai?q=${encodeURIComponent(XSS2)}`);
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('<img src=x');
    const sql = await t.anonymous.get(`/cong-khai?q=${encodeURIComponent("' OR 1=1; DROP TABLE disclosures; --")}&loai=budget&don-vi=abc`);
    expect(sql.statusCode).toBe(200);
    expect(sql.body).toContain('&#39; OR 1=1; DROP TABLE disclosures; --');
    expect((await t.anonymous.get('/cong-khai')).statusCode).toBe(200);
  });

  it('lists with filters and searches without diacritics', async () => {
    const hv = unit('DH.HV');
    const byUnit = await t.anonymous.get(`/cong-khai?don-vi=${hv.id}&loai=budget`);
    expect(byUnit.statusCode).toBe(200);
    expect(byUnit.body).toContain('Công khai tình hình thực hiện dự toán thu, chi ngân sách quý III');
    expect(byUnit.body).not.toContain('xã Hòa Tâm</p>');
    expect(byUnit.body).toContain(`href="/cong-khai/atom.xml?don-vi=${hv.id}"`);
    const feed = (await t.anonymous.get(`/cong-khai/atom.xml?don-vi=${unit('DH.HTA').id}`)).body;
    expect(feed).toContain('xã Hòa Tâm');
    expect(feed).not.toContain('<name>UBND phường Hòa Vinh</name>');
    expect((await t.anonymous.get(`/cong-khai/atom.xml?don-vi=${hv.id}`)).body).toContain('<name>UBND phường Hòa Vinh</name>');
    const folded = await t.anonymous.get('/cong-khai?q=ho+ngheo+hoa+tam');
    expect(folded.body).toContain('Danh sách hộ nghèo, hộ cận nghèo năm');
    expect(folded.body).toContain('UBND xã Hòa Tâm');
    expect(folded.body).not.toContain('UBND phường Hòa Vinh ·');
    const none = await t.anonymous.get(`/cong-khai?q=${'ứ'.repeat(5000)}`);
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain('Không có nội dung công khai nào khớp');
  });

  it('answers unknown ids with the Vietnamese 404 page and supports ETag/304', async () => {
    for (const path of ['/cong-khai/999999', '/cong-khai/abc', '/cong-khai/999999.csv', '/cong-khai/999999.xlsx', '/cong-khai/1/tep/999999', '/cong-khai/0']) {
      const res = await t.anonymous.get(path);
      expect(res.statusCode, path).toBe(404);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('lang="vi"');
    }
    const items = ((await t.anonymous.get('/du-lieu/cong-khai.json')).json() as { items: Array<{ id: number }> }).items;
    for (const path of [`/cong-khai/${items[0]!.id}`, `/cong-khai/${items[0]!.id}.csv`, `/cong-khai/${items[0]!.id}.xlsx`, '/cong-khai', '/du-lieu/cong-khai.json']) {
      const first = await t.anonymous.get(path);
      expect(first.statusCode).toBe(200);
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^"/);
      expect(first.headers['cache-control']).toMatch(/public, max-age=\d+/);
      const again = await t.anonymous.request({ method: 'GET', url: path, headers: { 'if-none-match': etag } });
      expect(again.statusCode, path).toBe(304);
    }
  });

  it('register: per commune and category, posted / missing / too early; the home page lists new disclosures', async () => {
    const res = await noivu.get(`/api/v1/disclosures/register?unitId=${unit('DH').id}`);
    expect(res.statusCode, res.body).toBe(200);
    const reg = res.json() as { communes: Array<{ unitName: string; cells: Array<{ category: string; status: string; tooEarly: number; pending: number; drafts: number }> }> };
    const line = (name: string) => reg.communes.find((c) => c.unitName === name)!.cells;
    expect(line('UBND phường Hòa Vinh').every((c) => c.status === 'posted')).toBe(true);
    expect(line('UBND phường Hòa Vinh').find((c) => c.category === 'anti_corruption')!.pending).toBe(1);
    expect(line('UBND xã Hòa Tâm').find((c) => c.category === 'recruitment')!.tooEarly).toBe(1);
    expect(line('UBND xã Hòa Thành').every((c) => c.status === 'missing')).toBe(true);
    expect(reg.communes.some((c) => c.unitName === 'Phòng Nội vụ')).toBe(false);
    expect((await mattran.get(`/api/v1/disclosures/register?unitId=${unit('DH').id}`)).statusCode).toBe(200);
    const mine = await hoavinh.get(`/api/v1/disclosures/register?unitId=${unit('DH.HV').id}`);
    expect(mine.statusCode).toBe(200);
    expect((mine.json() as { communes: unknown[] }).communes).toHaveLength(1);

    const home = await t.anonymous.get('/');
    expect(home.statusCode).toBe(200);
    expect(home.body).toMatch(/href="\/cong-khai\/\d+"/);
  });

  it('the officer proposes a posting period: too short, in the past or malformed is refused with nothing saved; the approval takes it up', async () => {
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const plus = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const count = async () => ((await hoavinh.get('/api/v1/disclosures')).json() as { items: unknown[] }).items.length;
    const before = await count();
    const base = { unitId: unit('DH.HV').id, category: 'poor_households', title: 'Danh sách hộ nghèo có đề xuất thời gian niêm yết' };
    const short = await hoavinh.post('/api/v1/disclosures', { ...base, publishDate: plus(1), postingEnd: plus(2) });
    expect(short.statusCode).toBe(400);
    expect(short.json().error).toMatchObject({ code: 'posting_period', message: expect.stringContaining('tối thiểu 3 ngày') });
    const past = await hoavinh.post('/api/v1/disclosures', { ...base, publishDate: plus(-1) });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.message).toBe('Ngày công khai dự kiến không được trước ngày hôm nay.');
    expect((await hoavinh.post('/api/v1/disclosures', { ...base, publishDate: '31/12/2026' })).statusCode).toBe(400);
    expect((await hoavinh.post('/api/v1/disclosures', { ...base, postingEnd: plus(5) })).statusCode).toBe(400);
    expect(await count()).toBe(before);

    const d = await draft(hoavinh, { ...base, publishDate: plus(1), postingEnd: plus(10) });
    expect([d.publishDate, d.postingEnd, d.postingState]).toEqual([plus(1), plus(10), 'draft']);
    const edit = await hoavinh.patch(`/api/v1/disclosures/${d.id}`, { postingEnd: plus(1) });
    expect(edit.statusCode).toBe(400);
    expect(edit.json().error.code).toBe('posting_period');
    const kept = (await hoavinh.get(`/api/v1/disclosures/${d.id}`)).json() as View;
    expect([kept.postingEnd, kept.version]).toEqual([plus(10), d.version]);
    // Neither public nor counted as published while it is a draft or pending.
    expect((await t.anonymous.get(`/cong-khai/${d.id}`)).statusCode).toBe(404);
    expect((await hoavinh.post(`/api/v1/disclosures/${d.id}/submit`)).statusCode).toBe(200);
    const approved = await noivu.post(`/api/v1/disclosures/${d.id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'published', publishDate: plus(1), postingEnd: plus(10), postingState: 'scheduled' });
  });

  it('sign-in abilities for the disclosure screens follow the policy: officers draft, coordinators and leaders approve, the supervisor only reads', async () => {
    const abilities = async (c: Client) => ((await c.get('/api/v1/auth/me')).json() as { abilities: Record<string, boolean> }).abilities;
    expect(await abilities(hoavinh)).toMatchObject({ draftDisclosures: true, approveDisclosures: false, takeDownDisclosures: true });
    expect(await abilities(noivu)).toMatchObject({ draftDisclosures: false, approveDisclosures: true, takeDownDisclosures: true });
    expect(await abilities(chutich)).toMatchObject({ draftDisclosures: false, approveDisclosures: true });
    expect(await abilities(mattran)).toMatchObject({ draftDisclosures: false, approveDisclosures: false, takeDownDisclosures: false });
    expect(await abilities(admin)).toMatchObject({ draftDisclosures: true, approveDisclosures: true, takeDownDisclosures: true });
  });
});

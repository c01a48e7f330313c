import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/accounts/actor.js';
import { newestCampaigns } from '../../src/server/portal/routes/campaigns.js';
import { createTestApp, type Client, type TestApp } from '../support/app.js';
import { engines } from '../support/engines.js';
import { multipart } from '../support/multipart.js';
import { readDocx } from '../support/office-files.js';

interface Campaign {
  id: number;
  unitId: number;
  purpose: string;
  status: string;
  version: number;
  totals: { money: number; inKindValue: number; contributions: number; spent: number; balance: number; progressPercent: number };
  contributions: Array<{ id: number; contributorName: string; amount: number; code: string; receiptNo: string }>;
  spendings: Array<{ id: number; amount: number; overspendNote: string | null; evidence: { name: string; mime: string } | null }>;
}
type ErrorBody = { error: { code: string; message: string } };

// Monday 30/11/2026, 09:00 in Vietnam.
const clock = { now: () => new Date('2026-11-30T02:00:00Z') };
const XSS = '<script>alert(1)</script>';
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

describe.each(engines)('voluntary contributions on $name', (engine) => {
  let t: TestApp;
  let hoavinh: Client;
  let noivu: Client;
  let mattran: Client;
  let unit: Record<string, number>;
  let campaign: Campaign;
  const gifts: Array<{ id: number; code: string; receiptNo: string }> = [];

  beforeAll(async () => {
    t = await createTestApp(engine, { clock });
    [hoavinh, noivu, mattran] = await Promise.all([t.login('hoavinh'), t.login('noivu'), t.login('mattran')]);
    const units = (await noivu.get('/api/v1/units')).json() as Array<{ id: number; code: string }>;
    unit = Object.fromEntries(units.map((u) => [u.code, u.id]));
  });
  afterAll(async () => t?.close());

  const base = () => ({ unitId: unit['DH.HV'], purpose: 'Bê tông hóa đường khu phố 2', targetAmount: 2_000_000, startDate: '2026-11-01', endDate: '2027-01-31' });

  it('lets the ward officer open a campaign, and nobody else', async () => {
    const me = async (c: Client) => ((await c.get('/api/v1/auth/me')).json() as { abilities: { recordContributions: boolean } }).abilities.recordContributions;
    expect([await me(hoavinh), await me(noivu), await me(mattran)]).toEqual([true, false, false]);
    expect((await noivu.post('/api/v1/campaigns', base())).statusCode).toBe(403);
    expect((await hoavinh.post('/api/v1/campaigns', { ...base(), unitId: unit['DH.HTA'] })).statusCode).toBe(403);
    const res = await hoavinh.post('/api/v1/campaigns', { ...base(), inKindTarget: '200 bao xi măng' });
    expect(res.statusCode).toBe(201);
    campaign = res.json() as Campaign;
    expect(campaign).toMatchObject({ status: 'open', purpose: 'Bê tông hóa đường khu phố 2', totals: { money: 0, contributions: 0 } });
  });

  it('refuses a minimum per household and a second open campaign for the same purpose, writing nothing', async () => {
    const before = ((await hoavinh.get('/api/v1/campaigns')).json() as { items: unknown[] }).items.length;
    const quota = await hoavinh.post('/api/v1/campaigns', { ...base(), purpose: 'Xây nhà văn hóa', perHousehold: 200_000 });
    expect(quota.statusCode).toBe(400);
    expect((quota.json() as ErrorBody).error.message).toMatch(/tự nguyện/);
    const again = await hoavinh.post('/api/v1/campaigns', { ...base(), purpose: '  BÊ TÔNG HÓA đường khu phố 2.' });
    expect(again.statusCode).toBe(409);
    expect((again.json() as ErrorBody).error.code).toBe('campaign_duplicate');
    expect((await hoavinh.post('/api/v1/campaigns', { ...base(), targetAmount: 1.5 })).statusCode).toBe(400);
    expect(((await hoavinh.get('/api/v1/campaigns')).json() as { items: unknown[] }).items.length).toBe(before);
  });

  it('records contributions with random verification codes, one receipt number per campaign', async () => {
    const rows = [
      { contributorName: 'Nguyễn Văn An', village: 'Khu phố 2', kind: 'money', amount: 500_000, date: '2026-11-20', receiptNo: '001' },
      { contributorName: `Trần Thị Bình ${XSS}`, village: 'Khu phố 2', kind: 'money', amount: 1_000_000, date: '2026-11-21', receiptNo: '002' },
      { contributorName: 'Lê Văn Cường', village: 'Khu phố 3', kind: 'in_kind', amount: 1_800_000, inKindDescription: '20 bao xi măng', date: '2026-11-22', receiptNo: '003' },
    ];
    for (const row of rows) {
      const res = await hoavinh.post(`/api/v1/campaigns/${campaign.id}/contributions`, row);
      expect(res.statusCode, res.body).toBe(201);
      const c = res.json() as { id: number; code: string; receiptNo: string };
      expect(c.code).toMatch(/^DG-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{2}$/);
      gifts.push(c);
    }
    expect(new Set(gifts.map((g) => g.code)).size).toBe(3);
    const dup = await hoavinh.post(`/api/v1/campaigns/${campaign.id}/contributions`, { ...rows[0], contributorName: 'Người khác' });
    expect(dup.statusCode).toBe(409);
    expect((dup.json() as ErrorBody).error.code).toBe('receipt_duplicate');
    expect((await mattran.post(`/api/v1/campaigns/${campaign.id}/contributions`, { ...rows[0], receiptNo: '009' })).statusCode).toBe(403);
    const read = (await mattran.get(`/api/v1/campaigns/${campaign.id}`)).json() as Campaign;
    expect(read.totals).toMatchObject({ money: 1_500_000, inKindValue: 1_800_000, contributions: 3, progressPercent: 75 });
  });

  it('records spending with its evidence, and passes what was received only with a note', async () => {
    const ok = multipart({ date: '2026-11-25', amount: '1.200.000', purpose: 'Mua đá, cát' }, { name: 'hoa-don.png', content: PNG });
    const res = await hoavinh.request({ method: 'POST', url: `/api/v1/campaigns/${campaign.id}/spendings`, ...ok });
    expect(res.statusCode, res.body).toBe(201);
    expect((res.json() as Campaign['spendings'][0]).evidence).toEqual({ name: 'hoa-don.png', mime: 'image/png' });
    const fake = multipart({ date: '2026-11-25', amount: '1000', purpose: 'Thuê xe' }, { name: 'hoa-don.pdf', content: 'not a pdf at all' });
    expect((await hoavinh.request({ method: 'POST', url: `/api/v1/campaigns/${campaign.id}/spendings`, ...fake })).statusCode).toBe(415);
    const over = multipart({ date: '2026-11-26', amount: '500000', purpose: 'Thuê máy trộn' });
    const refused = await hoavinh.request({ method: 'POST', url: `/api/v1/campaigns/${campaign.id}/spendings`, ...over });
    expect(refused.statusCode).toBe(400);
    expect((refused.json() as ErrorBody).error.code).toBe('overspend_note_required');
    const noted = multipart({ date: '2026-11-26', amount: '500000', purpose: 'Thuê máy trộn', overspendNote: 'Ngân sách phường bù 200.000 đồng' });
    expect((await hoavinh.request({ method: 'POST', url: `/api/v1/campaigns/${campaign.id}/spendings`, ...noted })).statusCode).toBe(201);
    const read = (await hoavinh.get(`/api/v1/campaigns/${campaign.id}`)).json() as Campaign;
    expect(read.totals).toMatchObject({ spent: 1_700_000, balance: -200_000 });
    expect(read.spendings.map((s) => s.overspendNote)).toEqual([null, 'Ngân sách phường bù 200.000 đồng']);
  });

  it('serialises concurrent writes of one campaign: one receipt number once, no balance passed twice', async () => {
    const other = (await hoavinh.post('/api/v1/campaigns', { ...base(), purpose: 'Sửa chữa nhà văn hóa khu phố 4' })).json() as Campaign;
    const gift = { contributorName: 'Đỗ Văn Em', village: 'Khu phố 4', kind: 'money', amount: 300_000, date: '2026-11-28', receiptNo: '7' };
    const both = await Promise.all([hoavinh.post(`/api/v1/campaigns/${other.id}/contributions`, gift), hoavinh.post(`/api/v1/campaigns/${other.id}/contributions`, gift)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const spend = () => hoavinh.request({ method: 'POST', url: `/api/v1/campaigns/${other.id}/spendings`, ...multipart({ date: '2026-11-29', amount: '200000', purpose: 'Mua sơn' }) });
    const spent = await Promise.all([spend(), spend()]);
    expect(spent.map((r) => r.statusCode).sort()).toEqual([201, 400]);
    const read = (await hoavinh.get(`/api/v1/campaigns/${other.id}`)).json() as Campaign;
    expect(read.totals).toMatchObject({ money: 300_000, contributions: 1, spent: 200_000, balance: 100_000 });
  });

  it('refuses evidence over 20 MB with 413 and writes nothing', async () => {
    const before = ((await hoavinh.get(`/api/v1/campaigns/${campaign.id}`)).json() as Campaign).spendings.length;
    const big = new Uint8Array(20 * 1024 * 1024 + 1);
    big.set(PNG);
    const res = await hoavinh.request({ method: 'POST', url: `/api/v1/campaigns/${campaign.id}/spendings`, ...multipart({ date: '2026-11-27', amount: '1000', purpose: 'Ảnh lớn', overspendNote: 'Ngân sách phường' }, { name: 'anh.png', content: big }) });
    expect(res.statusCode).toBe(413);
    expect((res.json() as ErrorBody).error.message).toBe('Tệp quá lớn: tối đa 20 MB.');
    expect(((await hoavinh.get(`/api/v1/campaigns/${campaign.id}`)).json() as Campaign).spendings.length).toBe(before);
  });

  it('issues the confirmation as a Word document and a print page, with the amount in words and the code', async () => {
    const docx = await hoavinh.get(`/api/v1/campaign-contributions/${gifts[0]!.id}/confirmation.docx`);
    expect(docx.statusCode).toBe(200);
    const doc = readDocx(docx.rawPayload);
    expect(doc.text).toContain('GIẤY XÁC NHẬN');
    expect(doc.text).toContain('PHƯỜNG HÒA VINH');
    expect(doc.text).toContain('Nguyễn Văn An');
    expect(doc.text).toContain('500.000 đồng');
    expect(doc.text).toContain('Năm trăm nghìn đồng');
    expect(doc.text).toContain(gifts[0]!.code);
    expect(doc.text).toContain(`/dong-gop/xac-minh?ma=${gifts[0]!.code}`);
    const print = await hoavinh.get(`/api/v1/campaign-contributions/${gifts[1]!.id}/confirmation.html`);
    expect(print.statusCode).toBe(200);
    expect(print.body).toContain('@page { size: A5');
    expect(print.body).toContain('Một triệu đồng');
    expect(print.body).not.toContain('<script>');
    expect(print.body).toContain('&lt;script&gt;');
    expect((await t.anonymous.get(`/api/v1/campaign-contributions/${gifts[0]!.id}/confirmation.docx`)).statusCode).toBe(401);
  });

  it('shows the public page with totals, spending, evidence and contributors, escaped, without codes', async () => {
    const page = await t.anonymous.get(`/dong-gop/${campaign.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('1.500.000 đồng');
    expect(page.body).toContain('Chi vượt số đã nhận');
    expect(page.body).toContain('Ngân sách phường bù 200.000 đồng');
    expect(page.body).toContain('Nguyễn Văn An');
    expect(page.body).toContain('&lt;script&gt;');
    expect(page.body).not.toContain('<script>');
    for (const g of gifts) expect(page.body).not.toContain(g.code);
    const read = (await hoavinh.get(`/api/v1/campaigns/${campaign.id}`)).json() as Campaign;
    const evidence = await t.anonymous.get(`/dong-gop/${campaign.id}/chi/${read.spendings[0]!.id}/chung-tu`);
    expect(evidence.statusCode).toBe(200);
    expect(evidence.headers['content-type']).toBe('image/png');
    expect(new Uint8Array(evidence.rawPayload)).toEqual(PNG);
    expect((await t.anonymous.get(`/dong-gop/${campaign.id}/chi/${read.spendings[1]!.id}/chung-tu`)).statusCode).toBe(404);
    expect((await t.anonymous.get('/dong-gop/999999')).statusCode).toBe(404);
    expect((await t.anonymous.get('/dong-gop/abc')).statusCode).toBe(404);
    const newest = await newestCampaigns(t.services, 50);
    expect(newest.find((n) => n.href === `/dong-gop/${campaign.id}`)).toMatchObject({ title: 'Bê tông hóa đường khu phố 2', date: '2026-11-01', publisher: 'UBND phường Hòa Vinh' });
    const list = await t.anonymous.get('/dong-gop');
    expect(list.body).toContain('UBND phường Hòa Vinh');
    expect(list.body).toContain('75%');
    const json = (await t.anonymous.get('/du-lieu/dong-gop.json')).json() as { campaigns: Array<{ id: number; received: number; spent: number }> };
    expect(json.campaigns.find((c) => c.id === campaign.id)).toMatchObject({ received: 1_500_000, spent: 1_700_000 });
    const sitemap = (await t.anonymous.get('/sitemap.xml')).body;
    expect(sitemap).toContain('/dong-gop</loc>');
    expect(sitemap).toContain(`/dong-gop/${campaign.id}</loc>`);
    const csv = (await t.anonymous.get('/du-lieu/dong-gop.csv')).body;
    expect(csv).toContain('Bê tông hóa đường khu phố 2');
    expect(csv).toContain('1500000');
  });

  it('pages a large list of contributors, finds a name typed without diacritics, and stays under 60 KB', async () => {
    const big = await t.services.campaigns.open(SYSTEM_ACTOR, { ...base(), unitId: unit['DH.HTA']!, purpose: 'Xây cầu bê tông thôn lớn' });
    const villages = ['Thôn Phú Thọ 1', 'Thôn Phú Thọ 2', 'Thôn Phú Thọ 3'];
    for (let i = 1; i <= 450; i++) {
      await t.services.campaigns.recordContribution(SYSTEM_ACTOR, big.id, {
        contributorName: i === 321 ? 'Huỳnh Thị Ngọc Ánh' : `Nguyễn Văn Thành Viên ${i}`,
        village: villages[i % 3]!,
        kind: 'money',
        amount: 100_000 + i * 1000,
        date: '2026-11-15',
        receiptNo: String(i).padStart(4, '0'),
      });
    }
    const first = await t.anonymous.get(`/dong-gop/${big.id}`);
    expect(first.statusCode).toBe(200);
    expect(Buffer.byteLength(first.body)).toBeLessThan(60 * 1024);
    expect(first.body).toContain('trang 1/3');
    expect(first.body).toContain('Nguyễn Văn Thành Viên 200<');
    expect(first.body).not.toContain('Nguyễn Văn Thành Viên 201<');
    const third = await t.anonymous.get(`/dong-gop/${big.id}?trang=3`);
    expect(third.body).toContain('Nguyễn Văn Thành Viên 450<');
    expect((await t.anonymous.get(`/dong-gop/${big.id}?trang=4`)).statusCode).toBe(404);
    expect((await t.anonymous.get(`/dong-gop/${big.id}?trang=abc`)).statusCode).toBe(404);
    const search = await t.anonymous.get(`/dong-gop/${big.id}?ten=${encodeURIComponent('huynh thi ngoc anh')}`);
    expect(search.body).toContain('1 lượt đóng góp khớp với');
    expect(search.body).toContain('Huỳnh Thị Ngọc Ánh');
    expect(search.body).toContain('421.000 đồng');
  });

  it('verifies a receipt code however it is typed, masks the name, and 404s an unknown one', async () => {
    const typed = gifts[0]!.code.toLowerCase().replace(/-/g, ' ');
    const found = await t.anonymous.get(`/dong-gop/xac-minh?ma=${encodeURIComponent(typed)}`);
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain('Biên nhận hợp lệ');
    expect(found.body).toContain('Nguyễn V. A.');
    expect(found.body).not.toContain('Nguyễn Văn An');
    expect(found.body).toContain('500.000 đồng');
    expect(found.headers['cache-control']).toBe('private, no-store');
    const routed = await t.anonymous.get(`/tra-cuu?ma=${encodeURIComponent(typed)}`);
    expect(routed.statusCode).toBe(303);
    expect(routed.headers.location).toBe(`/dong-gop/xac-minh?ma=${gifts[0]!.code}`);
    const unknown = await t.anonymous.get('/dong-gop/xac-minh?ma=DG-2222-3333-44');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('Không tìm thấy biên nhận');
    const xss = await t.anonymous.get(`/dong-gop/xac-minh?ma=${encodeURIComponent(XSS)}`);
    expect(xss.statusCode).toBe(404);
    expect(xss.body).not.toContain('<script>alert');
  });

  it('throttles a guesser of codes with a 429 page', async () => {
    const statuses: number[] = [];
    for (const a of 'ABCDEFGHJKLMNPQRSTUVWXYZ') {
      statuses.push((await t.app.inject({ method: 'GET', url: `/dong-gop/xac-minh?ma=DG-2222-3333-${a}${a}`, remoteAddress: '203.0.113.9' })).statusCode);
    }
    // 20 look-ups per address in ten minutes, found or not; the rest are refused.
    expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
    const still = await t.app.inject({ method: 'GET', url: `/dong-gop/xac-minh?ma=${gifts[0]!.code}`, remoteAddress: '203.0.113.9' });
    expect(still.statusCode).toBe(429);
    expect(still.body).toContain('Quá nhiều lượt kiểm tra');
    expect(Number(still.headers['retry-after'])).toBeGreaterThan(0);
    const other = await t.app.inject({ method: 'GET', url: `/dong-gop/xac-minh?ma=${gifts[0]!.code}`, remoteAddress: '198.51.100.7' });
    expect(other.statusCode).toBe(200);
  });

  it('closes the campaign (then refuses contributions) and allows a new campaign for the same purpose; every write is audited', async () => {
    const read = (await hoavinh.get(`/api/v1/campaigns/${campaign.id}`)).json() as Campaign;
    expect((await hoavinh.post(`/api/v1/campaigns/${campaign.id}/close`, { version: read.version - 1 })).statusCode).toBe(409);
    const closed = await hoavinh.post(`/api/v1/campaigns/${campaign.id}/close`, { version: read.version });
    expect(closed.statusCode).toBe(200);
    const late = await hoavinh.post(`/api/v1/campaigns/${campaign.id}/contributions`, { contributorName: 'A', village: 'B', kind: 'money', amount: 1, date: '2026-11-29', receiptNo: '050' });
    expect(late.statusCode).toBe(409);
    expect((await hoavinh.post('/api/v1/campaigns', base())).statusCode).toBe(201);
    const audit = await t.services.audit.list(SYSTEM_ACTOR, { entity: 'campaign', entityId: String(campaign.id) });
    const actions = audit.map((a) => a.action).sort();
    expect(actions).toEqual(['campaign.close', 'campaign.contribution', 'campaign.contribution', 'campaign.contribution', 'campaign.open', 'campaign.spending', 'campaign.spending']);
    for (const g of gifts) {
      expect(JSON.stringify(audit)).not.toContain(g.code);
      expect(JSON.stringify(audit)).not.toContain(g.code.replace(/-/g, ''));
    }
  });
});

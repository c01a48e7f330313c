import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCalendar, unescapeText } from '../../src/domain/reception/index.js';
import { engines } from '../support/engines.js';
import { createTestApp, type Client, type TestApp } from '../support/app.js';

interface Slot {
  id: number;
  unitId: number;
  unitName: string;
  date: string;
  startTime: string;
  endTime: string;
  status: string;
  kind: string;
  place: string;
  officerName: string;
  cancelReason: string | null;
}
interface Dossier {
  id: number;
  code: string;
  receiptCode: string;
  unitId: number;
  procedureId: number;
  procedureName: string;
  applicantName: string;
  status: string;
  publicStatus: string;
  steps: Array<{ date: string; status: string; note: string | null }>;
  version: number;
}
type ErrorBody = { error: { code: string; message: string } };

// Monday 30/11/2026, 09:00 in Vietnam.
const clock = { now: () => new Date('2026-11-30T02:00:00Z') };
const TODAY = '2026-11-30';

const XSS = '"><img src=x onerror=alert(1)><script>alert(1)</script>';
const SQL = "' OR '1'='1' --; DROP TABLE dossiers;";

describe.each(engines)('citizen reception schedule and dossier lookup on $name', (engine) => {
  let t: TestApp;
  let hoavinh: Client;
  let noivu: Client;
  let mattran: Client;
  let admin: Client;
  let unit: Record<string, number>;

  beforeAll(async () => {
    t = await createTestApp(engine, { clock });
    [hoavinh, noivu, mattran, admin] = await Promise.all([t.login('hoavinh'), t.login('noivu'), t.login('mattran'), t.login('admin')]);
    const units = (await admin.get('/api/v1/units')).json() as Array<{ id: number; code: string }>;
    unit = Object.fromEntries(units.map((u) => [u.code, u.id]));
  });
  afterAll(async () => t?.close());

  const slotBody = (over: Record<string, unknown> = {}) => ({
    unitId: unit['DH.HV'],
    date: '2026-12-09',
    startTime: '14:00',
    endTime: '16:30',
    place: 'Nhà văn hóa khu phố 2, phường Hòa Vinh',
    officerName: 'Lê Văn Thành',
    officerTitle: 'Chủ tịch UBND phường Hòa Vinh',
    officerPhone: '0257 3531 201',
    kind: 'periodic',
    note: 'Buổi tiếp bổ sung về giải phóng mặt bằng',
    ...over,
  });

  describe('the demo schedule', () => {
    it('shows the coming weeks grouped by date, with weekday, dd/mm/yyyy, officer and work phone', async () => {
      const res = await t.anonymous.get('/lich-tiep-cong-dan');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      const body = res.body;
      expect(body).toContain('<html lang="vi"');
      expect(body).toMatch(/<h2 id="ngay-2026-12-01">Thứ Ba, 01\/12\/2026<\/h2>/);
      expect(body).toContain('Nguyễn Văn Hùng, Chủ tịch UBND thị xã');
      expect(body).toContain('0257 3530 101');
      expect(body).toContain('UBND phường Hòa Vinh');
      expect(body).toContain('UBND xã Hòa Tâm');
      // Hòa Vinh's cancelled desk day is still shown, marked, with its reason; the draft is not.
      expect(body).toContain('Đã hủy');
      expect(body).toContain('Cán bộ tiếp công dân đi tập huấn');
      expect(body).not.toContain('Dự kiến, chưa công bố');
      expect(body).not.toMatch(/<script/i);
      // Six weeks from today, nothing before today.
      expect(body).toContain('từ ngày 30/11/2026 đến ngày 10/01/2027');
      expect(body).not.toContain('ngay-2026-11-27');
      expect(body).not.toContain('ngay-2027-01-11');
    });

    it('filters by unit code and answers an unknown unit with the Vietnamese 404 page', async () => {
      const res = await t.anonymous.get('/lich-tiep-cong-dan?donVi=DH.HTA');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Lịch tiếp công dân – UBND xã Hòa Tâm');
      expect(res.body).toContain('Võ Minh Tâm');
      expect(res.body).not.toContain('Phạm Thị Hoa');
      const unknown = await t.anonymous.get(`/lich-tiep-cong-dan?donVi=${encodeURIComponent(XSS)}`);
      expect(unknown.statusCode).toBe(404);
      expect(unknown.body).toContain('Không tìm thấy trang');
      expect(unknown.body).not.toContain('<img src=x');
      expect(unknown.body).not.toContain('<script>alert');
    });

    it('answers 304 to a reader who has the page, and sends Cache-Control', async () => {
      const first = await t.anonymous.get('/lich-tiep-cong-dan');
      expect(first.headers['cache-control']).toMatch(/^public, max-age=\d+/);
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^"/);
      const again = await t.anonymous.request({ method: 'GET', url: '/lich-tiep-cong-dan', headers: { 'if-none-match': etag } });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      const ics = await t.anonymous.get('/lich-tiep-cong-dan.ics');
      const ics304 = await t.anonymous.request({ method: 'GET', url: '/lich-tiep-cong-dan.ics', headers: { 'if-none-match': ics.headers.etag as string } });
      expect(ics304.statusCode).toBe(304);
    });
  });

  describe('scheduling rules (staff API)', () => {
    it('lets the ward officer schedule a draft that stays off the public schedule until published', async () => {
      const res = await hoavinh.post('/api/v1/reception-slots', slotBody());
      expect(res.statusCode).toBe(201);
      const [slot] = (res.json() as { items: Slot[] }).items;
      expect(slot).toMatchObject({ status: 'draft', date: '2026-12-09', kind: 'periodic', weekday: 'Thứ Tư' });
      expect((await t.anonymous.get('/lich-tiep-cong-dan')).body).not.toContain('Buổi tiếp bổ sung về giải phóng mặt bằng');
      expect((await t.anonymous.get('/du-lieu/lich-tiep-cong-dan.json')).body).not.toContain('Buổi tiếp bổ sung');

      const published = await hoavinh.post(`/api/v1/reception-slots/${slot!.id}/publish`);
      expect(published.statusCode).toBe(200);
      expect((published.json() as Slot).status).toBe('published');
      const page = (await t.anonymous.get('/lich-tiep-cong-dan?donVi=DH.HV')).body;
      expect(page).toContain('Buổi tiếp bổ sung về giải phóng mặt bằng');
      expect(page).toContain('14:00–16:30');

      const noReason = await hoavinh.post(`/api/v1/reception-slots/${slot!.id}/cancel`, { reason: '   ' });
      expect(noReason.statusCode).toBe(400);
      expect((noReason.json() as ErrorBody).error.message).toContain('Cần ghi lý do hủy');
      const cancelled = await hoavinh.post(`/api/v1/reception-slots/${slot!.id}/cancel`, { reason: 'Chủ tịch họp đột xuất với UBND thị xã' });
      expect(cancelled.statusCode).toBe(200);
      expect((cancelled.json() as Slot).status).toBe('cancelled');
      const after = (await t.anonymous.get('/lich-tiep-cong-dan?donVi=DH.HV')).body;
      expect(after).toContain('Buổi tiếp bổ sung về giải phóng mặt bằng');
      expect(after).toContain('Chủ tịch họp đột xuất với UBND thị xã');
      expect((await hoavinh.post(`/api/v1/reception-slots/${slot!.id}/publish`)).statusCode).toBe(409);
      expect((await hoavinh.post(`/api/v1/reception-slots/${slot!.id}/cancel`, { reason: 'lần nữa' })).statusCode).toBe(409);
    });

    it('expands a recurrence ("thứ Năm hằng tuần") and publishes it at once', async () => {
      const res = await noivu.post('/api/v1/reception-slots', {
        ...slotBody({ unitId: unit['DH.HTA'], date: undefined, kind: 'regular', note: null, place: 'Bộ phận một cửa UBND xã Hòa Tâm (phòng 2)' }),
        recurrence: { rule: 'thứ Năm hằng tuần', from: TODAY, to: '2026-12-31' },
        publish: true,
      });
      expect(res.statusCode).toBe(201);
      const items = (res.json() as { items: Slot[] }).items;
      expect(items.map((s) => s.date)).toEqual(['2026-12-03', '2026-12-10', '2026-12-17', '2026-12-24', '2026-12-31']);
      expect(items.every((s) => s.status === 'published')).toBe(true);
      expect((await t.anonymous.get('/lich-tiep-cong-dan?donVi=DH.HTA')).body).toContain('Bộ phận một cửa UBND xã Hòa Tâm (phòng 2)');
    });

    it('refuses bad input with Vietnamese 400s', async () => {
      const cases: Array<[Record<string, unknown>, RegExp]> = [
        [slotBody({ startTime: '11:00', endTime: '08:00' }), /Giờ kết thúc phải sau giờ bắt đầu/],
        [slotBody({ startTime: '7h30' }), /Giờ bắt đầu không hợp lệ/],
        [slotBody({ endTime: '25:00' }), /Giờ kết thúc không hợp lệ/],
        [slotBody({ date: '2026-11-29' }), /ngày đã qua/],
        [slotBody({ date: '30/12/2026' }), /Ngày tiếp công dân không hợp lệ/],
        [slotBody({ officerName: '' }), /họ tên người tiếp/],
        [slotBody({ place: '   ' }), /địa điểm/],
        [slotBody({ date: undefined, recurrence: { rule: 'khi nào rảnh', from: TODAY, to: '2026-12-31' } }), /Không hiểu lịch lặp/],
        [slotBody({ date: undefined }), /Cần ghi ngày tiếp công dân/],
      ];
      for (const [body, message] of cases) {
        const res = await hoavinh.post('/api/v1/reception-slots', body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect((res.json() as ErrorBody).error.message).toMatch(message);
      }
      const badKind = await hoavinh.post('/api/v1/reception-slots', slotBody({ kind: 'weekly' }));
      expect(badKind.statusCode).toBe(400);
    });

    it('answers 403 outside the actor’s scope or role', async () => {
      expect((await hoavinh.post('/api/v1/reception-slots', slotBody({ unitId: unit['DH.HTA'] }))).statusCode).toBe(403);
      expect((await mattran.post('/api/v1/reception-slots', slotBody())).statusCode).toBe(403);
      expect((await noivu.post('/api/v1/reception-slots', slotBody({ unitId: unit['PY.SNV'] }))).statusCode).toBe(403);
      const hta = ((await noivu.get(`/api/v1/reception-slots?unitId=${unit['DH.HTA']}`)).json() as { items: Slot[] }).items;
      expect(hta.length).toBeGreaterThan(0);
      expect((await hoavinh.post(`/api/v1/reception-slots/${hta[0]!.id}/cancel`, { reason: 'thử' })).statusCode).toBe(403);
      expect((await hoavinh.get(`/api/v1/reception-slots?unitId=${unit['DH.HTA']}`)).statusCode).toBe(403);
      // The ward officer's own list holds only the ward's slots, drafts included.
      const mine = ((await hoavinh.get('/api/v1/reception-slots')).json() as { items: Slot[] }).items;
      expect(mine.length).toBeGreaterThan(0);
      expect(new Set(mine.map((s) => s.unitId))).toEqual(new Set([unit['DH.HV']]));
      expect(mine.some((s) => s.status === 'draft')).toBe(true);
      expect((await t.anonymous.get('/api/v1/reception-slots')).statusCode).toBe(401);
    });
  });

  describe('the iCalendar feed', () => {
    it('is valid RFC 5545 with the published and cancelled slots only', async () => {
      const res = await t.anonymous.get('/lich-tiep-cong-dan.ics?donVi=DH.HV');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
      const ics = res.body;
      expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
      expect(ics).toContain('BEGIN:VTIMEZONE\r\nTZID:Asia/Ho_Chi_Minh');
      for (const line of ics.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
      const parsed = parseCalendar(ics);
      const staff = ((await hoavinh.get(`/api/v1/reception-slots?from=${TODAY}&to=2027-02-22`)).json() as { items: Slot[] }).items;
      const publicSlots = staff.filter((s) => s.status !== 'draft');
      expect(parsed.events).toHaveLength(publicSlots.length);
      const uids = parsed.events.map((ev) => ev.find((p) => p.name === 'UID')!.value);
      expect(new Set(uids).size).toBe(uids.length);
      for (const ev of parsed.events) {
        const start = ev.find((p) => p.name === 'DTSTART')!;
        expect(start.params.TZID).toBe('Asia/Ho_Chi_Minh');
        expect(start.value).toMatch(/^\d{8}T\d{6}$/);
        expect(ev.find((p) => p.name === 'DTSTAMP')!.value).toMatch(/^\d{8}T\d{6}Z$/);
      }
      const cancelled = parsed.events.filter((ev) => ev.some((p) => p.name === 'STATUS' && p.value === 'CANCELLED'));
      expect(cancelled.length).toBe(publicSlots.filter((s) => s.status === 'cancelled').length);
      expect(cancelled.length).toBeGreaterThan(0);
      const locations = parsed.events.map((ev) => unescapeText(ev.find((p) => p.name === 'LOCATION')!.value));
      expect(locations).toContain('Bộ phận tiếp nhận và trả kết quả, UBND phường Hòa Vinh');
      expect(ics).not.toContain('Dự kiến, chưa công bố');
      expect(res.headers['content-disposition']).toContain('lich-tiep-cong-dan-DH.HV.ics');
      expect((await t.anonymous.get('/lich-tiep-cong-dan.ics?donVi=KHONG.CO')).statusCode).toBe(404);
    });
  });

  describe('open data', () => {
    it('offers the schedule as JSON and CSV, officers’ work phones included, nothing else personal', async () => {
      const json = await t.anonymous.get('/du-lieu/lich-tiep-cong-dan.json?donVi=DH.HV');
      expect(json.statusCode).toBe(200);
      expect(json.headers['content-type']).toContain('application/json');
      const data = json.json() as { items: Array<Record<string, unknown>> };
      expect(data.items.length).toBeGreaterThan(3);
      expect(Object.keys(data.items[0]!).sort()).toEqual(
        ['cancelReason', 'date', 'endTime', 'id', 'kind', 'kindLabel', 'note', 'officerName', 'officerTitle', 'officerWorkPhone', 'place', 'startTime', 'status', 'unitCode', 'unitName', 'weekday'].sort(),
      );
      expect(data.items.every((i) => i.status !== 'draft')).toBe(true);
      const csv = await t.anonymous.get('/du-lieu/lich-tiep-cong-dan.csv');
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.body.startsWith('\uFEFFMã đơn vị,Đơn vị,Ngày,Thứ,')).toBe(true);
      expect(csv.body).toContain('Phạm Thị Hoa');
      expect(csv.body).toMatch(/\d{2}\/\d{2}\/\d{4},Thứ /);
    });

    it('offers the procedures as JSON and CSV', async () => {
      const json = (await t.anonymous.get('/du-lieu/thu-tuc-hanh-chinh.json?donVi=DH.HV')).json() as { items: Array<Record<string, unknown>> };
      expect(json.items).toHaveLength(15);
      expect(json.items.find((p) => p.code === '1.001193')).toMatchObject({ name: 'Đăng ký khai sinh', field: 'Hộ tịch', unitCode: 'DH.HV' });
      const csv = await t.anonymous.get('/du-lieu/thu-tuc-hanh-chinh.csv');
      expect(csv.statusCode).toBe(200);
      expect(csv.body.split('\r\n').filter(Boolean)).toHaveLength(31); // header + 30 procedures
      expect(csv.body).toContain('"Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất, nhà ở"');
    });
  });

  describe('administrative procedures', () => {
    it('lists and searches without diacritics, showing any input escaped', async () => {
      const all = await t.anonymous.get('/thu-tuc-hanh-chinh');
      expect(all.statusCode).toBe(200);
      expect(all.body).toContain('30 thủ tục');
      const found = await t.anonymous.get('/thu-tuc-hanh-chinh?q=chung%20thuc%20ban%20sao');
      expect(found.body).toContain('Chứng thực bản sao từ bản chính giấy tờ, văn bản');
      expect(found.body).not.toContain('Đăng ký khai sinh');
      expect(found.body).toContain('2 thủ tục');
      const xss = await t.anonymous.get(`/thu-tuc-hanh-chinh?q=${encodeURIComponent(XSS)}`);
      expect(xss.statusCode).toBe(200);
      expect(xss.body).not.toContain('<img src=x');
      expect(xss.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      const sql = await t.anonymous.get(`/thu-tuc-hanh-chinh?q=${encodeURIComponent(SQL)}`);
      expect(sql.statusCode).toBe(200);
      expect(sql.body).toContain('0 thủ tục');
      expect(sql.body).toContain('&#39; OR &#39;1&#39;=&#39;1&#39; --; DROP TABLE dossiers;');
    });

    it('imports procedures for units in scope only', async () => {
      const item = { unitId: unit['DH.HV'], code: '1.009999', name: 'Thủ tục thử nghiệm', field: 'Thử nghiệm', processingDays: 5, fee: null };
      const ok = await hoavinh.post('/api/v1/procedures/import', { items: [item] });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toEqual({ created: 1, updated: 0, unchanged: 0 });
      expect((await hoavinh.post('/api/v1/procedures/import', { items: [{ ...item, processingDays: 7 }] })).json()).toEqual({ created: 0, updated: 1, unchanged: 0 });
      expect((await hoavinh.post('/api/v1/procedures/import', { items: [{ ...item, unitId: unit['DH.HTA'] }] })).statusCode).toBe(403);
      const bad = await hoavinh.post('/api/v1/procedures/import', { items: [item, { ...item, code: '1.0', name: '' }] });
      expect(bad.statusCode).toBe(400);
      expect((bad.json() as ErrorBody).error.message).toMatch(/^Dòng 2: .*cần ghi tên thủ tục/);
    });
  });

  describe('dossier lookup (/tra-cuu)', () => {
    let demo: Dossier[];
    beforeAll(async () => {
      demo = ((await hoavinh.get('/api/v1/dossiers')).json() as { items: Dossier[] }).items;
    });

    it('has the demo dossiers, in every state, for the ward officer only in her ward', () => {
      expect(demo).toHaveLength(20);
      expect(demo.every((d) => d.unitId === unit['DH.HV'])).toBe(true);
      expect(new Set(demo.map((d) => d.publicStatus))).toEqual(new Set(['received', 'processing', 'supplement', 'resolved', 'returned', 'overdue']));
    });

    it('shows a dossier’s progress by code or receipt code, the applicant masked', async () => {
      const d = demo.find((x) => x.status === 'returned')!;
      const res = await t.anonymous.get(`/tra-cuu?ma=${encodeURIComponent(d.code)}`);
      expect(res.statusCode).toBe(200);
      const body = res.body;
      expect(body).toContain(d.procedureName);
      expect(body).toContain('Đã trả kết quả');
      expect(body).toMatch(/Ngày tiếp nhận<\/dt><dd>\d{2}\/\d{2}\/2026/);
      expect(body).toContain('Đã trả kết quả cho người nộp.');
      const [family, ...rest] = d.applicantName.split(' ');
      expect(body).toContain(`${family} ${rest.map((w) => `${w[0]}.`).join(' ')}`);
      expect(body).not.toContain(d.applicantName);
      const byReceipt = await t.anonymous.get(`/tra-cuu?ma=${d.receiptCode.toLowerCase()}`);
      expect(byReceipt.statusCode).toBe(200);
      expect(byReceipt.body).toContain(d.code);
      const overdue = demo.find((x) => x.publicStatus === 'overdue')!;
      expect((await t.anonymous.get(`/tra-cuu?ma=${overdue.code}`)).body).toContain('Quá hạn');
    });

    it('answers an unknown code with a friendly 404 page, any input shown escaped', async () => {
      const unknown = await t.anonymous.get('/tra-cuu?ma=000.00.14.H43-999999-9999');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.body).toContain('Không tìm thấy hồ sơ');
      expect(unknown.body).toContain('000.00.14.H43-999999-9999');
      expect(unknown.body).toContain('<form');
      for (const payload of [XSS, SQL, 'Hòa Vinh 😀 ǅ \u202Etxt', 'A'.repeat(5000)]) {
        const res = await t.anonymous.get(`/tra-cuu?ma=${encodeURIComponent(payload)}`);
        expect(res.statusCode, payload.slice(0, 20)).toBe(404);
        expect(res.body).not.toContain('<img src=x');
        expect(res.body).not.toContain('<script>alert');
        expect(res.body.length).toBeLessThan(20_000);
      }
      const sql = await t.anonymous.get(`/tra-cuu?ma=${encodeURIComponent(SQL)}`);
      expect(sql.body).toContain('&#39; OR &#39;1&#39;=&#39;1&#39; --; DROP TABLE dossiers;');
      const xss = await t.anonymous.get(`/tra-cuu?ma=${encodeURIComponent(XSS)}`);
      expect(xss.body).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
      // The table is still there.
      expect(((await hoavinh.get('/api/v1/dossiers')).json() as { items: unknown[] }).items).toHaveLength(20);
      const form = await t.anonymous.get('/tra-cuu');
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('<label for="ma">');
    });

    it('lets the ward officer enter and move on a dossier; others get 403, a used code 409', async () => {
      const procedures = (await t.anonymous.get('/du-lieu/thu-tuc-hanh-chinh.json?donVi=DH.HV')).json() as { items: Array<{ code: string }> };
      expect(procedures.items.length).toBeGreaterThan(0);
      const procedureId = demo.find((d) => d.procedureName === 'Cấp Giấy xác nhận tình trạng hôn nhân')?.procedureId ?? demo[0]!.procedureId;
      const body = {
        unitId: unit['DH.HV'],
        procedureId,
        code: '000.31.14.H43-261130-0099',
        receiptCode: 'HV260099',
        applicantName: 'Trần Thị Ngọc Ánh',
        receivedDate: TODAY,
      };
      expect((await noivu.post('/api/v1/dossiers', body)).statusCode).toBe(403);
      const created = await hoavinh.post('/api/v1/dossiers', body);
      expect(created.statusCode).toBe(201);
      const d = created.json() as Dossier;
      expect(d).toMatchObject({ status: 'received', code: '000.31.14.H43-261130-0099' });
      expect((await hoavinh.post('/api/v1/dossiers', { ...body, receiptCode: 'HV260100' })).statusCode).toBe(409);
      const badDate = await hoavinh.post('/api/v1/dossiers', { ...body, code: 'X-1000', receiptCode: 'X1000', receivedDate: '31/12/2026' });
      expect(badDate.statusCode).toBe(400);
      expect((badDate.json() as ErrorBody).error.message).toContain('Ngày tiếp nhận không hợp lệ');

      const moved = await hoavinh.request({ method: 'PATCH', url: `/api/v1/dossiers/${d.id}`, payload: { status: 'supplement', note: 'Thiếu bản sao sổ hộ khẩu' }, headers: { 'if-match': `"${d.version}"` } });
      expect(moved.statusCode).toBe(200);
      expect((moved.json() as Dossier).steps.map((s) => s.status)).toEqual(['received', 'supplement']);
      const stale = await hoavinh.request({ method: 'PATCH', url: `/api/v1/dossiers/${d.id}`, payload: { status: 'processing' }, headers: { 'if-match': `"${d.version}"` } });
      expect(stale.statusCode).toBe(409);
      expect((await noivu.patch(`/api/v1/dossiers/${d.id}`, { status: 'processing' })).statusCode).toBe(403);
      expect((await hoavinh.patch(`/api/v1/dossiers/${d.id}`, { status: 'overdue' })).statusCode).toBe(400);

      const page = await t.anonymous.get('/tra-cuu?ma=HV260099');
      expect(page.body).toContain('Chờ bổ sung');
      expect(page.body).toContain('Thiếu bản sao sổ hộ khẩu');
      expect(page.body).toContain('Trần T. N. Á.');
      expect(page.body).not.toContain('Ngọc Ánh');
    });
  });

  it('counts a procedure\'s processing time in working days, skipping public holidays (2/9)', async () => {
    const procedure = { unitId: unit['DH.HV'], code: '1.008888', name: 'Thủ tục đếm ngày làm việc', field: 'Thử nghiệm', processingDays: 5, fee: null };
    expect((await hoavinh.post('/api/v1/procedures/import', { items: [procedure] })).statusCode).toBe(200);
    const procedures = (await hoavinh.get('/api/v1/procedures?q=dem+ngay+lam+viec')).json() as { items: Array<{ id: number; code: string }> };
    const procedureId = procedures.items.find((p) => p.code === '1.008888')!.id;
    // Received Friday 28/08/2026: Mon 31/8, (1/9 and 2/9 off), Thu 3/9, Fri 4/9, Mon 7/9, Tue 8/9.
    const created = await hoavinh.post('/api/v1/dossiers', { unitId: unit['DH.HV'], procedureId, code: 'HV-LAMVIEC-0001', receiptCode: 'HVLV0001', applicantName: 'Võ Văn Tám', receivedDate: '2026-08-28' });
    expect(created.statusCode).toBe(201);
    expect((created.json() as { dueDate: string }).dueDate).toBe('2026-09-08');
  });

  it('imports a batch of dossiers with their steps, all or nothing, skipping codes already there', async () => {
    const demo = ((await hoavinh.get('/api/v1/dossiers')).json() as { items: Dossier[] }).items;
    const procedureId = demo[0]!.procedureId;
    const items = [
      { procedureId, code: 'HV-IMPORT-0001', receiptCode: 'HVI0001', applicantName: 'Phan Thanh Bình', receivedDate: '2026-11-02', steps: [{ status: 'processing', date: '2026-11-03' }, { status: 'resolved', date: '2026-11-09' }, { status: 'returned', date: '2026-11-10', note: 'Đã nhận' }] },
      { procedureId, code: 'HV-IMPORT-0002', receiptCode: 'HVI0002', applicantName: 'Lê Thị Hồng', receivedDate: '2026-11-25', dueDate: '2026-12-05' },
    ];
    expect((await noivu.post('/api/v1/dossiers/import', { unitId: unit['DH.HV'], items })).statusCode).toBe(403);
    const bad = await hoavinh.post('/api/v1/dossiers/import', { unitId: unit['DH.HV'], items: [items[1], { ...items[0], steps: [{ status: 'processing', date: '2026-10-01' }] }] });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as ErrorBody).error.message).toMatch(/^Hồ sơ thứ 2: /);
    expect((await t.anonymous.get('/tra-cuu?ma=HVI0002')).statusCode).toBe(404);
    const ok = await hoavinh.post('/api/v1/dossiers/import', { unitId: unit['DH.HV'], items });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ created: 2, skipped: 0 });
    expect((await hoavinh.post('/api/v1/dossiers/import', { unitId: unit['DH.HV'], items })).json()).toEqual({ created: 0, skipped: 2 });
    const page = (await t.anonymous.get('/tra-cuu?ma=hv-import-0001')).body;
    expect(page).toContain('Đã trả kết quả');
    expect(page).toContain('Ngày trả kết quả</dt><dd>10/11/2026');
    expect(page).toContain('Phan T. B.');
  });

  it('keeps the all-units schedule under 60 KB by showing the nearest slots, each unit whole on its own page', async () => {
    for (const day of ['Hai', 'Ba', 'Tư', 'Năm', 'Sáu']) {
      const res = await noivu.post('/api/v1/reception-slots', {
        ...slotBody({ unitId: unit['DH.HHB'], date: undefined, kind: 'regular', note: null, place: 'Bộ phận một cửa UBND phường Hòa Hiệp Bắc' }),
        recurrence: { rule: `thứ ${day} hằng tuần`, from: TODAY, to: '2027-01-10' },
        publish: true,
      });
      expect(res.statusCode).toBe(201);
    }
    const all = await t.anonymous.get('/lich-tiep-cong-dan');
    expect(all.body).toMatch(/Trang này hiển thị 60 trên \d+ buổi tiếp gần nhất/);
    expect(Buffer.byteLength(all.body)).toBeLessThan(60 * 1024);
    const hhb = await t.anonymous.get('/lich-tiep-cong-dan?donVi=DH.HHB');
    // Six weeks of five desk days, less Friday 01/01/2027 (Tết Dương lịch: domain/calendar/holidays.ts).
    expect(hhb.body.match(/Bộ phận một cửa UBND phường Hòa Hiệp Bắc/g)).toHaveLength(29);
    expect(hhb.body).not.toContain('Trang này hiển thị');
    expect(Buffer.byteLength(hhb.body)).toBeLessThan(60 * 1024);
  });

  it('pages the procedure list by 100 rows', async () => {
    const items = Array.from({ length: 120 }, (_, i) => ({ unitId: unit['DH.HTH'], code: `9.${String(i).padStart(6, '0')}`, name: `Thủ tục số ${i}`, field: 'Thử nghiệm', processingDays: 3, fee: null }));
    expect((await noivu.post('/api/v1/procedures/import', { items })).statusCode).toBe(200);
    const first = await t.anonymous.get('/thu-tuc-hanh-chinh?donVi=DH.HTH');
    expect(first.body).toContain('120 thủ tục');
    expect(first.body).toContain('(trang 1/2)');
    expect(first.body.match(/<tr><td>9\./g)).toHaveLength(100);
    expect(first.body).toContain('href="/thu-tuc-hanh-chinh?donVi=DH.HTH&amp;trang=2" rel="next"');
    const second = await t.anonymous.get('/thu-tuc-hanh-chinh?donVi=DH.HTH&trang=2');
    expect(second.body.match(/<tr><td>9\./g)).toHaveLength(20);
    expect(second.body).toContain('Thủ tục số 119');
    expect((await t.anonymous.get('/thu-tuc-hanh-chinh?donVi=DH.HTH&trang=3')).statusCode).toBe(404);
    // Open data is never paged.
    const json = (await t.anonymous.get('/du-lieu/thu-tuc-hanh-chinh.json?donVi=DH.HTH')).json() as { items: unknown[] };
    expect(json.items).toHaveLength(120);
  });

  it('lists the pages in sitemap.xml', async () => {
    const res = await t.anonymous.get('/sitemap.xml');
    for (const p of ['/lich-tiep-cong-dan', '/tra-cuu', '/thu-tuc-hanh-chinh']) expect(res.body).toContain(`${p}</loc>`);
  });
});

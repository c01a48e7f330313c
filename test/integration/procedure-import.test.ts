import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../support/engines.js';
import { createTestApp, type Client, type TestApp } from '../support/app.js';
import { multipart } from '../support/multipart.js';

/**
 * Procedures and dossiers imported from the one-stop desk's spreadsheets (XLSX and CSV), through the API on
 * both engines: columns found by Vietnamese headers, every bad cell named by line and column, nothing saved
 * from a bad file, and what was saved read back through the staff API and the public pages.
 */
interface Procedure {
  id: number;
  unitId: number;
  code: string;
  name: string;
  field: string;
  processingDays: number | null;
  fee: string | null;
}
interface Dossier {
  code: string;
  receiptCode: string;
  procedureCode: string;
  applicantName: string;
  receivedDate: string;
  dueDate: string;
  status: string;
  returnedDate: string | null;
  steps: Array<{ date: string; status: string }>;
}
type ErrorBody = { error: { code: string; message: string; details?: { problems?: Array<{ line: number; column: string; message: string }> } } };

// Monday 30/11/2026, 09:00 in Vietnam.
const clock = { now: () => new Date('2026-11-30T02:00:00Z') };

async function xlsx(title: string | null, rows: Array<Array<string | number | Date | null>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh mục');
  if (title) ws.addRow([title]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe.each(engines)('procedure and dossier import from XLSX/CSV on $name', (engine) => {
  let t: TestApp;
  let hoavinh: Client;
  let mattran: Client;
  let noivu: Client;
  let unit: Record<string, number>;

  beforeAll(async () => {
    t = await createTestApp(engine, { clock });
    [hoavinh, mattran, noivu] = await Promise.all([t.login('hoavinh'), t.login('mattran'), t.login('noivu')]);
    const units = (await noivu.get('/api/v1/units')).json() as Array<{ id: number; code: string }>;
    unit = Object.fromEntries(units.map((u) => [u.code, u.id]));
  });
  afterAll(async () => t?.close());

  const upload = (client: Client, url: string, unitId: number | string, file: { name: string; content: Uint8Array | string }) => {
    const body = multipart({ unitId: String(unitId) }, file);
    return client.request({ method: 'POST', url, payload: body.payload, headers: body.headers });
  };
  // Read as the coordinator, whose reach covers both communes.
  const procedures = async (unitCode: string) =>
    ((await noivu.get(`/api/v1/procedures?unitId=${unit[unitCode]}`)).json() as { items: Procedure[] }).items;

  describe('procedures', () => {
    it('imports an XLSX with a title above the header: creates, updates by code, reports what it ignored', async () => {
      const before = await procedures('DH.HV');
      expect(before.find((p) => p.code === '1.004746')?.processingDays).toBe(3);
      const file = await xlsx('DANH MỤC THỦ TỤC HÀNH CHÍNH CẤP XÃ', [
        ['STT', 'Mã thủ tục', 'Tên thủ tục hành chính', 'Lĩnh vực', 'Thời hạn giải quyết', 'Phí, lệ phí', 'Cơ quan thực hiện'],
        [1, '1.008901', 'Đăng ký thường trú', 'Đăng ký, quản lý cư trú', '07 ngày làm việc', '20.000 đồng', 'Công an cấp xã'],
        [2, '1.004746', 'Cấp Giấy xác nhận tình trạng hôn nhân', 'Hộ tịch', '05 ngày làm việc', '3.000 đồng', 'UBND cấp xã'],
        [3, '1.001193', 'Đăng ký khai sinh', 'Hộ tịch', 'Trong ngày', 'Miễn lệ phí', 'UBND cấp xã'],
        [4, '2.000305', 'Xác nhận đơn đề nghị cấp hỗ trợ', 'Bảo trợ xã hội', 'Không quy định', '', 'UBND cấp xã'],
      ]);
      const res = await upload(hoavinh, '/api/v1/procedures/import/file', unit['DH.HV']!, { name: 'danh-muc.xlsx', content: file });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ rows: 4, created: 2, updated: 1, unchanged: 1, ignoredColumns: ['Cơ quan thực hiện'] });

      const after = await procedures('DH.HV');
      expect(after.length).toBe(before.length + 2);
      const byCode = new Map(after.map((p) => [p.code, p]));
      expect(byCode.get('1.008901')).toMatchObject({ name: 'Đăng ký thường trú', field: 'Đăng ký, quản lý cư trú', processingDays: 7, fee: '20.000 đồng' });
      expect(byCode.get('1.004746')?.processingDays).toBe(5);
      expect(byCode.get('2.000305')).toMatchObject({ processingDays: null, fee: null });
      // Another unit's list is untouched.
      expect((await procedures('DH.HTA')).some((p) => p.code === '1.008901')).toBe(false);

      // Published at once on the public list, found without diacritics.
      const page = await t.anonymous.get('/thu-tuc-hanh-chinh?q=dang%20ky%20thuong%20tru&donVi=DH.HV');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Đăng ký thường trú');
      expect(page.body).toContain('7 ngày');
      // Staff search folds diacritics too.
      const found = (await hoavinh.get(`/api/v1/procedures?unitId=${unit['DH.HV']}&q=thuong%20tru`)).json() as { items: Procedure[] };
      expect(found.items.map((p) => p.code)).toEqual(['1.008901']);
    });

    it('imports a CSV written without diacritics, separated by semicolons, with a BOM', async () => {
      const csv = '\uFEFFMa TTHC;Ten thu tuc;Linh vuc;Thoi han;Le phi\r\n' + '1.009994;Cấp Giấy phép xây dựng nhà ở riêng lẻ;Xây dựng;"15 ngày làm việc";"75.000 đồng/giấy phép"\r\n';
      const res = await upload(hoavinh, '/api/v1/procedures/import/file', unit['DH.HV']!, { name: 'thu-tuc.csv', content: csv });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ rows: 1, created: 1, updated: 0, ignoredColumns: [] });
      const saved = (await procedures('DH.HV')).find((p) => p.code === '1.009994');
      expect(saved).toMatchObject({ name: 'Cấp Giấy phép xây dựng nhà ở riêng lẻ', field: 'Xây dựng', processingDays: 15, fee: '75.000 đồng/giấy phép' });
    });

    it('refuses a file with bad cells with 422, naming each line and column in Vietnamese, and saves nothing', async () => {
      const before = await procedures('DH.HV');
      const csv = [
        'Mã thủ tục,Tên thủ tục,Lĩnh vực,Thời hạn giải quyết,Phí',
        '1.777001,Thủ tục hợp lệ đứng trước,Hộ tịch,3,',
        '1.777002,Thủ tục có thời hạn lạ,Hộ tịch,ba ngày,',
        '1.777003,,Hộ tịch,2,',
        '1.777001,Trùng mã,Hộ tịch,2,',
        '1.777004,Thời hạn tính bằng tháng,Đất đai,03 tháng,',
      ].join('\n');
      const res = await upload(hoavinh, '/api/v1/procedures/import/file', unit['DH.HV']!, { name: 'loi.csv', content: csv });
      expect(res.statusCode).toBe(422);
      const body = res.json() as ErrorBody;
      expect(body.error.code).toBe('invalid_rows');
      expect(body.error.message).toContain('Dòng 3, cột D «Thời hạn giải quyết»: «ba ngày» không phải là số ngày làm việc');
      expect(body.error.message).toContain('và 3 lỗi khác; chưa lưu dòng nào');
      const problems = body.error.details!.problems!;
      expect(problems.map((p) => [p.line, p.column])).toEqual([
        [3, 'D «Thời hạn giải quyết»'],
        [4, 'B «Tên thủ tục»'],
        [5, 'A «Mã thủ tục»'],
        [6, 'D «Thời hạn giải quyết»'],
      ]);
      expect(problems[1]!.message).toContain('cần ghi tên thủ tục');
      expect(problems[2]!.message).toContain('trùng với dòng 2');
      // All or nothing: the good first line was not saved either.
      const after = await procedures('DH.HV');
      expect(after.length).toBe(before.length);
      expect(after.some((p) => p.code === '1.777001')).toBe(false);
    });

    it('names the missing columns, and refuses files that are not tables', async () => {
      const missing = await upload(hoavinh, '/api/v1/procedures/import/file', unit['DH.HV']!, { name: 'thieu.csv', content: 'Mã thủ tục,Tên thủ tục\n1.1,Một thủ tục\n' });
      expect(missing.statusCode).toBe(422);
      expect((missing.json() as ErrorBody).error.message).toContain('Tệp thiếu cột «Lĩnh vực»');

      const pdf = await upload(hoavinh, '/api/v1/procedures/import/file', unit['DH.HV']!, { name: 'a.pdf', content: Buffer.from('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n', 'latin1') });
      expect(pdf.statusCode).toBe(400);
      expect((pdf.json() as ErrorBody).error.message).toContain('không phải bảng Excel (.xlsx) hay CSV');

      const empty = await upload(hoavinh, '/api/v1/procedures/import/file', unit['DH.HV']!, { name: 'rong.csv', content: '' });
      expect(empty.statusCode).toBe(400);
      expect((empty.json() as ErrorBody).error.message).toContain('trống');

      const latin1 = await upload(hoavinh, '/api/v1/procedures/import/file', unit['DH.HV']!, { name: 'latin.csv', content: Buffer.from('Mã thủ tục,Tên,Lĩnh vực\n', 'latin1') });
      expect(latin1.statusCode).toBe(400);
      expect((latin1.json() as ErrorBody).error.message).toContain('UTF-8');

      const broken = await upload(hoavinh, '/api/v1/procedures/import/file', unit['DH.HV']!, { name: 'hong.xlsx', content: Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(40)]) });
      expect([400, 422]).toContain(broken.statusCode);

      const noUnit = await upload(hoavinh, '/api/v1/procedures/import/file', 'abc', { name: 'x.csv', content: 'a' });
      expect(noUnit.statusCode).toBe(400);
      expect((noUnit.json() as ErrorBody).error.message).toContain('Chưa chọn đơn vị');
    });

    it('lets only the unit officer or the coordinator of its government import', async () => {
      const csv = 'Mã thủ tục,Tên thủ tục,Lĩnh vực\n1.888001,Thủ tục thử quyền,Hộ tịch\n';
      const other = await upload(hoavinh, '/api/v1/procedures/import/file', unit['DH.HTA']!, { name: 'x.csv', content: csv });
      expect(other.statusCode).toBe(403);
      const supervisor = await upload(mattran, '/api/v1/procedures/import/file', unit['DH.HV']!, { name: 'x.csv', content: csv });
      expect(supervisor.statusCode).toBe(403);
      const unknown = await upload(noivu, '/api/v1/procedures/import/file', 999_999, { name: 'x.csv', content: csv });
      expect(unknown.statusCode).toBe(404);
      const coordinator = await upload(noivu, '/api/v1/procedures/import/file', unit['DH.HTA']!, { name: 'x.csv', content: csv });
      expect(coordinator.statusCode, coordinator.body).toBe(200);
      expect((await procedures('DH.HTA')).some((p) => p.code === '1.888001')).toBe(true);
      const stranger = await t.anonymous.request({ method: 'POST', url: '/api/v1/procedures/import/file', ...multipart({ unitId: '1' }, { name: 'x.csv', content: csv }) });
      expect(stranger.statusCode).toBe(401);
    });
  });

  it('sign-in abilities of these screens follow the policy: officers do all three, the coordinator schedules and imports procedures, the supervisor none', async () => {
    const abilities = async (c: Client) => ((await c.get('/api/v1/auth/me')).json() as { abilities: Record<string, boolean> }).abilities;
    expect(await abilities(hoavinh)).toMatchObject({ scheduleReception: true, importProcedures: true, enterDossiers: true });
    expect(await abilities(noivu)).toMatchObject({ scheduleReception: true, importProcedures: true, enterDossiers: false });
    expect(await abilities(mattran)).toMatchObject({ scheduleReception: false, importProcedures: false, enterDossiers: false });
  });

  describe('dossiers', () => {
    const dossierOf = async (code: string) => {
      const all = ((await hoavinh.get(`/api/v1/dossiers?unitId=${unit['DH.HV']}`)).json() as { items: Dossier[] }).items;
      return all.find((d) => d.code === code);
    };

    it('imports an XLSX of dossiers with real dates and desk statuses; the public lookup finds them, masked', async () => {
      const file = await xlsx('SỔ THEO DÕI HỒ SƠ', [
        ['Mã hồ sơ', 'Mã biên nhận', 'Thủ tục', 'Người nộp hồ sơ', 'Số CCCD', 'Ngày tiếp nhận', 'Ngày hẹn trả', 'Trạng thái', 'Ngày trả kết quả'],
        ['000.31.14.H43-261120-0901', 'HV260901', '1.004746', 'Nguyễn Thị Hồng Nhung', '054203001234', utc('2026-11-20'), utc('2026-11-25'), 'Đã trả kết quả', utc('2026-11-24')],
        ['000.31.14.H43-261123-0902', 'HV260902', 'Cấp Giấy xác nhận tình trạng hôn nhân', 'Trần Văn Bảy', '054203009999', '23/11/2026', '', 'Chờ bổ sung', '26/11/2026'],
        ['000.31.14.H43-261124-0903', '', '1.001776', 'Lê Thị Ba', '', '2026-11-24', '', 'Đang xử lý', ''],
        ['000.31.14.H43-261101-0904', 'HV260904', '1.001776', 'Phạm Văn Tư', '', '01/11/2026', '05/11/2026', 'Quá hạn', ''],
      ]);
      const res = await upload(hoavinh, '/api/v1/dossiers/import/file', unit['DH.HV']!, { name: 'so-ho-so.xlsx', content: file });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ rows: 4, created: 4, skipped: 0, ignoredColumns: ['Số CCCD'] });

      const returned = await dossierOf('000.31.14.H43-261120-0901');
      expect(returned).toMatchObject({ receiptCode: 'HV260901', procedureCode: '1.004746', applicantName: 'Nguyễn Thị Hồng Nhung', receivedDate: '2026-11-20', dueDate: '2026-11-25', status: 'returned', returnedDate: '2026-11-24' });
      expect(returned!.steps.map((s) => [s.status, s.date])).toEqual([['received', '2026-11-20'], ['returned', '2026-11-24']]);
      const supplement = await dossierOf('000.31.14.H43-261123-0902');
      // 5 working days after Monday 23/11 (the procedure now takes 5 days: the XLSX above changed it).
      expect(supplement).toMatchObject({ status: 'supplement', dueDate: '2026-11-30', procedureCode: '1.004746' });
      const processing = await dossierOf('000.31.14.H43-261124-0903');
      expect(processing).toMatchObject({ receiptCode: '000.31.14.H43-261124-0903', status: 'processing' });
      expect(processing!.steps.map((s) => s.date)).toEqual(['2026-11-24', '2026-11-24']);

      const lookup = await t.anonymous.get('/tra-cuu?ma=HV260904');
      expect(lookup.statusCode).toBe(200);
      expect(lookup.body).toContain('Phạm V. T.');
      expect(lookup.body).not.toContain('Phạm Văn Tư');
      expect(lookup.body).toContain('Quá hạn');
      const nhung = await t.anonymous.get('/tra-cuu?ma=000.31.14.H43-261120-0901');
      expect(nhung.body).toContain('Nguyễn T. H. N.');
      expect(nhung.body).toContain('Đã trả kết quả');
      // The ID numbers in the file were never read, so they reach no page.
      for (const id of ['054203001234', '054203009999']) expect(nhung.body + lookup.body).not.toContain(id);

      // The same file again adds nothing.
      const again = await upload(hoavinh, '/api/v1/dossiers/import/file', unit['DH.HV']!, { name: 'so-ho-so.xlsx', content: file });
      expect(again.json()).toMatchObject({ created: 0, skipped: 4 });
    });

    it('refuses a dossier file with an unknown procedure, a bad date or status, naming line and column; saves nothing', async () => {
      const csv = [
        'Mã hồ sơ,Thủ tục,Họ tên,Ngày tiếp nhận,Trạng thái',
        '000.31.14.H43-261125-0911,1.004746,Võ Văn Một,25/11/2026,Đã tiếp nhận',
        '000.31.14.H43-261125-0912,9.999999,Võ Văn Hai,25/11/2026,Đã tiếp nhận',
        '000.31.14.H43-261125-0913,1.004746,Võ Văn Ba,31/11/2026,Đã tiếp nhận',
        '000.31.14.H43-261125-0914,1.004746,Võ Văn Bốn,25/11/2026,Đang ngủ',
        '000.31.14.H43-261125-0915,1.004746,Võ Văn Năm,25/11/2026,Đã trả kết quả',
      ].join('\r\n');
      const res = await upload(hoavinh, '/api/v1/dossiers/import/file', unit['DH.HV']!, { name: 'ho-so.csv', content: csv });
      expect(res.statusCode).toBe(422);
      const body = res.json() as ErrorBody;
      expect(body.error.message).toMatch(/^Dòng 3, cột B «Thủ tục»: không có thủ tục «9\.999999»/);
      expect(body.error.details!.problems!.map((p) => [p.line, p.column])).toEqual([
        [3, 'B «Thủ tục»'],
        [4, 'D «Ngày tiếp nhận»'],
        [5, 'E «Trạng thái»'],
        [6, '«Ngày trả kết quả»'],
      ]);
      expect(body.error.details!.problems![3]!.message).toContain('cần có ngày trả kết quả');
      expect(await dossierOf('000.31.14.H43-261125-0911')).toBeUndefined();
      const lookup = await t.anonymous.get('/tra-cuu?ma=000.31.14.H43-261125-0911');
      expect(lookup.statusCode).toBe(404);
    });
  });
});

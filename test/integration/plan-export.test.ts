import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planToDocx } from '../../src/export/plan-docx.js';
import type { PlanExportInput } from '../../src/export/plan-input.js';
import { planToXlsx } from '../../src/export/plan-xlsx.js';
import { readPlanFile, type PlanDraft } from '../../src/import/index.js';
import { createTestApp, type Client, type TestApp } from '../support/app.js';
import { dondoc } from '../support/cli.js';
import { engines } from '../support/engines.js';

/** Compare as the seed README says: ignoring whitespace and `<i>` tags. */
const same = (s: string | null | undefined) => (s ?? '').replace(/<\/?i>/g, '').replace(/\s+/g, '');

interface SavedTask {
  appendixId: number;
  no: string;
  section: string | null;
  dimension: string | null;
  subgroup: string | null;
  content: string;
  leadText: string;
  coordinatingText: string;
  output: string;
  deadlineText: string;
  notes: Record<string, string>;
}
interface SavedAppendix {
  id: number;
  label: string;
  windowFrom: string;
  windowTo: string;
}

/** Every difference between the re-imported draft and the saved tasks and appendix windows. */
function differences(draft: PlanDraft, appendices: SavedAppendix[], tasks: SavedTask[]): string[] {
  const out: string[] = [];
  if (draft.appendices.length !== appendices.length) out.push(`${draft.appendices.length} appendices ≠ ${appendices.length}`);
  for (const saved of appendices) {
    const a = draft.appendices.find((x) => (x.label ?? '') === saved.label);
    if (!a) {
      out.push(`appendix ${saved.label}: missing`);
      continue;
    }
    if (a.window.from !== saved.windowFrom || a.window.to !== saved.windowTo) {
      out.push(`appendix ${saved.label}: window ${a.window.from}–${a.window.to} ≠ ${saved.windowFrom}–${saved.windowTo}`);
    }
    const mine = tasks.filter((t) => t.appendixId === saved.id);
    if (a.tasks.length !== mine.length) out.push(`appendix ${saved.label}: ${a.tasks.length} tasks ≠ ${mine.length}`);
    mine.forEach((s, i) => {
      const d = a.tasks[i];
      const where = `${saved.label}/${s.no}`;
      if (!d) return void out.push(`${where}: missing`);
      const pairs: Array<[string, unknown, unknown]> = [
        ['no', d.no, s.no],
        ['section', d.section, s.section],
        ['dimension', d.dimension, s.dimension],
        ['subgroup', same(d.subgroup), same(s.subgroup)],
        ['content', same(d.content), same(s.content)],
        ['lead', same(d.lead), same(s.leadText)],
        ['coordinating', same(d.coordinating), same(s.coordinatingText)],
        ['output', same(d.output), same(s.output)],
        ['deadline', same(d.deadline.text), same(s.deadlineText)],
        ['notes', JSON.stringify(d.notes ?? {}), JSON.stringify(s.notes ?? {})],
      ];
      for (const [k, x, y] of pairs) if (x !== y) out.push(`${where} ${k}: «${String(x)}» ≠ «${String(y)}»`);
    });
  }
  return out;
}

const unzipText = (bytes: Uint8Array) => {
  const files = unzipSync(bytes);
  return (name: string) => strFromU8(files[name]!);
};

describe.each(engines)('plan export on $name', (engine) => {
  let t: TestApp;
  let noivu: Client;
  let planId: number;
  let plan: { title: string; number: string | null; year: number | null; bases: string[]; appendices: SavedAppendix[] };
  let tasks: SavedTask[];
  const files: Partial<Record<'docx' | 'xlsx', Uint8Array>> = {};

  beforeAll(async () => {
    t = await createTestApp(engine);
    noivu = await t.login('noivu');
    planId = ((await noivu.get('/api/v1/plans')).json() as Array<{ id: number }>)[0]!.id;
    plan = (await noivu.get(`/api/v1/plans/${planId}`)).json() as typeof plan;
    tasks = (await noivu.get(`/api/v1/plans/${planId}/tasks`)).json() as SavedTask[];
    expect(tasks).toHaveLength(104);
  });
  afterAll(async () => t?.close());

  it('answers 401 without a session and 404 for an unknown plan', async () => {
    for (const ext of ['docx', 'xlsx']) {
      const anonymous = await t.anonymous.get(`/api/v1/plans/${planId}/export.${ext}`);
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json()).toMatchObject({ error: { code: 'unauthenticated' } });
      const unknown = await noivu.get(`/api/v1/plans/999999/export.${ext}`);
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toMatchObject({ error: { code: 'not_found', message: expect.stringMatching(/Không tìm thấy kế hoạch/) } });
    }
  });

  it.each([
    ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ] as const)('exports .%s that imports back to the same 104 tasks and windows', async (ext, mime) => {
    const res = await noivu.get(`/api/v1/plans/${planId}/export.${ext}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(mime);
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toMatch(new RegExp(`^attachment; filename="[\\x20-\\x7e]+\\.${ext}"; filename\\*=UTF-8''`));
    const name = decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)![1]!);
    expect(name).toMatch(new RegExp(`^Kế hoạch .+\\.${ext}$`));
    const bytes = new Uint8Array(res.rawPayload);
    files[ext] = bytes;

    const draft = await readPlanFile(bytes, name);
    expect(differences(draft, plan.appendices, tasks)).toEqual([]);
    expect(draft.appendices.flatMap((a) => a.tasks)).toHaveLength(104);
    // The header reads back too: issuer, title, year, bases.
    expect(draft.plan).toMatchObject({ issuer: 'UBND thị xã Đông Hòa', title: plan.title, number: plan.number, year: plan.year, place: 'Đông Hòa' });
    expect(draft.plan.bases).toEqual(plan.bases);
    // Section titles are the seed's own, read from the stored source file.
    expect(draft.appendices[0]!.sections.map((s) => `${s.label} ${s.title}`)).toContain('II Công khai, minh bạch');
    expect(draft.appendices[0]!.sections.map((s) => s.title)).toContain('Chỉ số Quản trị môi trường');
  });

  it('lays the .docx out as ND 30/2020 asks: A4 landscape tables, Times New Roman, repeated header row, merged section rows, national motto', async () => {
    const bytes = files.docx ?? new Uint8Array((await noivu.get(`/api/v1/plans/${planId}/export.docx`)).rawPayload);
    const part = unzipText(bytes);
    const document = part('word/document.xml');
    const sections = [...document.matchAll(/<w:sectPr\b.*?<\/w:sectPr>/gs)].map((m) => m[0]);
    expect(sections).toHaveLength(3); // the header pages, Phụ lục I, Phụ lục II
    expect(sections[0]).toMatch(/<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/);
    for (const s of sections.slice(1)) expect(s).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    for (const s of sections) expect(s).toMatch(/<w:pgMar w:top="1134" w:right="851" w:bottom="1134" w:left="1701"/); // 20/15/20/30 mm
    expect(sections[0]).toContain('<w:titlePg/>'); // no page number on the first page

    // Times New Roman 13 pt for the document, 12 pt in the tables (a paragraph style), and no other font anywhere.
    const styles = part('word/styles.xml');
    expect(styles).toMatch(/<w:docDefaults>.*w:ascii="Times New Roman".*<w:sz w:val="26"\/>.*<\/w:docDefaults>/s);
    expect(styles).toMatch(/w:styleId="BangNhiemVu">.*?w:ascii="Times New Roman".*?<w:sz w:val="24"\/>.*?<\/w:style>/s);
    const fonts = new Set([...`${styles}${document}`.matchAll(/w:(?:ascii|hAnsi|cs|eastAsia)="([^"]+)"/g)].map((m) => m[1]));
    expect([...fonts]).toEqual(['Times New Roman']);
    expect(document).toContain('<w:pStyle w:val="BangNhiemVu"/>');

    expect(document).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(document).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(document).toContain('>ỦY BAN NHÂN DÂN<');
    expect(document).toContain('>THỊ XÃ ĐÔNG HÒA<');
    expect(document).toMatch(/>Số: +\/KH-UBND</);
    expect(document).toMatch(/>Đông Hòa, ngày +tháng +năm 2021</);
    expect(document).toContain('>KẾ HOẠCH<');

    const tables = [...document.matchAll(/<w:tbl>.*?<\/w:tbl>/gs)].map((m) => m[0]);
    const taskTables = tables.filter((x) => x.includes('Nội dung nhiệm vụ'));
    expect(taskTables).toHaveLength(2);
    for (const table of taskTables) {
      const rows = [...table.matchAll(/<w:tr>.*?<\/w:tr>/gs)].map((m) => m[0]);
      expect(rows[0]).toContain('<w:tblHeader/>');
      for (const h of ['TT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Kết quả thực hiện', 'Thời gian hoàn thành']) {
        expect(rows[0]).toContain(`>${h}<`);
      }
      // Section rows: the roman numeral, then the title in bold merged across the other five columns.
      const sectionRows = rows.filter((r) => r.includes('<w:gridSpan w:val="5"/>'));
      expect(sectionRows).toHaveLength(8);
      expect(sectionRows[0]).toMatch(/>I<\/w:t>.*<w:b\/>.*>Tham gia người dân ở cấp cơ sở</s);
    }
    // Sub-group rows in italics.
    expect(taskTables[0]).toMatch(/<w:i\/>(?:(?!<\/w:r>).)*>Công khai danh sách hộ nghèo</s);
  });

  it('lays the .xlsx out: a sheet per appendix, bold frozen header row repeated when printed, merged section rows, A4 landscape', async () => {
    const bytes = files.xlsx ?? new Uint8Array((await noivu.get(`/api/v1/plans/${planId}/export.xlsx`)).rawPayload);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Kế hoạch', 'Phụ lục I', 'Phụ lục II']);

    const cover = wb.getWorksheet('Kế hoạch')!;
    const coverTexts = cover.getSheetValues().flat().filter((v): v is string => typeof v === 'string');
    expect(coverTexts).toEqual(expect.arrayContaining(['ỦY BAN NHÂN DÂN', 'THỊ XÃ ĐÔNG HÒA', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'KẾ HOẠCH']));

    for (const [name, count] of [['Phụ lục I', 34], ['Phụ lục II', 70]] as const) {
      const ws = wb.getWorksheet(name)!;
      expect(ws.getCell('A1').value).toBe(name.toUpperCase());
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '5:5' });
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
      const header = ws.getRow(5);
      expect([1, 2, 3, 4, 5, 6].map((c) => header.getCell(c).value)).toEqual([
        'TT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Kết quả thực hiện', 'Thời gian hoàn thành',
      ]);
      expect(header.getCell(2).font).toMatchObject({ bold: true, name: 'Times New Roman' });
      expect(ws.getCell('B7').font?.name).toBe('Times New Roman');
      expect(ws.getCell('B7').alignment?.wrapText).toBe(true);
      // Section rows: "I" in column A, the title merged over B:F, in bold.
      const merges = (ws.model as { merges: string[] }).merges;
      expect(ws.getCell('A6').value).toBe('I');
      expect(merges).toContain('B6:F6');
      expect(ws.getCell('B6').value).toBe('Tham gia người dân ở cấp cơ sở');
      expect(ws.getCell('B6').font?.bold).toBe(true);
      expect(merges.filter((m) => /^B\d+:F\d+$/.test(m))).toHaveLength(8);
      let numbered = 0;
      ws.eachRow((row, r) => {
        if (r > 5 && /^\d+$/.test(String(row.getCell(1).value ?? ''))) numbered++;
      });
      expect(numbered).toBe(count);
    }
  });
});

describe('plan export of a plan with everything the layout allows', () => {
  const input: PlanExportInput = {
    plan: {
      number: '125/KH-PNV',
      title: 'Cải thiện Chỉ số PAPI năm 2022',
      issuedOn: '2022-02-05',
      year: 2022,
      periodFrom: '2022-01-01',
      periodTo: '2022-12-31',
      bases: ['Luật Tổ chức chính quyền địa phương ngày 19/6/2015', 'Kế hoạch số 12/KH-UBND ngày 10/01/2022 của UBND thị xã Đông Hòa'],
    },
    issuerName: 'Phòng Nội vụ',
    parentIssuerName: 'UBND thị xã Đông Hòa',
    place: 'Đông Hòa',
    appendices: [
      {
        label: 'I',
        title: 'CÁC NHIỆM VỤ NĂM 2022',
        windowFrom: '2022-01-01',
        windowTo: '2022-12-31',
        tasks: [
          {
            no: '1', section: 'A', sectionTitle: 'Công khai, minh bạch', dimension: 'transparency', subgroup: 'Công khai ngân sách cấp xã',
            content: 'Công khai thu, chi ngân sách (<i>theo Thông tư 343/2016/TT-BTC</i>).\n- Niêm yết tại trụ sở;\n- Đăng trên trang thông tin điện tử.',
            leadText: 'UBND các xã, phường', coordinatingText: 'Phòng Tài chính-Kế hoạch', output: '<i>Bảng công khai</i>',
            deadlineText: 'Quý I/2022', notes: { 'Ghi chú': 'Trọng tâm' },
          },
          {
            no: '2', section: 'A', sectionTitle: 'Công khai, minh bạch', dimension: 'transparency', subgroup: 'Công khai ngân sách cấp xã',
            content: 'Kiểm tra việc công khai.', leadText: 'Phòng Tài chính-Kế hoạch', coordinatingText: '', output: 'Kết luận kiểm tra',
            deadlineText: 'Quý IV/2022', notes: {},
          },
          {
            no: '3', section: 'B', dimension: 'e_governance', subgroup: null,
            content: 'Cập nhật trang thông tin điện tử.', leadText: 'Phòng Văn hóa và Thông tin', coordinatingText: 'Các cơ quan, đơn vị',
            output: 'Trang tin được cập nhật', deadlineText: 'Thường xuyên', notes: { 'Kinh phí': '20 triệu đồng' },
          },
        ],
      },
    ],
  };

  it.each(['docx', 'xlsx'] as const)('reads its .%s back: header, sections, sub-groups, lines, italics and notes', async (ext) => {
    const bytes = ext === 'docx' ? await planToDocx(input) : await planToXlsx(input);
    const draft = await readPlanFile(bytes, `ke-hoach.${ext}`);
    expect(draft.plan).toMatchObject({ number: '125/KH-PNV', date: '2022-02-05', issuer: 'Phòng Nội vụ', place: 'Đông Hòa', title: input.plan.title });
    expect(draft.plan.bases).toEqual(input.plan.bases);
    const [a] = draft.appendices;
    expect(a).toMatchObject({ label: 'I', window: { from: '2022-01-01', to: '2022-12-31' } });
    expect(a!.sections).toEqual([
      { label: 'A', title: 'Công khai, minh bạch', dimension: 'transparency' },
      { label: 'B', title: 'Quản trị điện tử', dimension: 'e_governance' },
    ]);
    const [t1, t2, t3] = a!.tasks;
    expect(t1).toMatchObject({
      no: '1', section: 'A', dimension: 'transparency', subgroup: 'Công khai ngân sách cấp xã',
      content: input.appendices[0]!.tasks[0]!.content, output: '<i>Bảng công khai</i>', notes: { 'Ghi chú': 'Trọng tâm' },
    });
    expect(t1!.deadline.text).toBe('Quý I/2022');
    expect(t2).toMatchObject({ no: '2', subgroup: 'Công khai ngân sách cấp xã', coordinating: '' });
    expect(t2!.notes).toBeUndefined();
    expect(t3).toMatchObject({ no: '3', section: 'B', dimension: 'e_governance', subgroup: null, notes: { 'Kinh phí': '20 triệu đồng' } });
    if (ext === 'docx') {
      const document = unzipText(bytes)('word/document.xml');
      expect(document).toContain('>UBND THỊ XÃ ĐÔNG HÒA<');
      expect(document).toContain('>PHÒNG NỘI VỤ<');
      expect(document).toContain('>Đông Hòa, ngày 05 tháng 02 năm 2022<');
      expect(document).toContain('>Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;<');
      expect(document).toContain('>Thực hiện Kế hoạch số 12/KH-UBND ngày 10/01/2022 của UBND thị xã Đông Hòa.<');
      expect(document).toContain('<w:gridSpan w:val="7"/>'); // a section row over the seven other columns
    }
  });
});

describe('dondoc export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dondoc-export-'));
  const db = `sqlite:${join(dir, 'dondoc.sqlite')}`;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the demo plan as .docx and .xlsx, and refuses an unknown plan or format', async () => {
    expect((await dondoc('demo', '--db', db, '--password', 'P')).code).toBe(0);
    for (const format of ['docx', 'xlsx'] as const) {
      const out = join(dir, `ke-hoach.${format}`);
      const run = await dondoc('export', '1', '--format', format, '--out', out, '--db', db);
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('Đã xuất kế hoạch 1');
      const draft = await readPlanFile(new Uint8Array(readFileSync(out)), `ke-hoach.${format}`);
      expect(draft.appendices.map((a) => a.tasks.length)).toEqual([34, 70]);
    }
    const unknown = await dondoc('export', '99', '--out', join(dir, 'x.docx'), '--db', db);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Không tìm thấy kế hoạch có mã số 99/);
    const pdf = await dondoc('export', '1', '--format', 'pdf', '--db', db);
    expect(pdf.code).toBe(1);
    expect(pdf.stderr).toMatch(/docx hoặc xlsx/);
  });
});

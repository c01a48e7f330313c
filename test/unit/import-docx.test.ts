import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { zipSync, strToU8 } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDocxDocument } from '../../src/import/docx-reader.js';
import type { DraftTask, PlanDraft } from '../../src/import/draft.js';
import type { DocTable } from '../../src/import/model.js';
import { readPlanFile } from '../../src/import/index.js';
import { buildNumberedDocx, buildSeedDocx, compareWithGold, NOTES_II } from '../support/seed-documents.js';

/** A minimal .docx around a WordprocessingML body. */
function docxOf(body: string): Uint8Array {
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    'word/document.xml': strToU8(xml),
  });
}
const p = (text: string, italic = false) => `<w:p><w:r>${italic ? '<w:rPr><w:i/></w:rPr>' : ''}<w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const tc = (inner: string, props = '') => `<w:tc><w:tcPr>${props}</w:tcPr>${inner || '<w:p/>'}</w:tc>`;

describe('the .docx reader', () => {
  it('resolves w:gridSpan and w:vMerge into a rectangular grid and joins a cell’s paragraphs with "\\n"', () => {
    const doc = readDocxDocument(
      docxOf(
        `<w:tbl>
          <w:tr>${tc(p('Số TT'), '<w:vMerge w:val="restart"/>')}${tc(p('Trách nhiệm thực hiện'), '<w:gridSpan w:val="2"/>')}</w:tr>
          <w:tr>${tc('', '<w:vMerge/>')}${tc(p('Chủ trì'))}${tc(p('Phối hợp'))}</w:tr>
          <w:tr>${tc(p('1'))}${tc(p('Phòng Tư pháp;') + p('UBND các xã, phường'))}${tc(p('tỉnh', true))}</w:tr>
        </w:tbl>`,
      ),
      'a.docx',
    );
    const table = doc.blocks[0] as DocTable;
    expect(table.width).toBe(3);
    expect(table.rows[0]!.slots.map((s) => s.merged)).toEqual([null, null, 'left']);
    expect(table.rows[0]!.slots[0]!.rowSpan).toBe(2);
    expect(table.rows[0]!.slots[1]!.colSpan).toBe(2);
    expect(table.rows[1]!.slots.map((s) => s.merged)).toEqual(['above', null, null]);
    expect(table.rows[2]!.slots[1]!.text).toBe('Phòng Tư pháp;\nUBND các xã, phường');
    expect(table.rows[2]!.slots[2]!.text).toBe('<i>tỉnh</i>');
  });

  it('keeps insertions and drops deletions of tracked changes', () => {
    const doc = readDocxDocument(
      docxOf('<w:p><w:r><w:t>Quý </w:t></w:r><w:del><w:r><w:delText>II</w:delText></w:r></w:del><w:ins><w:r><w:t>III</w:t></w:r></w:ins></w:p>'),
      'b.docx',
    );
    expect(doc.blocks[0]).toEqual({ kind: 'paragraph', text: 'Quý III' });
  });
});

describe('importing a .docx made from the seed tables', () => {
  let draft: PlanDraft;
  beforeAll(async () => {
    draft = await readPlanFile(await buildSeedDocx(), 'ke-hoach.docx');
  });

  it('reproduces the same 104 tasks (merged headers, merged section rows, rows split by page breaks, reordered columns)', () => {
    const { exact, total, differences } = compareWithGold(draft);
    expect(differences).toEqual([]);
    expect(exact).toBe(total);
    expect(total).toBe(104);
  });

  it('keeps the extra "Ghi chú" column as task notes', () => {
    const two = draft.appendices[1]!;
    for (const [no, note] of Object.entries(NOTES_II)) expect(two.tasks.find((t) => t.no === no)!.notes).toEqual({ 'Ghi chú': note });
    expect(two.tasks.find((t) => t.no === '2')!.notes).toBeUndefined();
  });

  it('reads the header from the two-column header table', () => {
    expect(draft.plan.number).toBe('125/KH-UBND');
    expect(draft.plan.date).toBe('2021-07-20');
    expect(draft.plan.issuer).toBe('UBND thị xã Đông Hòa');
    expect(draft.plan.bases[0]).toMatch(/^Quyết định số 915\/QĐ-UBND/);
    expect(draft.appendices.map((a) => a.window)).toEqual([
      { from: '2021-01-01', to: '2021-12-31' },
      { from: '2021-01-01', to: '2025-12-31' },
    ]);
  });

  it('reads parties written one per paragraph', () => {
    const t1 = draft.appendices[0]!.tasks[0]!;
    expect(t1.leadUnits).toEqual(['Phòng Tư pháp', 'UBND các xã, phường']);
  });

  it('draws Word list numbering (numbers that are not stored as text)', async () => {
    const d = await readPlanFile(await buildNumberedDocx(), 'numbered.docx');
    const tasks = d.appendices[0]!.tasks;
    expect(tasks.map((t) => [t.no, t.section, t.dimension])).toEqual([
      ['1', 'I', 'transparency'],
      ['2', 'I', 'transparency'],
      ['3', 'II', 'e_governance'],
    ]);
    expect(d.plan.title).toBe('Cải thiện Chỉ số PAPI năm 2022');
    expect(d.appendices[0]!.window).toEqual({ from: '2022-01-01', to: '2022-12-31' });
  });
});

describe('other layouts of the family of plan tables', () => {
  const p = (t: string) => new Paragraph(t);
  const row = (texts: string[], spans: Record<number, number> = {}) =>
    new TableRow({ children: texts.map((t, i) => new TableCell({ children: [p(t)], ...(spans[i] ? { columnSpan: spans[i] } : {}) })) });

  it('one table per dimension under numbered headings; "1 | TITLE" sections with tasks 1.1; lettered sub-groups; sub-columns', async () => {
    const header = () => [
      row(['TT', 'Nhiệm vụ, giải pháp', 'Trách nhiệm thực hiện', '', '', 'Thời gian thực hiện', '']),
      row(['', '', 'Lãnh đạo phụ trách', 'Cơ quan, đơn vị chủ trì', 'Cơ quan, đơn vị phối hợp', 'Bắt đầu', 'Kết thúc']),
    ];
    const doc = new Document({
      sections: [
        {
          children: [
            p('ỦY BAN NHÂN DÂN'),
            p('HUYỆN TUY AN'),
            p('Số: 45/KH-UBND'),
            p('Tuy An, ngày 3 tháng 3 năm 2023'),
            p('KẾ HOẠCH'),
            p('Nâng cao Chỉ số PAPI huyện Tuy An năm 2023'),
            p('Căn cứ Kế hoạch số 12/KH-UBND ngày 10/01/2023 của UBND tỉnh;'),
            p('PHỤ LỤC'),
            p('NHIỆM VỤ CỤ THỂ NĂM 2023'),
            p('1. Tham gia của người dân ở cấp cơ sở'),
            new Table({
              rows: [
                ...header(),
                row(['1', 'Tuyên truyền Luật Thực hiện dân chủ ở cơ sở', 'Phó Chủ tịch', 'Phòng Tư pháp chủ trì, phối hợp với Phòng Nội vụ', '', 'Quý I/2023', 'Quý II/2023']),
              ],
            }),
            p('2. Công khai, minh bạch trong việc ra quyết định'),
            new Table({
              rows: [
                ...header(),
                row(['a', 'Công khai ngân sách cấp xã', '', '', '', '', '']),
                row(['2', 'Niêm yết công khai thu chi ngân sách', 'Phó Chủ tịch', 'UBND các xã, thị trấn', 'Phòng Tài chính - Kế hoạch', '01/2023', '12/2023']),
              ],
            }),
            new Table({
              rows: [
                ...header(),
                row(['3', 'KIỂM SOÁT THAM NHŨNG TRONG KHU VỰC CÔNG', '', '', '', '', '']),
                row(['3.1', 'Kê khai tài sản, thu nhập', 'Chủ tịch', 'Thanh tra huyện', 'Các cơ quan, đơn vị', '', 'Năm 2023']),
              ],
            }),
          ],
        },
      ],
    });
    const d = await readPlanFile(new Uint8Array(await Packer.toBuffer(doc)), 'tuy-an.docx');
    expect(d.plan).toMatchObject({ number: '45/KH-UBND', date: '2023-03-03', issuer: 'UBND huyện Tuy An', year: 2023 });
    expect(d.plan.bases).toEqual(['Kế hoạch số 12/KH-UBND ngày 10/01/2023 của UBND tỉnh']);
    const a = d.appendices[0]!;
    expect(a.title).toBe('NHIỆM VỤ CỤ THỂ NĂM 2023');
    expect(a.window).toEqual({ from: '2023-01-01', to: '2023-12-31' });
    expect(a.tasks.map((t) => [t.no, t.section, t.dimension, t.subgroup])).toEqual([
      ['1', '1', 'participation', null],
      ['2', '2', 'transparency', 'Công khai ngân sách cấp xã'],
      ['3.1', '3', 'corruption_control', null],
    ]);
    const [t1, t2, t3] = a.tasks as [DraftTask, DraftTask, DraftTask];
    expect(t1.leadUnits).toEqual(['Phòng Tư pháp']);
    expect(t1.coordinatingUnits).toEqual(['Phòng Nội vụ']);
    expect(t1.deadline.text).toBe('Quý II/2023');
    expect(t1.notes).toEqual({ 'Lãnh đạo phụ trách': 'Phó Chủ tịch', 'Bắt đầu': 'Quý I/2023' });
    expect(t2.coordinatingUnits).toEqual(['Phòng Tài chính - Kế hoạch']);
    expect(t3.deadline.text).toBe('Năm 2023');
  });
});

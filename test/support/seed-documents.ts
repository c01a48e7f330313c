/**
 * Builds .docx and .xlsx versions of the seed plan from the gold tasks (test/fixtures/seed/seed-tasks.gold.json),
 * laid out the way real plan files are: merged header cells, section rows merged across the table,
 * rows split by page breaks, header rows repeated, columns in another order, an extra "Ghi chú" column.
 * Used by the importer tests and bench/import.bench.ts.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  Document, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType, WidthType,
} from 'docx';
import ExcelJS from 'exceljs';

/** The expected answers ship with the tests (test/fixtures/seed), the document with the demo. */
export const SEED_DIR = resolve(import.meta.dirname, '..', 'fixtures', 'seed');
export const SEED_TEXT = resolve(import.meta.dirname, '..', '..', 'src', 'demo', 'seed', 'ke-hoach-papi-dong-hoa-2021.txt');
export const SEED_GOLD = resolve(SEED_DIR, 'seed-tasks.gold.json');
export const DEADLINES_GOLD = resolve(SEED_DIR, 'deadlines.gold.jsonl');

export interface GoldTask {
  no: string;
  section: string;
  dimension: string | null;
  subgroup: string | null;
  content: string;
  lead: string;
  coordinating: string;
  output: string;
  deadline: string;
}
export interface GoldAppendix {
  appendix: string;
  tasks: GoldTask[];
}

export function loadGold(): GoldAppendix[] {
  return JSON.parse(readFileSync(SEED_GOLD, 'utf8')) as GoldAppendix[];
}

export const SECTION_TITLES: Record<string, string> = {
  I: 'Tham gia người dân ở cấp cơ sở',
  II: 'Công khai, minh bạch',
  III: 'Trách nhiệm giải trình với người dân',
  IV: 'Kiểm soát tham nhũng trong khu vực công',
  V: 'Thủ tục hành chính công',
  VI: 'Cung ứng dịch vụ công',
  VII: 'Chỉ số Quản trị môi trường',
  VIII: 'Chỉ số Quản trị điện tử',
};

export const APPENDIX_TITLES: Record<string, [string, string]> = {
  I: ['CÁC NHIỆM VỤ TRỌNG TÂM GÓP PHẦN CẢI THIỆN, NÂNG CAO CHỈ SỐ HIỆU QUẢ', 'QUẢN TRỊ VÀ HÀNH CHÍNH CÔNG CẤP TỈNH (PAPI) NĂM 2021'],
  II: ['CÁC NHIỆM VỤ TRỌNG TÂM NÂNG CAO CHỈ SỐ HIỆU QUẢ QUẢN TRỊ VÀ HÀNH CHÍNH', 'CÔNG CẤP TỈNH GIAI ĐOẠN 2021-2025'],
};

/** Compare as the seed README says: ignoring whitespace and `<i>` tags. */
export const same = (s: string | null | undefined) => (s ?? '').replace(/<\/?i>/g, '').replace(/\s+/g, '');

/** Where a text is cut in two by a page break: at a space near the middle. */
function cut(text: string): [string, string] {
  const mid = Math.floor(text.length / 2);
  const at = text.indexOf(' ', mid);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}

// ---------------- .docx ----------------

function runs(text: string): TextRun[] {
  return text
    .split(/(<i>.*?<\/i>)/)
    .filter(Boolean)
    .map((part) => (part.startsWith('<i>') ? new TextRun({ text: part.slice(3, -4), italics: true }) : new TextRun(part)));
}

function cell(text: string, opts: { span?: number; vMerge?: 'restart' | 'continue'; paragraphs?: string[] } = {}): TableCell {
  const paragraphs = (opts.paragraphs ?? [text]).map((t) => new Paragraph({ children: runs(t) }));
  return new TableCell({
    children: paragraphs.length ? paragraphs : [new Paragraph('')],
    ...(opts.span ? { columnSpan: opts.span } : {}),
    ...(opts.vMerge ? { verticalMerge: opts.vMerge === 'restart' ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE } : {}),
  });
}

/** Lead cells written one party per paragraph ("Phòng Tư pháp;" / "UBND các xã, phường"). */
function partyParagraphs(text: string): string[] {
  const parts = text.split(/(?<=;)\s+/);
  return parts.length > 1 ? parts : [text];
}

type Col = 'no' | 'content' | 'lead' | 'coordinating' | 'output' | 'deadline' | 'note';

function taskValue(t: GoldTask, col: Col, notes: Record<string, string>): string {
  if (col === 'note') return notes[`${t.no}`] ?? '';
  return t[col];
}

function headerRowsI(): TableRow[] {
  return [
    new TableRow({
      tableHeader: true,
      children: [
        cell('Số TT', { vMerge: 'restart' }),
        cell('Nội dung nhiệm vụ', { vMerge: 'restart' }),
        cell('Trách nhiệm thực hiện', { span: 2 }),
        cell('Kết quả thực hiện', { vMerge: 'restart' }),
        cell('Thời gian hoàn thành', { vMerge: 'restart' }),
      ],
    }),
    new TableRow({
      tableHeader: true,
      children: [
        cell('', { vMerge: 'continue' }),
        cell('', { vMerge: 'continue' }),
        cell('Chủ trì'),
        cell('Phối hợp'),
        cell('', { vMerge: 'continue' }),
        cell('', { vMerge: 'continue' }),
      ],
    }),
  ];
}

const COLS_II: Col[] = ['no', 'content', 'deadline', 'lead', 'coordinating', 'output', 'note'];
const HEADERS_II = ['STT', 'Tên nhiệm vụ', 'Thời hạn', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Sản phẩm', 'Ghi chú'];
export const NOTES_II: Record<string, string> = { '1': 'Nhiệm vụ trọng tâm', '37': 'Phối hợp Bưu điện', '84': 'Hằng năm đánh giá' };

function sectionRow(label: string, width: number): TableRow {
  return new TableRow({ children: [cell(`${label}. ${SECTION_TITLES[label]}`, { span: width })] });
}
function subgroupRow(title: string, width: number): TableRow {
  return new TableRow({ children: [cell(title, { span: width })] });
}

function taskRows(t: GoldTask, cols: Col[], notes: Record<string, string>, split: 'none' | 'vmerge' | 'blank'): TableRow[] {
  if (split === 'none') {
    return [
      new TableRow({
        children: cols.map((c) =>
          c === 'lead' || c === 'coordinating' ? cell(t[c], { paragraphs: partyParagraphs(t[c]) }) : cell(taskValue(t, c, notes)),
        ),
      }),
    ];
  }
  // A task row cut by a page break: the second half of each long cell goes to a second table row.
  const first: TableCell[] = [];
  const second: TableCell[] = [];
  for (const c of cols) {
    const value = taskValue(t, c, notes);
    if (c === 'no') {
      first.push(cell(value, split === 'vmerge' ? { vMerge: 'restart' } : {}));
      second.push(split === 'vmerge' ? cell('', { vMerge: 'continue' }) : cell(''));
    } else if (c === 'content' || c === 'coordinating') {
      const [a, b] = cut(value);
      first.push(cell(a));
      second.push(cell(b));
    } else {
      first.push(cell(value));
      second.push(cell(''));
    }
  }
  return [new TableRow({ children: first, cantSplit: true }), new TableRow({ children: second })];
}

function appendixTable(gold: GoldAppendix, cols: Col[], headerRows: () => TableRow[], options: {
  splitVmerge: string[]; splitBlank: string[]; repeatHeaderBefore: string[]; notes: Record<string, string>; numberRow: boolean;
  breakTableBefore?: string;
}): Table[] {
  const width = cols.length;
  const tables: Table[] = [];
  let rows: TableRow[] = [...headerRows()];
  if (options.numberRow) rows.push(new TableRow({ children: cols.map((_, i) => cell(`(${i + 1})`)) }));
  let section = '';
  let subgroup: string | null = null;
  for (const t of gold.tasks) {
    if (t.no === options.breakTableBefore) {
      tables.push(new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }));
      rows = []; // the next table carries on without a header (Word split the table at a page)
    }
    if (t.section !== section) {
      rows.push(sectionRow(t.section, width));
      section = t.section;
      subgroup = null;
    }
    if (t.subgroup && t.subgroup !== subgroup) rows.push(subgroupRow(t.subgroup, width));
    subgroup = t.subgroup;
    if (options.repeatHeaderBefore.includes(t.no)) rows.push(...headerRows());
    const split = options.splitVmerge.includes(t.no) ? 'vmerge' : options.splitBlank.includes(t.no) ? 'blank' : 'none';
    rows.push(...taskRows(t, cols, options.notes, split));
  }
  tables.push(new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }));
  return tables;
}

export async function buildSeedDocx(): Promise<Uint8Array> {
  const [goldI, goldII] = loadGold() as [GoldAppendix, GoldAppendix];
  const headerTable = new Table({
    rows: [
      new TableRow({
        children: [
          cell('', { paragraphs: ['ỦY BAN NHÂN DÂN', 'THỊ XÃ ĐÔNG HÒA'] }),
          cell('', { paragraphs: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'] }),
        ],
      }),
      new TableRow({ children: [cell('Số: 125/KH-UBND'), cell('<i>Đông Hòa, ngày 20 tháng 7 năm 2021</i>')] }),
    ],
  });
  const p = (text: string) => new Paragraph({ children: runs(text) });
  const headerII = () => [new TableRow({ tableHeader: true, children: HEADERS_II.map((h) => cell(h)) })];
  const doc = new Document({
    sections: [
      {
        children: [
          headerTable,
          p('KẾ HOẠCH'),
          p('Góp phần cải thiện, nâng cao Chỉ số Hiệu quả quản trị và Hành chính công (PAPI) của tỉnh Phú Yên năm 2021 và giai đoạn 2021-2025'),
          p('Thực hiện Quyết định số 915/QĐ-UBND ngày 05/7/2021 của UBND tỉnh Phú Yên về việc phê duyệt Kế hoạch cải thiện, nâng cao Chỉ số hiệu quả và quản trị hành chính công của tỉnh Phú Yên năm 2021 và giai đoạn 2021-2025.'),
          p('UBND thị xã ban hành Kế hoạch góp phần cải thiện, nâng cao Chỉ số PAPI trên địa bàn thị xã với các nội dung chính sau:'),
          p('I. MỤC ĐÍCH, YÊU CẦU'),
          p('III. PHÂN CÔNG NHIỆM VỤ CỤ THỂ (Theo phụ lục I, II đính kèm)'),
          p('PHỤ LỤC I'),
          p(APPENDIX_TITLES.I![0]),
          p(APPENDIX_TITLES.I![1]),
          p('<i>(Kèm theo Kế hoạch số 125/KH-UBND ngày 20/7/2021 của UBND thị xã)</i>'),
          ...appendixTable(goldI, ['no', 'content', 'lead', 'coordinating', 'output', 'deadline'], headerRowsI, {
            splitVmerge: ['4'], splitBlank: ['14', '31'], repeatHeaderBefore: ['20'], notes: {}, numberRow: true,
          }),
          p(''),
          p('PHỤ LỤC II'),
          p(`${APPENDIX_TITLES.II![0]} ${APPENDIX_TITLES.II![1]}`),
          p('<i>(Kèm theo Kế hoạch số 125/KH-UBND ngày 20/7/2021 của UBND thị xã)</i>'),
          ...appendixTable(goldII, COLS_II, headerII, {
            splitVmerge: ['37'], splitBlank: ['42', '77'], repeatHeaderBefore: [], notes: NOTES_II, numberRow: false,
            breakTableBefore: '36',
          }).flatMap((t, i) => (i === 0 ? [t] : [p(''), t])),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** A small plan whose task numbers are Word list numbering (drawn by Word, not stored as text). */
export async function buildNumberedDocx(): Promise<Uint8Array> {
  const numbered = (text: string) => new Paragraph({ children: runs(text), numbering: { reference: 'tasks', level: 0 } });
  const roman = (text: string) => new Paragraph({ children: runs(text), numbering: { reference: 'sections', level: 0 } });
  const row = (cells: Paragraph[]) => new TableRow({ children: cells.map((c) => new TableCell({ children: [c] })) });
  const p = (t: string) => new Paragraph(t);
  const doc = new Document({
    numbering: {
      config: [
        { reference: 'tasks', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.' }] },
        { reference: 'sections', levels: [{ level: 0, format: LevelFormat.UPPER_ROMAN, text: '%1' }] },
      ],
    },
    sections: [
      {
        children: [
          p('KẾ HOẠCH'),
          p('Cải thiện Chỉ số PAPI năm 2022'),
          new Table({
            rows: [
              row([p('TT'), p('Nội dung công việc'), p('Cơ quan chủ trì'), p('Cơ quan phối hợp'), p('Tiến độ')]),
              row([roman(''), p('Công khai, minh bạch'), p(''), p(''), p('')]),
              row([numbered(''), p('Công khai danh sách hộ nghèo'), p('UBND các xã'), p('Phòng LĐ-TB&XH'), p('Quý I/2022')]),
              row([numbered(''), p('Công khai ngân sách'), p('Phòng TC-KH'), p(''), p('Hằng quý')]),
              row([roman(''), p('Quản trị điện tử'), p(''), p(''), p('')]),
              row([numbered(''), p('Cổng thông tin điện tử'), p('Phòng VH&TT'), p('Các cơ quan, đơn vị'), p('Thường xuyên')]),
            ],
          }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

// ---------------- .xlsx ----------------

export async function buildSeedXlsx(): Promise<Uint8Array> {
  const gold = loadGold();
  const wb = new ExcelJS.Workbook();
  for (const a of gold) {
    const ws = wb.addWorksheet(`Phụ lục ${a.appendix}`);
    const richOf = (text: string) => ({
      richText: text
        .split(/(<i>.*?<\/i>)/)
        .filter(Boolean)
        .map((part) => (part.startsWith('<i>') ? { text: part.slice(3, -4), font: { italic: true } } : { text: part })),
    });
    ws.addRow([`PHỤ LỤC ${a.appendix}`]);
    ws.mergeCells('A1:F1');
    ws.addRow([APPENDIX_TITLES[a.appendix]!.join(' ')]);
    ws.mergeCells('A2:F2');
    ws.addRow(['(Kèm theo Kế hoạch số 125/KH-UBND ngày 20/7/2021 của UBND thị xã)']);
    ws.getCell('A3').font = { italic: true };
    ws.mergeCells('A3:F3');
    ws.addRow([]);
    ws.addRow(['Số TT', 'Nội dung nhiệm vụ', 'Trách nhiệm thực hiện', null, 'Kết quả thực hiện', 'Thời gian hoàn thành']);
    ws.addRow([null, null, 'Cơ quan chủ trì', 'Cơ quan phối hợp', null, null]);
    ws.mergeCells('A5:A6');
    ws.mergeCells('B5:B6');
    ws.mergeCells('C5:D5');
    ws.mergeCells('E5:E6');
    ws.mergeCells('F5:F6');
    let section = '';
    let subgroup: string | null = null;
    // Runs of consecutive tasks that share lead, coordinating units, output and deadline: those cells are merged down.
    let run: Array<{ task: GoldTask; row: number }> = [];
    const closeRun = () => {
      if (run.length > 1) {
        for (const c of [3, 4, 5, 6]) {
          for (const { row } of run.slice(1)) ws.getCell(row, c).value = null;
          ws.mergeCells(run[0]!.row, c, run[run.length - 1]!.row, c);
        }
      }
      run = [];
    };
    const key = (t: GoldTask) => [t.lead, t.coordinating, t.output, t.deadline].join('|');
    for (const t of a.tasks) {
      if (t.section !== section) {
        closeRun();
        const r = ws.addRow([t.section, SECTION_TITLES[t.section]]);
        ws.mergeCells(r.number, 2, r.number, 6);
        section = t.section;
        subgroup = null;
      }
      if (t.subgroup && t.subgroup !== subgroup) {
        closeRun();
        const r = ws.addRow([null, t.subgroup]);
        ws.mergeCells(r.number, 2, r.number, 6);
      }
      subgroup = t.subgroup;
      const r = ws.addRow([Number(t.no), /<i>/.test(t.content) ? richOf(t.content) : t.content, t.lead, t.coordinating, t.output, t.deadline]);
      if (run.length && key(run[0]!.task) !== key(t)) closeRun();
      run.push({ task: t, row: r.number });
    }
    closeRun();
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

// ---------------- comparing a draft with the gold ----------------

export interface DraftLike {
  appendices: Array<{
    label: string | null;
    tasks: Array<{
      no: string | null;
      section: string | null;
      dimension: string | null;
      subgroup: string | null;
      content: string;
      lead: string;
      coordinating: string;
      output: string;
      deadline: { text: string };
    }>;
  }>;
}

/** Every gold task that the draft reproduces exactly (ignoring whitespace and `<i>`), and the differences. */
export function compareWithGold(draft: DraftLike): { exact: number; total: number; differences: string[] } {
  const gold = loadGold();
  const differences: string[] = [];
  let exact = 0;
  let total = 0;
  for (const ga of gold) {
    const appendix = draft.appendices.find((a) => a.label === ga.appendix);
    for (const g of ga.tasks) {
      total++;
      const t = appendix?.tasks.find((x) => x.no === g.no);
      if (!t) {
        differences.push(`${ga.appendix}/${g.no}: missing`);
        continue;
      }
      const diffs: string[] = [];
      if (t.section !== g.section) diffs.push(`section ${t.section} ≠ ${g.section}`);
      if (t.dimension !== g.dimension) diffs.push(`dimension ${t.dimension} ≠ ${g.dimension}`);
      if (same(t.subgroup) !== same(g.subgroup)) diffs.push(`subgroup «${t.subgroup}» ≠ «${g.subgroup}»`);
      for (const k of ['content', 'lead', 'coordinating', 'output'] as const) {
        if (same(t[k]) !== same(g[k])) diffs.push(`${k} «${t[k]}» ≠ «${g[k]}»`);
      }
      if (same(t.deadline.text) !== same(g.deadline)) diffs.push(`deadline «${t.deadline.text}» ≠ «${g.deadline}»`);
      if (diffs.length) differences.push(`${ga.appendix}/${g.no}: ${diffs.join('; ')}`);
      else exact++;
    }
    const extra = (appendix?.tasks.length ?? 0) - ga.tasks.length;
    if (extra > 0) differences.push(`${ga.appendix}: ${extra} task(s) more than the gold`);
  }
  return { exact, total, differences };
}

/** A trivial deadline parser for tests that do not test deadlines. */
export const standInDeadline = (text: string) => ({
  text, kind: 'unspecified', dues: [], end: null, count: null, trigger: null, summary: text, needsReview: false,
});

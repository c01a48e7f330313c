/**
 * The consolidated report of a round (báo cáo tổng hợp) as a Word document in the Nghị định 30/2020
 * form: A4, Times New Roman 13–14 pt, the header block (issuing body under its government, "Số: …/BC-…",
 * national name and motto, place and date), "BÁO CÁO" and its title, the body by PAPI dimension (counts
 * by status, results and difficulties quoted from accepted reports with the unit's name), the
 * submission section (on time, late, missing), "Nơi nhận:" and the signature block; then an annex on
 * landscape pages with one row per task and each lead unit's status in short form.
 *
 * The header helpers (issuerLines, placeDateLine, NATIONAL_NAME, NATIONAL_MOTTO) are the plan export's.
 */
import type * as Docx from 'docx';
import { countsSentence, STATUS_SHORT_VI, type RoundRollup } from '../domain/reporting/rollup.js';
import { ASSIGNMENT_STATUSES } from '../domain/reporting/status.js';
import { formatVi } from '../domain/schedule/calendar.js';
import { issuerLines, NATIONAL_MOTTO, NATIONAL_NAME, placeDateLine, type PlanExportInput } from './plan-input.js';

type DocxModule = typeof Docx;

/** What the round documents (report, workbook, urging letter) are made from. */
export interface RoundDocInput {
  /** The issuer, place and date of the document, in the plan export's form (appendices empty). */
  header: PlanExportInput;
  /** The issuer's abbreviation in document numbers ("PNV"). */
  issuerCode: string;
  /** The issuer's name as stored ("Phòng Nội vụ"). */
  issuerName: string;
  /** "Kế hoạch số 125/KH-UBND ngày 20/7/2021 của UBND thị xã Đông Hòa về …". */
  planReference: string;
  planTitle: string;
  roundLabel: string;
  submissionDeadline: string;
  rollup: RoundRollup;
}

export const FONT = 'Times New Roman';
const BODY = 28; // 14 pt
const HEAD = 26; // 13 pt (header block)
const TABLE = 24; // 12 pt
const SMALL = 22; // 11 pt

const mm = (n: number) => Math.round(n * 56.7);
export const A4 = { width: 11906, height: 16838 };
export const MARGIN = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15), header: mm(10), footer: mm(10) };

let loaded: Promise<DocxModule> | null = null;
export const loadDocx = () => (loaded ??= import('docx'));

/** Shared pieces of the round's Word documents. */
export class RoundDocxParts {
  readonly textWidth = A4.width - MARGIN.left - MARGIN.right;
  constructor(readonly d: DocxModule) {}

  run(text: string, style: { bold?: boolean; italics?: boolean; size?: number } = {}): Docx.TextRun {
    return new this.d.TextRun({ text, font: FONT, size: style.size ?? BODY, ...(style.bold ? { bold: true } : {}), ...(style.italics ? { italics: true } : {}) });
  }

  centred(text: string, style: { bold?: boolean; italics?: boolean; size?: number } = {}, spacing: { before?: number; after?: number } = {}): Docx.Paragraph {
    return new this.d.Paragraph({ alignment: this.d.AlignmentType.CENTER, spacing, children: [this.run(text, style)] });
  }

  para(children: Docx.TextRun[] | string, opts: { indent?: boolean; before?: number } = {}): Docx.Paragraph {
    return new this.d.Paragraph({
      alignment: this.d.AlignmentType.JUSTIFIED,
      ...(opts.indent === false ? {} : { indent: { firstLine: mm(12.7) } }),
      spacing: { before: opts.before ?? 120, line: 300 }, // ≥ 6 pt between paragraphs, about 1.25 lines
      children: typeof children === 'string' ? [this.run(children)] : children,
    });
  }

  heading(text: string): Docx.Paragraph {
    return new this.d.Paragraph({ indent: { firstLine: mm(12.7) }, spacing: { before: 160, line: 300 }, keepNext: true, children: [this.run(text, { bold: true })] });
  }

  rule(indent: number): Docx.Paragraph {
    return new this.d.Paragraph({
      indent: { left: indent, right: indent },
      border: { bottom: { style: this.d.BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
      spacing: { after: 120 },
      children: [new this.d.TextRun({ text: '', font: FONT, size: 4 })],
    });
  }

  private borderless(): Docx.ITableBordersOptions {
    const none = { style: this.d.BorderStyle.NONE, size: 0, color: 'FFFFFF' };
    return { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
  }

  private layoutCell(children: Docx.Paragraph[], width: number): Docx.TableCell {
    return new this.d.TableCell({ children, width: { size: width, type: this.d.WidthType.DXA } });
  }

  /** ND 30 header: issuer (under its government) and number left; national name, motto, place and date right; then the excerpt (V/v …) when given. */
  headerTable(header: PlanExportInput, numberLine: string, excerpt?: string): Docx.Table {
    const d = this.d;
    const leftWidth = Math.round(this.textWidth * 0.4);
    const rightWidth = this.textWidth - leftWidth;
    const { parent, issuer } = issuerLines(header);
    const left: Docx.Paragraph[] = [];
    if (parent) left.push(this.centred(parent, { size: HEAD }));
    issuer.forEach((line) => left.push(this.centred(line, { bold: true, size: HEAD })));
    left.push(this.rule(Math.round(leftWidth * 0.35)));
    const right = [this.centred(NATIONAL_NAME, { bold: true, size: 24 }), this.centred(NATIONAL_MOTTO, { bold: true, size: HEAD }), this.rule(Math.round(rightWidth * 0.29))];
    const numberCell = [this.centred(numberLine, { size: HEAD })];
    if (excerpt) numberCell.push(this.centred(excerpt, { size: 24 }));
    return new d.Table({
      width: { size: this.textWidth, type: d.WidthType.DXA },
      columnWidths: [leftWidth, rightWidth],
      layout: d.TableLayoutType.FIXED,
      borders: this.borderless(),
      rows: [
        new d.TableRow({ children: [this.layoutCell(left, leftWidth), this.layoutCell(right, rightWidth)] }),
        new d.TableRow({
          children: [this.layoutCell(numberCell, leftWidth), this.layoutCell([this.centred(placeDateLine(header), { italics: true, size: HEAD })], rightWidth)],
        }),
      ],
    });
  }

  /** "Nơi nhận:" with its list on the left; the signing title on the right, the name left blank. */
  signature(recipients: string[], title: string): Docx.Table {
    const d = this.d;
    const leftWidth = Math.round(this.textWidth * 0.45);
    const rightWidth = this.textWidth - leftWidth;
    const left = [
      new d.Paragraph({ spacing: { before: 240 }, children: [this.run('Nơi nhận:', { bold: true, italics: true, size: TABLE })] }),
      ...recipients.map((r) => new d.Paragraph({ children: [this.run(r, { size: SMALL })] })),
    ];
    const right = [this.centred(title, { bold: true }, { before: 240 }), this.centred('', {}, { after: 1200 }), this.centred('')];
    return new d.Table({
      width: { size: this.textWidth, type: d.WidthType.DXA },
      columnWidths: [leftWidth, rightWidth],
      layout: d.TableLayoutType.FIXED,
      borders: this.borderless(),
      rows: [new d.TableRow({ children: [this.layoutCell(left, leftWidth), this.layoutCell(right, rightWidth)] })],
    });
  }

  /** ND 30: page numbers centred in the top margin, 13 pt, not on the first page. */
  pageNumberHeader(): Docx.Header {
    return new this.d.Header({
      children: [
        new this.d.Paragraph({
          alignment: this.d.AlignmentType.CENTER,
          children: [new this.d.TextRun({ children: [this.d.PageNumber.CURRENT], font: FONT, size: HEAD })],
        }),
      ],
    });
  }

  portrait(children: Array<Docx.Paragraph | Docx.Table>): Docx.ISectionOptions {
    return {
      properties: { titlePage: true, page: { size: { ...A4, orientation: this.d.PageOrientation.PORTRAIT }, margin: MARGIN } },
      headers: { default: this.pageNumberHeader(), first: new this.d.Header({ children: [] }) },
      children,
    };
  }

  async pack(title: string, sections: Docx.ISectionOptions[]): Promise<Uint8Array> {
    const d = this.d;
    const doc = new d.Document({
      creator: 'Dondoc',
      title,
      styles: { default: { document: { run: { font: FONT, size: BODY }, paragraph: { spacing: { before: 0, after: 0, line: 240 } } } } },
      sections,
    });
    const buffer = await d.Packer.toBuffer(doc);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  }
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];
/** Quotes per dimension and kind in the body: a province's 120 units would otherwise fill hundreds of pages. */
const MAX_QUOTES = 20;

export async function roundToDocx(input: RoundDocInput): Promise<Uint8Array> {
  const d = await loadDocx();
  const p = new RoundDocxParts(d);
  const r = input.rollup;
  const body: Array<Docx.Paragraph | Docx.Table> = [p.headerTable(input.header, `Số:        /BC-${input.issuerCode}`)];
  body.push(p.centred('BÁO CÁO', { bold: true }, { before: 360 }));
  body.push(p.centred(`Kết quả thực hiện ${input.planReference} ${input.roundLabel}`.replace(/\s+/g, ' '), { bold: true }));
  body.push(p.rule(Math.round(p.textWidth * 0.35)));
  const reported = r.units.filter((u) => u.submission === 'on_time' || u.submission === 'late').length;
  body.push(
    p.para(
      `Thực hiện ${input.planReference}, ${input.issuerName} tổng hợp kết quả thực hiện ${input.roundLabel} từ báo cáo của ${r.units.length} cơ quan, đơn vị ` +
        `(${reported} đơn vị đã gửi báo cáo), như sau:`,
    ),
  );

  body.push(p.heading('I. KẾT QUẢ THỰC HIỆN'));
  body.push(p.para(`Tổng số lượt nhiệm vụ được giao trong kỳ: ${Object.values(r.totals).reduce((a, b) => a + b, 0)} (${countsSentence(r.totals)}).`));
  r.dimensions.forEach((dim, i) => {
    body.push(p.heading(`${i + 1}. ${dim.label}`));
    body.push(p.para(`Số nhiệm vụ: ${dim.taskCount} (${countsSentence(dim.tasks)}); theo từng đơn vị được giao: ${countsSentence(dim.assignments)}.`));
    for (const t of r.tasks.filter((x) => x.dimension === dim.dimension)) {
      body.push(p.para([p.run(`- Nhiệm vụ ${t.no}: `, { italics: true }), p.run(`${t.sentence}.`)]));
    }
    const quote = (title: string, list: typeof dim.results) => {
      if (!list.length) return;
      body.push(p.para([p.run(title, { italics: true })]));
      for (const h of list.slice(0, MAX_QUOTES)) body.push(p.para(`- ${h.unitName} (nhiệm vụ ${h.taskNo}): ${h.text.replace(/\n+/g, '; ')}`));
      if (list.length > MAX_QUOTES) body.push(p.para(`- Và ${list.length - MAX_QUOTES} ý kiến khác (chi tiết tại báo cáo của các đơn vị).`));
    };
    quote('Kết quả nổi bật:', dim.results);
    quote('Khó khăn, vướng mắc:', dim.difficulties);
  });

  body.push(p.heading(`II. TÌNH HÌNH GỬI BÁO CÁO (hạn ${formatVi(input.submissionDeadline)})`));
  const list = (names: string[]) => (names.length ? `${names.length} đơn vị: ${names.join('; ')}.` : 'không có.');
  body.push(p.para(`- Gửi đúng hạn: ${list(r.submission.onTime)}`));
  body.push(p.para(`- Gửi chậm: ${list(r.submission.late)}`));
  body.push(p.para(`- Chưa gửi báo cáo: ${list([...r.submission.missing, ...r.submission.pending])}`));

  body.push(p.heading(`${ROMAN[2]}. ĐỀ XUẤT, KIẾN NGHỊ`));
  body.push(
    p.para(
      r.submission.late.length + r.submission.missing.length > 0
        ? 'Đề nghị các cơ quan, đơn vị chậm hoặc chưa gửi báo cáo khẩn trương hoàn thành, gửi báo cáo theo quy định; tập trung thực hiện các nhiệm vụ quá hạn.'
        : 'Đề nghị các cơ quan, đơn vị tiếp tục thực hiện các nhiệm vụ theo Kế hoạch.',
    ),
  );
  body.push(p.para(`Trên đây là báo cáo kết quả thực hiện ${input.planReference} ${input.roundLabel} của ${input.issuerName}./.`));
  body.push(p.signature(['- UBND thị xã (b/c);', '- Các cơ quan, đơn vị;', `- Lưu: VT, ${input.issuerCode}.`], 'TRƯỞNG PHÒNG'));

  return p.pack(`Báo cáo ${input.roundLabel}`, [p.portrait(body), annexSection(p, input)]);
}

/** The lead units of a task grouped by status, one line a status: "HT (2): UBND phường Hòa Vinh, UBND xã Hòa Tâm". */
function byStatus(units: RoundRollup['tasks'][number]['units']): string[] {
  return ASSIGNMENT_STATUSES.map((s) => {
    const names = units.filter((u) => u.status === s).map((u) => u.unitName);
    return names.length ? `${STATUS_SHORT_VI[s]} (${names.length}): ${names.join(', ')}` : '';
  }).filter(Boolean);
}

/** The annex: one row per task, number, content, the rolled-up sentence and each lead unit's status (short form). */
function annexSection(p: RoundDocxParts, input: RoundDocInput): Docx.ISectionOptions {
  const d = p.d;
  const width = A4.height - MARGIN.left - MARGIN.right;
  const weights = [6, 44, 16, 34];
  const widths = weights.map((w) => Math.floor((width * w) / 100));
  const cell = (lines: string[], i: number, bold = false) =>
    new d.TableCell({
      width: { size: widths[i]!, type: d.WidthType.DXA },
      children: (lines.length ? lines : ['']).map((l) => new d.Paragraph({ alignment: i === 0 || bold ? d.AlignmentType.CENTER : d.AlignmentType.LEFT, children: [p.run(l, { bold, size: TABLE })] })),
    });
  const rows = [
    new d.TableRow({ tableHeader: true, cantSplit: true, children: ['TT', 'Nội dung nhiệm vụ', 'Kết quả chung', 'Tình hình thực hiện của đơn vị chủ trì'].map((h, i) => cell([h], i, true)) }),
    ...input.rollup.tasks.map(
      (t) =>
        new d.TableRow({
          children: [
            cell([t.no], 0),
            cell(t.content.replace(/<\/?i>/g, '').split('\n'), 1),
            cell([t.sentence], 2),
            cell(byStatus(t.units), 3),
          ],
        }),
    ),
  ];
  return {
    properties: { type: d.SectionType.NEXT_PAGE, page: { size: { ...A4, orientation: d.PageOrientation.LANDSCAPE }, margin: MARGIN } },
    headers: { default: p.pageNumberHeader() },
    children: [
      p.centred('PHỤ LỤC', { bold: true }),
      p.centred(`Tình hình thực hiện nhiệm vụ ${input.roundLabel}`, { bold: true, size: HEAD }),
      p.centred(`(Kèm theo Báo cáo số        /BC-${input.issuerCode} của ${input.issuerName})`, { italics: true, size: HEAD }, { after: 240 }),
      p.centred(`Ghi chú: HT - hoàn thành; HT chậm - hoàn thành chậm; Đang TH - đang thực hiện; Chưa TH - chưa thực hiện.`, { italics: true, size: SMALL }, { after: 120 }),
      new d.Table({ width: { size: width, type: d.WidthType.DXA }, columnWidths: widths, layout: d.TableLayoutType.FIXED, margins: { top: 40, bottom: 40, left: 80, right: 80 }, rows }),
    ],
  };
}

/**
 * A plan as a Word document in the Nghị định 30/2020/NĐ-CP form: A4, Times New Roman, the header
 * block (issuing body and number on the left, national name and motto, place and date on the right),
 * "KẾ HOẠCH" and the title, the legal bases, the signature block; then each appendix on landscape A4
 * pages: "PHỤ LỤC I", its title, "(Kèm theo …)", and the task table (header row repeated on every
 * page, section rows in bold merged across the columns, sub-group rows in italics).
 * Page numbers are centred in the top margin from the second page on.
 *
 * The `docx` package is loaded on first use, so commands that never export do not pay for it.
 */
import type * as Docx from 'docx';
import {
  basisSentence,
  isPeoplesCommittee,
  issuerLines,
  italicRuns,
  layoutAppendix,
  NATIONAL_MOTTO,
  NATIONAL_NAME,
  numberLine,
  placeDateLine,
  type AppendixLayout,
  type PlanExportInput,
} from './plan-input.js';

type DocxModule = typeof Docx;

const FONT = 'Times New Roman';
/** Sizes in half-points. */
const BODY = 26; // 13 pt
const TABLE = 24; // 12 pt
const HEADING = 28; // 14 pt
const SMALL = 22; // 11 pt
const TABLE_STYLE = 'BangNhiemVu';

/** Twips (1/20 pt); 1 mm = 56.7 twips. */
const mm = (n: number) => Math.round(n * 56.7);
const A4 = { width: 11906, height: 16838 };
/** ND 30: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. */
const MARGIN = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15), header: mm(10), footer: mm(10) };

/** Relative widths of the fixed columns, and of each extra (notes) column. */
const FIXED_WEIGHTS = [5, 35, 14, 15, 17, 14];
const NOTE_WEIGHT = 10;

let loaded: Promise<DocxModule> | null = null;
const loadDocx = () => (loaded ??= import('docx'));

export async function planToDocx(input: PlanExportInput): Promise<Uint8Array> {
  const d = await loadDocx();
  const builder = new DocxBuilder(d, input);
  const doc = new d.Document({
    creator: 'Dondoc',
    title: `Kế hoạch ${input.plan.number ?? ''} ${input.plan.title}`.replace(/\s+/g, ' ').trim(),
    description: input.plan.title,
    styles: {
      default: {
        document: {
          run: { font: FONT, size: BODY },
          paragraph: { spacing: { before: 0, after: 0, line: 240 } },
        },
      },
      // Table text: 12 pt, set once on the style rather than on every run.
      paragraphStyles: [{ id: TABLE_STYLE, name: 'Bảng nhiệm vụ', basedOn: 'Normal', quickFormat: true, run: { font: FONT, size: TABLE } }],
    },
    sections: [builder.headerSection(), ...input.appendices.map((a) => builder.appendixSection(layoutAppendix(input, a)))],
  });
  const buffer = await d.Packer.toBuffer(doc);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  size?: number;
}

class DocxBuilder {
  constructor(
    private readonly d: DocxModule,
    private readonly input: PlanExportInput,
  ) {}

  // ---------- pieces ----------

  private runs(text: string, style: RunStyle = {}): Docx.TextRun[] {
    return this.textRuns(italicRuns(text), style);
  }

  private textRuns(segments: Array<{ text: string; italic: boolean }>, style: RunStyle): Docx.TextRun[] {
    return segments.map(
      (r) =>
        new this.d.TextRun({
          text: r.text,
          ...(style.size ? { size: style.size } : {}),
          ...(style.bold ? { bold: true } : {}),
          ...(r.italic || style.italics ? { italics: true } : {}),
        }),
    );
  }

  /** One paragraph per line of the text (a cell's lines are paragraphs in Word, as the importer reads them). */
  private paragraphs(
    text: string,
    style: RunStyle & { alignment?: (typeof Docx.AlignmentType)[keyof typeof Docx.AlignmentType]; style?: string } = {},
  ): Docx.Paragraph[] {
    // An italic mark may span lines ("<i>a\nb</i>"): split the runs, not the text.
    const lines: Array<Array<{ text: string; italic: boolean }>> = [[]];
    for (const r of italicRuns(text)) {
      r.text.split('\n').forEach((piece, k) => {
        if (k > 0) lines.push([]);
        if (piece) lines[lines.length - 1]!.push({ text: piece, italic: r.italic });
      });
    }
    return lines.map(
      (segments) =>
        new this.d.Paragraph({
          children: this.textRuns(segments, style),
          ...(style.style ? { style: style.style } : {}),
          ...(style.alignment ? { alignment: style.alignment } : {}),
        }),
    );
  }

  private centred(text: string, style: RunStyle = {}, spacing: { before?: number; after?: number } = {}): Docx.Paragraph {
    return new this.d.Paragraph({ alignment: this.d.AlignmentType.CENTER, children: this.runs(text, style), spacing });
  }

  /** A short solid rule under a centred line (ND 30: 1/3–1/2 of the line above), drawn as a bordered empty paragraph. */
  private rule(indentTwips: number): Docx.Paragraph {
    return new this.d.Paragraph({
      indent: { left: indentTwips, right: indentTwips },
      border: { bottom: { style: this.d.BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
      spacing: { after: 120 },
      children: [new this.d.TextRun({ text: '', size: 4 })],
    });
  }

  private pageNumberHeader(): Docx.Header {
    return new this.d.Header({
      children: [
        new this.d.Paragraph({
          alignment: this.d.AlignmentType.CENTER,
          children: [new this.d.TextRun({ children: [this.d.PageNumber.CURRENT], size: BODY })],
        }),
      ],
    });
  }

  private borderless(): Docx.ITableBordersOptions {
    const none = { style: this.d.BorderStyle.NONE, size: 0, color: 'FFFFFF' };
    return { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
  }

  private layoutCell(children: Docx.Paragraph[], width: number): Docx.TableCell {
    return new this.d.TableCell({ children, width: { size: width, type: this.d.WidthType.DXA } });
  }

  // ---------- the first pages: header, title, bases, signature ----------

  headerSection(): Docx.ISectionOptions {
    const d = this.d;
    const input = this.input;
    const textWidth = A4.width - MARGIN.left - MARGIN.right;
    const leftWidth = Math.round(textWidth * 0.4);
    const rightWidth = textWidth - leftWidth;
    const { parent, issuer } = issuerLines(input);

    const left: Docx.Paragraph[] = [];
    if (parent) left.push(this.centred(parent, { size: BODY }));
    issuer.forEach((line) => left.push(this.centred(line, { bold: true, size: BODY })));
    left.push(this.rule(Math.round(leftWidth * 0.4))); // about half of the issuer's name
    const right: Docx.Paragraph[] = [
      this.centred(NATIONAL_NAME, { bold: true, size: 24 }),
      this.centred(NATIONAL_MOTTO, { bold: true, size: BODY }),
      this.rule(Math.round(rightWidth * 0.29)), // as long as the motto
    ];
    const header = new d.Table({
      width: { size: textWidth, type: d.WidthType.DXA },
      columnWidths: [leftWidth, rightWidth],
      layout: d.TableLayoutType.FIXED,
      borders: this.borderless(),
      rows: [
        new d.TableRow({ children: [this.layoutCell(left, leftWidth), this.layoutCell(right, rightWidth)] }),
        new d.TableRow({
          children: [
            this.layoutCell([this.centred(numberLine(input), { size: BODY })], leftWidth),
            this.layoutCell([this.centred(placeDateLine(input), { italics: true, size: BODY })], rightWidth),
          ],
        }),
      ],
    });

    const body: Array<Docx.Paragraph | Docx.Table> = [header];
    body.push(this.centred('KẾ HOẠCH', { bold: true, size: HEADING }, { before: 360 }));
    body.push(this.centred(input.plan.title, { bold: true, size: HEADING }));
    body.push(this.rule(Math.round(textWidth * 0.35)));
    input.plan.bases.forEach((basis, i) => {
      body.push(
        new d.Paragraph({
          alignment: d.AlignmentType.JUSTIFIED,
          indent: { firstLine: mm(12.7) },
          spacing: { before: 120, line: 300 },
          children: this.runs(basisSentence(basis, i === input.plan.bases.length - 1), { size: BODY }),
        }),
      );
    });
    if (input.appendices.length) {
      const names = input.appendices.map((a) => (a.label ? `Phụ lục ${a.label}` : 'phụ lục')).join(', ');
      body.push(
        new d.Paragraph({
          alignment: d.AlignmentType.JUSTIFIED,
          indent: { firstLine: mm(12.7) },
          spacing: { before: 120, line: 300 },
          children: this.runs(`Các nhiệm vụ cụ thể, cơ quan chủ trì, cơ quan phối hợp, kết quả và thời gian hoàn thành tại ${names} kèm theo Kế hoạch này.`),
        }),
      );
    }
    body.push(this.signature(textWidth));

    return {
      properties: {
        titlePage: true, // no page number on the first page
        page: { size: { ...A4, orientation: d.PageOrientation.PORTRAIT }, margin: MARGIN },
      },
      headers: { default: this.pageNumberHeader(), first: new d.Header({ children: [] }) },
      children: body,
    };
  }

  /** "Nơi nhận:" on the left, the signing authority on the right (name left blank for the signer). */
  private signature(textWidth: number): Docx.Table {
    const d = this.d;
    const leftWidth = Math.round(textWidth * 0.45);
    const rightWidth = textWidth - leftWidth;
    const committee = isPeoplesCommittee(this.input);
    const left = [
      new d.Paragraph({ children: [new d.TextRun({ text: 'Nơi nhận:', bold: true, italics: true, size: TABLE })] }),
      new d.Paragraph({ children: [new d.TextRun({ text: '- Như trên;', size: SMALL })] }),
      new d.Paragraph({ children: [new d.TextRun({ text: '- Lưu: VT.', size: SMALL })] }),
    ];
    const right = committee
      ? [this.centred('TM. ỦY BAN NHÂN DÂN', { bold: true }), this.centred('CHỦ TỊCH', { bold: true })]
      : [this.centred('THỦ TRƯỞNG CƠ QUAN', { bold: true })];
    return new d.Table({
      width: { size: textWidth, type: d.WidthType.DXA },
      columnWidths: [leftWidth, rightWidth],
      layout: d.TableLayoutType.FIXED,
      borders: this.borderless(),
      rows: [new d.TableRow({ children: [this.layoutCell(left, leftWidth), this.layoutCell(right, rightWidth)] })],
    });
  }

  // ---------- an appendix ----------

  appendixSection(layout: AppendixLayout): Docx.ISectionOptions {
    const d = this.d;
    const textWidth = A4.height - MARGIN.left - MARGIN.right; // landscape
    const weights = [...FIXED_WEIGHTS, ...layout.noteKeys.map(() => NOTE_WEIGHT)];
    const sum = weights.reduce((a, b) => a + b, 0);
    const widths = weights.map((w) => Math.floor((textWidth * w) / sum));
    widths[1]! += textWidth - widths.reduce((a, b) => a + b, 0);
    const columns = widths.length;
    const spanWidth = (from: number, to: number) => widths.slice(from, to).reduce((a, b) => a + b, 0);

    const cell = (paragraphs: Docx.Paragraph[], from: number, span = 1, extra: Partial<Docx.ITableCellOptions> = {}) =>
      new d.TableCell({
        children: paragraphs.length ? paragraphs : [new d.Paragraph({ children: [] })],
        width: { size: spanWidth(from, from + span), type: d.WidthType.DXA },
        ...(span > 1 ? { columnSpan: span } : {}),
        ...extra,
      });
    const centre = d.AlignmentType.CENTER;

    const rows: Docx.TableRow[] = [
      new d.TableRow({
        tableHeader: true, // repeated at the top of every page
        cantSplit: true,
        children: layout.headers.map((h, i) =>
          cell([new d.Paragraph({ style: TABLE_STYLE, alignment: centre, children: this.runs(h, { bold: true }) })], i, 1, {
            verticalAlign: d.VerticalAlign.CENTER,
          }),
        ),
      }),
    ];
    for (const row of layout.rows) {
      if (row.kind === 'section') {
        rows.push(
          new d.TableRow({
            cantSplit: true,
            children: [
              cell([new d.Paragraph({ style: TABLE_STYLE, alignment: centre, children: this.runs(row.label, { bold: true }) })], 0),
              cell([new d.Paragraph({ style: TABLE_STYLE, keepNext: true, children: this.runs(row.title, { bold: true }) })], 1, columns - 1),
            ],
          }),
        );
      } else if (row.kind === 'subgroup') {
        // The text in the content column only: a sub-group merged across the table would read back as a section.
        rows.push(
          new d.TableRow({
            cantSplit: true,
            children: [
              cell([], 0),
              cell([new d.Paragraph({ style: TABLE_STYLE, keepNext: true, children: this.runs(row.text, { italics: true }) })], 1),
              ...widths.slice(2).map((_, k) => cell([], k + 2)),
            ],
          }),
        );
      } else {
        rows.push(
          new d.TableRow({
            children: row.cells.map((text, i) =>
              cell(
                this.paragraphs(text, {
                  style: TABLE_STYLE,
                  ...(i === 0 ? { alignment: centre } : { alignment: d.AlignmentType.LEFT }),
                }),
                i,
              ),
            ),
          }),
        );
      }
    }

    const table = new d.Table({
      width: { size: textWidth, type: d.WidthType.DXA },
      columnWidths: widths,
      layout: d.TableLayoutType.FIXED,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      rows,
    });

    return {
      properties: {
        type: d.SectionType.NEXT_PAGE,
        page: { size: { ...A4, orientation: d.PageOrientation.LANDSCAPE }, margin: MARGIN },
      },
      headers: { default: this.pageNumberHeader() },
      children: [
        this.centred(layout.heading, { bold: true, size: HEADING }),
        this.centred(layout.title, { bold: true, size: BODY }),
        this.centred(layout.attachment, { italics: true, size: BODY }, { after: 240 }),
        table,
      ],
    };
  }
}

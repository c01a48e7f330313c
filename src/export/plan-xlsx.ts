/**
 * A plan as an Excel workbook: a first sheet "Kế hoạch" with the Nghị định 30/2020 header (issuing body,
 * number, national name and motto, place and date, "KẾ HOẠCH", title, legal bases), then one sheet per
 * appendix ("Phụ lục I"): "PHỤ LỤC I", its title and "(Kèm theo …)" above the table, the header row in
 * bold and frozen, section rows merged across the columns, sub-group rows in italics, text wrapped,
 * Times New Roman, printed on A4 landscape, one page wide, with the header row repeated on every page.
 */
import ExcelJS from 'exceljs';
import {
  basisSentence,
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

const FONT = 'Times New Roman';
const SIZE = 12;
/** Column widths in characters: TT, content, lead, coordinating, output, deadline; then each notes column. */
const FIXED_WIDTHS = [6, 58, 24, 26, 30, 22];
const NOTE_WIDTH = 20;
/** Inches: ND 30 margins (20 mm top and bottom, 30 mm left, 15 mm right). */
const MARGINS = { top: 0.79, bottom: 0.79, left: 1.18, right: 0.59, header: 0.3, footer: 0.3 };
const HEADER_ROW = 5;

const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

type Font = Partial<ExcelJS.Font>;
const font = (extra: Font = {}): Font => ({ name: FONT, size: SIZE, ...extra });

/** A cell value: plain text, or rich text when part of it is in italics. */
function cellValue(text: string, extra: Font = {}): ExcelJS.CellValue {
  const runs = italicRuns(text);
  if (!runs.some((r) => r.italic)) return runs.map((r) => r.text).join('');
  return { richText: runs.map((r) => ({ text: r.text, font: font({ ...extra, ...(r.italic ? { italic: true } : {}) }) })) };
}

/** Lines a text takes in a column of `width` characters (a rough measure for the row height). */
function linesIn(text: string, width: number): number {
  const usable = Math.max(4, width * 1.1 - 1);
  return text
    .replace(/<\/?i>/g, '')
    .split('\n')
    .reduce((n, line) => n + Math.max(1, Math.ceil(line.length / usable)), 0);
}
const LINE_HEIGHT = 16; // points per line of 12 pt Times New Roman, with some air
/** Excel's largest row height, in points. */
const rowHeight = (points: number) => Math.min(409, Math.round(points * 10) / 10);

export async function planToXlsx(input: PlanExportInput): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Dondoc';
  wb.title = input.plan.title;
  coverSheet(wb, input);
  const used = new Set<string>(['Kế hoạch']);
  input.appendices.forEach((appendix, i) => {
    const layout = layoutAppendix(input, appendix);
    appendixSheet(wb, sheetName(appendix.label, i, used), layout);
  });
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/** "Phụ lục I"; unique, at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(label: string, index: number, used: Set<string>): string {
  const base = `Phụ lục ${label || index + 1}`.replace(/[:\\/?*[\]]/g, '-').slice(0, 31);
  let name = base;
  for (let k = 2; used.has(name); k++) name = `${base.slice(0, 27)} (${k})`;
  used.add(name);
  return name;
}

function coverSheet(wb: ExcelJS.Workbook, input: PlanExportInput): void {
  const ws = wb.addWorksheet('Kế hoạch', {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: MARGINS },
  });
  ws.columns = [{ width: 45 }, { width: 60 }];
  const { parent, issuer } = issuerLines(input);
  const left: Array<{ text: string; bold: boolean }> = [
    ...(parent ? [{ text: parent, bold: false }] : []),
    ...issuer.map((text) => ({ text, bold: true })),
  ];
  const right = [NATIONAL_NAME, NATIONAL_MOTTO];
  const centre: Partial<ExcelJS.Alignment> = { horizontal: 'center', vertical: 'middle', wrapText: true };
  const top = Math.max(left.length, right.length);
  for (let r = 0; r < top; r++) {
    const row = ws.getRow(r + 1);
    const l = left[r];
    if (l) {
      row.getCell(1).value = l.text;
      row.getCell(1).font = font({ bold: l.bold });
    }
    const t = right[r];
    if (t) {
      row.getCell(2).value = t;
      row.getCell(2).font = font({ bold: true, size: r === 0 ? 12 : 13 });
    }
    row.getCell(1).alignment = centre;
    row.getCell(2).alignment = centre;
  }
  let r = top + 2;
  const numberRow = ws.getRow(r);
  numberRow.getCell(1).value = numberLine(input);
  numberRow.getCell(1).font = font({ size: 13 });
  numberRow.getCell(2).value = placeDateLine(input);
  numberRow.getCell(2).font = font({ size: 13, italic: true });
  numberRow.getCell(1).alignment = centre;
  numberRow.getCell(2).alignment = centre;
  r += 2;

  const wide = (text: string, f: Font, alignment: Partial<ExcelJS.Alignment>) => {
    const row = ws.getRow(r);
    row.getCell(1).value = text;
    row.getCell(1).font = font(f);
    row.getCell(1).alignment = { ...alignment, wrapText: true, vertical: 'top' };
    ws.mergeCells(r, 1, r, 2);
    row.height = rowHeight(LINE_HEIGHT * 1.1 * linesIn(text, 100));
    r++;
  };
  wide('KẾ HOẠCH', { bold: true, size: 14 }, { horizontal: 'center' });
  wide(input.plan.title, { bold: true, size: 14 }, { horizontal: 'center' });
  r++;
  input.plan.bases.forEach((basis, i) => wide(basisSentence(basis, i === input.plan.bases.length - 1), { size: 13 }, { horizontal: 'justify', indent: 2 }));
  if (input.appendices.length) {
    const names = input.appendices.map((a) => (a.label ? `Phụ lục ${a.label}` : 'phụ lục')).join(', ');
    wide(`Các nhiệm vụ cụ thể tại các trang ${names} của tệp này.`, { size: 13 }, { horizontal: 'justify', indent: 2 });
  }
}

function appendixSheet(wb: ExcelJS.Workbook, name: string, layout: AppendixLayout): void {
  const columns = layout.headers.length;
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${HEADER_ROW + 1}` }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: MARGINS,
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
      horizontalCentered: true,
    },
    headerFooter: { oddHeader: '&C&"Times New Roman"&13&P' },
  });
  const widths = [...FIXED_WIDTHS, ...layout.noteKeys.map(() => NOTE_WIDTH)];
  ws.columns = widths.map((width) => ({ width }));
  const totalWidth = widths.reduce((a, b) => a + b, 0);

  // Title rows above the table.
  const titleRow = (r: number, text: string, f: Font) => {
    const row = ws.getRow(r);
    row.getCell(1).value = text;
    row.getCell(1).font = font(f);
    row.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    ws.mergeCells(r, 1, r, columns);
    row.height = rowHeight(LINE_HEIGHT * 1.15 * linesIn(text, totalWidth * 0.9));
  };
  titleRow(1, layout.heading, { bold: true, size: 13 });
  titleRow(2, layout.title, { bold: true, size: 13 });
  titleRow(3, layout.attachment, { italic: true, size: 13 });

  // The header row.
  const header = ws.getRow(HEADER_ROW);
  layout.headers.forEach((h, i) => {
    const c = header.getCell(i + 1);
    c.value = h;
    c.font = font({ bold: true });
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = BORDER;
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  });
  header.height = rowHeight(LINE_HEIGHT * Math.max(...layout.headers.map((h, i) => linesIn(h, widths[i]!))));

  let r = HEADER_ROW + 1;
  for (const item of layout.rows) {
    const row = ws.getRow(r);
    for (let c = 1; c <= columns; c++) {
      row.getCell(c).border = BORDER;
      row.getCell(c).font = font();
      row.getCell(c).alignment = { vertical: 'top', wrapText: true, ...(c === 1 ? { horizontal: 'center' } : {}) };
    }
    if (item.kind === 'section') {
      row.getCell(1).value = item.label;
      row.getCell(1).font = font({ bold: true });
      row.getCell(2).value = item.title;
      row.getCell(2).font = font({ bold: true });
      ws.mergeCells(r, 2, r, columns);
      row.height = rowHeight(LINE_HEIGHT * linesIn(item.title, totalWidth - widths[0]!));
    } else if (item.kind === 'subgroup') {
      // The text in the content column only: a sub-group merged across the table would read back as a section.
      row.getCell(2).value = item.text;
      row.getCell(2).font = font({ italic: true });
      row.height = rowHeight(LINE_HEIGHT * linesIn(item.text, widths[1]!));
    } else {
      item.cells.forEach((text, i) => {
        if (text) row.getCell(i + 1).value = cellValue(text);
      });
      row.height = rowHeight(LINE_HEIGHT * Math.max(1, ...item.cells.map((text, i) => linesIn(text, widths[i]!))));
    }
    r++;
  }
}

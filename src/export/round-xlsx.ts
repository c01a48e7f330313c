/**
 * The consolidation of a round as an Excel workbook: a sheet "Nhiệm vụ" with one row per task (number,
 * content, dimension, "x/y … hoàn thành") and one status column per reporting unit (Vietnamese status
 * labels, blank where the unit does not lead the task); a sheet "Tổng hợp theo đơn vị" with one row per
 * unit (submission, counts by status). Times New Roman, A4 landscape.
 */
import ExcelJS from 'exceljs';
import { DIMENSION_LABEL_VI } from '../domain/plans/plan.js';
import { ASSIGNMENT_STATUSES, STATUS_LABEL_VI } from '../domain/reporting/status.js';
import { FONT, type RoundDocInput } from './round-docx.js';

const SIZE = 12;
const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const MARGINS = { top: 0.79, bottom: 0.79, left: 1.18, right: 0.59, header: 0.3, footer: 0.3 };

function setup(ws: ExcelJS.Worksheet, headerRow: number): void {
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: MARGINS, printTitlesRow: `${headerRow}:${headerRow}` };
  ws.views = [{ state: 'frozen', ySplit: headerRow }];
}

function styleTable(ws: ExcelJS.Worksheet, from: number, to: number, columns: number): void {
  for (let r = from; r <= to; r++) {
    const row = ws.getRow(r);
    for (let c = 1; c <= columns; c++) {
      const cell = row.getCell(c);
      cell.border = BORDER;
      cell.font = { name: FONT, size: SIZE, ...(r === from ? { bold: true } : {}) };
      cell.alignment = { wrapText: true, vertical: 'top', ...(r === from || c !== 2 ? { horizontal: c === 2 && r !== from ? 'left' : 'center' } : {}) };
    }
  }
}

export async function roundToXlsx(input: RoundDocInput): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Dondoc';
  wb.title = `Tổng hợp ${input.roundLabel}`;
  const r = input.rollup;
  const units = r.units;

  const ws = wb.addWorksheet('Nhiệm vụ');
  const title = `TỔNG HỢP TÌNH HÌNH THỰC HIỆN NHIỆM VỤ ${input.roundLabel.toLocaleUpperCase('vi')}`;
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { name: FONT, size: 14, bold: true };
  ws.getCell(2, 1).value = `(${input.planReference})`;
  ws.getCell(2, 1).font = { name: FONT, size: SIZE, italic: true };
  const HEADER = 4;
  const headers = ['TT', 'Nội dung nhiệm vụ', 'Lĩnh vực', 'Kết quả chung', ...units.map((u) => u.unitName)];
  ws.getRow(HEADER).values = headers;
  r.tasks.forEach((t, i) => {
    const byUnit = new Map(t.units.map((u) => [u.unitId, u.label]));
    ws.getRow(HEADER + 1 + i).values = [
      t.no,
      t.content.replace(/<\/?i>/g, ''),
      t.dimension ? DIMENSION_LABEL_VI[t.dimension] : '',
      t.sentence,
      ...units.map((u) => byUnit.get(u.unitId) ?? ''),
    ];
  });
  styleTable(ws, HEADER, HEADER + r.tasks.length, headers.length);
  ws.columns.forEach((c, i) => {
    c.width = [6, 60, 28, 22][i] ?? 18;
  });
  setup(ws, HEADER);

  const sum = wb.addWorksheet('Tổng hợp theo đơn vị');
  sum.getCell(1, 1).value = `TÌNH HÌNH GỬI BÁO CÁO VÀ THỰC HIỆN NHIỆM VỤ THEO ĐƠN VỊ ${input.roundLabel.toLocaleUpperCase('vi')}`;
  sum.getCell(1, 1).font = { name: FONT, size: 14, bold: true };
  const sumHeaders = ['TT', 'Đơn vị', 'Gửi báo cáo', 'Số nhiệm vụ', ...ASSIGNMENT_STATUSES.map((s) => STATUS_LABEL_VI[s])];
  sum.getRow(3).values = sumHeaders;
  units.forEach((u, i) => {
    sum.getRow(4 + i).values = [i + 1, u.unitName, u.submissionLabel, u.total, ...ASSIGNMENT_STATUSES.map((s) => u.counts[s])];
  });
  styleTable(sum, 3, 3 + units.length, sumHeaders.length);
  sum.columns.forEach((c, i) => {
    c.width = [6, 36, 20, 12][i] ?? 14;
  });
  setup(sum, 3);

  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/**
 * Reader for .xlsx through exceljs: each visible worksheet becomes one table (merged cells resolved);
 * the interpreter turns the title rows above the header row into paragraphs ("PHỤ LỤC I", the title).
 * Rich text keeps italics as `<i>`; dates print as dd/mm/yyyy; formulas give their cached result.
 */
import ExcelJS from 'exceljs';
import { corruptFile } from './errors.js';
import { gridFromMatrix, type DocBlock, type PlanDocument } from './model.js';
import { cleanCell } from './text.js';
import { listParts } from './zip.js';

const FORMAT = 'Excel (.xlsx)';
const MAX_ROWS = 20_000;
const MAX_COLS = 100;

type RichPart = { text?: unknown; font?: { italic?: boolean } };

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function valueText(value: unknown, italic: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return italic && value.trim() ? `<i>${value}</i>` : value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    return `${pad(value.getUTCDate())}/${pad(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`;
  }
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) {
      return (v.richText as RichPart[])
        .map((p) => {
          const t = typeof p.text === 'string' ? p.text : '';
          return p.font?.italic && t.trim() ? `<i>${t}</i>` : t;
        })
        .join('');
    }
    if ('result' in v) return valueText(v.result, italic);
    if ('text' in v) return valueText(v.text, italic);
    if ('error' in v) return '';
  }
  return '';
}

function decodeRange(range: string): { top: number; left: number; bottom: number; right: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7}):\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(range.trim());
  if (!m) return null;
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + (ch.charCodeAt(0) - 64), 0) - 1;
  return { top: Number(m[2]) - 1, left: col(m[1]!), bottom: Number(m[4]) - 1, right: col(m[3]!) };
}

export async function readXlsxDocument(bytes: Uint8Array, fileName: string): Promise<PlanDocument> {
  const parts = listParts(bytes, fileName, FORMAT); // validates the zip before exceljs sees it
  if (!parts.includes('xl/workbook.xml')) throw corruptFile(fileName, FORMAT, 'thiếu phần xl/workbook.xml');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (err) {
    throw corruptFile(fileName, FORMAT, (err as Error)?.message?.split('\n')[0] ?? String(err));
  }
  const blocks: DocBlock[] = [];
  for (const sheet of workbook.worksheets) {
    if (sheet.state && sheet.state !== 'visible') continue;
    const rowCount = Math.min(sheet.rowCount, MAX_ROWS);
    const colCount = Math.min(sheet.columnCount, MAX_COLS);
    if (rowCount === 0 || colCount === 0) continue;
    const texts: string[][] = [];
    for (let r = 1; r <= rowCount; r++) {
      const row = sheet.getRow(r);
      const line: string[] = [];
      for (let c = 1; c <= colCount; c++) {
        const cell = row.getCell(c);
        const isMergedSlave = cell.isMerged && cell.master !== cell;
        line.push(isMergedSlave ? '' : cleanCell(valueText(cell.value, Boolean(cell.font?.italic))));
      }
      texts.push(line);
    }
    const merges = (sheet.model.merges ?? [])
      .map((m) => decodeRange(String(m)))
      .filter((m): m is NonNullable<typeof m> => m !== null && m.top < rowCount && m.left < colCount)
      .map((m) => ({ ...m, bottom: Math.min(m.bottom, rowCount - 1), right: Math.min(m.right, colCount - 1) }));
    blocks.push(gridFromMatrix(texts, merges, sheet.name));
  }
  return { format: 'xlsx', blocks };
}

/**
 * Disclosure tables: checking an imported grid (headers + rows) against a category, parsing CSV text, and
 * re-filtering a stored table before anything leaves for the public (page, CSV, XLSX, JSON).
 */
import { cleanText, searchKey } from '../text/normalize.js';
import type { CategorySpec, ColumnType } from './categories.js';
import { columnLetter, filterColumns, personalHeaderKind, personalValueKind, PERSONAL_KIND_LABELS, type DroppedColumn, type PersonalKind } from './personal-data.js';
import { csvText } from '../text/csv.js';

export type Cell = string | number | null;

export interface TableColumn {
  key: string;
  label: string;
  type: ColumnType;
}

/** A table as stored and published. */
export interface DisclosureTable {
  columns: TableColumn[];
  rows: Cell[][];
}

/** An imported grid: the header row and the data rows with their line numbers in the file (1-based). */
export interface ImportedGrid {
  headers: string[];
  rows: Array<{ line: number; cells: string[] }>;
}

export interface CellProblem {
  line: number;
  column: string;
  code: 'personal_data' | 'not_a_number' | 'invalid_classification' | 'too_long';
  personalKind?: PersonalKind;
  message: string;
}

export interface CheckedTable {
  table: DisclosureTable;
  dropped: DroppedColumn[];
  missing: string[];
  problems: CellProblem[];
}

export const TABLE_LIMITS = { rows: 10_000, columns: 40, cell: 2000 } as const;

/** The classifications a poor-household list may show, by folded spelling. */
const CLASSIFICATIONS: Record<string, string> = {
  'ho ngheo': 'Hộ nghèo',
  ngheo: 'Hộ nghèo',
  'ho can ngheo': 'Hộ cận nghèo',
  'can ngheo': 'Hộ cận nghèo',
  'ho thoat ngheo': 'Hộ thoát nghèo',
  'thoat ngheo': 'Hộ thoát nghèo',
  'ho thoat can ngheo': 'Hộ thoát cận nghèo',
  'thoat can ngheo': 'Hộ thoát cận nghèo',
};

export function normalizeClassification(value: string): string | null {
  return CLASSIFICATIONS[searchKey(value)] ?? null;
}

/**
 * A number written the Vietnamese way or the spreadsheet way: "1.234.567", "1 234 567", "1,234,567",
 * "12,5", "12.5", "12,5%", "(1.000)" (negative); null when the text is not a number.
 */
export function parseVietnameseNumber(input: string): number | null {
  let s = cleanText(input).replace(/\s*(đồng|đ|vnd|vnđ|%)$/i, '').replace(/\s/g, '');
  if (!s) return null;
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1);
  }
  if (s.startsWith('-')) {
    negative = !negative;
    s = s.slice(1);
  }
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return null;
  let normalized: string;
  if (s.includes('.') && s.includes(',')) {
    // The separator that comes last is the decimal mark.
    normalized = s.lastIndexOf(',') > s.lastIndexOf('.') ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else if (/^\d{1,3}(\.\d{3})+$/.test(s)) {
    normalized = s.replace(/\./g, '');
  } else if (/^\d{1,3}(,\d{3})+$/.test(s)) {
    normalized = s.replace(/,/g, '');
  } else if ((s.match(/[.,]/g) ?? []).length <= 1) {
    normalized = s.replace(',', '.');
  } else {
    return null;
  }
  const n = Number(normalized);
  if (!Number.isFinite(n)) return null;
  return negative ? -n : n;
}

/**
 * Checks an imported grid against a category: keeps the allowed columns (drops and reports personal-data
 * and, for lists of people, any other column), converts numbers, normalises classifications, and refuses
 * every cell that looks like an ID number or a phone (problems, with the line and column, in Vietnamese).
 * The table is publishable only when `problems` and `missing` are empty.
 */
export function checkTable(spec: CategorySpec, input: ImportedGrid): CheckedTable {
  const grid = locateHeader(spec, input);
  const hasData = (i: number) => grid.rows.some((r) => cleanText(r.cells[i] ?? '') !== '');
  const { kept, dropped, missing } = filterColumns(spec, grid.headers, hasData);
  const problems: CellProblem[] = [];
  const rows: Cell[][] = [];
  for (const { line, cells } of grid.rows) {
    const values = kept.map((c) => cleanText(cells[c.index] ?? ''));
    if (values.every((v) => v === '')) continue;
    const row: Cell[] = [];
    kept.forEach((c, k) => {
      const text = values[k]!;
      const where = `Dòng ${line}, cột ${columnLetter(c.index)} «${c.label}»`;
      if (text.length > TABLE_LIMITS.cell) {
        problems.push({ line, column: c.label, code: 'too_long', message: `${where}: nội dung dài quá ${TABLE_LIMITS.cell} ký tự.` });
        row.push(null);
        return;
      }
      const personal = personalValueKind(text, c.type, spec.personalList);
      if (personal) {
        problems.push({
          line,
          column: c.label,
          code: 'personal_data',
          personalKind: personal,
          message: `${where}: giá trị có dạng ${PERSONAL_KIND_LABELS[personal]}, không được công khai. Hãy xóa giá trị này khỏi tệp rồi nhập lại.`,
        });
        row.push(null);
        return;
      }
      if (text === '') {
        row.push(null);
        return;
      }
      if (c.type !== 'text') {
        const n = parseVietnameseNumber(text);
        if (n === null) {
          problems.push({ line, column: c.label, code: 'not_a_number', message: `${where}: «${text.slice(0, 60)}» không phải là số.` });
          row.push(null);
          return;
        }
        row.push(n);
        return;
      }
      if (spec.category === 'poor_households' && c.key === 'classification') {
        const canonical = normalizeClassification(text);
        if (!canonical) {
          problems.push({
            line,
            column: c.label,
            code: 'invalid_classification',
            message: `${where}: «${text.slice(0, 60)}» không phải là phân loại hợp lệ (Hộ nghèo, Hộ cận nghèo, Hộ thoát nghèo, Hộ thoát cận nghèo).`,
          });
          row.push(null);
          return;
        }
        row.push(canonical);
        return;
      }
      row.push(text);
    });
    rows.push(row);
  }
  return { table: { columns: kept.map(({ key, label, type }) => ({ key, label, type })), rows }, dropped, missing, problems };
}

/**
 * A stored table as it may leave for the public: columns whose label names personal data are dropped, and
 * any cell that looks like personal data is blanked — the import refused such cells already; this is the
 * second lock at render and export time (a table written by an older version, or directly in the database).
 */
export function publicTable(spec: CategorySpec, table: DisclosureTable): DisclosureTable {
  const keep = table.columns.map((c, i) => ({ c, i })).filter(({ c }) => !personalHeaderKind(c.label, spec.personalList) && !personalHeaderKind(c.key, spec.personalList));
  const allowedKeys = new Set(spec.columns.map((c) => c.key));
  const kept = spec.strictColumns ? keep.filter(({ c }) => allowedKeys.has(c.key)) : keep;
  return {
    columns: kept.map(({ c }) => ({ key: c.key, label: c.label, type: c.type })),
    rows: table.rows.map((row) =>
      kept.map(({ c, i }) => {
        const v = row[i] ?? null;
        if (v === null) return null;
        if (typeof v === 'number') return personalValueKind(String(v), c.type, spec.personalList) ? null : v;
        return personalValueKind(v, c.type, spec.personalList) ? null : v;
      }),
    ),
  };
}

/**
 * Spreadsheets often carry a title or a few lines of text above the table ("DANH SÁCH HỘ NGHÈO NĂM 2025").
 * The header is the line, among the first 15, that names the most columns of the category (or personal
 * data); when none names any, the first line stays the header.
 */
export function locateHeader(spec: CategorySpec, grid: ImportedGrid): ImportedGrid {
  const lines = [{ line: 0, cells: grid.headers }, ...grid.rows];
  const score = (cells: readonly string[]) =>
    cells.filter((c) => {
      const key = searchKey(c ?? '');
      return key !== '' && (spec.columns.some((col) => col.aliases.includes(key) || searchKey(col.label) === key) || personalHeaderKind(c, spec.personalList) !== null);
    }).length;
  let best = 0;
  let bestScore = score(grid.headers);
  for (let i = 1; i < Math.min(lines.length, 15); i++) {
    const s = score(lines[i]!.cells);
    if (s > bestScore) {
      best = i;
      bestScore = s;
    }
  }
  if (best === 0) return grid;
  return { headers: lines[best]!.cells, rows: lines.slice(best + 1) };
}

// ---- CSV ---------------------------------------------------------------------------------------

/**
 * Parses CSV text (RFC 4180 quotes; separator ',' ';' or tab, guessed from the header line; BOM dropped)
 * into a grid: the first non-empty line is the header. Lines are numbered as in the file.
 */
export function parseCsv(text: string): ImportedGrid {
  const src = text.replace(/^\uFEFF/, '');
  const firstLine = src.split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', ';', '\t'].map((sep) => ({ sep, n: firstLine.split(sep).length }));
  const sep = counts.sort((a, b) => b.n - a.n)[0]!.sep;
  const records: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const endRecord = () => {
    cells.push(field);
    records.push({ line: recordLine, cells });
    cells = [];
    field = '';
  };
  while (i < src.length) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (ch === '\n') line++;
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
      continue;
    }
    if (ch === sep) {
      cells.push(field);
      field = '';
      i++;
      continue;
    }
    if (ch === '\r' && src[i + 1] === '\n') {
      i++;
      continue;
    }
    if (ch === '\n') {
      endRecord();
      line++;
      recordLine = line;
      i++;
      continue;
    }
    field += ch;
    i++;
  }
  if (field !== '' || cells.length > 0) endRecord();
  const nonEmpty = records.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const [header, ...rows] = nonEmpty;
  return { headers: header ? header.cells : [], rows };
}

/** A table as CSV (UTF-8 with BOM, so Excel reads Vietnamese; CRLF line ends). */
export function toCsv(table: DisclosureTable): string {
  return csvText(
    table.columns.map((c) => c.label),
    table.rows,
  );
}

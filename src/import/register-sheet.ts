/**
 * Lists of administrative procedures and of received dossiers as the one-stop desk keeps them in a
 * spreadsheet (XLSX or CSV, read into a grid by the disclosure table reader): the columns are found by
 * their Vietnamese header words, with or without diacritics ("Mã thủ tục", "Thoi han giai quyet"…), and
 * every cell that cannot be read is reported with its line and column, so the officer can fix the file.
 * Pure: the caller reads the file and saves the rows.
 */
import { DomainError } from '../domain/errors.js';
import type { ImportedGrid } from '../domain/disclosures/table.js';
import { columnLetter } from '../domain/disclosures/personal-data.js';
import { DOSSIER_STATUSES, validateDossier, validateProcedure, type DossierStatus, type ProcedureInput } from '../domain/procedures/index.js';
import { isIsoDate, toIso } from '../domain/schedule/calendar.js';
import { cleanText, searchKey } from '../domain/text/normalize.js';

export interface SheetProblem {
  /** The line in the file (1-based, as the spreadsheet numbers it). */
  line: number;
  /** "C «Thời hạn giải quyết»" */
  column: string;
  message: string;
}

export interface SheetColumns<K extends string> {
  /** Key → index in the header row. */
  found: Partial<Record<K, number>>;
  /** Headers this import does not store (STT, "Cơ quan thực hiện", an ID number…), as written. */
  ignored: string[];
}

interface ColumnSpec<K extends string> {
  key: K;
  label: string;
  /** Folded words; a header matches when one of them stands as whole words inside it. */
  words: readonly string[];
  required: boolean;
}

export const MAX_SHEET_ROWS = 5000;

const PROCEDURE_COLUMNS = [
  { key: 'code', label: 'Mã thủ tục', words: ['ma thu tuc', 'ma tthc', 'ma so thu tuc', 'ma so', 'ma'], required: true },
  { key: 'name', label: 'Tên thủ tục', words: ['ten thu tuc', 'ten tthc', 'thu tuc hanh chinh', 'ten'], required: true },
  { key: 'field', label: 'Lĩnh vực', words: ['linh vuc'], required: true },
  { key: 'days', label: 'Thời hạn giải quyết', words: ['thoi han giai quyet', 'thoi gian giai quyet', 'thoi han', 'so ngay'], required: false },
  { key: 'fee', label: 'Phí, lệ phí', words: ['phi le phi', 'le phi', 'phi'], required: false },
] as const satisfies ReadonlyArray<ColumnSpec<string>>;

type ProcedureKey = (typeof PROCEDURE_COLUMNS)[number]['key'];

const DOSSIER_COLUMNS = [
  { key: 'code', label: 'Mã hồ sơ', words: ['ma ho so', 'so ho so'], required: true },
  { key: 'receiptCode', label: 'Mã biên nhận', words: ['ma bien nhan', 'so bien nhan', 'bien nhan'], required: false },
  { key: 'procedure', label: 'Thủ tục', words: ['ma thu tuc', 'ten thu tuc', 'thu tuc'], required: true },
  { key: 'applicant', label: 'Người nộp', words: ['nguoi nop', 'chu ho so', 'nguoi dung ten', 'to chuc ca nhan', 'ho ten', 'ho va ten'], required: true },
  { key: 'received', label: 'Ngày tiếp nhận', words: ['ngay tiep nhan', 'ngay nhan', 'ngay nop'], required: true },
  { key: 'due', label: 'Ngày hẹn trả', words: ['ngay hen tra', 'hen tra', 'ngay hen'], required: false },
  { key: 'status', label: 'Trạng thái', words: ['trang thai', 'tinh trang', 'tinh hinh xu ly'], required: false },
  { key: 'statusDate', label: 'Ngày trả kết quả', words: ['ngay tra ket qua', 'ngay tra', 'ngay cap nhat', 'ngay xu ly', 'ngay co ket qua'], required: false },
  { key: 'note', label: 'Ghi chú', words: ['ghi chu'], required: false },
] as const satisfies ReadonlyArray<ColumnSpec<string>>;

type DossierKey = (typeof DOSSIER_COLUMNS)[number]['key'];

/** Row-number columns: recognised so that they are not reported as ignored. */
const ROW_NUMBER = new Set(['stt', 'tt', 'so tt', 'so thu tu']);

const has = (header: string, words: string) => ` ${header} `.includes(` ${words} `);

function matchColumns<K extends string>(specs: readonly ColumnSpec<K>[], headers: readonly string[]): SheetColumns<K> {
  const found: Partial<Record<K, number>> = {};
  const ignored: string[] = [];
  headers.forEach((raw, index) => {
    const header = searchKey(raw ?? '');
    if (!header || ROW_NUMBER.has(header)) return;
    // The first spec (in the order above) whose words the header holds takes it: "Mã thủ tục" is a code in a
    // procedure list and the procedure in a dossier list.
    const spec = specs.find((s) => found[s.key] === undefined && s.words.some((w) => has(header, w)));
    if (spec) found[spec.key] = index;
    else ignored.push(cleanText(raw));
  });
  return { found, ignored };
}

/**
 * Spreadsheets often carry a title above the table ("DANH MỤC THỦ TỤC HÀNH CHÍNH CẤP XÃ"): the header is
 * the line among the first 15 that names the most columns.
 */
function locate<K extends string>(specs: readonly ColumnSpec<K>[], grid: ImportedGrid): ImportedGrid {
  const lines = [{ cells: grid.headers }, ...grid.rows];
  let best = 0;
  let bestScore = -1;
  for (let i = 0; i < Math.min(lines.length, 15); i++) {
    const score = Object.keys(matchColumns(specs, lines[i]!.cells).found).length;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  return { headers: lines[best]!.cells, rows: grid.rows.slice(best) };
}

function missingColumns<K extends string>(specs: readonly ColumnSpec<K>[], found: Partial<Record<K, number>>): void {
  const missing = specs.filter((s) => s.required && found[s.key] === undefined).map((s) => `«${s.label}»`);
  if (missing.length === 0) return;
  const required = specs.filter((s) => s.required).map((s) => s.label).join(', ');
  const optional = specs.filter((s) => !s.required).map((s) => s.label).join(', ');
  throw new DomainError(
    'unprocessable',
    'missing_columns',
    `Tệp thiếu cột ${missing.join(', ')}. Dòng tiêu đề cần có các cột ${required}${optional ? `; có thể thêm ${optional}` : ''}.`,
    { missing },
  );
}

/** Throws the problems found, all or nothing: the first in the message, every one (up to 100) in the details. */
export function refuseProblems(problems: readonly SheetProblem[]): void {
  if (problems.length === 0) return;
  const first = problems[0]!;
  const more = problems.length > 1 ? ` (và ${problems.length - 1} lỗi khác; chưa lưu dòng nào)` : ' (chưa lưu dòng nào)';
  throw new DomainError('unprocessable', 'invalid_rows', `Dòng ${first.line}, cột ${first.column}: ${first.message}${more}.`, {
    problems: problems.slice(0, 100),
  });
}

class Reader<K extends string> {
  readonly problems: SheetProblem[] = [];
  constructor(
    private readonly specs: readonly ColumnSpec<K>[],
    private readonly headers: readonly string[],
    readonly found: Partial<Record<K, number>>,
  ) {}

  cell(cells: readonly string[], key: K): string {
    const index = this.found[key];
    return index === undefined ? '' : cleanText(cells[index] ?? '');
  }

  where(key: K): string {
    const index = this.found[key];
    if (index === undefined) return `«${this.specs.find((s) => s.key === key)!.label}»`;
    return `${columnLetter(index)} «${cleanText(this.headers[index] ?? '')}»`;
  }

  problem(line: number, key: K, message: string): void {
    this.problems.push({ line, column: this.where(key), message });
  }
}

function tooMany(rows: number): void {
  if (rows > MAX_SHEET_ROWS) throw new DomainError('unprocessable', 'too_many_rows', `Tệp có ${rows} dòng; mỗi lần nhập tối đa ${MAX_SHEET_ROWS} dòng.`);
}

const dataRows = (rows: ImportedGrid['rows']) => rows.filter((r) => r.cells.some((c) => cleanText(c ?? '') !== ''));

// ---- procedures --------------------------------------------------------------------------------

/**
 * "05 ngày làm việc", "5", "Trong ngày" (0), "Không quá 20 ngày" → working days; "" or "Không quy định" → null.
 * A text in months or hours, or with no number, is not guessed.
 */
export function parseProcessingDays(text: string): number | null | 'invalid' {
  const key = searchKey(text);
  if (key === '' || key === 'khong' || key === 'khong quy dinh' || key === 'khong co') return null;
  if (/^(trong ngay|ngay lam viec|giai quyet ngay|ngay)( lam viec)?$/.test(key)) return 0;
  if (/\b(thang|nam|gio|tuan)\b/.test(key)) return 'invalid';
  const numbers = key.match(/\d+/g) ?? [];
  if (numbers.length !== 1) return 'invalid';
  return Number(numbers[0]);
}

export interface ProcedureSheetRow extends ProcedureInput {
  line: number;
}

export interface ProcedureSheet {
  rows: ProcedureSheetRow[];
  ignoredColumns: string[];
}

const PROCEDURE_ERROR_COLUMN: Record<string, ProcedureKey> = {
  invalid_code: 'code',
  name_required: 'name',
  field_required: 'field',
  invalid_days: 'days',
};

/** Reads a procedure list; throws (422) the missing columns, or every bad cell with its line and column. */
export function readProcedureSheet(grid: ImportedGrid): ProcedureSheet {
  const { headers, rows } = locate(PROCEDURE_COLUMNS, grid);
  const { found, ignored } = matchColumns(PROCEDURE_COLUMNS, headers);
  missingColumns(PROCEDURE_COLUMNS, found);
  const lines = dataRows(rows);
  tooMany(lines.length);
  const reader = new Reader<ProcedureKey>(PROCEDURE_COLUMNS, headers, found);
  const out: ProcedureSheetRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of lines) {
    const daysText = reader.cell(cells, 'days');
    const days = parseProcessingDays(daysText);
    if (days === 'invalid') {
      reader.problem(line, 'days', `«${daysText.slice(0, 60)}» không phải là số ngày làm việc (ví dụ: «05 ngày làm việc», «Trong ngày»).`);
      continue;
    }
    try {
      const checked = validateProcedure({
        code: reader.cell(cells, 'code'),
        name: reader.cell(cells, 'name'),
        field: reader.cell(cells, 'field'),
        processingDays: days,
        fee: reader.cell(cells, 'fee') || null,
      });
      const earlier = seen.get(checked.code);
      if (earlier !== undefined) {
        reader.problem(line, 'code', `mã thủ tục «${checked.code}» trùng với dòng ${earlier}.`);
        continue;
      }
      seen.set(checked.code, line);
      out.push({ ...checked, line });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      const key = PROCEDURE_ERROR_COLUMN[err.code] ?? 'code';
      reader.problem(line, key, err.message.replace(/\.$/, ''));
    }
  }
  refuseProblems(reader.problems);
  if (out.length === 0) throw new DomainError('unprocessable', 'empty_import', 'Tệp không có dòng thủ tục nào dưới dòng tiêu đề.');
  return { rows: out, ignoredColumns: ignored };
}

// ---- dossiers ----------------------------------------------------------------------------------

/** "15/10/2021", "5/1/2022", "15-10-2021", "15.10.2021" or "2021-10-15" → "2021-10-15"; null otherwise. */
export function parseSheetDate(text: string): string | null {
  const s = text.trim();
  if (isIsoDate(s)) return s;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (!m) return null;
  const iso = toIso(Number(m[3]), Number(m[2]), Number(m[1]));
  return isIsoDate(iso) ? iso : null;
}

/** The statuses as desks write them (folded); "quá hạn" is derived by Dondoc, so it reads as still in process. */
const STATUS_WORDS: Record<string, DossierStatus> = {
  'da tiep nhan': 'received',
  'tiep nhan': 'received',
  'moi tiep nhan': 'received',
  'cho xu ly': 'received',
  'dang xu ly': 'processing',
  'dang giai quyet': 'processing',
  'xu ly': 'processing',
  'qua han': 'processing',
  'dang xu ly qua han': 'processing',
  'cho bo sung': 'supplement',
  'yeu cau bo sung': 'supplement',
  'bo sung': 'supplement',
  'can bo sung': 'supplement',
  'da co ket qua': 'resolved',
  'co ket qua': 'resolved',
  'da giai quyet': 'resolved',
  'hoan thanh': 'resolved',
  'da tra ket qua': 'returned',
  'tra ket qua': 'returned',
  'da tra': 'returned',
};

export function parseDossierStatus(text: string): DossierStatus | null {
  const key = searchKey(text);
  if (key === '') return 'received';
  if ((DOSSIER_STATUSES as readonly string[]).includes(key)) return key as DossierStatus;
  return STATUS_WORDS[key] ?? null;
}

/** A procedure of the receiving unit, to resolve the "Thủ tục" cell by code or by name. */
export interface KnownProcedure {
  id: number;
  code: string;
  name: string;
  processingDays: number | null;
}

export interface DossierSheetRow {
  line: number;
  procedureId: number;
  code: string;
  receiptCode: string;
  applicantName: string;
  receivedDate: string;
  /** null: the procedure's processing time decides. */
  dueDate: string | null;
  note: string | null;
  /** The steps after receipt (none, or the one the status names). */
  steps: Array<{ status: DossierStatus; date: string }>;
}

export interface DossierSheet {
  rows: DossierSheetRow[];
  ignoredColumns: string[];
}

const DOSSIER_ERROR_COLUMN: Record<string, DossierKey> = {
  invalid_code: 'code',
  invalid_receipt_code: 'receiptCode',
  applicant_required: 'applicant',
  due_before_received: 'due',
  returned_date_required: 'statusDate',
  returned_before_received: 'statusDate',
};

/**
 * Reads a dossier list of one unit. The "Thủ tục" cell names one of `procedures` by code or by name; a
 * status other than "đã tiếp nhận" becomes one step dated by the "Ngày cập nhật"/"Ngày trả kết quả" cell,
 * or the received date when there is none. Applicants' phones and ID numbers are never read (no column
 * holds them: such headers are ignored and reported).
 */
export function readDossierSheet(grid: ImportedGrid, procedures: readonly KnownProcedure[]): DossierSheet {
  const { headers, rows } = locate(DOSSIER_COLUMNS, grid);
  const { found, ignored } = matchColumns(DOSSIER_COLUMNS, headers);
  missingColumns(DOSSIER_COLUMNS, found);
  const lines = dataRows(rows);
  tooMany(lines.length);
  const byCode = new Map(procedures.map((p) => [p.code.toUpperCase(), p]));
  const byName = new Map(procedures.map((p) => [searchKey(p.name), p]));
  const reader = new Reader<DossierKey>(DOSSIER_COLUMNS, headers, found);
  const out: DossierSheetRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of lines) {
    const before = reader.problems.length;
    const procedureText = reader.cell(cells, 'procedure');
    const procedure = byCode.get(procedureText.toUpperCase()) ?? byName.get(searchKey(procedureText));
    if (!procedure) reader.problem(line, 'procedure', `không có thủ tục «${procedureText.slice(0, 80)}» trong danh mục thủ tục của đơn vị (ghi mã hoặc đúng tên thủ tục).`);
    const date = (key: DossierKey, required: boolean): string | null => {
      const text = reader.cell(cells, key);
      if (text === '') {
        if (required) reader.problem(line, key, 'chưa ghi ngày.');
        return null;
      }
      const iso = parseSheetDate(text);
      if (!iso) reader.problem(line, key, `«${text.slice(0, 40)}» không phải là ngày (dd/mm/yyyy).`);
      return iso;
    };
    const receivedDate = date('received', true);
    const dueDate = date('due', false);
    const statusDate = date('statusDate', false);
    const statusText = reader.cell(cells, 'status');
    const status = parseDossierStatus(statusText);
    if (!status) {
      reader.problem(line, 'status', `«${statusText.slice(0, 60)}» không phải là trạng thái hồ sơ (Đã tiếp nhận, Đang xử lý, Chờ bổ sung, Đã có kết quả, Đã trả kết quả).`);
    }
    if (reader.problems.length > before || !procedure || !receivedDate || !status) continue;
    if (!dueDate && procedure.processingDays === null) {
      reader.problem(line, 'due', `thủ tục «${procedure.code}» chưa có thời hạn giải quyết: cần ghi ngày hẹn trả.`);
      continue;
    }
    const stepDate = statusDate ?? receivedDate;
    if (stepDate < receivedDate) {
      reader.problem(line, 'statusDate', 'ngày cập nhật không thể trước ngày tiếp nhận.');
      continue;
    }
    try {
      const checked = validateDossier({
        code: reader.cell(cells, 'code'),
        receiptCode: reader.cell(cells, 'receiptCode') || reader.cell(cells, 'code'),
        applicantName: reader.cell(cells, 'applicant'),
        receivedDate,
        // The check of the due against the received date; the service computes a missing due the same way.
        dueDate: dueDate ?? receivedDate,
        status,
        returnedDate: status === 'returned' ? statusDate : null,
      });
      const earlier = seen.get(checked.code);
      if (earlier !== undefined) {
        reader.problem(line, 'code', `mã hồ sơ «${checked.code}» trùng với dòng ${earlier}.`);
        continue;
      }
      seen.set(checked.code, line);
      out.push({
        line,
        procedureId: procedure.id,
        code: checked.code,
        receiptCode: checked.receiptCode,
        applicantName: checked.applicantName,
        receivedDate,
        dueDate,
        note: reader.cell(cells, 'note') || null,
        steps: status === 'received' ? [] : [{ status, date: stepDate }],
      });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      reader.problem(line, DOSSIER_ERROR_COLUMN[err.code] ?? 'code', err.message.replace(/\.$/, ''));
    }
  }
  refuseProblems(reader.problems);
  if (out.length === 0) throw new DomainError('unprocessable', 'empty_import', 'Tệp không có dòng hồ sơ nào dưới dòng tiêu đề.');
  return { rows: out, ignoredColumns: ignored };
}

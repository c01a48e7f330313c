/**
 * The personal-data rules of PRODUCT.md §4 for disclosure tables: which imported columns may be published,
 * and which cell values look like an ID number, a phone number, a date of birth or an e-mail address.
 * Pure functions: the import, the publication and every export call them, so a rule holds everywhere.
 */
import { cleanText, searchKey } from '../text/normalize.js';
import type { CategorySpec, ColumnType } from './categories.js';

export type PersonalKind = 'id_number' | 'phone' | 'birth_date' | 'ethnicity' | 'health' | 'income' | 'email' | 'address' | 'other';

export const PERSONAL_KIND_LABELS: Record<PersonalKind, string> = {
  id_number: 'số định danh, CCCD/CMND, hộ chiếu',
  phone: 'số điện thoại',
  birth_date: 'ngày, năm sinh',
  ethnicity: 'dân tộc, tôn giáo',
  health: 'tình trạng sức khỏe',
  income: 'thu nhập, tài sản',
  email: 'thư điện tử',
  address: 'địa chỉ chi tiết',
  other: 'dữ liệu cá nhân khác',
};

interface HeaderRule {
  kind: PersonalKind;
  /** Folded phrases matched as whole words inside the folded header. */
  phrases: readonly string[];
  /** Only for lists of people (a land table's "địa chỉ" is a parcel's). */
  personalListOnly?: boolean;
}

const HEADER_RULES: readonly HeaderRule[] = [
  {
    kind: 'id_number',
    phrases: ['cccd', 'cmnd', 'cmt', 'can cuoc', 'chung minh', 'dinh danh', 'so dinh danh', 'ma dinh danh', 'ho chieu', 'passport', 'so the', 'giay to tuy than'],
  },
  // "DT" alone is left out: in a land table it is diện tích.
  { kind: 'phone', phrases: ['dien thoai', 'sdt', 'so dt', 'dt lien he', 'dt di dong', 'di dong', 'phone', 'tel', 'zalo'] },
  { kind: 'birth_date', phrases: ['ngay sinh', 'nam sinh', 'sinh ngay', 'sinh nam', 'dob', 'ngay thang nam sinh'] },
  { kind: 'birth_date', phrases: ['tuoi'], personalListOnly: true },
  { kind: 'ethnicity', phrases: ['dan toc', 'ton giao', 'quoc tich'] },
  // Health, income and contacts are personal in a list of people; in a recruitment notice "Sức khỏe" is a
  // requirement and "Email nhận hồ sơ" the office's address.
  { kind: 'health', phrases: ['suc khoe', 'benh', 'khuyet tat', 'bhyt', 'bao hiem y te', 'tinh trang suc khoe', 'nguyen nhan ngheo', 'ly do ngheo'], personalListOnly: true },
  { kind: 'income', phrases: ['thu nhap', 'tai san', 'so tai khoan', 'tai khoan ngan hang', 'ma so thue', 'mst', 'bhxh', 'bao hiem xa hoi'], personalListOnly: true },
  { kind: 'email', phrases: ['email', 'e mail', 'thu dien tu'], personalListOnly: true },
  { kind: 'other', phrases: ['gioi tinh', 'quan he voi chu ho', 'quan he', 'thanh vien', 'so nhan khau'], personalListOnly: true },
  { kind: 'address', phrases: ['dia chi', 'so nha', 'noi o', 'cho o', 'thuong tru', 'tam tru', 'que quan', 'noi sinh'], personalListOnly: true },
];

/** Distinctive tokens also matched inside run-together headers ("SốCCCD", "dienthoai"). */
const COMPACT_TOKENS: ReadonlyArray<[string, PersonalKind]> = [
  ['cccd', 'id_number'],
  ['cmnd', 'id_number'],
  ['dinhdanh', 'id_number'],
  ['cancuoc', 'id_number'],
  ['chungminh', 'id_number'],
  ['hochieu', 'id_number'],
  ['sdt', 'phone'],
  ['dienthoai', 'phone'],
  ['didong', 'phone'],
  ['ngaysinh', 'birth_date'],
  ['namsinh', 'birth_date'],
  ['dantoc', 'ethnicity'],
];

/** What personal data a column header names, or null when it names none. */
export function personalHeaderKind(header: string, personalList = true): PersonalKind | null {
  const key = searchKey(header);
  if (!key) return null;
  const padded = ` ${key} `;
  for (const rule of HEADER_RULES) {
    if (rule.personalListOnly && !personalList) continue;
    if (rule.phrases.some((p) => padded.includes(` ${p} `))) return rule.kind;
  }
  const compact = key.replace(/ /g, '');
  for (const [token, kind] of COMPACT_TOKENS) if (compact.includes(token)) return kind;
  return null;
}

// ---- cell values ------------------------------------------------------------------------------

const digitsOf = (s: string) => s.replace(/\D/g, '');

/** A phone number: 0 + 9–10 digits or (+)84 + 9–10 digits, digits possibly grouped with spaces, dots or dashes. */
const PHONE = /(?<![\d])(?:\+\s?84|84|0)(?:[\s.\-]?\d){8,10}(?![\d])/g;
/** A run of digits possibly grouped by single spaces, dots or dashes. */
const DIGIT_GROUPS = /(?<![\d])\d+(?:[\s.\-]\d+)*(?![\d])/g;
/** A thousands-grouped amount: 1.234.567 or 1,234,567 (first group without a leading zero). */
const AMOUNT = /^[1-9]\d{0,2}(?:([.,])\d{3})(?:\1\d{3})*$/;
const DATE = /(?<![\d])\d{1,2}\s?[/.\-]\s?\d{1,2}\s?[/.\-]\s?(?:19|20)\d{2}(?![\d])/;
const EMAIL = /[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}/i;

function isPhone(raw: string): boolean {
  const d = digitsOf(raw);
  if (d.startsWith('84') && !raw.trim().startsWith('0')) return d.length === 11 || d.length === 12;
  if (d.startsWith('0')) return d.length === 10 || d.length === 11;
  return false;
}

/**
 * Why a cell value may not be published, or null when it may. Text cells refuse ID-like numbers (9 or 12
 * digits, grouped or not, unless written as an amount with thousands separators), phone numbers, and in
 * lists of people also dates and e-mail addresses. Number and money cells accept any amount but refuse
 * digit strings with a leading zero that look like an ID or a phone number.
 */
export function personalValueKind(value: string, type: ColumnType = 'text', personalList = false): PersonalKind | null {
  const text = cleanText(value);
  if (!text) return null;
  if (type !== 'text') {
    const d = digitsOf(text);
    if (/^\s*(\+\s?84|0\d)/.test(text) && (d.length === 9 || d.length === 10 || d.length === 11 || d.length === 12)) {
      return isPhone(text) ? 'phone' : 'id_number';
    }
    return null;
  }
  for (const m of text.matchAll(PHONE)) if (isPhone(m[0])) return 'phone';
  for (const m of text.matchAll(DIGIT_GROUPS)) {
    const run = m[0];
    const d = digitsOf(run);
    if (d.length !== 9 && d.length !== 12) continue;
    if (!personalList && AMOUNT.test(run)) continue;
    return 'id_number';
  }
  if (personalList) {
    if (DATE.test(text)) return 'birth_date';
    if (EMAIL.test(text)) return 'email';
  }
  return null;
}

// ---- columns ----------------------------------------------------------------------------------

export interface KeptColumn {
  /** Index in the imported header row. */
  index: number;
  key: string;
  label: string;
  type: ColumnType;
  /** The header as imported. */
  header: string;
}

export type DropReason = 'personal_data' | 'not_allowed' | 'duplicate' | 'empty';

export interface DroppedColumn {
  index: number;
  header: string;
  reason: DropReason;
  personalKind?: PersonalKind;
  message: string;
}

export interface ColumnFilter {
  kept: KeptColumn[];
  dropped: DroppedColumn[];
  /** Required columns of the category not found (by label). */
  missing: string[];
}

/** Spreadsheet letters for a 0-based column index: 0 → A, 27 → AB. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * Sorts imported headers into the columns a disclosure of the category may publish and those it drops,
 * with the reason for each drop (in Vietnamese). Headers may come with or without diacritics.
 * `hasData(i)` says whether column i has any value (an unnamed empty column is dropped silently).
 */
export function filterColumns(spec: CategorySpec, headers: readonly string[], hasData: (index: number) => boolean = () => true): ColumnFilter {
  const kept: KeptColumn[] = [];
  const dropped: DroppedColumn[] = [];
  const used = new Set<string>();
  headers.forEach((raw, index) => {
    const header = cleanText(raw ?? '');
    const where = `Cột ${columnLetter(index)}${header ? ` «${header}»` : ''}`;
    if (!header && !hasData(index)) {
      dropped.push({ index, header, reason: 'empty', message: `${where}: cột trống, bỏ qua.` });
      return;
    }
    const personal = header ? personalHeaderKind(header, spec.personalList) : null;
    if (personal) {
      dropped.push({
        index,
        header,
        reason: 'personal_data',
        personalKind: personal,
        message: `${where}: là dữ liệu cá nhân (${PERSONAL_KIND_LABELS[personal]}), không được công khai — đã loại bỏ.`,
      });
      return;
    }
    const key = searchKey(header);
    const column = key ? spec.columns.find((c) => c.aliases.includes(key) || searchKey(c.label) === key) : undefined;
    if (column) {
      if (used.has(column.key)) {
        dropped.push({ index, header, reason: 'duplicate', message: `${where}: trùng với cột «${column.label}» đã có, bỏ qua.` });
        return;
      }
      used.add(column.key);
      kept.push({ index, key: column.key, label: column.label, type: column.type, header });
      return;
    }
    if (spec.strictColumns) {
      const allowed = spec.columns.map((c) => `«${c.label}»`).join(', ');
      dropped.push({ index, header, reason: 'not_allowed', message: `${where}: không thuộc các cột được công khai của «${spec.label}» (${allowed}) — đã loại bỏ.` });
      return;
    }
    const label = header || `Cột ${columnLetter(index)}`;
    let extraKey = `col_${columnLetter(index).toLowerCase()}`;
    while (used.has(extraKey)) extraKey += '_';
    used.add(extraKey);
    kept.push({ index, key: extraKey, label, type: 'text', header });
  });
  const missing = spec.columns.filter((c) => c.required && !used.has(c.key)).map((c) => c.label);
  return { kept, dropped, missing };
}

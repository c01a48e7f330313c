/**
 * Finding the header of a task table and what each column holds, by the header's words and their
 * usual synonyms, in any order, possibly on two rows under a merged parent ("Trách nhiệm thực hiện"
 * over "Chủ trì" / "Phối hợp").
 */
import { textAt, type DocTable } from './model.js';
import { fold, foldWords, oneLine, stripTags } from './text.js';

export type Role = 'no' | 'content' | 'lead' | 'coordinating' | 'output' | 'deadline' | 'note';

export interface Column {
  index: number;
  role: Role;
  /** The header as written (the lowest header cell with text). */
  header: string;
  /** False for a column whose header is no known word ("unknown column"). */
  known: boolean;
}

export interface TableHeader {
  /** First header row and the first row after the header. */
  start: number;
  end: number;
  columns: Column[];
  /** Folded texts of the header rows, to recognise a header repeated on a new page. */
  signature: string[];
}

export const ROLE_NAMES: Record<Exclude<Role, 'note'>, string> = {
  no: 'Số TT',
  content: 'Nội dung nhiệm vụ',
  lead: 'Cơ quan chủ trì',
  coordinating: 'Cơ quan phối hợp',
  output: 'Kết quả thực hiện',
  deadline: 'Thời gian hoàn thành',
};

/** Extra columns that plans commonly have: kept as notes without a warning. */
const KNOWN_NOTES = /\b(?:ghi chu|kinh phi|nguon|du toan|chi tieu|muc tieu|linh vuc|ma|danh gia|tinh trang|ty le|so lieu|dia diem|pham vi|doi tuong|ket qua danh gia|muc do)\b/;

/** The role a header text names, or null. */
export function classifyHeader(text: string): Role | null {
  const w = foldWords(text);
  if (!w || w.length > 80) return null;
  if (/^(?:so )?(?:tt|stt|thu tu|so thu tu)$|^stt\b|^tt\b|^so tt\b|^so thu tu\b/.test(w)) return 'no';
  if (/\bghi chu\b|\bkinh phi\b|\bnguon (?:von|kinh phi)\b|\bdu toan\b/.test(w)) return 'note';
  if (/\bthoi gian\b|\bthoi han\b|\btien do\b|\bmoc thoi gian\b|\bthoi diem\b|\bhan hoan thanh\b|\bngay hoan thanh\b/.test(w)) return 'deadline';
  if (/\bchu tri\b/.test(w)) return 'lead';
  if (/\bphoi hop\b/.test(w)) return 'coordinating';
  if (/\bket qua\b|\bsan pham\b|\bhinh thuc\b|\bdau ra\b|\bminh chung\b/.test(w)) return 'output';
  if (/\bnoi dung\b|\bnhiem vu\b|\bcong viec\b|\bhoat dong\b|\bgiai phap\b|\bten\b/.test(w)) return 'content';
  if (/\b(?:co quan|don vi|bo phan|trach nhiem|nguoi|to chuc|cap) (?:thuc hien|chiu trach nhiem|phu trach|trien khai)\b|\bphan cong\b|\bphu trach\b|^(?:co quan|don vi)$/.test(w)) return 'lead';
  if (KNOWN_NOTES.test(w)) return 'note';
  return null;
}

const TASK_ROLES: Role[] = ['no', 'content', 'lead', 'coordinating', 'output', 'deadline'];

function rowRoles(table: DocTable, r: number): Set<Role> {
  const roles = new Set<Role>();
  for (let c = 0; c < table.width; c++) {
    const t = textAt(table, r, c);
    if (t.length > 120) return new Set(); // a data row, not a header
    const role = classifyHeader(t);
    if (role) roles.add(role);
  }
  return roles;
}

/** A row of column numbers under the header: "1 2 3 4 5 6" or "(1) (2) …". */
export function isColumnNumberRow(table: DocTable, r: number): boolean {
  const texts: string[] = [];
  for (let c = 0; c < table.width; c++) {
    const slot = table.rows[r]!.slots[c]!;
    if (slot.merged) continue;
    const t = stripTags(slot.text).trim();
    if (t) texts.push(t);
  }
  if (texts.length < 3) return false;
  if (!texts.every((t) => /^\(?(?:\d{1,2}|[A-Za-z])\)?(?:\s*[=+x*-]\s*\(?\d{1,2}\)?)*$/.test(t))) return false;
  const numbers = texts.map((t) => Number(/\d+/.exec(t)?.[0] ?? NaN)).filter((n) => !Number.isNaN(n));
  return numbers.length >= texts.length - 1 && numbers.every((n, i) => i === 0 || n > numbers[i - 1]!);
}

/** The header of a table whose first rows name at least two task columns (one of them the content or number). */
export function findHeader(table: DocTable, maxScan = 12): TableHeader | null {
  const rows = table.rows.length;
  for (let h = 0; h < Math.min(rows, maxScan); h++) {
    const roles = rowRoles(table, h);
    const taskRoles = TASK_ROLES.filter((r) => roles.has(r));
    if (taskRoles.length < 2 || !(roles.has('content') || roles.has('no'))) continue;
    let end = h + 1;
    // Sub-header rows: header words only, or cells continued from the row above.
    while (end < rows && end < h + 4) {
      const sub = rowRoles(table, end);
      const own = table.rows[end]!.slots.filter((s) => !s.merged && stripTags(s.text).trim() !== '');
      const firstText = fold(textAt(table, end, 0));
      // Header words in at least one cell, every cell short, and no task or section number in front.
      if (sub.size === 0 || own.some((s) => stripTags(s.text).length > 80)) break;
      const named = own.filter((s) => classifyHeader(s.text) !== null).length;
      if (named * 2 < own.length) break;
      if (/^(?:\d|[ivx]+$|[a-z]$)/.test(firstText) && !table.rows[end]!.slots[0]!.merged) break;
      end++;
    }
    const columns: Column[] = [];
    for (let c = 0; c < table.width; c++) {
      const texts: string[] = [];
      for (let r = h; r < end; r++) {
        const t = oneLine(stripTags(textAt(table, r, c)));
        if (t && texts[texts.length - 1] !== t) texts.push(t);
      }
      const leaf = texts[texts.length - 1] ?? '';
      let role = classifyHeader(leaf);
      let parent = texts.length > 1 ? texts[0]! : '';
      if (!parent && end - h > 1 && !oneLine(textAt(table, h, c))) {
        // A parent header written once over several columns without a merge: the nearest one to the left.
        for (let k = c - 1; k >= 0; k--) {
          const t = oneLine(stripTags(textAt(table, h, k)));
          if (t) {
            parent = t;
            break;
          }
        }
      }
      if (!role && parent) role = classifyHeader(parent);
      // "Trách nhiệm thực hiện" over two unnamed columns: the first leads, the second coordinates.
      columns.push({ index: c, role: role ?? 'note', header: leaf, known: role !== null || leaf === '' });
    }
    resolveDuplicates(columns, table, h, end);
    const signature: string[] = [];
    for (let r = h; r < end; r++) signature.push(rowSignature(table, r));
    return { start: h, end, columns, signature };
  }
  return null;
}

function resolveDuplicates(columns: Column[], table: DocTable, h: number, end: number): void {
  // Two columns under one merged "Trách nhiệm thực hiện" both read as lead: the second coordinates.
  const leads = columns.filter((c) => c.role === 'lead');
  if (leads.length === 2 && !columns.some((c) => c.role === 'coordinating')) {
    const [a, b] = leads as [Column, Column];
    if (b.index === a.index + 1 && !/chu tri/.test(foldWords(b.header))) b.role = 'coordinating';
  }
  for (const role of TASK_ROLES) {
    const same = columns.filter((c) => c.role === role);
    if (same.length < 2) continue;
    let keep = same[0]!;
    if (role === 'lead') keep = same.find((c) => /chu tri/.test(foldWords(c.header))) ?? keep; // not "Lãnh đạo phụ trách"
    if (role === 'deadline') keep = same.find((c) => /hoan thanh|\bhan\b|ket thuc/.test(foldWords(c.header))) ?? same[same.length - 1]!;
    for (const c of same) if (c !== keep) c.role = 'note';
  }
  // A column of empty headers between known ones is just an unnamed column.
  for (const c of columns) if (c.role === 'note' && c.header === '') c.known = true;
  void table;
  void h;
  void end;
}

/** The folded text of a row, cell by cell, used to recognise a header row repeated on a new page. */
export function rowSignature(table: DocTable, r: number): string {
  // Header cells are short: a row with a long cell is data, and needs no folding.
  if (table.rows[r]!.slots.some((s) => s.text.length > 120)) return '';
  const parts: string[] = [];
  for (let c = 0; c < table.width; c++) parts.push(fold(textAt(table, r, c)).replace(/[^a-z0-9]/g, ''));
  return parts.join('|');
}

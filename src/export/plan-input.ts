/**
 * What the plan exports (.docx, .xlsx) are made from, and the layout both share: the appendix table
 * as a list of rows (section rows, sub-group rows, task rows), the document's header lines in the
 * Nghị định 30/2020/NĐ-CP form, and the file name. Pure data → data; no database, no I/O.
 *
 * The layout is the one the importer (src/import) reads back: "PHỤ LỤC I" + title + "(Kèm theo …)"
 * above each table, a header row whose words name the columns, a section row with its label in the
 * number column and its title merged across the other columns, a sub-group row with its text in the
 * content column only, and one row per task.
 */
import { DIMENSION_LABEL_VI, type Dimension } from '../domain/plans/plan.js';

export interface ExportTask {
  /** The number as written in the plan; a generated "#n" (a row that had none) is exported blank. */
  no: string;
  /** The section label ("I", "A", "1"), or its title when it had no label; null outside any section. */
  section: string | null;
  /** The section's title as the plan writes it, when known (else the dimension's Vietnamese name). */
  sectionTitle?: string | null;
  dimension: Dimension | null;
  subgroup: string | null;
  /** Cell texts as stored: lines joined with "\n"; content and output keep italics as `<i>…</i>`. */
  content: string;
  leadText: string;
  coordinatingText: string;
  output: string;
  deadlineText: string;
  /** Extra columns ("Ghi chú", "Kinh phí", …): header → cell text. */
  notes: Record<string, string>;
}

export interface ExportAppendix {
  /** "I", "II", "1"; '' when the plan had its task table without an appendix heading. */
  label: string;
  title: string;
  windowFrom: string;
  windowTo: string;
  /** The appendix's tasks in position order. */
  tasks: ExportTask[];
}

export interface ExportPlan {
  number: string | null;
  title: string;
  issuedOn: string | null;
  year: number | null;
  periodFrom: string;
  periodTo: string;
  /** Legal bases as stored: the text after "Căn cứ" / "Thực hiện". */
  bases: string[];
}

export interface PlanExportInput {
  plan: ExportPlan;
  /** The issuing body's name as stored ("UBND thị xã Đông Hòa", "Phòng Nội vụ"). */
  issuerName: string;
  /** The body above the issuer in the header (ô 2), e.g. "UBND THỊ XÃ ĐÔNG HÒA" over "PHÒNG NỘI VỤ"; null for none. */
  parentIssuerName: string | null;
  /** The place in "<place>, ngày … tháng … năm …" ("Đông Hòa"); null when unknown. */
  place?: string | null;
  /** The appendices in position order, each with its tasks (grouped by appendix, in position order). */
  appendices: ExportAppendix[];
}

export const MIME_DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const MIME_XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/** The fixed columns of the appendix table, in order, with the header words the importer knows. */
export const FIXED_COLUMNS = [
  { key: 'no', header: 'TT' },
  { key: 'content', header: 'Nội dung nhiệm vụ' },
  { key: 'lead', header: 'Cơ quan chủ trì' },
  { key: 'coordinating', header: 'Cơ quan phối hợp' },
  { key: 'output', header: 'Kết quả thực hiện' },
  { key: 'deadline', header: 'Thời gian hoàn thành' },
] as const;

export type LayoutRow =
  | { kind: 'section'; label: string; title: string }
  | { kind: 'subgroup'; text: string }
  | { kind: 'task'; task: ExportTask; cells: string[] };

export interface AppendixLayout {
  heading: string;
  title: string;
  attachment: string;
  headers: string[];
  noteKeys: string[];
  rows: LayoutRow[];
}

const SECTION_LABEL = /^(?:[IVXLC]{1,7}|[A-Z]|\d{1,2})$/;

/** Drops the `<i>` marks. */
export const plain = (text: string) => text.replace(/<\/?i>/g, '');

/** Text with `<i>…</i>` marks → runs (italic or not); a mark may span lines. */
export function italicRuns(text: string): Array<{ text: string; italic: boolean }> {
  const out: Array<{ text: string; italic: boolean }> = [];
  let italic = false;
  for (const part of text.split(/(<\/?i>)/)) {
    if (part === '<i>') italic = true;
    else if (part === '</i>') italic = false;
    else if (part) out.push({ text: part, italic });
  }
  return out;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The issuing body in the header, in capitals: "ỦY BAN NHÂN DÂN" / "THỊ XÃ ĐÔNG HÒA", or "PHÒNG NỘI VỤ". */
export function issuerLines(input: PlanExportInput): { parent: string | null; issuer: string[] } {
  const name = input.issuerName.normalize('NFC').trim();
  const m = /^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(.+)$/iu.exec(name);
  const issuer = m ? ['ỦY BAN NHÂN DÂN', m[1]!.toLocaleUpperCase('vi')] : [name.toLocaleUpperCase('vi')];
  const parent = input.parentIssuerName?.trim() ? input.parentIssuerName.trim().toLocaleUpperCase('vi') : null;
  return { parent, issuer };
}

/** True when the issuer is a People's Committee (its documents are "…/KH-UBND", signed "TM. ỦY BAN NHÂN DÂN"). */
export const isPeoplesCommittee = (input: PlanExportInput) => /^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\b/iu.test(input.issuerName.trim());

/** "Số: 125/KH-UBND", or "Số:      /KH-UBND" for a plan not numbered yet. */
export function numberLine(input: PlanExportInput): string {
  if (input.plan.number) return `Số: ${input.plan.number}`;
  return `Số:        /KH${isPeoplesCommittee(input) ? '-UBND' : ''}`;
}

/** "Đông Hòa, ngày 05 tháng 02 năm 2021" (ND 30: day < 10 and months 1–2 with a leading 0); blanks when not dated. */
export function placeDateLine(input: PlanExportInput): string {
  const place = input.place?.trim() || '';
  const prefix = place ? `${place}, ` : '';
  const d = input.plan.issuedOn ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(input.plan.issuedOn) : null;
  if (d) {
    const month = Number(d[2]);
    return `${prefix}ngày ${pad2(Number(d[3]))} tháng ${month <= 2 ? pad2(month) : month} năm ${d[1]}`;
  }
  const year = input.plan.year ?? (input.plan.periodFrom ? Number(input.plan.periodFrom.slice(0, 4)) : null);
  return `${prefix}ngày      tháng      năm ${year ?? '        '}`;
}

/** "(Kèm theo Kế hoạch số 125/KH-UBND ngày 20/7/2021 của UBND thị xã Đông Hòa)". */
export function attachmentLine(input: PlanExportInput): string {
  const number = input.plan.number ?? `     /KH${isPeoplesCommittee(input) ? '-UBND' : ''}`;
  const d = input.plan.issuedOn ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(input.plan.issuedOn) : null;
  const year = input.plan.year ?? Number(input.plan.periodFrom.slice(0, 4));
  const date = d ? `ngày ${Number(d[3])}/${Number(d[2])}/${d[1]}` : `ngày      /     /${year}`;
  return `(Kèm theo Kế hoạch số ${number} ${date} của ${input.issuerName})`;
}

/**
 * A legal basis as a sentence. The database keeps the text after "Căn cứ" / "Thực hiện", not which
 * word it followed: laws, decrees and circulars are "Căn cứ …", other documents (a decision approving a
 * plan, a directive, a letter) "Thực hiện …".
 */
export function basisSentence(basis: string, last: boolean): string {
  const text = basis.trim().replace(/[\s;,.]+$/, '');
  const law = /^(?:Luật|Bộ luật|Nghị định|Thông tư|Pháp lệnh|Nghị quyết|Hiến pháp)\b/iu.test(text);
  return `${law ? 'Căn cứ' : 'Thực hiện'} ${text}${last ? '.' : ';'}`;
}

/** The title row of a section: its label as written, and its title (the plan's, else the dimension's name). */
function sectionRow(t: ExportTask): { label: string; title: string } {
  const section = t.section ?? '';
  const isLabel = SECTION_LABEL.test(section);
  const label = isLabel ? section : '';
  let title = t.sectionTitle?.trim() || (t.dimension ? DIMENSION_LABEL_VI[t.dimension] : isLabel ? '' : section);
  if (!title) title = section;
  // A numbered section ("1 | …") reads back as a section only when its title is in capitals or names a dimension.
  if (/^\d+$/.test(label)) title = title.toLocaleUpperCase('vi');
  return { label, title };
}

/** The appendix table as rows: section and sub-group rows where they change, one row per task. */
export function layoutAppendix(input: PlanExportInput, appendix: ExportAppendix): AppendixLayout {
  const noteKeys: string[] = [];
  for (const t of appendix.tasks) for (const k of Object.keys(t.notes ?? {})) if (!noteKeys.includes(k) && t.notes[k]?.trim()) noteKeys.push(k);
  const rows: LayoutRow[] = [];
  let section: string | null = null;
  let subgroup: string | null = null;
  for (const t of appendix.tasks) {
    if (t.section !== null && t.section !== section) {
      rows.push({ kind: 'section', ...sectionRow(t) });
      subgroup = null;
    }
    section = t.section;
    if (t.subgroup && t.subgroup !== subgroup) rows.push({ kind: 'subgroup', text: plain(t.subgroup) });
    subgroup = t.subgroup;
    const no = /^#\d+$/.test(t.no) ? '' : t.no;
    rows.push({
      kind: 'task',
      task: t,
      cells: [no, t.content, t.leadText, t.coordinatingText, t.output, t.deadlineText, ...noteKeys.map((k) => t.notes?.[k] ?? '')],
    });
  }
  return {
    heading: appendix.label ? `PHỤ LỤC ${appendix.label}` : 'PHỤ LỤC',
    title: appendix.title.trim(),
    attachment: attachmentLine(input),
    headers: [...FIXED_COLUMNS.map((c) => c.header), ...noteKeys],
    noteKeys,
    rows,
  };
}

/** The download name: "Kế hoạch số 125-KH-UBND.docx", or "Kế hoạch <title>.docx" for a plan not numbered yet. */
export function exportFileName(input: Pick<PlanExportInput, 'plan'>, ext: 'docx' | 'xlsx'): string {
  const clean = (s: string) => s.normalize('NFC').replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').replace(/\s+/g, ' ').trim();
  if (input.plan.number) return `Kế hoạch số ${clean(input.plan.number)}.${ext}`;
  let title = clean(input.plan.title);
  if (title.length > 80) title = `${title.slice(0, 80).replace(/\s+\S*$/, '')}…`;
  return `Kế hoạch ${title || 'không tên'}.${ext}`;
}

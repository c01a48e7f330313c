/**
 * From the neutral document model to the PlanDraft: header, appendices and their windows, task
 * tables (columns found by their header words), sections → PAPI dimension by the words of the title,
 * sub-groups, tasks with their original numbers, rows split by page breaks joined again, parties
 * split, deadlines parsed, and a warning for everything odd.
 */
import { taskParties } from '../domain/parties/index.js';
import { findHeader, isColumnNumberRow, ROLE_NAMES, rowSignature, type Column, type Role, type TableHeader } from './columns.js';
import { dimensionOf } from './dimensions.js';
import {
  PLAN_DRAFT_FORMAT,
  type DeadlineParser,
  type DimensionKey,
  type DraftAppendix,
  type DraftDeadline,
  type DraftSection,
  type DraftTask,
  type DraftWarning,
  type PlanDraft,
  type Window,
} from './draft.js';
import { missingColumns, noTaskTable } from './errors.js';
import { extractHeader, periodFromText } from './header.js';
import { textAt, type DocTable, type PlanDocument } from './model.js';
import { cleanCell, fold, isUpperCase, joinContinuation, looksLikeContinuation, oneLine, stripTags } from './text.js';

export interface InterpretOptions {
  parseDeadline: DeadlineParser;
  fileName?: string;
}

type Item =
  | { kind: 'line'; text: string }
  | { kind: 'tasks'; table: DocTable; header: TableHeader; tableNo: number; continued: boolean };

const ROMAN = /^(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})$/;

interface Acc {
  no: string | null;
  section: DraftSection | null;
  subgroup: string | null;
  cells: Partial<Record<Role, string>>;
  notes: Record<string, string>;
}

interface AppendixState {
  label: string | null;
  titleParts: string[];
  collectingTitle: boolean;
  sections: DraftSection[];
  section: DraftSection | null;
  subgroup: string | null;
  tasks: Acc[];
  last: Acc | null;
  hadTable: boolean;
  /** A section heading read before the first table of the appendix. */
  pending: { label: string | null; title: string } | null;
}

/** "PHỤ LỤC I", "Phụ lục số 02: …", "PHỤ LỤC II - CÁC NHIỆM VỤ …" → label and the rest of the line. */
export function appendixHeading(line: string): { label: string | null; rest: string } | null {
  if (!/^\s*(?:<i>)?\s*p\s*h/i.test(line)) return null; // cheap test before folding
  const text = oneLine(stripTags(line));
  if (text.length > 300) return null;
  const f = fold(text);
  const m = /^phu luc\s*(?:so\s*)?([ivxlc]+|\d{1,2})?(?=$|[\s:.\-–—])\s*[:.\-–—]?\s*(.*)$/.exec(f);
  if (!m) return null;
  const label = m[1] ? m[1].toUpperCase() : null;
  if (!label && m[2] && !isUpperCase(text)) return null;
  const rest = text.slice(text.length - m[2]!.length).trim();
  return { label: label && /^\d+$/.test(label) ? String(Number(label)) : label, rest };
}

const isAttachmentLine = (line: string) => /^\(?\s*(?:ban hanh |duoc ban hanh )?kem theo\b/.test(fold(line));

/** A section heading written as a paragraph between task tables, or as a title row: "I. …", "A - …", "Phần II: …". */
function sectionTitle(text: string): { label: string | null; title: string } | null {
  const t = oneLine(stripTags(text));
  const m = /^(?:(?:Phần|PHẦN|Mục|MỤC)\s+)?([IVX]{1,6}|[A-Z])\s*[.\-–—:)/]\s*(.+)$/u.exec(t);
  if (m && (ROMAN.test(m[1]!) || /^[A-Z]$/.test(m[1]!))) return { label: m[1]!, title: m[2]!.trim() };
  const n = /^(?:Chỉ số nội dung|CHỈ SỐ NỘI DUNG|Nội dung|NỘI DUNG)\s+(\d)\s*[.:\-–—]?\s*(.*)$/u.exec(t);
  if (n && dimensionOf(t)) return { label: n[1]!, title: (n[2] || t).replace(/^["“]|["”]$/g, '').trim() };
  return null;
}

/** A heading line naming a section: "I. …", "Chỉ số nội dung 1: …", or "1. Tham gia của người dân …" (a PAPI dimension). */
function sectionHeading(text: string): { label: string | null; title: string } | null {
  const sec = sectionTitle(text);
  if (sec) return sec;
  const t = oneLine(stripTags(text));
  const m = /^(\d{1,2})\s*[.)/:\-–]\s*(.{3,150})$/u.exec(t);
  if (m && dimensionOf(m[2]!) && !/[.;]$/.test(m[2]!)) return { label: m[1]!, title: m[2]!.replace(/^(?:Nội dung|NỘI DUNG)\s*/u, '').replace(/^["“]|["”]$/g, '').trim() };
  return null;
}

/** Task number as written, without the punctuation around it ("12." → "12", "a)" → "a"). */
function cleanNumber(text: string): string {
  return oneLine(stripTags(text))
    .replace(/^[(\[]\s*/, '')
    .replace(/[\s.):;,\]]+$/, '')
    .trim();
}

type NumberKind = 'section' | 'task' | 'none';
function numberKind(no: string): NumberKind {
  if (!no) return 'none';
  const s = no.replace(/^(?:Phần|PHẦN|Mục|MỤC)\s+/u, '');
  if (ROMAN.test(s) || /^[A-Z]$/.test(s)) return 'section';
  if (/^\d{1,4}(?:\.\d{1,3})*[a-zđ]?$/.test(s) || /^[a-zđ]$/.test(s)) return 'task';
  return 'none';
}

export function interpretPlan(doc: PlanDocument, options: InterpretOptions): PlanDraft {
  const fileName = options.fileName ?? 'tệp';
  const warnings: DraftWarning[] = [];
  const items: Item[] = [];
  const rejected: Array<{ header: TableHeader; missing: string[] }> = [];
  const firstRows: string[] = [];
  let tableCount = 0;
  let lastTaskTable: { width: number; header: TableHeader } | null = null;
  let headingSinceTable = false;

  // 1. Paragraphs and tables → lines and task tables.
  const pushLines = (texts: string[]) => {
    for (const t of texts) {
      for (const line of t.split('\n')) {
        const l = line.trim();
        if (!l) continue;
        if (appendixHeading(l)) headingSinceTable = true;
        items.push({ kind: 'line', text: l });
      }
    }
  };
  const rowLines = (table: DocTable, from: number, to: number): string[] => {
    const out: string[] = [];
    for (let r = from; r < to; r++) {
      const texts = table.rows[r]!.slots.filter((s) => !s.merged && s.text.trim()).map((s) => s.text);
      if (texts.length) out.push(...texts);
    }
    return out;
  };

  for (const block of doc.blocks) {
    if (block.kind === 'paragraph') {
      pushLines([block.text]);
      continue;
    }
    const table = block;
    tableCount++;
    if (table.rows.length && firstRows.length < 3) {
      const first = table.rows[0]!.slots.filter((s) => !s.merged && s.text.trim()).map((s) => oneLine(stripTags(s.text)));
      if (first.length) firstRows.push(first.join(' | '));
    }
    const header = findHeader(table);
    if (header) {
      const pre = rowLines(table, 0, header.start);
      if (table.name && !pre.some((l) => appendixHeading(l)) && appendixHeading(table.name)) pre.unshift(table.name);
      pushLines(pre);
      const roles = new Set(header.columns.map((c) => c.role));
      const missing: string[] = [];
      if (!roles.has('content')) missing.push(ROLE_NAMES.content);
      if (!roles.has('lead') && !roles.has('deadline')) missing.push(`${ROLE_NAMES.lead}» hoặc «${ROLE_NAMES.deadline}`);
      if (missing.length) {
        rejected.push({ header, missing });
        pushLines(rowLines(table, header.start, table.rows.length));
        continue;
      }
      items.push({ kind: 'tasks', table, header, tableNo: tableCount, continued: false });
      lastTaskTable = { width: table.width, header };
      headingSinceTable = false;
      continue;
    }
    // A table without a header that carries on the previous task table (Word split it at a page).
    if (lastTaskTable && !headingSinceTable && table.width === lastTaskTable.width && looksLikeTaskRows(table, lastTaskTable.header)) {
      items.push({
        kind: 'tasks',
        table,
        header: { ...lastTaskTable.header, start: 0, end: 0 },
        tableNo: tableCount,
        continued: true,
      });
      continue;
    }
    pushLines(rowLines(table, 0, table.rows.length));
  }

  if (!items.some((i) => i.kind === 'tasks')) {
    if (rejected.length) {
      const best = rejected[0]!;
      const found = best.header.columns.filter((c) => c.header).map((c) => c.header);
      throw missingColumns(fileName, `bảng ở dòng ${best.header.start + 1}`, best.missing, found);
    }
    const detail =
      tableCount === 0
        ? 'tệp không có bảng nào'
        : `có ${tableCount} bảng nhưng không bảng nào có tiêu đề cột «${ROLE_NAMES.no}», «${ROLE_NAMES.content}», «${ROLE_NAMES.lead}»…` +
          (firstRows.length ? `; dòng đầu của bảng: «${firstRows[0]!.slice(0, 200)}»` : '');
    throw noTaskTable(fileName, detail);
  }

  // 2. Walk the lines and tables.
  const preamble: string[] = [];
  const states: AppendixState[] = [];
  let current: AppendixState | null = null;
  const newAppendix = (label: string | null, rest: string): AppendixState => {
    const state: AppendixState = {
      label, titleParts: rest ? [rest] : [], collectingTitle: true, sections: [], section: null, subgroup: null,
      tasks: [], last: null, hadTable: false, pending: null,
    };
    states.push(state);
    return state;
  };

  for (const item of items) {
    if (item.kind === 'line') {
      const heading = appendixHeading(item.text);
      if (heading) {
        current = newAppendix(heading.label, heading.rest);
        continue;
      }
      if (!current) {
        preamble.push(item.text);
        continue;
      }
      if (current.collectingTitle) {
        if (isAttachmentLine(item.text)) {
          if (current.titleParts.length) current.collectingTitle = false; // the title ends at "(Kèm theo …)"
          continue;
        }
        const heading = current.titleParts.length ? sectionHeading(item.text) : null;
        if (heading && (dimensionOf(heading.title) || isUpperCase(heading.title))) {
          current.collectingTitle = false;
          current.pending = heading;
          continue;
        }
        if (current.titleParts.length < 4 && !/^[-_=.*\s]+$/.test(item.text)) current.titleParts.push(stripTags(item.text));
        continue;
      }
      // A section heading between the tables of one appendix, or between its title and its first table.
      const sec = sectionHeading(item.text);
      if (sec) {
        if (current.hadTable) setSection(current, sec.label, sec.title);
        else current.pending = sec;
      }
      continue;
    }
    if (!current) {
      current = newAppendix(null, '');
      // A task table in the body of the plan: the heading just above it may name its section.
      const last = preamble[preamble.length - 1];
      const sec = last ? sectionHeading(last) : null;
      if (sec && dimensionOf(sec.title)) current.pending = sec;
    }
    current.collectingTitle = false;
    if (current.pending) {
      setSection(current, current.pending.label, current.pending.title);
      current.pending = null;
    }
    current.hadTable = true;
    readTaskTable(item.table, item.header, current, warnings, item.continued);
  }

  // 3. The draft.
  const plan = extractHeader(preamble);
  const appendices: DraftAppendix[] = [];
  for (const state of states) {
    if (!state.hadTable && state.tasks.length === 0) continue;
    const title = state.titleParts.length ? state.titleParts.join(' ').replace(/\s+/g, ' ').trim() : null;
    const where = state.label ?? '';
    let window: Window | null = (title && periodFromText(title)) || plan.period;
    if (!window) {
      const year = plan.year ?? new Date().getFullYear();
      window = { from: `${year}-01-01`, to: `${year}-12-31` };
      warnings.push({ where, message: `Không xác định được khoảng thời gian của phụ lục; tạm dùng năm ${year}.` });
    }
    const tasks = state.tasks.map((acc) => finishTask(acc, state.label, window, options.parseDeadline, warnings));
    checkNumbers(tasks, where, warnings);
    for (const s of state.sections) {
      if (!s.dimension) warnings.push({ where, message: `Mục ${s.label ?? ''} «${s.title}» không ứng với chỉ số nội dung PAPI nào.`.replace('Mục  «', 'Mục «') });
    }
    appendices.push({ label: state.label, title, window, sections: state.sections, tasks });
  }
  if (!plan.title) warnings.push({ where: '', message: 'Không tìm thấy tên kế hoạch (dòng sau chữ «KẾ HOẠCH»).' });
  if (!plan.issuer) warnings.push({ where: '', message: 'Không xác định được cơ quan ban hành kế hoạch.' });
  if (plan.year === null) warnings.push({ where: '', message: 'Không xác định được năm ban hành kế hoạch.' });

  return {
    format: PLAN_DRAFT_FORMAT,
    source: { fileName, format: doc.format },
    plan,
    appendices,
    warnings,
  };
}

function looksLikeTaskRows(table: DocTable, header: TableHeader): boolean {
  const noCol = header.columns.find((c) => c.role === 'no')?.index ?? 0;
  let numbered = 0;
  for (let r = 0; r < Math.min(table.rows.length, 10); r++) {
    if (numberKind(cleanNumber(textAt(table, r, noCol))) !== 'none') numbered++;
  }
  return numbered > 0;
}

function setSection(state: AppendixState, label: string | null, title: string): void {
  const clean = oneLine(stripTags(title));
  const section: DraftSection = { label, title: clean, dimension: dimensionOf(clean) };
  state.sections.push(section);
  state.section = section;
  state.subgroup = null;
  state.last = null;
}

function readTaskTable(table: DocTable, header: TableHeader, state: AppendixState, warnings: DraftWarning[], continued: boolean): void {
  const columns = header.columns;
  const noCol = columns.find((c) => c.role === 'no') ?? null;
  const contentCol = columns.find((c) => c.role === 'content')!;
  const where = (no: string | null) => `${state.label ?? ''}${state.label ? '/' : ''}${no ?? '?'}`;
  if (!continued) {
    for (const c of columns) {
      if (!c.known) {
        warnings.push({
          where: state.label ?? '',
          message: `Cột «${c.header}» không thuộc các cột đã biết; nội dung của cột được giữ trong ghi chú của nhiệm vụ.`,
        });
      }
    }
  }
  const headerFirst = header.signature[0];

  for (let r = header.end; r < table.rows.length; r++) {
    const row = table.rows[r]!;
    if (isColumnNumberRow(table, r)) continue;
    const signature = rowSignature(table, r);
    if (signature && (header.signature.includes(signature) || signature === headerFirst)) continue; // header repeated on a new page

    const own = new Map<number, string>();
    const inherited = new Map<number, string>();
    row.slots.forEach((slot, c) => {
      if (slot.merged === null) {
        if (slot.text.trim()) own.set(c, slot.text);
      } else if (slot.merged === 'above') {
        const t = textAt(table, r, c);
        if (t.trim()) inherited.set(c, t);
      }
    });
    if (own.size === 0) continue;

    const noSlot = noCol ? row.slots[noCol.index]! : null;
    const noMergedAbove = noSlot?.merged === 'above';
    let noText = noCol ? cleanNumber(own.get(noCol.index) ?? '') : '';
    let kind = numberKind(noText);
    let contentOverride: string | null = null;
    if (!noCol) {
      const m = /^(\d{1,4}(?:\.\d{1,3})*|[IVX]{1,6})[.)]\s+(.+)$/su.exec(stripTags(own.get(contentCol.index) ?? ''));
      if (m) {
        noText = m[1]!;
        kind = numberKind(noText);
        contentOverride = (own.get(contentCol.index) ?? '').replace(/^\s*(?:<i>)?\s*[\dIVX.]+[.)]\s+/u, '');
      }
    }

    // A row continued from the row above: its number cell is merged with the one above.
    if (noMergedAbove && state.last) {
      appendContinuation(state.last, own, columns);
      continue;
    }
    // The number repeated on the next page with the rest of the sentence.
    if (kind === 'task' && state.last && state.last.no === noText && looksLikeContinuation(own.get(contentCol.index) ?? '')) {
      own.delete(noCol!.index);
      appendContinuation(state.last, own, columns);
      continue;
    }

    if (kind === 'section') {
      const titleTexts = [...own.entries()].filter(([c]) => c !== noCol?.index).map(([, t]) => t);
      setSection(state, noText.replace(/^(?:Phần|PHẦN|Mục|MỤC)\s+/u, ''), titleTexts[0] ?? noText);
      continue;
    }

    if (kind === 'task') {
      const content = contentOverride ?? own.get(contentCol.index) ?? inherited.get(contentCol.index) ?? '';
      const others = columns.filter((c) => c.role !== 'no' && c.role !== 'content' && c.role !== 'note');
      const othersEmpty = others.every((c) => !own.has(c.index) && !inherited.has(c.index));
      const c1 = oneLine(stripTags(content));
      if (othersEmpty && c1 && c1.length < 150 && (isUpperCase(c1) || (dimensionOf(c1) && !/[.;]$/.test(c1)))) {
        setSection(state, noText, c1); // "1 | THAM GIA CỦA NGƯỜI DÂN Ở CẤP CƠ SỞ" with tasks 1.1, 1.2 …
        continue;
      }
      if (othersEmpty && c1 && c1.length < 150 && /^[a-zđ]$/.test(noText) && !/[.;]$/.test(c1)) {
        state.subgroup = c1.replace(/[:]$/, ''); // "a) Công khai ngân sách cấp xã" heading the tasks below it
        state.last = null;
        continue;
      }
      const acc: Acc = { no: noText, section: state.section, subgroup: state.subgroup, cells: {}, notes: {} };
      fillTask(acc, own, inherited, columns, contentOverride);
      state.tasks.push(acc);
      state.last = acc;
      continue;
    }

    // No number.
    const texts = [...own.entries()];
    const single = texts.length === 1 ? texts[0]! : null;
    const singleSlot = single ? row.slots[single[0]]! : null;
    const singleIsTitle =
      single !== null &&
      (single[0] === contentCol.index || single[0] === noCol?.index || (singleSlot?.colSpan ?? 1) >= Math.max(2, table.width - 2));
    if (single && singleIsTitle) {
      const text = single[1];
      const plain = oneLine(stripTags(text));
      const sec = sectionTitle(plain);
      const sentence = plain.length > 60 && /[.;]$/.test(plain) && !isUpperCase(plain);
      if (state.last && !sec && (looksLikeContinuation(plain) || sentence || (plain.length > 200 && !isUpperCase(plain)))) {
        appendContinuation(state.last, new Map([[single[0] === noCol?.index ? contentCol.index : single[0], text]]), columns);
        continue;
      }
      if (sec) setSection(state, sec.label, sec.title);
      else if (dimensionOf(plain) && (isUpperCase(plain) || (singleSlot?.colSpan ?? 1) >= Math.max(2, table.width - 2) || !state.section)) {
        setSection(state, null, plain);
      } else {
        state.subgroup = plain.replace(/[:.]$/, '');
        state.last = null;
      }
      continue;
    }
    if (single && state.last) {
      appendContinuation(state.last, own, columns);
      continue;
    }
    const content = own.get(contentCol.index) ?? '';
    const continues =
      content === '' ||
      looksLikeContinuation(content) ||
      [...own.entries()].some(([c, t]) => c !== noCol?.index && looksLikeContinuation(t));
    if (state.last && continues) {
      appendContinuation(state.last, own, columns);
      continue;
    }
    if (!content.trim()) continue;
    const acc: Acc = { no: null, section: state.section, subgroup: state.subgroup, cells: {}, notes: {} };
    fillTask(acc, own, inherited, columns, null);
    if (noCol && own.has(noCol.index)) acc.notes[noCol.header || ROLE_NAMES.no] = own.get(noCol.index)!;
    state.tasks.push(acc);
    state.last = acc;
    warnings.push({
      where: where(null),
      message: `Dòng «${oneLine(stripTags(content)).slice(0, 80)}…» trông như một nhiệm vụ nhưng không có số thứ tự.`,
    });
  }
}

function noteKey(c: Column): string {
  return c.header || `Cột ${c.index + 1}`;
}

function fillTask(acc: Acc, own: Map<number, string>, inherited: Map<number, string>, columns: Column[], contentOverride: string | null): void {
  for (const c of columns) {
    if (c.role === 'no') continue;
    let text = own.get(c.index) ?? inherited.get(c.index) ?? '';
    if (c.role === 'content' && contentOverride !== null) text = contentOverride;
    if (!text) continue;
    if (c.role === 'note') acc.notes[noteKey(c)] = text;
    else acc.cells[c.role] = acc.cells[c.role] ? joinContinuation(acc.cells[c.role]!, text) : text;
  }
}

function appendContinuation(acc: Acc, own: Map<number, string>, columns: Column[]): void {
  for (const c of columns) {
    const text = own.get(c.index);
    if (!text || c.role === 'no') continue;
    if (c.role === 'note') acc.notes[noteKey(c)] = joinContinuation(acc.notes[noteKey(c)] ?? '', text);
    else acc.cells[c.role] = joinContinuation(acc.cells[c.role] ?? '', text);
  }
}

function deadlineText(cell: string): string {
  const lines = cleanCell(stripTags(cell)).split('\n');
  return lines.reduce((out, line) => (out === '' ? line : /[;,:]$/.test(out) ? `${out} ${line}` : `${out}; ${line}`), '');
}

function finishTask(acc: Acc, label: string | null, window: Window, parse: DeadlineParser, warnings: DraftWarning[]): DraftTask {
  const where = `${label ?? ''}${label ? '/' : ''}${acc.no ?? '?'}`;
  const content = cleanCell(acc.cells.content ?? '');
  const lead = cleanCell(stripTags(acc.cells.lead ?? ''));
  const coordinating = cleanCell(stripTags(acc.cells.coordinating ?? ''));
  const output = cleanCell(acc.cells.output ?? '');
  const { leadUnits, coordinatingUnits } = taskParties(lead, coordinating);
  const text = deadlineText(acc.cells.deadline ?? '');
  let deadline: DraftDeadline;
  if (!text) {
    deadline = {
      text: '', kind: 'unspecified', dues: [], end: null, count: null, trigger: null,
      summary: 'Chưa có thời hạn', needsReview: true,
    };
    warnings.push({ where, message: 'Nhiệm vụ không có thời gian hoàn thành.' });
  } else {
    try {
      const s = parse(text, window);
      deadline = {
        text,
        kind: s.kind,
        dues: s.dues.map((d) => (typeof d === 'string' ? d : d.date)),
        end: s.end ?? null,
        count: s.count ?? null,
        trigger: s.trigger ?? null,
        summary: s.summary,
        needsReview: Boolean(s.needsReview),
      };
    } catch (err) {
      deadline = {
        text, kind: 'unspecified', dues: [], end: null, count: null, trigger: null,
        summary: text, needsReview: true,
      };
      warnings.push({ where, message: `Không phân tích được thời hạn «${text}»: ${(err as Error)?.message ?? err}.` });
    }
    if (deadline.needsReview) warnings.push({ where, message: `Thời hạn «${text}» chưa hiểu được trọn vẹn; cần người rà soát.` });
  }
  if (!content) warnings.push({ where, message: 'Nhiệm vụ không có nội dung.' });
  if (leadUnits.length === 0) warnings.push({ where, message: 'Nhiệm vụ không có cơ quan chủ trì.' });
  if (!acc.section) warnings.push({ where, message: 'Nhiệm vụ không thuộc mục (chỉ số nội dung) nào.' });
  const task: DraftTask = {
    no: acc.no,
    section: acc.section ? acc.section.label ?? acc.section.title : null,
    dimension: (acc.section?.dimension ?? null) as DimensionKey | null,
    subgroup: acc.subgroup,
    content,
    lead,
    coordinating,
    output,
    leadUnits,
    coordinatingUnits,
    deadline,
  };
  const notes = Object.fromEntries(Object.entries(acc.notes).map(([k, v]) => [k, cleanCell(v)]).filter(([, v]) => v));
  if (Object.keys(notes).length) task.notes = notes;
  return task;
}

function checkNumbers(tasks: DraftTask[], where: string, warnings: DraftWarning[]): void {
  const seen = new Map<string, number>();
  let previous: number | null = null;
  for (const t of tasks) {
    if (t.no === null) continue;
    seen.set(t.no, (seen.get(t.no) ?? 0) + 1);
    if (seen.get(t.no) === 2) warnings.push({ where: `${where}${where ? '/' : ''}${t.no}`, message: `Số thứ tự ${t.no} bị trùng trong phụ lục.` });
    if (/^\d+$/.test(t.no)) {
      const n = Number(t.no);
      if (previous !== null && n > previous + 1) {
        warnings.push({
          where: `${where}${where ? '/' : ''}${t.no}`,
          message: `Số thứ tự nhảy từ ${previous} lên ${n} (không có nhiệm vụ ${previous + 1}${n - previous > 2 ? `–${n - 1}` : ''}); kiểm tra xem có sót nhiệm vụ không.`,
        });
      }
      previous = n;
    }
  }
}

/**
 * Reader for .docx: WordprocessingML read directly (zip + XML), so that everything a plan table uses
 * is under our control: w:gridSpan and w:vMerge (merged cells), w:gridBefore, header rows
 * (w:tblHeader), nested tables, list numbering (w:numPr: "1.", "I.", "a)" that Word draws but does not
 * store as text), italics (w:i → `<i>`), tracked changes (insertions kept, deletions dropped).
 */
import { corruptFile } from './errors.js';
import { gridFromRows, type DocBlock, type PlanDocument, type RawCell, type RawRow } from './model.js';
import { cleanCell } from './text.js';
import { child, elements, parseXml, type XmlElement } from './xml.js';
import { readParts } from './zip.js';

const FORMAT = 'Word (.docx)';

// ---------- numbering ----------

interface Level {
  start: number;
  fmt: string;
  text: string;
}
interface Numbering {
  abstract: Map<string, Map<number, Level>>;
  nums: Map<string, { abstractId: string; overrides: Map<number, number> }>;
  styleNum: Map<string, { numId: string; ilvl: number }>;
}

const attr = (el: XmlElement | undefined, name: string): string | undefined => el?.attrs[name];
const val = (el: XmlElement | undefined): string | undefined => attr(el, 'w:val');
const on = (el: XmlElement | undefined): boolean => {
  if (!el) return false;
  const v = val(el);
  return v === undefined || !['0', 'false', 'off', 'none'].includes(v);
};

function readNumbering(xml: string | undefined, stylesXml: string | undefined): Numbering {
  const numbering: Numbering = { abstract: new Map(), nums: new Map(), styleNum: new Map() };
  if (xml) {
    const root = parseXml(xml);
    for (const a of elements(root, 'w:abstractNum')) {
      const levels = new Map<number, Level>();
      for (const lvl of elements(a, 'w:lvl')) {
        levels.set(Number(attr(lvl, 'w:ilvl') ?? 0), {
          start: Number(val(child(lvl, 'w:start')) ?? 1),
          fmt: val(child(lvl, 'w:numFmt')) ?? 'decimal',
          text: val(child(lvl, 'w:lvlText')) ?? '',
        });
      }
      numbering.abstract.set(attr(a, 'w:abstractNumId') ?? '', levels);
    }
    for (const n of elements(root, 'w:num')) {
      const overrides = new Map<number, number>();
      for (const o of elements(n, 'w:lvlOverride')) {
        const start = val(child(o, 'w:startOverride'));
        if (start !== undefined) overrides.set(Number(attr(o, 'w:ilvl') ?? 0), Number(start));
      }
      numbering.nums.set(attr(n, 'w:numId') ?? '', { abstractId: val(child(n, 'w:abstractNumId')) ?? '', overrides });
    }
  }
  if (stylesXml) {
    const root = parseXml(stylesXml);
    for (const s of elements(root, 'w:style')) {
      const numPr = child(child(s, 'w:pPr'), 'w:numPr');
      const numId = val(child(numPr, 'w:numId'));
      if (numId) numbering.styleNum.set(attr(s, 'w:styleId') ?? '', { numId, ilvl: Number(val(child(numPr, 'w:ilvl')) ?? 0) });
    }
  }
  return numbering;
}

function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: Array<[number, string]> = [
    [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
    [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let out = '';
  for (const [v, s] of table) while (n >= v) (out += s), (n -= v);
  return out;
}

function letters(n: number): string {
  if (n <= 0) return String(n);
  const ch = String.fromCharCode(97 + ((n - 1) % 26));
  return ch.repeat(Math.floor((n - 1) / 26) + 1);
}

function formatNumber(n: number, fmt: string): string {
  switch (fmt) {
    case 'upperRoman': return roman(n);
    case 'lowerRoman': return roman(n).toLowerCase();
    case 'upperLetter': return letters(n).toUpperCase();
    case 'lowerLetter': return letters(n);
    case 'decimalZero': return n < 10 ? `0${n}` : String(n);
    case 'none': return '';
    default: return String(n);
  }
}

class ListCounter {
  private counters = new Map<string, number[]>();
  constructor(private numbering: Numbering) {}

  /** The label Word draws before a numbered paragraph, or '' for none. */
  next(numId: string, ilvl: number): string {
    const num = this.numbering.nums.get(numId);
    if (!num || numId === '0') return '';
    const levels = this.numbering.abstract.get(num.abstractId);
    const level = levels?.get(ilvl);
    if (!levels || !level) return '';
    if (level.fmt === 'bullet') return '-';
    const key = num.overrides.size ? `n${numId}` : `a${num.abstractId}`;
    let counts = this.counters.get(key);
    if (!counts) {
      counts = [];
      this.counters.set(key, counts);
    }
    const startOf = (l: number) => num.overrides.get(l) ?? levels.get(l)?.start ?? 1;
    counts[ilvl] = counts[ilvl] === undefined ? startOf(ilvl) : counts[ilvl]! + 1;
    counts.length = ilvl + 1; // deeper levels restart
    return level.text.replace(/%(\d)/g, (_, d: string) => {
      const l = Number(d) - 1;
      const lv = levels.get(l);
      const count = counts![l] ?? startOf(l);
      return lv ? formatNumber(count, lv.fmt === 'bullet' ? 'decimal' : lv.fmt) : '';
    });
  }
}

// ---------- text ----------

interface Segment {
  text: string;
  italic: boolean;
}

function runSegments(el: XmlElement, italic: boolean, out: Segment[]): void {
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    switch (c.name) {
      case 'w:r': {
        const rPr = child(c, 'w:rPr');
        const it = rPr ? on(child(rPr, 'w:i')) : italic;
        for (const part of c.children) {
          if (typeof part === 'string') continue;
          if (part.name === 'w:t') out.push({ text: part.children.filter((x): x is string => typeof x === 'string').join(''), italic: it });
          else if (part.name === 'w:tab' || part.name === 'w:ptab') out.push({ text: ' ', italic: false });
          else if (part.name === 'w:br' || part.name === 'w:cr') {
            if (attr(part, 'w:type') !== 'page' && attr(part, 'w:type') !== 'column') out.push({ text: '\n', italic: false });
          } else if (part.name === 'w:noBreakHyphen') out.push({ text: '-', italic: it });
          else if (part.name === 'mc:AlternateContent') runSegments(child(part, 'mc:Fallback') ?? part, it, out);
        }
        break;
      }
      case 'w:del':
      case 'w:moveFrom':
      case 'w:pPr':
      case 'w:rPr':
      case 'w:proofErr':
      case 'w:bookmarkStart':
      case 'w:bookmarkEnd':
        break;
      default:
        // w:hyperlink, w:ins, w:smartTag, w:sdt/w:sdtContent, w:fldSimple, w:customXml, w:moveTo …
        runSegments(c, italic, out);
    }
  }
}

function segmentsToText(segments: Segment[]): string {
  let out = '';
  let open = false;
  for (const s of segments) {
    if (!s.text) continue;
    const italic = s.italic && s.text.trim() !== '';
    if (italic && !open) (out += '<i>'), (open = true);
    if (!italic && open && s.text.trim() !== '') (out += '</i>'), (open = false);
    out += s.text;
  }
  if (open) out += '</i>';
  return out;
}

// ---------- body ----------

class BodyReader {
  constructor(private counter: ListCounter, private numbering: Numbering) {}

  paragraphText(p: XmlElement): string {
    const pPr = child(p, 'w:pPr');
    const numPr = child(pPr, 'w:numPr');
    let label = '';
    let numId = val(child(numPr, 'w:numId'));
    let ilvl = Number(val(child(numPr, 'w:ilvl')) ?? 0);
    if (numId === undefined) {
      const styleId = val(child(pPr, 'w:pStyle'));
      const fromStyle = styleId ? this.numbering.styleNum.get(styleId) : undefined;
      if (fromStyle) ({ numId, ilvl } = { numId: fromStyle.numId, ilvl: numPr ? ilvl : fromStyle.ilvl });
    }
    if (numId !== undefined) label = this.counter.next(numId, ilvl);
    const segments: Segment[] = [];
    runSegments(p, false, segments);
    const text = segmentsToText(segments);
    return label ? `${label} ${text}` : text;
  }

  cellText(tc: XmlElement): string {
    const parts: string[] = [];
    for (const c of elements(tc)) this.collectCell(c, parts);
    return cleanCell(parts.join('\n'));
  }

  private collectCell(el: XmlElement, parts: string[]): void {
    if (el.name === 'w:p') parts.push(this.paragraphText(el));
    else if (el.name === 'w:tbl') {
      for (const tr of elements(el, 'w:tr'))
        for (const tc of elements(tr, 'w:tc')) {
          const t = this.cellText(tc);
          if (t) parts.push(t);
        }
    } else if (el.name === 'w:sdt' || el.name === 'w:sdtContent' || el.name === 'w:customXml') {
      for (const c of elements(el)) this.collectCell(c, parts);
    }
  }

  table(tbl: XmlElement): DocBlock {
    const rows: RawRow[] = [];
    for (const tr of this.rowsOf(tbl)) {
      const trPr = child(tr, 'w:trPr');
      const cells: RawCell[] = [];
      for (const tc of this.cellsOf(tr)) {
        const tcPr = child(tc, 'w:tcPr');
        const span = Number(val(child(tcPr, 'w:gridSpan')) ?? 1);
        const vMergeEl = child(tcPr, 'w:vMerge');
        const hMerge = child(tcPr, 'w:hMerge');
        if (hMerge && val(hMerge) !== 'restart' && cells.length) {
          // Legacy horizontal merge: widen the cell to the left.
          const last = cells[cells.length - 1]!;
          last.colSpan = (last.colSpan ?? 1) + (Number.isFinite(span) ? span : 1);
          continue;
        }
        const cell: RawCell = { text: this.cellText(tc), colSpan: Number.isFinite(span) && span > 0 ? span : 1 };
        if (vMergeEl) cell.vMerge = val(vMergeEl) === 'restart' ? 'restart' : 'continue';
        cells.push(cell);
      }
      const before = Number(val(child(trPr, 'w:gridBefore')) ?? 0);
      const row: RawRow = { cells, before: Number.isFinite(before) ? before : 0 };
      if (on(child(trPr, 'w:tblHeader'))) row.repeatHeader = true;
      rows.push(row);
    }
    return gridFromRows(rows);
  }

  private rowsOf(tbl: XmlElement): XmlElement[] {
    const out: XmlElement[] = [];
    for (const c of elements(tbl)) {
      if (c.name === 'w:tr') out.push(c);
      else if (c.name === 'w:sdt' || c.name === 'w:customXml') out.push(...this.rowsOf(child(c, 'w:sdtContent') ?? c));
    }
    return out;
  }

  private cellsOf(tr: XmlElement): XmlElement[] {
    const out: XmlElement[] = [];
    for (const c of elements(tr)) {
      if (c.name === 'w:tc') out.push(c);
      else if (c.name === 'w:sdt' || c.name === 'w:customXml') out.push(...this.cellsOf(child(c, 'w:sdtContent') ?? c));
    }
    return out;
  }

  blocks(container: XmlElement, out: DocBlock[]): void {
    for (const el of elements(container)) {
      if (el.name === 'w:p') out.push({ kind: 'paragraph', text: cleanCell(this.paragraphText(el)) });
      else if (el.name === 'w:tbl') {
        // A layout table (one cell per row) wrapping the real content: read what is inside it.
        const rows = this.rowsOf(el);
        const cells = rows.map((tr) => this.cellsOf(tr));
        if (rows.length && cells.every((c) => c.length === 1) && cells.some((c) => child(c[0]!, 'w:tbl'))) {
          for (const c of cells) this.blocks(c[0]!, out);
        } else out.push(this.table(el));
      }
      else if (el.name === 'w:sdt') this.blocks(child(el, 'w:sdtContent') ?? el, out);
      else if (el.name === 'w:customXml' || el.name === 'w:ins') this.blocks(el, out);
    }
  }
}

export function readDocxDocument(bytes: Uint8Array, fileName: string): PlanDocument {
  const parts = readParts(bytes, ['word/document.xml', 'word/numbering.xml', 'word/styles.xml'], fileName, FORMAT);
  const documentXml = parts.get('word/document.xml');
  if (documentXml === undefined) throw corruptFile(fileName, FORMAT, 'thiếu phần word/document.xml');
  let root: XmlElement;
  let numbering: Numbering;
  try {
    root = parseXml(documentXml);
  } catch (err) {
    throw corruptFile(fileName, FORMAT, `nội dung XML hỏng: ${(err as Error).message.split('\n')[0]}`);
  }
  try {
    numbering = readNumbering(parts.get('word/numbering.xml'), parts.get('word/styles.xml'));
  } catch {
    numbering = { abstract: new Map(), nums: new Map(), styleNum: new Map() };
  }
  const body = child(root, 'w:body');
  if (!body) throw corruptFile(fileName, FORMAT, 'không có phần thân văn bản (w:body)');
  const blocks: DocBlock[] = [];
  new BodyReader(new ListCounter(numbering), numbering).blocks(body, blocks);
  return { format: 'docx', blocks };
}

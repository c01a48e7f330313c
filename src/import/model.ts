/**
 * The neutral model of a plan document that every reader produces and the interpreter reads:
 * paragraphs and tables, in document order. Cell text keeps italics as `<i>…</i>` (every reader
 * does the same) and a cell's paragraphs joined with "\n".
 *
 * Tables are rectangular grids: merged cells are resolved, so every row has `width` slots. A slot
 * covered by a merged cell carries no text and says where its text lives: `left` (a horizontal
 * merge, w:gridSpan or an xlsx merge) or `above` (a vertical merge, w:vMerge or an xlsx merge).
 */
export interface Slot {
  /** Text of the cell that starts here; '' for a covered slot. */
  text: string;
  /** null for the cell's own slot; otherwise the direction of the slot that covers it. */
  merged: 'left' | 'above' | null;
  /** For a cell's own slot: how many columns and rows it spans (1 for a covered slot). */
  colSpan: number;
  rowSpan: number;
}

export interface TableRow {
  slots: Slot[];
  /** The row is marked as a header row repeated on every page (w:tblHeader). */
  repeatHeader?: boolean;
}

export interface DocTable {
  kind: 'table';
  rows: TableRow[];
  width: number;
  /** The worksheet name for an .xlsx sheet. */
  name?: string;
}

export interface DocParagraph {
  kind: 'paragraph';
  text: string;
}

export type DocBlock = DocParagraph | DocTable;

export type DocumentFormat = 'text' | 'docx' | 'xlsx';

export interface PlanDocument {
  format: DocumentFormat;
  blocks: DocBlock[];
}

/** A cell as a reader sees it before spans are resolved. */
export interface RawCell {
  text: string;
  colSpan?: number;
  /** 'continue' = covered by the cell above (w:vMerge without "restart"). */
  vMerge?: 'restart' | 'continue';
}

export interface RawRow {
  cells: RawCell[];
  /** Empty grid columns before the first cell (w:gridBefore). */
  before?: number;
  repeatHeader?: boolean;
}

const own = (text: string, colSpan = 1): Slot => ({ text, merged: null, colSpan, rowSpan: 1 });
const covered = (merged: 'left' | 'above'): Slot => ({ text: '', merged, colSpan: 1, rowSpan: 1 });

/** Builds a rectangular grid from rows of cells with horizontal spans and vertical-merge marks. */
export function gridFromRows(rawRows: RawRow[], name?: string): DocTable {
  const rows: TableRow[] = [];
  for (const raw of rawRows) {
    const slots: Slot[] = [];
    for (let i = 0; i < Math.min(raw.before ?? 0, 1000); i++) slots.push(own(''));
    for (const cell of raw.cells) {
      const span = Math.max(1, Math.min(cell.colSpan ?? 1, 1000));
      if (cell.vMerge === 'continue') {
        for (let k = 0; k < span; k++) slots.push(covered('above'));
      } else {
        slots.push(own(cell.text, span));
        for (let k = 1; k < span; k++) slots.push(covered('left'));
      }
    }
    rows.push(raw.repeatHeader ? { slots, repeatHeader: true } : { slots });
  }
  return finishGrid(rows, name);
}

/** Builds a grid from a full matrix of texts plus merged rectangles (xlsx). */
export function gridFromMatrix(
  texts: string[][],
  merges: Array<{ top: number; left: number; bottom: number; right: number }>,
  name?: string,
): DocTable {
  const rows: TableRow[] = texts.map((line) => ({ slots: line.map((t) => own(t)) }));
  for (const m of merges) {
    for (let r = m.top; r <= m.bottom; r++) {
      const row = rows[r];
      if (!row) continue;
      for (let c = m.left; c <= m.right; c++) {
        if (r === m.top && c === m.left) continue;
        if (c >= row.slots.length) continue;
        row.slots[c] = covered(r === m.top ? 'left' : c === m.left ? 'above' : 'above');
      }
    }
  }
  return finishGrid(rows, name);
}

function finishGrid(rows: TableRow[], name?: string): DocTable {
  const width = rows.reduce((w, r) => Math.max(w, r.slots.length), 0);
  for (const row of rows) while (row.slots.length < width) row.slots.push(own(''));
  // A vertical merge with nothing above it is its own cell.
  rows.forEach((row, r) =>
    row.slots.forEach((slot, c) => {
      if (slot.merged === 'above' && r === 0) row.slots[c] = own('');
      if (slot.merged === 'left' && c === 0) row.slots[c] = own('');
    }),
  );
  // Spans of each own slot, from the covered slots around it.
  rows.forEach((row, r) =>
    row.slots.forEach((slot, c) => {
      if (slot.merged) return;
      let colSpan = 1;
      while (row.slots[c + colSpan]?.merged === 'left') colSpan++;
      let rowSpan = 1;
      while (rows[r + rowSpan]?.slots[c]?.merged === 'above') rowSpan++;
      slot.colSpan = colSpan;
      slot.rowSpan = rowSpan;
    }),
  );
  const table: DocTable = { kind: 'table', rows, width };
  if (name !== undefined) table.name = name;
  return table;
}

/** Row and column of the cell whose text covers slot (r, c). */
export function originOf(table: DocTable, r: number, c: number): [number, number] {
  let guard = 0;
  for (;;) {
    const slot = table.rows[r]?.slots[c];
    if (!slot || !slot.merged || guard++ > 100_000) return [r, c];
    if (slot.merged === 'left') c--;
    else r--;
    if (r < 0 || c < 0) return [Math.max(r, 0), Math.max(c, 0)];
  }
}

/** The text a reader sees at slot (r, c): its own text, or the text of the merged cell covering it. */
export function textAt(table: DocTable, r: number, c: number): string {
  const [or, oc] = originOf(table, r, c);
  return table.rows[or]?.slots[oc]?.text ?? '';
}

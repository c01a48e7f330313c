/**
 * Reader for plans as plain text (.txt, .tsv): the layout of text extracted from a Word file.
 * Lines without a tab are paragraphs; lines with tabs are table rows, consecutive rows (blank lines
 * between them allowed) form one table. A row that crossed a page break continues on the next line
 * after a blank line, its first cell empty: each cell's continuation is joined to the cell above.
 * In a .tsv, a cell in double quotes may hold tabs, line breaks and doubled quotes (spreadsheet export).
 */
import { corruptFile } from './errors.js';
import { gridFromRows, type DocBlock, type PlanDocument } from './model.js';
import { cleanCell, joinContinuation } from './text.js';

/** Decodes the bytes of a text file: UTF-8 (with or without BOM) or UTF-16 with a BOM. */
export function decodeText(bytes: Uint8Array, fileName: string): string {
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      throw corruptFile(fileName, 'văn bản', 'không phải văn bản mã UTF-8; hãy lưu lại tệp với bảng mã Unicode UTF-8');
    }
  }
  // Binary content: NUL bytes or many control characters.
  let control = 0;
  for (let i = 0; i < text.length && i < 65536; i++) {
    const code = text.charCodeAt(i);
    if (code === 0) throw corruptFile(fileName, 'văn bản', 'tệp chứa dữ liệu nhị phân');
    if (code < 32 && code !== 9 && code !== 10 && code !== 13 && code !== 12) control++;
  }
  if (control > 16 && control > Math.min(text.length, 65536) / 100) {
    throw corruptFile(fileName, 'văn bản', 'tệp chứa dữ liệu nhị phân');
  }
  return text.normalize('NFC');
}

/** Splits a .tsv into records of fields, honouring quoted fields. */
function tsvRecords(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let i = 0;
  const n = text.length;
  let atFieldStart = true;
  while (i < n) {
    const ch = text[i]!;
    if (atFieldStart && ch === '"') {
      // Quoted field: up to the closing quote that is followed by a tab, a line end or the end.
      let j = i + 1;
      let value = '';
      let closed = false;
      while (j < n) {
        const c = text[j]!;
        if (c === '"') {
          if (text[j + 1] === '"') {
            value += '"';
            j += 2;
            continue;
          }
          closed = true;
          j++;
          break;
        }
        value += c;
        j++;
      }
      if (closed && (j >= n || text[j] === '\t' || text[j] === '\n' || text[j] === '\r')) {
        field = value;
        i = j;
        atFieldStart = false;
        continue;
      }
      // Not a well-formed quoted field: take the quote literally.
    }
    atFieldStart = false;
    if (ch === '\t') {
      fields.push(field);
      field = '';
      atFieldStart = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      records.push(fields);
      fields = [];
      field = '';
      atFieldStart = true;
    } else field += ch;
    i++;
  }
  if (field !== '' || fields.length) {
    fields.push(field);
    records.push(fields);
  }
  return records;
}

export function readTextDocument(bytes: Uint8Array, fileName: string): PlanDocument {
  const text = decodeText(bytes, fileName);
  const quoted = /\.tsv$/i.test(fileName);
  const records: string[][] = quoted ? tsvRecords(text) : text.split(/\r\n?|\n/).map((line) => line.split('\t'));

  const blocks: DocBlock[] = [];
  let rows: string[][] = [];
  let blankBefore = false;

  const flush = () => {
    if (rows.length) blocks.push(gridFromRows(rows.map((cells) => ({ cells: cells.map((t) => ({ text: cleanCell(t) })) }))));
    rows = [];
  };

  for (const fields of records) {
    const isBlank = fields.every((f) => f.trim() === '');
    if (fields.length === 1 || (isBlank && fields.length > 1 && rows.length === 0)) {
      if (isBlank) {
        blankBefore = true;
        continue;
      }
      flush();
      blocks.push({ kind: 'paragraph', text: cleanCell(fields[0]!) });
      blankBefore = false;
      continue;
    }
    if (isBlank) {
      // A row of empty cells separates nothing; treat it like a blank line.
      blankBefore = true;
      continue;
    }
    const previous = rows[rows.length - 1];
    if (blankBefore && previous && (fields[0] ?? '').trim() === '') {
      // The rest of the row above, after a page break.
      fields.forEach((f, i) => {
        if (f.trim() === '') return;
        while (previous.length <= i) previous.push('');
        previous[i] = joinContinuation(previous[i]!, f);
      });
    } else rows.push(fields);
    blankBefore = false;
  }
  flush();
  return { format: 'text', blocks };
}

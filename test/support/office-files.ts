import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';

/** Reads Word and Excel files the way a checker would: the zip, the XML parts, the text a reader sees. */

const decode = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

export interface DocxContent {
  /** Names of the parts in the package. */
  parts: string[];
  /** word/document.xml as written. */
  xml: string;
  /** One string per paragraph (w:p), its runs' texts joined; table cells' paragraphs included, in order. */
  paragraphs: string[];
  /** All paragraphs joined by newlines. */
  text: string;
}

/** Opens a .docx: throws when it is not a zip holding [Content_Types].xml and word/document.xml. */
export function readDocx(bytes: Uint8Array | Buffer): DocxContent {
  const files = unzipSync(new Uint8Array(bytes));
  const parts = Object.keys(files);
  if (!files['[Content_Types].xml']) throw new Error('not a docx: no [Content_Types].xml');
  if (!files['word/document.xml']) throw new Error('not a docx: no word/document.xml');
  const xml = strFromU8(files['word/document.xml']);
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    decode([...p[0].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]!).join('')),
  );
  return { parts, xml, paragraphs, text: paragraphs.join('\n') };
}

/** Opens an .xlsx with exceljs (throws on anything else). */
export async function readXlsx(bytes: Uint8Array | Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

/** A worksheet row's cell values as strings ('' for an empty cell), first column at index 0. */
export function rowTexts(ws: ExcelJS.Worksheet, n: number): string[] {
  const row = ws.getRow(n);
  const out: string[] = [];
  for (let c = 1; c <= ws.columnCount; c++) {
    const v = row.getCell(c).value;
    out.push(v === null || v === undefined ? '' : typeof v === 'object' && 'richText' in v ? v.richText.map((r) => r.text).join('') : String(v));
  }
  return out;
}

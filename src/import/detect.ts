/** Which reader a file goes to: decided by its content first (zip signature, parts inside), then its extension. */
import { emptyFile, unsupportedFormat } from './errors.js';
import type { DocumentFormat } from './model.js';
import { isZip, listParts } from './zip.js';

export function detectFormat(bytes: Uint8Array, fileName: string): DocumentFormat {
  if (bytes.length === 0) throw emptyFile(fileName);
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (isZip(bytes)) {
    const parts = listParts(bytes, fileName, ext === 'xlsx' ? 'Excel (.xlsx)' : ext === 'docx' ? 'Word (.docx)' : '.docx/.xlsx');
    if (parts.includes('word/document.xml')) return 'docx';
    if (parts.includes('xl/workbook.xml')) return 'xlsx';
    if (ext === 'docx' || ext === 'xlsx') return ext; // the reader names the missing part
    throw unsupportedFormat(fileName, 'tệp nén này không phải tài liệu Word (.docx) hay bảng tính Excel (.xlsx).');
  }
  const head = String.fromCharCode(...bytes.subarray(0, 8));
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw unsupportedFormat(
      fileName,
      'đây là định dạng Word/Excel 97-2003 (.doc/.xls), chưa được hỗ trợ; hãy mở tệp và lưu lại dưới dạng .docx hoặc .xlsx.',
    );
  }
  if (head.startsWith('%PDF')) throw unsupportedFormat(fileName, 'tệp PDF chưa được hỗ trợ; hãy dùng bản Word (.docx) của kế hoạch.');
  if (head.startsWith('{\\rtf')) throw unsupportedFormat(fileName, 'tệp RTF chưa được hỗ trợ; hãy lưu lại dưới dạng .docx.');
  if (ext === 'docx' || ext === 'xlsx') return ext; // not a zip: the reader reports it as damaged
  if (ext === 'doc' || ext === 'xls' || ext === 'pdf' || ext === 'odt' || ext === 'ods') {
    throw unsupportedFormat(fileName, `định dạng .${ext} chưa được hỗ trợ; hãy dùng .docx, .xlsx, .txt hoặc .tsv.`);
  }
  return 'text';
}

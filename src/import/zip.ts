/** Reading the parts of an OOXML package (.docx, .xlsx) with limits, so a hostile file cannot exhaust memory. */
import { unzipSync } from 'fflate';
import { corruptFile } from './errors.js';

export const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const MAX_PART_BYTES = 200 * 1024 * 1024;

export function isZip(bytes: Uint8Array): boolean {
  return ZIP_SIGNATURE.every((b, i) => bytes[i] === b);
}

/** Names of the parts in the package (reads the central directory only). */
export function listParts(bytes: Uint8Array, fileName: string, format: string): string[] {
  const names: string[] = [];
  try {
    unzipSync(bytes, {
      filter: (file) => {
        names.push(file.name);
        return false;
      },
    });
  } catch (err) {
    throw corruptFile(fileName, format, zipReason(err));
  }
  return names;
}

/** Unzips the named parts (those present) as UTF-8 text. */
export function readParts(bytes: Uint8Array, wanted: string[], fileName: string, format: string): Map<string, string> {
  const want = new Set(wanted);
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        if (!want.has(file.name)) return false;
        if (file.originalSize > MAX_PART_BYTES) throw new Error(`phần ${file.name} quá lớn`);
        return true;
      },
    });
  } catch (err) {
    throw corruptFile(fileName, format, zipReason(err));
  }
  const out = new Map<string, string>();
  const decoder = new TextDecoder('utf-8');
  for (const [name, data] of Object.entries(files)) out.set(name, decoder.decode(data));
  return out;
}

function zipReason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (/quá lớn/.test(message)) return message;
  if (/end of central directory|invalid zip/i.test(message)) return 'thiếu mục lục của tệp nén, có thể tệp bị cắt cụt';
  return `lỗi giải nén: ${message}`;
}

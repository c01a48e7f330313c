/**
 * Reading a plan file with a given deadline parser: format detection, the readers, the interpreter.
 * Every failure is a DomainError with a Vietnamese message; nothing else escapes.
 * (index.ts binds the project's deadline grammar; tests may bind another.)
 */
import { DomainError } from '../domain/errors.js';
import { detectFormat } from './detect.js';
import { readDocxDocument } from './docx-reader.js';
import type { DeadlineParser, PlanDraft } from './draft.js';
import { corruptFile, fileTooLarge, importFailed, MAX_FILE_BYTES } from './errors.js';
import { interpretPlan } from './interpret.js';
import type { PlanDocument } from './model.js';
import { readTextDocument } from './text-reader.js';
import { readXlsxDocument } from './xlsx-reader.js';
import { isZip } from './zip.js';

/** Reads a file into the neutral document model (no interpretation). */
export async function readDocument(bytes: Uint8Array, fileName: string): Promise<PlanDocument> {
  if (bytes.length > MAX_FILE_BYTES) throw fileTooLarge(fileName, bytes.length);
  const format = detectFormat(bytes, fileName);
  const label = format === 'docx' ? 'Word (.docx)' : format === 'xlsx' ? 'Excel (.xlsx)' : 'văn bản';
  try {
    switch (format) {
      case 'docx':
        if (!isZip(bytes)) throw corruptFile(fileName, label, 'tệp không có cấu trúc nén của .docx');
        return readDocxDocument(bytes, fileName);
      case 'xlsx':
        if (!isZip(bytes)) throw corruptFile(fileName, label, 'tệp không có cấu trúc nén của .xlsx');
        return await readXlsxDocument(bytes, fileName);
      default:
        return readTextDocument(bytes, fileName);
    }
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw corruptFile(fileName, label, err instanceof RangeError ? 'cấu trúc lồng nhau quá sâu' : ((err as Error)?.message ?? String(err)));
  }
}

/** Reads a plan document (.docx, .xlsx, .txt, .tsv) into a PlanDraft with the given deadline parser. */
export async function readPlanWith(bytes: Uint8Array, fileName: string, parseDeadline: DeadlineParser): Promise<PlanDraft> {
  const doc = await readDocument(bytes, fileName);
  try {
    return interpretPlan(doc, { parseDeadline, fileName });
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw importFailed(fileName, (err as Error)?.message ?? String(err));
  }
}

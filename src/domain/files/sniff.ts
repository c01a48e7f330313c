/**
 * What a file is, by its content — never by its name or the type the browser claims. Evidence may be a
 * PDF, a Word or Excel document (OOXML) or a photo (JPEG, PNG); anything else is null.
 */
import { unzipSync } from 'fflate';

export type EvidenceKind = 'pdf' | 'docx' | 'xlsx' | 'jpeg' | 'png';

export interface SniffedType {
  kind: EvidenceKind;
  mime: string;
  extension: string;
}

const TYPES: Record<EvidenceKind, SniffedType> = {
  pdf: { kind: 'pdf', mime: 'application/pdf', extension: 'pdf' },
  docx: { kind: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
  xlsx: { kind: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  jpeg: { kind: 'jpeg', mime: 'image/jpeg', extension: 'jpg' },
  png: { kind: 'png', mime: 'image/png', extension: 'png' },
};

const startsWith = (bytes: Uint8Array, sig: readonly number[]) => bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** The names of a zip's parts (reads the directory only, unpacks nothing); null when it is not a readable zip. */
function zipParts(bytes: Uint8Array): string[] | null {
  const names: string[] = [];
  try {
    unzipSync(bytes, {
      filter: (file) => {
        names.push(file.name);
        return false;
      },
    });
  } catch {
    return null;
  }
  return names;
}

/** The file's type by its content, or null when it is not one of the accepted kinds. */
export function sniffFileType(bytes: Uint8Array): SniffedType | null {
  if (startsWith(bytes, PDF)) return TYPES.pdf;
  if (startsWith(bytes, JPEG)) return TYPES.jpeg;
  if (startsWith(bytes, PNG)) return TYPES.png;
  if (startsWith(bytes, ZIP)) {
    const parts = zipParts(bytes);
    if (!parts || !parts.includes('[Content_Types].xml')) return null;
    if (parts.some((p) => p.startsWith('word/'))) return TYPES.docx;
    if (parts.some((p) => p.startsWith('xl/'))) return TYPES.xlsx;
  }
  return null;
}

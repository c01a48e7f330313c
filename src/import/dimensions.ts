/**
 * Which PAPI dimension a section title names, decided by its words (never by its position):
 * "Tham gia của người dân ở cấp cơ sở", "Công khai, minh bạch (trong việc ra quyết định)",
 * "Chỉ số Quản trị môi trường", "Chỉ số nội dung 5: Thủ tục hành chính công", …
 */
import { DIMENSIONS, DIMENSION_LABEL_VI, type Dimension as DimensionKey } from '../domain/plans/plan.js';
import { foldWords } from './text.js';

const RULES: ReadonlyArray<[DimensionKey, RegExp]> = [
  ['corruption_control', /\btham nhung\b|\bkiem soat tham\b/],
  ['admin_procedures', /\bthu tuc hanh chinh\b|\btthc\b|\bmot cua\b/],
  ['e_governance', /\bquan tri dien tu\b|\bchinh quyen dien tu\b|\bchinh phu dien tu\b|\bchuyen doi so\b|\bchinh quyen so\b/],
  ['environment', /\bmoi truong\b/],
  ['public_services', /\bdich vu cong\b|\bcung ung dich vu\b|\bdich vu cong cong\b/],
  ['accountability', /\bgiai trinh\b/],
  ['transparency', /\bminh bach\b/],
  ['participation', /\btham gia\b.*\b(?:nguoi dan|nhan dan|co so)\b|\bdan chu (?:o )?co so\b/],
];

/** The dimension a title names, or null. */
export function dimensionOf(title: string): DimensionKey | null {
  const words = foldWords(title);
  if (!words) return null;
  for (const [key, re] of RULES) if (re.test(words)) return key;
  // "Chỉ số nội dung 5", "Nội dung 5" without words: the official numbering.
  const n = /^(?:chi so )?(?:noi dung|linh vuc) (?:so )?([1-8])$/.exec(words);
  if (n) return DIMENSIONS[Number(n[1]) - 1]!;
  return null;
}

export function dimensionTitle(key: DimensionKey): string {
  return DIMENSION_LABEL_VI[key];
}

/**
 * Turns a deadline text into the form the grammar reads: NFC, lower case, no diacritics, đ → d, one
 * kind of dash, single spaces, `<i>` tags gone. Every character of the folded text remembers where it
 * came from, so a piece the grammar finds (an event's trigger) can be cut from the original text.
 *
 * Folding makes "hàng" and "hằng", "quý" and "quy" the same word. Where that would confuse the grammar
 * ("khí thải" is not "khi"), a word written WITH diacritics must be the right word: in a text that has
 * diacritics, a word that folds to one of the keys below but is not one of its spellings gets an "x"
 * appended, so no rule matches it. A text typed without any diacritics is read as it is.
 */

export interface Folded {
  /** The original text, NFC. */
  original: string;
  /** The folded text the grammar reads. */
  text: string;
  /** For each character of `text`, the index in `original` it came from. */
  map: number[];
}

const GUARDED_WORDS: Record<string, readonly string[]> = {
  khi: ['khi'],
  thang: ['tháng'],
  nam: ['năm'],
  hang: ['hằng', 'hàng'],
  moi: ['mỗi', 'mọi'],
  tung: ['từng'],
  dot: ['đợt', 'đột'],
  lan: ['lần'],
  cuoi: ['cuối'],
  dau: ['đầu'],
  truoc: ['trước'],
  den: ['đến'],
  trong: ['trong'],
  thu: ['thứ'],
  nua: ['nửa'],
  giua: ['giữa'],
  tuan: ['tuần'],
  ky: ['kỳ', 'kì'],
  nhat: ['nhất', 'nhật'],
  bay: ['bảy', 'bẩy'],
  cua: ['của'],
  va: ['và'],
  la: ['là'],
  ca: ['cả'],
  hoac: ['hoặc'],
  tu: ['từ', 'tư'],
  sau: ['sau', 'sáu'],
  quy: ['quý', 'quí', 'quy'],
  hoc: ['học'],
  xuat: ['xuất'],
  neu: ['nếu'],
};

const GUARDED = new Map(Object.entries(GUARDED_WORDS));

const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/;
const SPACE = /[\s\u00A0\u2000-\u200B\u202F\u205F\u3000]/;
const TAGS = /<\/?\s*[a-zA-Z][^<>]{0,20}>/g;

const cache = new Map<number, number>();

/** The folded code of one UTF-16 unit above ASCII: a letter without its marks, a space, or a dash. */
function foldCode(code: number): number {
  let folded = cache.get(code);
  if (folded === undefined) {
    const f = foldSlow(String.fromCharCode(code));
    folded = f.length === 0 ? 32 : f.charCodeAt(0);
    if (cache.size < 5000) cache.set(code, folded);
  }
  return folded;
}

function foldSlow(ch: string): string {
  const lower = ch.toLowerCase();
  if (lower === 'đ') return 'd';
  if (/^[a-z0-9]$/.test(lower)) return lower;
  if (SPACE.test(ch)) return ' ';
  if (DASHES.test(ch)) return '-';
  const stripped = lower.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return stripped.length === 0 ? ' ' : stripped;
}

/** True when the text carries Vietnamese diacritics (then diacritics are trusted). */
export function hasDiacritics(text: string): boolean {
  return /[\u00C0-\u024F\u1E00-\u1EFF]/.test(text);
}

function fromCodes(codes: number[]): string {
  let out = '';
  for (let i = 0; i < codes.length; i += 8192) out += String.fromCharCode.apply(null, codes.slice(i, i + 8192));
  return out;
}

export function fold(input: string): Folded {
  // Tags become spaces of the same length, so indices into `original` stay valid.
  // Only combining marks (NFD text, as some Word files carry) need composing; skip the costly call otherwise.
  const original = /[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/.test(input) ? input.normalize('NFC') : input;
  const untagged = original.includes('<') ? original.replace(TAGS, (tag) => ' '.repeat(tag.length)) : original;

  const codes: number[] = [];
  const map: number[] = [];
  let lastSpace = true;
  for (let i = 0; i < untagged.length; i++) {
    let c = untagged.charCodeAt(i);
    if (c < 128) {
      if (c >= 65 && c <= 90) c += 32;
      else if (c < 32 || c === 127) c = 32;
    } else {
      c = foldCode(c);
    }
    if (c === 32) {
      if (lastSpace) continue;
      lastSpace = true;
    } else {
      lastSpace = false;
    }
    codes.push(c);
    map.push(i);
  }
  if (lastSpace && codes.length > 0) {
    codes.pop();
    map.pop();
  }
  const text = fromCodes(codes);

  if (!hasDiacritics(original)) return { original, text, map };

  // Guard ambiguous words: rebuild with an "x" after a word that is not the expected spelling.
  let guarded = '';
  const guardedMap: number[] = [];
  const word = /[a-z]+/g;
  let last = 0;
  for (let m = word.exec(text); m; m = word.exec(text)) {
    const spellings = GUARDED.get(m[0]);
    const end = m.index + m[0].length;
    guarded += text.slice(last, end);
    for (let k = last; k < end; k++) guardedMap.push(map[k]!);
    last = end;
    if (spellings) {
      const from = map[m.index]!;
      const to = map[end - 1]! + 1;
      const written = original.slice(from, to).toLowerCase();
      if (!spellings.includes(written)) {
        guarded += 'x';
        guardedMap.push(map[end - 1]!);
      }
    }
  }
  guarded += text.slice(last);
  for (let k = last; k < text.length; k++) guardedMap.push(map[k]!);
  return { original, text: guarded, map: guardedMap };
}

/** The original text behind folded[start, end). */
export function originalSlice(folded: Folded, start: number, end: number): string {
  if (end <= start || start >= folded.map.length) return '';
  const from = folded.map[start]!;
  const to = folded.map[Math.min(end, folded.map.length) - 1]! + 1;
  return folded.original.slice(from, to);
}

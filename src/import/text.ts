/** Small text helpers shared by the readers and the interpreter. */
import { foldDiacritics } from '../domain/text/normalize.js';

const TAG = /<\/?i>/g;

/** Drops the `<i>` marks readers keep for italics. */
export function stripTags(text: string): string {
  return text.replace(TAG, '');
}

/**
 * A cell's text as stored: NFC, spaces collapsed inside each line, empty lines dropped, lines joined
 * with "\n"; `<i>` marks tidied (no empty pair, no pair split by nothing).
 */
export function cleanCell(text: string): string {
  const lines = text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2007\u202f\t\v\f\u200b]/g, ' ')
    .replace(/<\/i>(\s*)<i>/g, '$1')
    .replace(/<i>(\s*)<\/i>/g, '$1')
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim())
    .filter((line) => line !== '' && line !== '<i></i>');
  return lines.join('\n');
}

/** The cell's text on one line. */
export function oneLine(text: string): string {
  return cleanCell(text).replace(/\n/g, ' ');
}

/** The comparison key: no tags, no diacritics, lower case, single spaces. */
export function fold(text: string): string {
  return foldDiacritics(stripTags(text).normalize('NFC')).toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Words only: fold() with punctuation turned into spaces. */
export function foldWords(text: string): string {
  return fold(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Joins the continuation of a cell (after a page break) to the text above it. */
export function joinContinuation(above: string, below: string): string {
  const a = above.trimEnd();
  const b = below.trimStart();
  if (!a) return b;
  if (!b) return a;
  // "Phòng Tài chính-" + "Kế hoạch", "(2021-" + "2025)", "công/" + "trang": the break was inside a word group.
  if (/[-/]$/.test(a) && !/\s[-/]$/.test(a)) return a + b;
  return `${a} ${b}`;
}

/** True when a text reads as the rest of a sentence: it starts with a lower-case letter or with punctuation. */
export function looksLikeContinuation(text: string): boolean {
  const t = stripTags(text).trimStart().replace(/^["“‘'«]+/, '');
  if (t === '') return false;
  if (/^\p{Ll}/u.test(t)) return true;
  return /^[,;.:)\]…]/.test(t);
}

/** True when every letter of the text is upper case (and it has at least a few letters). */
export function isUpperCase(text: string): boolean {
  const letters = stripTags(text).replace(/[^\p{L}]/gu, '');
  return letters.length >= 3 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

/**
 * Modern tone placement ("Hoà" → "Hòa", "Thuỷ" → "Thủy"), the spelling the project stores names in.
 * Only the syllable-final "oa/oe/uy" with the tone on the second vowel is moved; "quý", "giá" stay.
 */
export function modernTone(text: string): string {
  const map: Record<string, [string, string]> = {
    'oà': ['ò', 'a'], 'oá': ['ó', 'a'], 'oả': ['ỏ', 'a'], 'oã': ['õ', 'a'], 'oạ': ['ọ', 'a'],
    'oè': ['ò', 'e'], 'oé': ['ó', 'e'], 'oẻ': ['ỏ', 'e'], 'oẽ': ['õ', 'e'], 'oẹ': ['ọ', 'e'],
    'uỳ': ['ù', 'y'], 'uý': ['ú', 'y'], 'uỷ': ['ủ', 'y'], 'uỹ': ['ũ', 'y'], 'uỵ': ['ụ', 'y'],
  };
  return text.normalize('NFC').replace(/([qQ]?)([oOuU])([àáảãạèéẻẽẹỳýỷỹỵ])(?!\p{L})/gu, (all, q: string, v: string, t: string) => {
    if (q) return all; // "quý": the u belongs to the consonant
    const entry = map[v.toLowerCase() + t];
    if (!entry) return all;
    const first = v === v.toUpperCase() ? entry[0].toUpperCase() : entry[0];
    return `${first}${entry[1]}`;
  });
}

/** "Đông Hòa", "Phú Yên": every word capitalised (for place names written in capitals). */
export function titleCaseWords(text: string): string {
  return text
    .toLocaleLowerCase('vi')
    .split(/(\s+)/)
    .map((w) => (w.trim() ? w.charAt(0).toLocaleUpperCase('vi') + w.slice(1) : w))
    .join('');
}

/** Years written in a text, 1900–2099, in order. */
export function yearsIn(text: string): number[] {
  return [...stripTags(text).matchAll(/(?<!\d)((?:19|20)\d{2})(?!\d)/g)].map((m) => Number(m[1]));
}

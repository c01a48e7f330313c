/**
 * Vietnamese-aware text normalisation. Stored text is NFC; search keys are folded
 * so that "dong hoa" finds "Đông Hòa" and "hoá"/"hóa" spellings meet.
 */

/** Unicode NFC, trimmed, inner whitespace collapsed: the form every stored name takes. */
export function cleanText(input: string): string {
  return input.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Removes tone and vowel marks; đ/Đ become d/D (NFD does not decompose them). */
export function foldDiacritics(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/**
 * The search key: folded, lower case, punctuation turned into spaces.
 * Because every character outside [a-z0-9 ] is dropped, the key is safe inside a LIKE pattern.
 */
export function searchKey(input: string): string {
  return foldDiacritics(input)
    .toLowerCase()
    .replace(/&/g, ' va ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** True when every word of the query appears (as a prefix of a word) in the haystack key. */
export function matchesSearch(haystackKey: string, query: string): boolean {
  const words = searchKey(query).split(' ').filter(Boolean);
  if (words.length === 0) return true;
  const hay = ` ${haystackKey} `;
  return words.every((w) => hay.includes(` ${w}`));
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Sorts Vietnamese names the way a Vietnamese reader expects (Đ after D, tones ignored first). */
export function compareVietnamese(a: string, b: string): number {
  return collator.compare(a, b);
}

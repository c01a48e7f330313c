/**
 * Amounts in Vietnamese words, as written on receipts and confirmations ("Năm trăm nghìn đồng").
 * Conventions of administrative and accounting documents: "linh" for a zero tens digit, "mốt" for a one
 * after twenty, "lăm" for a five after ten, "tư" for a four after twenty, and "không trăm" inside a number
 * ("một triệu không trăm linh năm nghìn") so the words read back to exactly one figure.
 */
const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
const SCALES = ['', 'nghìn', 'triệu', 'tỷ', 'nghìn tỷ', 'triệu tỷ'];

function group(n: number, inner: boolean): string[] {
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor(n / 10) % 10;
  const ones = n % 10;
  const words: string[] = [];
  if (inner || hundreds > 0) words.push(DIGITS[hundreds]!, 'trăm');
  if (tens === 0) {
    if (ones !== 0 && words.length > 0) words.push('linh');
  } else if (tens === 1) words.push('mười');
  else words.push(DIGITS[tens]!, 'mươi');
  if (ones !== 0) {
    if (ones === 1 && tens >= 2) words.push('mốt');
    else if (ones === 5 && tens >= 1) words.push('lăm');
    else if (ones === 4 && tens >= 2) words.push('tư');
    else words.push(DIGITS[ones]!);
  }
  return words;
}

/** A whole number 0 … 999 999 999 999 999 999 in Vietnamese words, lower case ("một triệu hai trăm nghìn"). */
export function numberToVietnameseWords(value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`Not a whole non-negative amount: ${value}`);
  if (value === 0) return DIGITS[0]!;
  const groups: number[] = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 1000)) groups.push(rest % 1000);
  const words: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]!;
    if (g === 0) continue;
    words.push(...group(g, words.length > 0), ...(SCALES[i] ? [SCALES[i]!] : []));
  }
  return words.join(' ');
}

/** An amount of money in words with its unit and a capital first letter: 500000 → "Năm trăm nghìn đồng". */
export function vndInWords(amount: number): string {
  const words = numberToVietnameseWords(amount);
  return `${words.charAt(0).toLocaleUpperCase('vi')}${words.slice(1)} đồng`;
}

/** An amount in figures with dots between thousands, as written in Vietnam: 1500000 → "1.500.000". */
export function formatVnd(amount: number): string {
  return String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/**
 * CSV as every download of Dondoc writes it (open data, disclosure tables): RFC 4180 quoting, CRLF line ends,
 * a UTF-8 byte-order mark so spreadsheet programs read Vietnamese correctly, and a leading apostrophe on a
 * text cell that a spreadsheet would run as a formula (=, +, -, @: CSV injection). Numbers are written as
 * they are (a negative amount is not a formula).
 */
export type CsvValue = string | number | null | undefined;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'number' ? String(value) : value;
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvText(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<CsvValue>>): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

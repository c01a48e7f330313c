import { describe, expect, it } from 'vitest';
import { csvField, csvText } from '../../src/domain/text/csv.js';

describe('CSV of the downloads', () => {
  it('quotes separators, quotes and line breaks, and keeps Vietnamese as it is', () => {
    expect(csvField('Hòa Vinh')).toBe('Hòa Vinh');
    expect(csvField('a, "b"')).toBe('"a, ""b"""');
    expect(csvField('dòng 1\ndòng 2')).toBe('"dòng 1\ndòng 2"');
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });

  it('neutralises a text cell a spreadsheet would run as a formula, but not a negative number', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+84 912')).toBe("'+84 912");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-5')).toBe("'-5");
    expect(csvField(-5)).toBe('-5');
  });

  it('writes a byte-order mark, the header and CRLF line ends', () => {
    expect(csvText(['Mã', 'Tên'], [[1, 'Xã Hòa Tâm'], [2, null]])).toBe('\uFEFFMã,Tên\r\n1,Xã Hòa Tâm\r\n2,\r\n');
  });
});

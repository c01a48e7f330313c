import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cleanText, compareVietnamese, foldDiacritics, matchesSearch, searchKey } from '../../src/domain/text/normalize.js';

describe('Vietnamese text normalisation', () => {
  it('folds tones, vowel marks and đ so that "dong hoa" finds "Đông Hòa"', () => {
    expect(searchKey('UBND thị xã Đông Hòa')).toBe('ubnd thi xa dong hoa');
    expect(foldDiacritics('Đắk Lắk')).toBe('Dak Lak');
    expect(matchesSearch(searchKey('UBND phường Hòa Vinh'), 'hoa vinh')).toBe(true);
    expect(matchesSearch(searchKey('UBND phường Hòa Vinh'), 'HOA VIN')).toBe(true);
    expect(matchesSearch(searchKey('UBND phường Hòa Vinh'), 'oa vinh')).toBe(false);
  });

  it('treats "hoá" and "hóa", composed and decomposed, as the same word', () => {
    const composed = 'Phòng Văn hoá và Thông tin';
    const decomposed = composed.normalize('NFD');
    expect(searchKey(decomposed)).toBe(searchKey('Phòng Văn hóa và Thông tin'));
    expect(cleanText(decomposed)).toBe(composed.normalize('NFC'));
  });

  it('reads "&" as "và" so "VH&TT" and "VH và TT" meet', () => {
    expect(searchKey('Văn phòng HĐND&UBND')).toBe('van phong hdnd va ubnd');
  });

  it('never leaves LIKE wildcards or quotes in a key, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(searchKey(s)).toMatch(/^[a-z0-9 ]*$/);
      }),
    );
  });

  it('sorts names the Vietnamese way: Đ after D, tones after the bare letter', () => {
    expect(['Đông Hòa', 'Dương', 'An', 'Ân', 'Bình'].sort(compareVietnamese)).toEqual(['An', 'Ân', 'Bình', 'Dương', 'Đông Hòa']);
  });
});

import { describe, expect, it } from 'vitest';
import { gold, goldErrors } from '../support/deadline-gold.js';
import { parseDeadline } from '../../src/domain/schedule/index.js';

describe('the deadline grammar answers every deadline of the seed plan', () => {
  it('reads the whole gold file (43 lines)', () => {
    expect(gold.length).toBe(43);
  });

  it.each(gold.map((g, i) => [i + 1, g.text, g] as const))('line %i: %s', (_line, _text, g) => {
    const s = parseDeadline(g.text, { from: g.from, to: g.to });
    expect(goldErrors(g, { ...s, dues: s.dues.map((d) => d.date) })).toEqual([]);
    // Every due date carries its explanation, sits inside the window, in order, once.
    for (const due of s.dues) {
      expect(due.explanation).toMatch(/→ \d{2}\/\d{2}\/\d{4}/);
      expect(due.date >= g.from && due.date <= g.to).toBe(true);
    }
    expect([...new Set(s.dues.map((d) => d.date))].sort()).toEqual(s.dues.map((d) => d.date));
    expect(s.summary.length).toBeGreaterThan(0);
    // The seed's deadlines are all understood: none needs a person to look at it.
    expect(s.needsReview).toBe(false);
  });

  it('keeps the event text as the trigger', () => {
    const byText = new Map(gold.map((g) => [g.text, parseDeadline(g.text, g)]));
    expect(byText.get('Ngay khi có Quyết định công bố TTHC')!.trigger).toBe('khi có Quyết định công bố TTHC');
    expect(byText.get('Sau khi UBND tỉnh phê duyệt')!.trigger).toBe('sau khi UBND tỉnh phê duyệt');
    expect(byText.get('Sau khi có kết luận của cơ quan có thẩm quyền (2021-2025)')!.trigger).toBe(
      'sau khi có kết luận của cơ quan có thẩm quyền',
    );
    expect(byText.get('Quý III/2021')!.dues[0]!.explanation).toBe('Quý III/2021 → 30/09/2021, ngày cuối quý');
  });

  it('reads every gold line the same without diacritics, in capitals, decomposed, with odd spacing or <i> tags', () => {
    const strip = (t: string) => t.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
    const variants = [strip, (t: string) => t.toUpperCase(), (t: string) => t.normalize('NFD'), (t: string) => ` ${t.replace(/ /g, '  ')} `, (t: string) => `<i>${t}</i>`];
    for (const g of gold) {
      for (const variant of variants) {
        const s = parseDeadline(variant(g.text), g);
        expect(goldErrors(g, { ...s, dues: s.dues.map((d) => d.date) }), variant(g.text)).toEqual([]);
      }
    }
  });
});

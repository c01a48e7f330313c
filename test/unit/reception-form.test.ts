import { describe, expect, it } from 'vitest';
import { parseRecurrence } from '../../src/domain/reception/recurrence.js';
import { WEEKDAYS, recurrenceRule } from '../../web/src/pages/reception/recurrenceText.js';

/** The staff form writes recurrences as text; every choice it offers must be one the server's grammar reads. */
describe('the reception form speaks the recurrence grammar', () => {
  it('every weekday of the select is read as that weekday (thứ Hai = 1 … chủ nhật = 0)', () => {
    expect(WEEKDAYS.map((w) => parseRecurrence(recurrenceRule('weekly', w, '1')))).toEqual([1, 2, 3, 4, 5, 6, 0].map((weekday) => ({ kind: 'weekly', weekday })));
  });

  it('every day of the month of the select is read as that day', () => {
    for (let day = 1; day <= 31; day++) expect(parseRecurrence(recurrenceRule('monthly', 'thứ Hai', String(day)))).toEqual({ kind: 'monthly', day });
  });
});

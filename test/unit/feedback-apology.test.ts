import { describe, expect, it } from 'vitest';
import { apologyLetter, apologyNewDate, type ApologyCase } from '../../src/domain/feedback/apology.js';

const base: ApologyCase = {
  code: 'PA-7K3M-Q9XT',
  senderName: null,
  unitName: 'UBND phường Hòa Vinh',
  receivedOn: '2026-08-31',
  dueDate: '2026-09-16',
  dueExplanation: '10 ngày làm việc kể từ 31/08/2026, trừ nghỉ Quốc khánh 01–02/09',
  answeredOn: null,
};

describe('apology letter for a late answer', () => {
  it('is due only when answered after the due date, with the answer date as the new date', () => {
    expect(apologyNewDate({ ...base, answeredOn: '2026-09-16' }, '2026-10-01')).toBeNull();
    expect(apologyNewDate({ ...base, answeredOn: '2026-09-17' }, '2026-10-01')).toBe('2026-09-17');
  });

  it('for a case still open: none before the due, none after it until the unit sets a later date', () => {
    expect(apologyNewDate({ ...base, promisedOn: '2026-09-30' }, '2026-09-16')).toBeNull();
    expect(apologyNewDate(base, '2026-09-20')).toBeNull();
    expect(apologyNewDate({ ...base, promisedOn: '2026-09-10' }, '2026-09-20')).toBeNull();
    expect(apologyNewDate({ ...base, promisedOn: '2026-09-30' }, '2026-09-20')).toBe('2026-09-30');
  });

  it('writes to "Ông/Bà" with the code, received date, due and its counting, new date, dd/mm/yyyy', () => {
    const letter = apologyLetter({ ...base, answeredOn: '2026-09-21' }, '2026-09-22')!;
    expect(letter.addressee).toBe('Ông/Bà');
    const text = letter.paragraphs.join('\n');
    expect(text).toContain('PA-7K3M-Q9XT');
    expect(text).toContain('Ngày 31/08/2026');
    expect(text).toContain('hạn trả lời là ngày 16/09/2026 (10 ngày làm việc kể từ 31/08/2026, trừ nghỉ Quốc khánh 01–02/09)');
    expect(text).toContain('đến ngày 21/09/2026');
    expect(text).toContain('thành thật xin lỗi Ông/Bà');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('addresses a named sender by name, and promises the unit\'s date while open', () => {
    const letter = apologyLetter({ ...base, senderName: ' Trần Thị Bình ', promisedOn: '2026-09-30' }, '2026-09-20')!;
    expect(letter.addressee).toBe('Ông/Bà Trần Thị Bình');
    expect(letter.paragraphs.join('\n')).toContain('chậm nhất vào ngày 30/09/2026');
  });

  it('writes nothing for a case answered in time', () => {
    expect(apologyLetter({ ...base, answeredOn: '2026-09-10' }, '2026-09-22')).toBeNull();
  });
});

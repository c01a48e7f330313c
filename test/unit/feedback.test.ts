import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, codeBits, normaliseCode, randomCode } from '../../src/domain/codes.js';
import {
  anonymise,
  canStep,
  daysOffBetween,
  dueOf,
  feedbackCode,
  FEEDBACK_CODE_SYMBOLS,
  HIDDEN,
  looksPersonal,
  parseFeedbackCode,
  routeCase,
  statusAfter,
  type FeedbackCalendar,
} from '../../src/domain/feedback/index.js';
import { DomainError } from '../../src/domain/errors.js';
import { DEFAULT_FEEDBACK_CALENDAR, feedbackCalendar } from '../../src/services/feedback-service.js';
import { buildWorkingCalendar } from '../../src/domain/calendar/working-calendar.js';

const cal = DEFAULT_FEEDBACK_CALENDAR;

describe('tracking codes', () => {
  it('carry at least 40 bits from an alphabet without 0, O, 1, I', () => {
    expect(codeBits(FEEDBACK_CODE_SYMBOLS)).toBeGreaterThanOrEqual(40);
    expect(CODE_ALPHABET).toHaveLength(32);
    for (const ch of '0O1I') expect(CODE_ALPHABET).not.toContain(ch);
    for (let i = 0; i < 200; i++) expect(feedbackCode(randomBytes(8))).toMatch(/^PA-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
  });

  it('use every symbol evenly (byte mod 32 over all 256 byte values)', () => {
    const all = new Uint8Array(256).map((_, i) => i);
    const counts = new Map<string, number>();
    for (const ch of randomCode(all, 256)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(32);
    expect(new Set(counts.values())).toEqual(new Set([8]));
  });

  it('refuse to be made from too few random bytes', () => {
    expect(() => randomCode(new Uint8Array(4), 8)).toThrow(RangeError);
  });

  it('are looked up case-insensitively, with or without dashes and spaces', () => {
    expect(parseFeedbackCode('pa-7k3m-q9xt')).toBe('PA-7K3M-Q9XT');
    expect(parseFeedbackCode(' PA 7K3M Q9XT ')).toBe('PA-7K3M-Q9XT');
    expect(parseFeedbackCode('PA7K3MQ9XT')).toBe('PA-7K3M-Q9XT');
    expect(parseFeedbackCode('PA-7K3M-Q9X')).toBeNull();
    expect(parseFeedbackCode('PA-7K3M-Q9X0')).toBeNull(); // 0 is not a symbol
    expect(parseFeedbackCode('XX-7K3M-Q9XT')).toBeNull();
    expect(parseFeedbackCode('<script>')).toBeNull();
    expect(normaliseCode('ab-cd')).toBe('ABCD');
    expect(normaliseCode('')).toBeNull();
  });
});

describe('answer deadlines', () => {
  it('counts feedback in working days across Tết 2026 (16–20/02) and says so', () => {
    const due = dueOf({ kind: 'feedback', topic: 'thu_tuc', receivedOn: '2026-02-13' }, cal);
    expect(due.date).toBe('2026-03-06');
    expect(due.step).toBe('answer');
    expect(due.explanation).toBe('10 ngày làm việc kể từ 13/02/2026, trừ nghỉ Tết Nguyên đán 16–20/02');
  });

  it('counts across the 2/9 holiday', () => {
    const due = dueOf({ kind: 'feedback', topic: 'moi_truong', receivedOn: '2026-08-31' }, cal);
    expect(due.date).toBe('2026-09-16');
    expect(due.explanation).toBe('10 ngày làm việc kể từ 31/08/2026, trừ nghỉ Quốc khánh 01–02/09');
    const onHoliday = dueOf({ kind: 'feedback', topic: 'khac', receivedOn: '2026-09-02' }, cal);
    expect(onHoliday.date).toBe('2026-09-16');
    expect(onHoliday.explanation).toBe('10 ngày làm việc kể từ 02/09/2026, trừ nghỉ Quốc khánh 02/09');
  });

  it('uses the topic days, overridden by settings', () => {
    expect(dueOf({ kind: 'feedback', topic: 'dat_dai', receivedOn: '2026-03-02' }, cal).date).toBe('2026-03-23');
    expect(dueOf({ kind: 'feedback', topic: 'thu_tuc', receivedOn: '2026-03-02', topicDays: { thu_tuc: 5 } }, cal).date).toBe('2026-03-09');
    // A nonsense override falls back to the default.
    expect(dueOf({ kind: 'feedback', topic: 'thu_tuc', receivedOn: '2026-03-02', topicDays: { thu_tuc: 0 } }, cal).date).toBe('2026-03-16');
  });

  it('counts a make-up Saturday as a working day (admin calendar)', () => {
    const withMakeup = feedbackCalendar(buildWorkingCalendar([{ date: '2026-03-07', kind: 'working', name: 'Làm bù', note: null }]));
    expect(dueOf({ kind: 'feedback', topic: 'thu_tuc', receivedOn: '2026-03-02' }, withMakeup).date).toBe('2026-03-13');
    expect(dueOf({ kind: 'feedback', topic: 'thu_tuc', receivedOn: '2026-03-02' }, withMakeup).explanation).toBe('10 ngày làm việc kể từ 02/03/2026, tính cả ngày làm bù 07/03');
    expect(dueOf({ kind: 'feedback', topic: 'thu_tuc', receivedOn: '2026-03-02' }, cal).date).toBe('2026-03-16');
  });

  it('gives complaints plain days: 10 to accept, then 30 (45 when complex) from acceptance', () => {
    const accept = dueOf({ kind: 'complaint', topic: 'dat_dai', receivedOn: '2026-02-13' }, cal);
    expect(accept).toMatchObject({ date: '2026-02-23', step: 'accept' });
    expect(accept.explanation).toContain('10 ngày (tính cả ngày nghỉ) kể từ ngày nhận đơn 13/02/2026');
    expect(accept.basis).toContain('Điều 27');
    expect(dueOf({ kind: 'complaint', topic: 'dat_dai', receivedOn: '2026-09-01', acceptedOn: '2026-09-05' }, cal).date).toBe('2026-10-05');
    expect(dueOf({ kind: 'complaint', topic: 'dat_dai', receivedOn: '2026-09-01', acceptedOn: '2026-09-05', complexity: 'complex' }, cal).date).toBe('2026-10-20');
  });

  it('gives denunciations 30 days from acceptance, 60 or 90 with extensions', () => {
    const base = { kind: 'denunciation' as const, topic: 'thai_do' as const, receivedOn: '2026-01-05', acceptedOn: '2026-01-10' };
    expect(dueOf(base, cal).date).toBe('2026-02-09');
    expect(dueOf({ ...base, complexity: 'complex' }, cal).date).toBe('2026-03-11');
    expect(dueOf({ ...base, complexity: 'very_complex' }, cal).date).toBe('2026-04-10');
    expect(dueOf(base, cal).basis).toContain('Luật Tố cáo 2018, Điều 30');
  });

  it('groups days off into runs, across a weekend', () => {
    const c: FeedbackCalendar = { isWorkingDay: () => true, dayOffName: (d) => (d >= '2026-02-14' && d <= '2026-02-22' && d !== '2026-02-15' ? 'Tết (x)' : null) };
    expect(daysOffBetween(c, '2026-02-10', '2026-02-28')).toEqual(['Tết 14–22/02']);
  });
});

describe('the state machine', () => {
  it('walks received → assigned → in_progress → answered → closed', () => {
    let s = statusAfter('received', 'assign');
    s = statusAfter(s, 'start');
    s = statusAfter(s, 'answer');
    expect(s).toBe('answered');
    expect(statusAfter(s, 'close')).toBe('closed');
  });

  it('reopens on a rating of 1–2 stars, closes on 3–5', () => {
    expect(statusAfter('answered', 'rate', 1)).toBe('reopened');
    expect(statusAfter('closed', 'rate', 2)).toBe('reopened');
    expect(statusAfter('answered', 'rate', 3)).toBe('closed');
    expect(statusAfter('reopened', 'answer')).toBe('answered');
  });

  it('refuses steps out of order with a 409 in Vietnamese', () => {
    expect(canStep('received', 'answer')).toBe(false);
    expect(canStep('closed', 'reject')).toBe(false);
    expect(canStep('rejected', 'reopen')).toBe(false);
    try {
      statusAfter('closed', 'answer');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(DomainError);
      expect((err as DomainError).kind).toBe('conflict');
      expect((err as DomainError).message).toContain('Đã kết thúc');
    }
  });
});

describe('routing', () => {
  const commune = { id: 7, parentId: 3 };
  it('sends feedback to the commune, complaints and denunciations to the desk', () => {
    expect(routeCase('feedback', 'moi_truong', commune)).toBe(7);
    expect(routeCase('feedback', 'dat_dai', commune, { topicUnits: { dat_dai: 9 } })).toBe(9);
    expect(routeCase('complaint', 'dat_dai', commune)).toBe(3);
    expect(routeCase('denunciation', 'thai_do', commune, { deskUnitId: 12 })).toBe(12);
  });
});

describe('the public question', () => {
  it('hides phones, ID numbers, e-mail addresses and the sender’s full name', () => {
    const text = 'Tôi là Nguyễn Văn An, SĐT 0905 123 456, CCCD 079123456789, email an.nguyen@example.vn. Đường thôn 3 bị ngập.';
    const out = anonymise(text, 'Nguyễn Văn An');
    expect(out).not.toContain('0905');
    expect(out).not.toContain('079123456789');
    expect(out).not.toContain('example.vn');
    expect(out).not.toContain('Nguyễn Văn An');
    expect(out).toContain('Đường thôn 3 bị ngập.');
    expect(out.split(HIDDEN).length - 1).toBe(4);
    expect(looksPersonal(out)).toBe(false);
    expect(looksPersonal(text)).toBe(true);
  });

  it('keeps ordinary numbers (years, amounts, house numbers)', () => {
    const text = 'Năm 2025 thu 1.500.000 đồng, nhà số 12 đường 30/4.';
    expect(anonymise(text)).toBe(text);
  });
});

import { describe, expect, it } from 'vitest';
import {
  escapeText,
  expandRecurrence,
  foldLine,
  parseCalendar,
  parseRecurrence,
  parseTime,
  renderCalendar,
  unescapeText,
  unfold,
  validateSlot,
  weekdayVi,
  type CalendarEvent,
  type ReceptionSlotInput,
} from '../../src/domain/reception/index.js';
import { maskName, normaliseDossierCode, publicStatus, validateDossier } from '../../src/domain/procedures/index.js';
import { DomainError } from '../../src/domain/errors.js';

const octets = (s: string) => new TextEncoder().encode(s).length;

describe('iCalendar TEXT escaping (RFC 5545 §3.3.11)', () => {
  it('escapes backslash, semicolon, comma and line breaks, in that order', () => {
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
    expect(escapeText('Hội trường UBND; tầng 2, phòng 3\r\nmang CCCD')).toBe('Hội trường UBND\\; tầng 2\\, phòng 3\\nmang CCCD');
    // A backslash already before a comma is escaped itself, not taken as an escape.
    expect(escapeText('\\,')).toBe('\\\\\\,');
  });

  it('round-trips any text through escape and unescape', () => {
    for (const s of ['Đường số 1, khu phố 2; Hòa Vinh', 'C:\\tep\\n', 'dòng 1\ndòng 2', 'không có gì đặc biệt', '\\n literal']) {
      expect(unescapeText(escapeText(s))).toBe(s);
    }
  });
});

describe('line folding at 75 octets of UTF-8 (RFC 5545 §3.1)', () => {
  it('leaves a short line alone', () => {
    expect(foldLine('SUMMARY:Tiếp công dân')).toBe('SUMMARY:Tiếp công dân');
  });

  it('folds long Vietnamese text with no line over 75 octets and never splits a character', () => {
    const line = `DESCRIPTION:${escapeText('Chủ tịch UBND phường Hòa Vinh tiếp công dân định kỳ; người dân mang theo giấy tờ tùy thân, đơn thư và tài liệu liên quan (nếu có). Ưu tiên người cao tuổi, người khuyết tật, phụ nữ mang thai.')}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(2);
    for (const [i, p] of parts.entries()) {
      expect(octets(p)).toBeLessThanOrEqual(75);
      if (i > 0) expect(p.startsWith(' ')).toBe(true);
      // No replacement character: every part is whole UTF-8.
      expect(new TextDecoder('utf-8', { fatal: true }).decode(new TextEncoder().encode(p))).toBe(p);
    }
    expect(unfold(folded)).toEqual([line]);
  });

  it('fills lines up to exactly 75 octets when multi-byte characters allow it', () => {
    const line = `X:${'ệ'.repeat(60)}`; // 'ệ' is 3 octets
    const parts = foldLine(line).split('\r\n');
    expect(octets(parts[0]!)).toBeLessThanOrEqual(75);
    expect(octets(parts[0]!)).toBeGreaterThanOrEqual(73);
    expect(parts.slice(1).every((p) => octets(p) <= 75)).toBe(true);
  });

  it('keeps a surrogate pair (emoji) whole', () => {
    const line = `SUMMARY:${'😀'.repeat(40)}`;
    const parts = foldLine(line).split('\r\n');
    for (const p of parts) expect(p.includes('\uFFFD')).toBe(false);
    expect(unfold(foldLine(line))[0]).toBe(line);
  });
});

describe('the calendar', () => {
  const event = (over: Partial<CalendarEvent> = {}): CalendarEvent => ({
    uid: 'reception-slot-7@dondoc',
    date: '2026-12-15',
    startTime: '07:30',
    endTime: '11:00',
    summary: 'Tiếp công dân – UBND phường Hòa Vinh',
    location: 'Hội trường UBND phường, khu phố 1; Hòa Vinh',
    description: 'Tiếp định kỳ.\nNgười tiếp: Lê Văn Thành, Chủ tịch UBND phường.',
    cancelled: false,
    sequence: 2,
    lastModified: new Date('2026-11-28T03:04:05Z'),
    ...over,
  });

  it('has a VTIMEZONE for Asia/Ho_Chi_Minh at +07 and local DTSTART/DTEND with TZID', () => {
    const ics = renderCalendar([event()], { name: 'Lịch tiếp công dân' });
    expect(ics).toContain('BEGIN:VTIMEZONE\r\nTZID:Asia/Ho_Chi_Minh\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0700\r\nTZOFFSETTO:+0700\r\nTZNAME:+07\r\nEND:STANDARD\r\nEND:VTIMEZONE');
    expect(ics).toContain('DTSTART;TZID=Asia/Ho_Chi_Minh:20261215T073000\r\n');
    expect(ics).toContain('DTEND;TZID=Asia/Ho_Chi_Minh:20261215T110000\r\n');
    expect(ics).toContain('DTSTAMP:20261128T030405Z\r\n');
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    // Every line ends with CRLF; no bare LF.
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('parses back to the same values', () => {
    const ics = renderCalendar([event(), event({ uid: 'reception-slot-8@dondoc', cancelled: true, summary: 'Tiếp, hủy; thử\\' })], { name: 'Lịch; tiếp, công dân' });
    const parsed = parseCalendar(ics);
    expect(parsed.calendar.find((p) => p.name === 'VERSION')?.value).toBe('2.0');
    expect(unescapeText(parsed.calendar.find((p) => p.name === 'X-WR-CALNAME')!.value)).toBe('Lịch; tiếp, công dân');
    expect(parsed.events).toHaveLength(2);
    const [first, second] = parsed.events as [typeof parsed.events[0], typeof parsed.events[0]];
    const get = (ev: typeof first, name: string) => ev.find((p) => p.name === name)!;
    expect(get(first, 'UID').value).toBe('reception-slot-7@dondoc');
    expect(get(first, 'DTSTART').params).toEqual({ TZID: 'Asia/Ho_Chi_Minh' });
    expect(unescapeText(get(first, 'LOCATION').value)).toBe('Hội trường UBND phường, khu phố 1; Hòa Vinh');
    expect(unescapeText(get(first, 'DESCRIPTION').value)).toBe('Tiếp định kỳ.\nNgười tiếp: Lê Văn Thành, Chủ tịch UBND phường.');
    expect(get(first, 'STATUS').value).toBe('CONFIRMED');
    expect(get(second, 'STATUS').value).toBe('CANCELLED');
    expect(unescapeText(get(second, 'SUMMARY').value)).toBe('[ĐÃ HỦY] Tiếp, hủy; thử\\');
    for (const ev of parsed.events) for (const name of ['UID', 'DTSTAMP', 'DTSTART', 'DTEND', 'SUMMARY']) expect(ev.some((p) => p.name === name)).toBe(true);
  });

  it('gives the same bytes for the same data (stable ETag)', () => {
    expect(renderCalendar([event()], { name: 'A' })).toBe(renderCalendar([event()], { name: 'A' }));
  });
});

describe('slot rules', () => {
  const base: ReceptionSlotInput = {
    date: '2026-12-15',
    startTime: '07:30',
    endTime: '11:00',
    place: ' Hội trường  UBND ',
    officerName: 'Lê Văn Thành',
    officerTitle: 'Chủ tịch UBND phường',
    officerPhone: '0257 3531 201',
    kind: 'periodic',
    note: null,
  };
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (err) {
      return { code: (err as DomainError).code, message: (err as DomainError).message };
    }
    return null;
  };

  it('reads HH:MM times only', () => {
    expect(parseTime('07:30')).toBe(450);
    expect(parseTime('23:59')).toBe(1439);
    for (const bad of ['7:30', '24:00', '07:60', '0730', '07:30 ', 'bảy giờ']) expect(parseTime(bad)).toBeNull();
  });

  it('accepts a good slot and cleans its text', () => {
    expect(validateSlot(base, '2026-12-01').place).toBe('Hội trường UBND');
  });

  it('refuses an end before the start, a bad time, a past date, a missing officer — in Vietnamese', () => {
    expect(code(() => validateSlot({ ...base, endTime: '07:00' }, null))).toMatchObject({ code: 'end_before_start', message: 'Giờ kết thúc phải sau giờ bắt đầu.' });
    expect(code(() => validateSlot({ ...base, endTime: '07:30' }, null))?.code).toBe('end_before_start');
    expect(code(() => validateSlot({ ...base, startTime: '7h30' }, null))?.message).toContain('Giờ bắt đầu không hợp lệ');
    expect(code(() => validateSlot(base, '2026-12-16'))?.code).toBe('date_in_past');
    expect(code(() => validateSlot({ ...base, date: '2026-02-30' }, null))?.code).toBe('invalid_date');
    expect(code(() => validateSlot({ ...base, officerName: '  ' }, null))?.message).toBe('Cần ghi họ tên người tiếp công dân.');
    expect(code(() => validateSlot({ ...base, officerPhone: '<script>' }, null))?.code).toBe('invalid_phone');
  });

  it('names weekdays in Vietnamese', () => {
    expect(weekdayVi('2026-11-30')).toBe('Thứ Hai');
    expect(weekdayVi('2026-12-03')).toBe('Thứ Năm');
    expect(weekdayVi('2026-12-06')).toBe('Chủ nhật');
  });
});

describe('recurring reception days', () => {
  it('reads "ngày 15 hằng tháng" and "thứ Năm hằng tuần" in either spelling', () => {
    expect(parseRecurrence('ngày 15 hằng tháng')).toEqual({ kind: 'monthly', day: 15 });
    expect(parseRecurrence('Ngày 10 hàng tháng')).toEqual({ kind: 'monthly', day: 10 });
    expect(parseRecurrence('thứ Năm hằng tuần')).toEqual({ kind: 'weekly', weekday: 4 });
    expect(parseRecurrence('thứ 2 hàng tuần')).toEqual({ kind: 'weekly', weekday: 1 });
    expect(parseRecurrence('thứ Tư hằng tuần')).toEqual({ kind: 'weekly', weekday: 3 });
    expect(() => parseRecurrence('mỗi khi rảnh')).toThrow(/Không hiểu lịch lặp/);
    expect(() => parseRecurrence('ngày 32 hằng tháng')).toThrow(/không hợp lệ/);
  });

  it('expands weekly days over a range', () => {
    expect(expandRecurrence({ kind: 'weekly', weekday: 4 }, '2026-11-28', '2026-12-20')).toEqual(['2026-12-03', '2026-12-10', '2026-12-17']);
  });

  it('moves a monthly day on a weekend to the Monday after, and clamps the 31st', () => {
    // 15/11/2026 is a Sunday → 16/11; 15/12/2026 a Tuesday; 15/08/2026 a Saturday → 17/08.
    expect(expandRecurrence({ kind: 'monthly', day: 15 }, '2026-11-01', '2026-12-31')).toEqual(['2026-11-16', '2026-12-15']);
    expect(expandRecurrence({ kind: 'monthly', day: 15 }, '2026-08-01', '2026-08-31')).toEqual(['2026-08-17']);
    expect(expandRecurrence({ kind: 'monthly', day: 31 }, '2027-06-01', '2027-06-30')).toEqual(['2027-06-30']);
    // 30/04/2027 is a public holiday (a Friday): the clamped 31st moves past it and the weekend, out of April.
    expect(expandRecurrence({ kind: 'monthly', day: 31 }, '2027-04-01', '2027-05-31')).toEqual(['2027-05-03', '2027-05-31']);
  });

  it('refuses a backward or enormous range', () => {
    expect(() => expandRecurrence({ kind: 'weekly', weekday: 1 }, '2026-12-01', '2026-11-01')).toThrow(/phải sau/);
    expect(() => expandRecurrence({ kind: 'weekly', weekday: 1 }, '2026-01-01', '2036-01-01')).toThrow(/quá 400/);
  });
});

describe('dossiers', () => {
  it('masks the applicant: family name, then initials', () => {
    expect(maskName('Nguyễn Văn An')).toBe('Nguyễn V. A.');
    expect(maskName('  trần   thị  bích ngọc ')).toBe('trần T. B. N.');
    expect(maskName('Đặng')).toBe('Đ.');
    expect(maskName('Lê Ánh')).toBe('Lê Á.');
  });

  it('normalises codes and refuses what cannot be one', () => {
    expect(normaliseDossierCode(' 000.00.14.h43-211015-0001 ')).toBe('000.00.14.H43-211015-0001');
    for (const bad of ['', 'ab', "x' OR 1=1 --", '<script>alert(1)</script>', 'a'.repeat(80), 'Hòa Vinh']) expect(normaliseDossierCode(bad)).toBeNull();
  });

  it('derives "quá hạn" from the due date, never for a dossier with its result', () => {
    expect(publicStatus('processing', '2026-11-27', '2026-11-28')).toBe('overdue');
    expect(publicStatus('supplement', '2026-11-28', '2026-11-28')).toBe('supplement');
    expect(publicStatus('resolved', '2026-11-01', '2026-11-28')).toBe('resolved');
  });

  it('needs a return date for a returned dossier and a due not before receipt', () => {
    const d = { code: 'HV-1', receiptCode: 'HV1', applicantName: 'A B', receivedDate: '2026-11-02', dueDate: '2026-11-10', status: 'returned' as const, returnedDate: null };
    expect(() => validateDossier(d)).toThrow(/ngày trả kết quả/);
    expect(() => validateDossier({ ...d, status: 'processing', dueDate: '2026-11-01' })).toThrow(/không thể trước ngày tiếp nhận/);
  });
});

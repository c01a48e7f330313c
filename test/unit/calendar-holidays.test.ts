import { describe, expect, it } from 'vitest';
import { holidayCalendar, publicHolidays, VN_PUBLIC_HOLIDAYS, VN_WORKING_DAYS } from '../../src/domain/calendar/holidays.js';
import { jdFromDate, jdToIso, lunarNewYear, lunarToSolar } from '../../src/domain/calendar/lunar.js';
import { expandRecurrence } from '../../src/domain/reception/recurrence.js';
import { addWorkingDays, WEEKDAYS_ONLY } from '../../src/domain/reporting/working-days.js';

describe('the Vietnamese lunar calendar (Hồ Ngọc Đức, UTC+7)', () => {
  it('puts Tết Nguyên đán on the known days', () => {
    const tet: Record<number, string> = {
      2021: '2021-02-12',
      2022: '2022-02-01',
      2023: '2023-01-22',
      2024: '2024-02-10',
      2025: '2025-01-29',
      2026: '2026-02-17',
      2027: '2027-02-06',
    };
    for (const [year, date] of Object.entries(tet)) expect(lunarNewYear(Number(year)), year).toBe(date);
  });

  it('puts Giỗ Tổ Hùng Vương (10/3 âm lịch) on the known days', () => {
    expect(lunarToSolar(10, 3, 2024)).toBe('2024-04-18');
    expect(lunarToSolar(10, 3, 2025)).toBe('2025-04-07');
    expect(lunarToSolar(10, 3, 2026)).toBe('2026-04-26');
  });

  it('reckons at UTC+7: Tết 1985 was a month apart in Hà Nội and Beijing', () => {
    expect(lunarNewYear(1985)).toBe('1985-01-21');
    expect(lunarToSolar(1, 1, 1985, false, 8)).toBe('1985-02-20');
    // 2007: the new moon fell late on 17/02 in Hà Nội, after midnight in Beijing.
    expect(lunarNewYear(2007)).toBe('2007-02-17');
    expect(lunarToSolar(1, 1, 2007, false, 8)).toBe('2007-02-18');
  });

  it('finds leap months, and refuses a leap month the year does not have', () => {
    // 2020 had a leap 4th month (from 23/05/2020), 2023 a leap 2nd month (15th day: 05/04/2023).
    expect(lunarToSolar(1, 4, 2020, true)).toBe('2020-05-23');
    expect(lunarToSolar(1, 5, 2020)).toBe('2020-06-21');
    expect(lunarToSolar(15, 2, 2023, true)).toBe('2023-04-05');
    expect(lunarToSolar(1, 5, 2020, true)).toBeNull();
    expect(lunarToSolar(1, 4, 2024, true)).toBeNull();
  });

  it('turns Julian day numbers and dates into each other', () => {
    expect(jdFromDate(1, 1, 2000)).toBe(2451545);
    expect(jdToIso(2451545)).toBe('2000-01-01');
    expect(jdToIso(jdFromDate(29, 2, 2024))).toBe('2024-02-29');
  });
});

describe('public holidays (Bộ luật Lao động 2019, Điều 112)', () => {
  it('lists the eleven days off of 2026 in date order', () => {
    expect(publicHolidays(2026).map((h) => h.date)).toEqual([
      '2026-01-01',
      '2026-02-16', // the last day of the lunar year
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-04-26',
      '2026-04-30',
      '2026-05-01',
      '2026-09-01',
      '2026-09-02',
    ]);
    expect(VN_PUBLIC_HOLIDAYS.holidayOn('2026-02-17')?.name).toBe('Tết Nguyên đán (mùng 1 Tết)');
    expect(VN_PUBLIC_HOLIDAYS.holidayOn('2026-09-02')?.name).toBe('Quốc khánh (2/9)');
    expect(VN_PUBLIC_HOLIDAYS.holidayOn('2026-02-21')).toBeNull();
  });

  it('takes Tết eve from the lunar year that ends, even in late January', () => {
    // Tết 2023 was on 22/01: the days off are 21/01 to 25/01.
    expect(publicHolidays(2023).filter((h) => h.name.startsWith('Tết Nguyên đán')).map((h) => h.date)).toEqual(['2023-01-21', '2023-01-22', '2023-01-23', '2023-01-24', '2023-01-25']);
  });

  it('is a working calendar: weekends and holidays off, reporting still on weekdays only', () => {
    expect(VN_WORKING_DAYS.isWorkingDay('2026-02-16')).toBe(false); // Monday, Tết eve
    expect(VN_WORKING_DAYS.isWorkingDay('2026-02-21')).toBe(false); // Saturday
    expect(VN_WORKING_DAYS.isWorkingDay('2026-02-23')).toBe(true);
    // Friday 13/02/2026 + 1 working day: past Tết to Monday 23/02 with holidays, Monday 16/02 without.
    expect(addWorkingDays('2026-02-13', 1, VN_WORKING_DAYS)).toBe('2026-02-23');
    expect(addWorkingDays('2026-02-13', 1, WEEKDAYS_ONLY)).toBe('2026-02-16');
    expect(addWorkingDays('2026-02-13', 1)).toBe('2026-02-16');
  });
});

describe('reception recurrences on holidays', () => {
  it('skips a weekly desk day that falls on a holiday', () => {
    // Fridays: 01/01/2027 is Tết Dương lịch.
    expect(expandRecurrence({ kind: 'weekly', weekday: 5 }, '2026-12-25', '2027-01-15')).toEqual(['2026-12-25', '2027-01-08', '2027-01-15']);
    // Mondays through Tết 2026: 16/02 is the lunar year's last day.
    expect(expandRecurrence({ kind: 'weekly', weekday: 1 }, '2026-02-09', '2026-02-23')).toEqual(['2026-02-09', '2026-02-23']);
  });

  it('moves a monthly day on a holiday to the next working day, over weekends too', () => {
    // 30/04/2026 (Thursday) and 01/05 (Friday) are holidays, then a weekend: Monday 04/05.
    expect(expandRecurrence({ kind: 'monthly', day: 30 }, '2026-04-01', '2026-04-30')).toEqual([]);
    expect(expandRecurrence({ kind: 'monthly', day: 30 }, '2026-04-01', '2026-05-10')).toEqual(['2026-05-04']);
    // 06/02/2027 is Tết's Saturday; holidays run 05/02–09/02: Wednesday 10/02.
    expect(expandRecurrence({ kind: 'monthly', day: 6 }, '2027-02-01', '2027-02-28')).toEqual(['2027-02-10']);
    // 02/09/2026 (Wednesday) → Thursday 03/09.
    expect(expandRecurrence({ kind: 'monthly', day: 2 }, '2026-09-01', '2026-09-30')).toEqual(['2026-09-03']);
  });

  it('takes another holiday calendar when given one (none: only weekends move)', () => {
    const none = holidayCalendar(() => []);
    expect(expandRecurrence({ kind: 'weekly', weekday: 5 }, '2026-12-25', '2027-01-08', none)).toEqual(['2026-12-25', '2027-01-01', '2027-01-08']);
    expect(expandRecurrence({ kind: 'monthly', day: 30 }, '2026-04-01', '2026-04-30', none)).toEqual(['2026-04-30']);
  });
});

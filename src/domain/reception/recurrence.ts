/**
 * Recurring reception days: "ngày 15 hằng tháng" (the chairman's periodic day) or "thứ Năm hằng tuần"
 * (a weekly desk day), expanded over a range of dates. A monthly day that falls on a weekend or a public
 * holiday moves to the next working day (the usual wording of a commune's rules: "nếu trùng ngày nghỉ thì
 * tiếp vào ngày làm việc kế tiếp"); a weekly day is taken as written, except on a public holiday, when the
 * desk is closed and that week has no session. Holidays are Vietnam's defaults (domain/calendar) unless
 * the caller passes another calendar.
 */
import { VN_PUBLIC_HOLIDAYS, type HolidayCalendar } from '../calendar/holidays.js';
import { validationError } from '../errors.js';
import { addDays, daysInMonth, isIsoDate, toIso, weekdayOf } from '../schedule/calendar.js';
import { foldDiacritics } from '../text/normalize.js';

export type RecurrenceRule =
  | { kind: 'monthly'; day: number }
  /** 0 = Sunday … 6 = Saturday (thứ Hai = 1). */
  | { kind: 'weekly'; weekday: number };

const WEEKDAY_WORDS: Record<string, number> = { hai: 1, ba: 2, tu: 3, nam: 4, sau: 5, bay: 6, '2': 1, '3': 2, '4': 3, '5': 4, '6': 5, '7': 6 };

/**
 * Reads "ngày 15 hằng tháng", "ngày 10 hàng tháng", "thứ Năm hằng tuần", "thứ 5 hàng tuần", "chủ nhật hằng tuần".
 * Anything else is refused with a Vietnamese message (never guessed).
 */
export function parseRecurrence(text: string): RecurrenceRule {
  const t = foldDiacritics(text).toLowerCase().replace(/\s+/g, ' ').trim();
  const monthly = /^(?:vao )?ngay (\d{1,2}) (?:hang|moi) thang$/.exec(t);
  if (monthly) {
    const day = Number(monthly[1]);
    if (day < 1 || day > 31) throw validationError('invalid_recurrence', `Ngày trong tháng không hợp lệ: ${monthly[1]}.`);
    return { kind: 'monthly', day };
  }
  const weekly = /^(?:vao )?(?:thu (hai|ba|tu|nam|sau|bay|[2-7])|(chu nhat)) (?:hang|moi) tuan$/.exec(t);
  if (weekly) return { kind: 'weekly', weekday: weekly[2] ? 0 : WEEKDAY_WORDS[weekly[1]!]! };
  throw validationError(
    'invalid_recurrence',
    `Không hiểu lịch lặp "${text}". Hãy viết như "ngày 15 hằng tháng" hoặc "thứ Năm hằng tuần".`,
  );
}

/** Days a monthly session can move over before the calendar is taken as broken (Tết with its weekend: 9). */
const MAX_DAYS_MOVED = 31;

/** `date`, or the first day after it that is neither a weekend nor a holiday. */
function nextWorkingDay(date: string, holidays: HolidayCalendar): string {
  let d = date;
  for (let moved = 0; moved <= MAX_DAYS_MOVED; moved++, d = addDays(d, 1)) {
    const wd = weekdayOf(d);
    if (wd !== 0 && wd !== 6 && holidays.holidayOn(d) === null) return d;
  }
  throw new RangeError(`No working day within ${MAX_DAYS_MOVED} days of ${date}`);
}

/**
 * The dates of `rule` from `from` to `to` (both YYYY-MM-DD, inclusive), in order. At most 400 dates.
 * Public holidays come from `holidays` (default: Vietnam's, domain/calendar/holidays.ts).
 */
export function expandRecurrence(rule: RecurrenceRule, from: string, to: string, holidays: HolidayCalendar = VN_PUBLIC_HOLIDAYS): string[] {
  if (!isIsoDate(from) || !isIsoDate(to)) throw validationError('invalid_date', 'Khoảng ngày của lịch lặp không hợp lệ (cần dạng YYYY-MM-DD).');
  if (to < from) throw validationError('invalid_range', 'Ngày kết thúc của lịch lặp phải sau ngày bắt đầu.');
  const out: string[] = [];
  if (rule.kind === 'weekly') {
    let d = from;
    while (weekdayOf(d) !== rule.weekday) d = addDays(d, 1);
    for (; d <= to; d = addDays(d, 7)) {
      if (holidays.holidayOn(d) === null) out.push(d);
    }
  } else {
    let y = Number(from.slice(0, 4));
    let m = Number(from.slice(5, 7));
    for (;;) {
      // A day the month does not have (31 in April) becomes the month's last day.
      const d = nextWorkingDay(toIso(y, m, Math.min(rule.day, daysInMonth(y, m))), holidays);
      if (d > to && toIso(y, m, 1) > to) break;
      if (d >= from && d <= to) out.push(d);
      m++;
      if (m > 12) {
        m = 1;
        y++;
      }
    }
  }
  if (out.length > 400) throw validationError('too_many_dates', 'Lịch lặp sinh quá 400 buổi tiếp; hãy chọn khoảng ngày ngắn hơn.');
  return out;
}

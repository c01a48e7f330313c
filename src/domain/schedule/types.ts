/**
 * A Schedule is a deadline text of a plan ("Quý III/2021", "Định kỳ hàng quý", "Sau khi UBND tỉnh phê
 * duyệt") read into dates. The text is always kept; what could not be read is flagged, never guessed.
 */

export type ScheduleKind = 'once' | 'recurring' | 'continuous' | 'event' | 'unspecified';

/** The span a deadline is read in (an appendix's period), YYYY-MM-DD, both ends inclusive. */
export interface Window {
  from: string;
  to: string;
}

/** One due date and how it was computed: "Quý III/2021 → 30/09/2021, ngày cuối quý". */
export interface Due {
  date: string;
  explanation: string;
}

export type Period = 'week' | 'month' | 'quarter' | 'half' | 'year';

/** Months in a period (a week is handled apart). */
export const PERIOD_MONTHS: Record<Exclude<Period, 'week'>, number> = { month: 1, quarter: 3, half: 6, year: 12 };

/** Shortest first: the order periods are compared in. */
export const PERIOD_ORDER: readonly Period[] = ['week', 'month', 'quarter', 'half', 'year'];

/**
 * One recurring due date inside each period: "ngày 10 của tháng đầu quý" is
 * `{period: 'quarter', month: 1, day: 10}`; "trước ngày 20 hằng tháng" is `{period: 'month', day: 20, before: true}`.
 */
export interface RecurrenceRule {
  period: Period;
  /** Month inside the period, 1-based (quarter 1..3, half 1..6, year 1..12); null = the period's last month. */
  month: number | null;
  /** Day of that month; null = its last day. A day past the month's end falls on the last day. */
  day: number | null;
  /** "trước ngày D": due the day before D. */
  before: boolean;
  /** 0 = inside the period itself; 1 = in the following period ("ngày 05 tháng đầu quý sau"). */
  shift: number;
  /** Weekly rules only: 0 = Chủ nhật … 6 = thứ Bảy; null = the week's last day (Chủ nhật). */
  weekday: number | null;
  /** Vietnamese rendering of the rule: "Ngày 10 tháng đầu quý". */
  label: string;
}

export interface Recurrence {
  /** The shortest period among the rules: the reporting rhythm. */
  period: Period;
  rules: RecurrenceRule[];
  /** Periods ending before this date do not count (a range "(2021-2025)", "từ năm 2022"). */
  from: string | null;
  /** Periods starting after this date do not count. */
  until: string | null;
}

/** "Trong vòng 15 ngày làm việc kể từ ngày nhận được…": due that long after (or before) the trigger. */
export interface EventOffset {
  amount: number;
  unit: 'day' | 'working_day' | 'week' | 'month';
  direction: 'after' | 'before';
}

export interface Schedule {
  /** The text as written. */
  text: string;
  kind: ScheduleKind;
  /** Due dates inside the window, sorted, unique, each with its explanation. */
  dues: Due[];
  /** End of the range a continuous or ranged task runs to ("Thường xuyên (2021-2025)" → 2025-12-31). */
  end: string | null;
  /** "Kiểm tra ít nhất 02 đợt" → 2. */
  count: number | null;
  /** The event that makes the task due ("khi có Quyết định công bố TTHC"). */
  trigger: string | null;
  /** One line of Vietnamese, dates dd/mm/yyyy. */
  summary: string;
  /** True when some part of the text was not understood: a person must look at it. */
  needsReview: boolean;
  /** Why it needs review, in Vietnamese (absent when it does not). */
  reviewReason?: string;
  /** The structured rhythm of a recurring schedule (also used to build reporting periods). */
  recurrence?: Recurrence;
  /** For an event due some time after (or before) its trigger. */
  eventOffset?: EventOffset;
}

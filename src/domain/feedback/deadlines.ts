/**
 * Due dates of feedback, complaints and denunciations, each with the sentence that explains how it was
 * counted. The law's wording decides the counting: "ngày làm việc" skips weekends and days off (make-up
 * Saturdays count), a plain "ngày" is a calendar day.
 *
 * - Feedback, recommendation: the topic's answer days, in working days, from the day received.
 * - Khiếu nại (Luật Khiếu nại 2011): thụ lý within 10 days of receipt (Điều 27); resolved within 30 days of
 *   thụ lý, 45 when complex (Điều 28, first instance) [C].
 * - Tố cáo (Luật Tố cáo 2018, Điều 30): resolved within 30 days of thụ lý; extended once by 30 days when
 *   complex, twice (60 more) when especially complex [C]. Thụ lý within 7 working days of receipt
 *   (Điều 24) [M: not in our checked reference].
 */
import { addWorkingDays, type WorkingCalendar } from '../reporting/working-days.js';
import { addDays, formatVi, weekdayOf } from '../schedule/calendar.js';
import { answerDaysOf, DEFAULT_TOPICS, type FeedbackKind, type FeedbackTopic } from './topics.js';

/** Working days, and the names of the days off when known (to say which ones were skipped). */
export interface FeedbackCalendar extends WorkingCalendar {
  /** The name of the day off on `date`, or null (weekends and ordinary days). */
  dayOffName?(date: string): string | null;
}

export type Complexity = 'normal' | 'complex' | 'very_complex';

export interface DueInput {
  kind: FeedbackKind;
  topic: FeedbackTopic;
  /** YYYY-MM-DD, local. */
  receivedOn: string;
  /** YYYY-MM-DD the case was accepted for handling (thụ lý), for complaints and denunciations. */
  acceptedOn?: string | null;
  complexity?: Complexity;
  topicDays?: Partial<Record<FeedbackTopic, number>>;
}

export interface Due {
  /** YYYY-MM-DD. */
  date: string;
  /** What is due on that date: answer, thụ lý or resolution. */
  step: 'answer' | 'accept' | 'resolve';
  /** "10 ngày làm việc kể từ 02/09/2026, trừ nghỉ Quốc khánh 01–02/09". */
  explanation: string;
  basis: string;
}

const shortName = (name: string) => name.replace(/\s*\(.*\)\s*$/, '').trim();
const dm = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}`;

/** Days off (by name) between `from` and `to`, both included, grouped into runs: "Tết Nguyên đán 16–20/02". */
export function daysOffBetween(calendar: FeedbackCalendar, from: string, to: string): string[] {
  if (!calendar.dayOffName) return [];
  const runs: Array<{ name: string; first: string; last: string }> = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const raw = calendar.dayOffName(d);
    if (!raw) continue;
    const name = shortName(raw);
    const prev = runs[runs.length - 1];
    // A run goes on across a weekend: Tết Monday–Friday then Saturday, Sunday is one break.
    if (prev && prev.name === name && addDays(prev.last, 1) <= d && d <= addDays(prev.last, 3)) prev.last = d;
    else runs.push({ name, first: d, last: d });
  }
  return runs.map((r) => {
    if (r.first === r.last) return `${r.name} ${dm(r.first)}`;
    const span = r.first.slice(5, 7) === r.last.slice(5, 7) ? `${r.first.slice(8, 10)}–${dm(r.last)}` : `${dm(r.first)}–${dm(r.last)}`;
    return `${r.name} ${span}`;
  });
}

/** Saturdays and Sundays declared working days (ngày làm bù) between `from` and `to`, both included. */
function workingWeekendsBetween(calendar: FeedbackCalendar, from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const day = weekdayOf(d);
    if ((day === 0 || day === 6) && calendar.isWorkingDay(d)) out.push(d);
  }
  return out;
}

function workingDue(calendar: FeedbackCalendar, from: string, days: number, step: Due['step'], basis: string): Due {
  const date = addWorkingDays(from, days, calendar);
  const off = daysOffBetween(calendar, from, date);
  const makeup = workingWeekendsBetween(calendar, addDays(from, 1), date);
  const explanation =
    `${days} ngày làm việc kể từ ${formatVi(from)}${off.length ? `, trừ nghỉ ${off.join(', ')}` : ''}` +
    (makeup.length ? `, tính cả ngày làm bù ${makeup.map(dm).join(', ')}` : '');
  return { date, step, explanation, basis };
}

function calendarDue(from: string, days: number, step: Due['step'], basis: string, fromWhat: string, note = ''): Due {
  return { date: addDays(from, days), step, explanation: `${days} ngày (tính cả ngày nghỉ) kể từ ${fromWhat} ${formatVi(from)}${note}`, basis };
}

/** The next due of a case, and how it was counted. */
export function dueOf(input: DueInput, calendar: FeedbackCalendar): Due {
  const complexity = input.complexity ?? 'normal';
  if (input.kind === 'feedback') {
    const days = answerDaysOf(input.topic, input.topicDays);
    return workingDue(calendar, input.receivedOn, days, 'answer', DEFAULT_TOPICS[input.topic].basis);
  }
  if (input.kind === 'complaint') {
    if (!input.acceptedOn) return calendarDue(input.receivedOn, 10, 'accept', 'Luật Khiếu nại 2011, Điều 27 (thụ lý)', 'ngày nhận đơn', ', hạn thụ lý');
    const days = complexity === 'normal' ? 30 : 45;
    return calendarDue(input.acceptedOn, days, 'resolve', 'Luật Khiếu nại 2011, Điều 28 (giải quyết lần đầu)', 'ngày thụ lý', complexity === 'normal' ? '' : ', vụ việc phức tạp');
  }
  if (!input.acceptedOn) return workingDue(calendar, input.receivedOn, 7, 'accept', 'Luật Tố cáo 2018, Điều 24 (thụ lý) [M]');
  const days = complexity === 'normal' ? 30 : complexity === 'complex' ? 60 : 90;
  const note = complexity === 'normal' ? '' : complexity === 'complex' ? ', đã gia hạn một lần 30 ngày' : ', đã gia hạn hai lần, mỗi lần 30 ngày';
  return calendarDue(input.acceptedOn, days, 'resolve', 'Luật Tố cáo 2018, Điều 30', 'ngày thụ lý', note);
}

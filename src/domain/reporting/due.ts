/**
 * Which assignments a reporting period asks about, read from their task's Schedule.
 *
 * A due date belongs to a period when it falls in the period's CALENDAR span (calendarFrom–calendarTo),
 * not in its data cut-off window. Deadline texts are written in calendar terms: "Quý III/2021" is due on
 * 30/09/2021, and the unit expects to account for it in the Quý III report. Under ND 09 that report's
 * window closes on 14/09, so the cut-off window would push every quarter-end due into the next quarter's
 * report, after it is already overdue. The cut-off window says which figures a report counts; the
 * calendar span says which tasks it covers. Edges: 30/09 → Quý III, 01/10 → Quý IV, 15/09 → Quý III.
 *
 * Per kind:
 * - once, recurring: the Schedule's stored dues (read in the appendix window at import) that fall in the span;
 * - continuous: active in every period that overlaps its run (the task's window start, if given, to the
 *   Schedule's `end`, else the window's end, else open);
 * - event: waits until a trigger is recorded. With an offset ("trong 15 ngày làm việc kể từ…") each recorded
 *   trigger gives a due (trigger ± offset); the task is active in every period that overlaps the time from
 *   the trigger to that due. Without an offset it runs like a continuous task from the first trigger on,
 *   with the dates a coordinator sets as its dues;
 * - unspecified: active only in the periods holding a date a coordinator has set.
 * Coordinator dates count only for event and unspecified tasks: a dated task's deadline moves through an
 * extension (extensions.ts), which keeps the original.
 *
 * `active` says what the schedule asks for in this period, nothing more: a task overdue from an earlier
 * period or already done is the status's business (status.ts).
 */
import type { Assignment } from '../plans/plan.js';
import { notFound, validationError } from '../errors.js';
import { addDays, addMonths, daysInMonth, formatVi, isIsoDate, parseIso, toIso } from '../schedule/calendar.js';
import type { EventOffset, Schedule, Window } from '../schedule/types.js';
import { vnDate } from '../time.js';
import type { ReportingPeriod } from './periods.js';
import { addWorkingDays, WEEKDAYS_ONLY, type WorkingCalendar } from './working-days.js';

/** What due.ts needs of a task. */
export interface TaskScheduleRef {
  id: number;
  schedule: Schedule;
  /** A UTC instant; a retired task is not asked for from the period holding that day on. */
  retiredAt?: string | null;
  /** The window the schedule was read in (the appendix's period): where a continuous task starts and, without its own end, ends. */
  window?: Window | null;
}

/** What due.ts needs of an assignment. */
export type AssignmentRef = Pick<Assignment, 'id' | 'taskId' | 'unitId' | 'role'> & { retiredAt?: string | null };

export interface TaskFacts {
  /** Days the task's trigger was recorded (YYYY-MM-DD). */
  triggers?: readonly string[];
  /** Days a coordinator set for the task (YYYY-MM-DD). */
  coordinatorDates?: readonly string[];
  /** For offsets in working days; weekends only by default. */
  calendar?: WorkingCalendar;
}

export interface DueFacts {
  /** Recorded trigger days per task id. */
  triggers?: ReadonlyMap<number, readonly string[]>;
  /** Coordinator-set dates per task id. */
  coordinatorDates?: ReadonlyMap<number, readonly string[]>;
  calendar?: WorkingCalendar;
}

export interface DueInPeriod {
  active: boolean;
  /** Due dates inside the period's calendar span, sorted, unique. */
  dues: string[];
  /** Why, in Vietnamese: "Đến hạn 30/09/2022 (Quý III/2022 → ngày cuối quý)". */
  reason: string;
}

export interface AssignmentDue extends DueInPeriod {
  assignmentId: number;
  taskId: number;
  unitId: number;
  role: 'lead' | 'coordinating';
}

const UNIT_VI: Record<EventOffset['unit'], string> = { day: 'ngày', working_day: 'ngày làm việc', week: 'tuần', month: 'tháng' };

const capitalise = (s: string) => (s ? s.charAt(0).toLocaleUpperCase('vi') + s.slice(1) : s);

function checkDates(dates: readonly string[] | undefined, what: string): string[] {
  const out: string[] = [];
  for (const d of dates ?? []) {
    if (!isIsoDate(d)) throw validationError('invalid_date', `${what} không hợp lệ: ${String(d)} (cần dạng YYYY-MM-DD).`);
    out.push(d);
  }
  return [...new Set(out)].sort();
}

/** The day the offset lands on, counted from the trigger. */
export function applyEventOffset(trigger: string, offset: EventOffset, calendar: WorkingCalendar = WEEKDAYS_ONLY): string {
  const sign = offset.direction === 'before' ? -1 : 1;
  switch (offset.unit) {
    case 'day':
      return addDays(trigger, sign * offset.amount);
    case 'week':
      return addDays(trigger, sign * offset.amount * 7);
    case 'working_day':
      return addWorkingDays(trigger, sign * offset.amount, calendar);
    case 'month': {
      const { y, m, d } = parseIso(trigger)!;
      const target = addMonths(y, m, sign * offset.amount);
      return toIso(target.y, target.m, Math.min(d, daysInMonth(target.y, target.m)));
    }
  }
}

/** "Quý III/2022 → 30/09/2022, ngày cuối quý" → "Quý III/2022 → ngày cuối quý": the date is said once. */
function shortExplanation(date: string, explanation: string): string {
  const shown = formatVi(date);
  return explanation.replace(` → ${shown}, `, ' → ').replace(` → ${shown}`, '').trim();
}

interface DueLine {
  date: string;
  why: string;
}

function dueReason(lines: DueLine[]): string {
  return lines.map((l, i) => `${i === 0 ? 'Đến hạn' : 'đến hạn'} ${formatVi(l.date)}${l.why ? ` (${l.why})` : ''}`).join('; ');
}

function outsideReason(all: readonly string[], span: { from: string; to: string }, who = ''): string {
  const next = all.find((d) => d > span.to);
  if (next) return `Không có hạn trong kỳ; hạn tiếp theo ${formatVi(next)}${who}`;
  const last = [...all].reverse().find((d) => d < span.from);
  if (last) return `Không có hạn trong kỳ; hạn cuối cùng ${formatVi(last)}${who} đã qua`;
  return 'Không có hạn trong kỳ';
}

const inSpan = (d: string, span: { from: string; to: string }) => d >= span.from && d <= span.to;

function retiredDay(retiredAt: string | null | undefined): string | null {
  if (!retiredAt) return null;
  const at = new Date(retiredAt);
  if (Number.isNaN(at.getTime())) throw validationError('invalid_date', `Thời điểm thôi theo dõi không hợp lệ: ${retiredAt}.`);
  return vnDate(at);
}

/** What the task's schedule asks for in the period (the same for every assignee). */
export function taskDueInPeriod(task: TaskScheduleRef, period: ReportingPeriod, facts: TaskFacts = {}): DueInPeriod {
  const span = { from: period.calendarFrom, to: period.calendarTo };
  const retired = retiredDay(task.retiredAt);
  if (retired !== null && retired <= span.to) {
    return { active: false, dues: [], reason: `Nhiệm vụ đã thôi theo dõi từ ${formatVi(retired)}` };
  }
  const s = task.schedule;
  const coordinatorDates = checkDates(facts.coordinatorDates, 'Ngày do cán bộ điều phối ấn định');
  const lines: DueLine[] = [];
  for (const due of s.dues) {
    if (inSpan(due.date, span)) lines.push({ date: due.date, why: shortExplanation(due.date, due.explanation) });
  }

  switch (s.kind) {
    case 'once':
    case 'recurring': {
      if (lines.length) return finish(lines, '');
      return { active: false, dues: [], reason: outsideReason(s.dues.map((d) => d.date), span) };
    }

    case 'continuous': {
      const start = task.window?.from ?? null;
      const end = s.end ?? task.window?.to ?? null;
      const running = end === null ? 'Nhiệm vụ thường xuyên' : `Nhiệm vụ thường xuyên đến ${formatVi(end)}`;
      if (end !== null && end < span.from) {
        return { active: false, dues: [], reason: `Nhiệm vụ thường xuyên đã kết thúc ngày ${formatVi(end)}` };
      }
      if (start !== null && start > span.to) {
        return { active: false, dues: [], reason: `Nhiệm vụ thường xuyên bắt đầu từ ${formatVi(start)}` };
      }
      return lines.length ? finish(lines, running) : { active: true, dues: [], reason: running };
    }

    case 'event': {
      const trigger = s.trigger ? capitalise(s.trigger) : '';
      const waiting = trigger ? `Chờ sự kiện: ${trigger}` : 'Chờ sự kiện';
      const offset = s.eventOffset;
      // An event due some time before its trigger ("15 ngày trước kỳ họp") is recorded ahead, so its
      // trigger may lie after the period; otherwise only triggers up to the period's end have happened.
      const triggers = checkDates(facts.triggers, 'Ngày ghi nhận sự kiện').filter((t) => offset?.direction === 'before' || t <= span.to);
      if (triggers.length === 0) {
        // Dates a coordinator set before the event was recorded still count.
        for (const d of coordinatorDates) if (inSpan(d, span)) lines.push({ date: d, why: 'do cán bộ điều phối ấn định' });
        return lines.length ? finish(lines, waiting) : { active: false, dues: [], reason: waiting };
      }
      for (const d of coordinatorDates) if (inSpan(d, span)) lines.push({ date: d, why: 'do cán bộ điều phối ấn định' });
      const end = s.end;
      if (!offset) {
        const first = triggers[0]!;
        const happened = `Sự kiện đã ghi nhận ngày ${formatVi(first)}${trigger ? `: ${trigger}` : ''}`;
        if (end !== null && end < span.from) {
          return { active: false, dues: [], reason: `${happened}; nhiệm vụ đã kết thúc ngày ${formatVi(end)}` };
        }
        return lines.length ? finish(lines, happened) : { active: true, dues: [], reason: happened };
      }
      let running = false;
      const calendar = facts.calendar ?? WEEKDAYS_ONLY;
      const said = `${offset.amount} ${UNIT_VI[offset.unit]} ${offset.direction === 'before' ? 'trước' : 'sau'}`;
      for (const t of triggers) {
        const due = applyEventOffset(t, offset, calendar);
        const lo = due < t ? due : t;
        const hi = due < t ? t : due;
        if (hi >= span.from && lo <= span.to) running = true;
        if (inSpan(due, span)) lines.push({ date: due, why: `${said} sự kiện ngày ${formatVi(t)}` });
      }
      if (lines.length) return finish(lines, '');
      if (running) return { active: true, dues: [], reason: `Đang trong thời hạn xử lý sự kiện${trigger ? `: ${trigger}` : ''}` };
      return { active: false, dues: [], reason: `Không có hạn trong kỳ${trigger ? ` (${trigger})` : ''}` };
    }

    case 'unspecified': {
      for (const d of coordinatorDates) if (inSpan(d, span)) lines.push({ date: d, why: 'do cán bộ điều phối ấn định' });
      if (lines.length) return finish(lines, '');
      if (coordinatorDates.length) return { active: false, dues: [], reason: outsideReason(coordinatorDates, span, ' (do cán bộ điều phối ấn định)') };
      return {
        active: false,
        dues: [],
        reason: s.needsReview
          ? 'Chưa có thời hạn: thời hạn chưa đọc được, chờ cán bộ điều phối ấn định'
          : 'Chưa có thời hạn: chờ cán bộ điều phối ấn định',
      };
    }
  }
}

function finish(lines: DueLine[], suffix: string): DueInPeriod {
  const byDate = new Map<string, DueLine>();
  for (const l of lines) if (!byDate.has(l.date)) byDate.set(l.date, l);
  const sorted = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const reason = dueReason(sorted);
  return { active: true, dues: sorted.map((l) => l.date), reason: suffix ? `${reason}; ${suffix.charAt(0).toLocaleLowerCase('vi')}${suffix.slice(1)}` : reason };
}

/**
 * Every assignment's answer for the period. The schedule is read once per task; an assignment retired
 * on or before the period's last day is no longer asked.
 */
export function assignmentsDueInPeriod(
  period: ReportingPeriod,
  assignments: readonly AssignmentRef[],
  tasks: ReadonlyMap<number, TaskScheduleRef>,
  facts: DueFacts = {},
): AssignmentDue[] {
  const perTask = new Map<number, DueInPeriod>();
  const out: AssignmentDue[] = [];
  for (const a of assignments) {
    let due = perTask.get(a.taskId);
    if (!due) {
      const task = tasks.get(a.taskId);
      if (!task) throw notFound(`Không tìm thấy nhiệm vụ #${a.taskId} của phân công #${a.id}.`);
      due = taskDueInPeriod(task, period, {
        triggers: facts.triggers?.get(a.taskId) ?? [],
        coordinatorDates: facts.coordinatorDates?.get(a.taskId) ?? [],
        ...(facts.calendar ? { calendar: facts.calendar } : {}),
      });
      perTask.set(a.taskId, due);
    }
    const retired = retiredDay(a.retiredAt);
    const base = { assignmentId: a.id, taskId: a.taskId, unitId: a.unitId, role: a.role };
    if (retired !== null && retired <= period.calendarTo) {
      out.push({ ...base, active: false, dues: [], reason: `Phân công đã kết thúc từ ${formatVi(retired)}` });
    } else {
      out.push({ ...base, active: due.active, dues: [...due.dues], reason: due.reason });
    }
  }
  return out;
}

/**
 * Every due date the task has, whatever the period: the schedule's own dues, the dates a coordinator set
 * (event and unspecified tasks) and, for an event task with an offset, trigger ± offset for each
 * recorded trigger. These are ORIGINAL dues — the dates an extension may move (extensions.ts).
 */
export function taskOriginalDues(task: Pick<TaskScheduleRef, 'schedule'>, facts: TaskFacts = {}): string[] {
  const s = task.schedule;
  const out = new Set<string>(s.dues.map((d) => d.date));
  if (s.kind === 'event' || s.kind === 'unspecified') {
    for (const d of checkDates(facts.coordinatorDates, 'Ngày do cán bộ điều phối ấn định')) out.add(d);
  }
  if (s.kind === 'event' && s.eventOffset) {
    const calendar = facts.calendar ?? WEEKDAYS_ONLY;
    for (const t of checkDates(facts.triggers, 'Ngày ghi nhận sự kiện')) out.add(applyEventOffset(t, s.eventOffset, calendar));
  }
  return [...out].sort();
}

/**
 * The status of an assignment at a moment, derived when it is read — from its dues, the progress its
 * unit reported and `now` — and never stored: a stored "overdue" flag goes stale the minute a day ends.
 *
 * A due date ends at 23:59:59 Asia/Ho_Chi_Minh, i.e. 16:59:59Z the same day: the whole of that day, local
 * time, is still on time (`vnDate(now) > due` is overdue).
 *
 * Only reports made at or before `now` count, so a status can be replayed for any past moment; the latest
 * one (by `reportedAt`; on a tie the later in the list) speaks for the unit.
 *
 * Precedence, first match wins:
 *  1. done / done_late: the latest report says done. done_late when it was completed after a due in
 *     scope (the earliest current due), done otherwise — done beats overdue and beats not_due (finishing
 *     early is done).
 *  2. blocked (vướng mắc): the latest report says blocked. It shows, with its reason, even when the task
 *     is also overdue; `overdue` stays true in the result and on-time rates still count it late.
 *  3. overdue: a due in scope has passed and the task is not done.
 *  4. in_progress: the latest report says in progress.
 *  5. not_due: the schedule asks nothing in scope (`active` false) and nothing above applies.
 *  6. not_started: active, nothing reported (or "not started" reported), no due passed yet.
 *
 * The displayed status counts against the CURRENT due (an approved extension moves it); lateness against
 * the ORIGINAL due is kept beside it (`lateAgainstOriginal`) and is what on-time rates use (extensions.ts).
 *
 * Scope: the dues passed in are the ones the status is about — usually a period's dues from due.ts, or one
 * occurrence of a recurring task with the reports of that occurrence. With several dues, the earliest
 * governs: missing the first milestone is being late.
 */
import { validationError } from '../errors.js';
import { daysBetween, formatVi, isIsoDate } from '../schedule/calendar.js';
import { vnDate } from '../time.js';

export type AssignmentStatusName = 'not_due' | 'not_started' | 'in_progress' | 'done' | 'done_late' | 'overdue' | 'blocked';
export type ReportedStatus = 'not_started' | 'in_progress' | 'done' | 'blocked';

export const ASSIGNMENT_STATUSES: readonly AssignmentStatusName[] = [
  'not_due',
  'not_started',
  'in_progress',
  'done',
  'done_late',
  'overdue',
  'blocked',
];

export const STATUS_LABEL_VI: Record<AssignmentStatusName, string> = {
  not_due: 'Chưa đến hạn',
  not_started: 'Chưa thực hiện',
  in_progress: 'Đang thực hiện',
  done: 'Hoàn thành',
  done_late: 'Hoàn thành chậm',
  overdue: 'Quá hạn',
  blocked: 'Vướng mắc',
};

/** One progress statement of the unit (an Entry of a report, or a quick update). */
export interface ProgressReport {
  /** UTC instant (ISO-8601). */
  reportedAt: string;
  status: ReportedStatus;
  /** 0–100 where it makes sense. */
  progress?: number | null;
  /** The day the work was finished (YYYY-MM-DD, Vietnam); defaults to the day it was reported. */
  completedOn?: string | null;
  blockedReason?: string | null;
}

/** A due date with the date it was first set, frozen, and the date now in force (after extensions). */
export interface DueDate {
  original: string;
  current: string;
}

export interface StatusInput {
  /** Whether the schedule asks for work in scope (due.ts). */
  active: boolean;
  /** Plain dates (no extension) or original/current pairs. */
  dues: readonly (string | DueDate)[];
  reports: readonly ProgressReport[];
  now: Date;
}

export interface AssignmentStatus {
  status: AssignmentStatusName;
  label: string;
  /** The governing due (earliest current), or null when there is none in scope. */
  due: DueDate | null;
  /** A current due has passed and the task is not done (true for a blocked task past its due too). */
  overdue: boolean;
  /** Whole days past the governing current due (0 when not overdue). */
  daysOverdue: number;
  /** Missed the earliest ORIGINAL due: done after it, or not done and past it. */
  lateAgainstOriginal: boolean;
  progress: number | null;
  completedOn: string | null;
  blockedReason: string | null;
  /** The report the status rests on. */
  reportedAt: string | null;
  /** One Vietnamese line: "Quá hạn 3 ngày (hạn 30/09/2022)". */
  explanation: string;
}

/** The last instant of a due day: 23:59:59.999 in Vietnam, 16:59:59.999Z. */
export function dueEndsAt(date: string): Date {
  return new Date(`${date}T16:59:59.999Z`);
}

/** True once the whole due day (Vietnam time) is over. */
export function isPastDue(date: string, now: Date): boolean {
  return vnDate(now) > date;
}

export function toDueDates(dues: readonly (string | DueDate)[]): DueDate[] {
  return dues.map((d) => (typeof d === 'string' ? { original: d, current: d } : { original: d.original, current: d.current }));
}

function instant(at: string, what: string): number {
  const t = Date.parse(at);
  if (typeof at !== 'string' || Number.isNaN(t)) throw validationError('invalid_date', `${what} không hợp lệ: ${String(at)}.`);
  return t;
}

/** The latest report made at or before `now`; on equal instants the later in the list. */
export function latestReport(reports: readonly ProgressReport[], now: Date): ProgressReport | null {
  const limit = now.getTime();
  let best: ProgressReport | null = null;
  let bestAt = -Infinity;
  for (const r of reports) {
    const at = instant(r.reportedAt, 'Thời điểm báo cáo');
    if (at > limit) continue;
    if (at >= bestAt) {
      best = r;
      bestAt = at;
    }
  }
  return best;
}

/** The Vietnam date of a UTC instant written "YYYY-MM-DDTHH:…Z" without building a Date; other forms the slow way. */
function vnDayOf(at: string): string {
  if (at.length >= 20 && at.charCodeAt(10) === 84 /* T */ && at.charCodeAt(at.length - 1) === 90 /* Z */ && at.charCodeAt(13) === 58 /* : */) {
    const hour = (at.charCodeAt(11) - 48) * 10 + (at.charCodeAt(12) - 48);
    const day = at.slice(0, 10);
    if (hour >= 0 && hour < 17 && isIsoDate(day)) return day; // before 17:00Z it is the same day in Vietnam
  }
  return vnDate(new Date(instant(at, 'Thời điểm báo cáo')));
}

/** The day the work counts as finished: completedOn when given, never later than the day it was reported. */
export function completionDay(report: ProgressReport): string {
  const reportedOn = vnDayOf(report.reportedAt);
  const said = report.completedOn;
  if (said && isIsoDate(said)) return said < reportedOn ? said : reportedOn;
  return reportedOn;
}

/**
 * The precedence below (assignmentStatus), on the governing current due alone, with the unit's latest word
 * already chosen and today's Vietnam date already computed: the status name only, allocating nothing, for
 * dashboards that derive thousands of statuses per request. A word made after `nowMs` says nothing.
 * assignmentStatus decides its status with this function, so the two cannot disagree.
 */
export function statusName(due: string | null, word: ProgressReport | null, active: boolean, today: string, nowMs: number): AssignmentStatusName {
  const latest = word !== null && instant(word.reportedAt, 'Thời điểm báo cáo') <= nowMs ? word : null;
  if (latest?.status === 'done') return due !== null && completionDay(latest) > due ? 'done_late' : 'done';
  if (latest?.status === 'blocked') return 'blocked';
  if (due !== null && today > due) return 'overdue';
  if (latest?.status === 'in_progress') return 'in_progress';
  return active ? 'not_started' : 'not_due';
}

/** Whether a status counts as overdue on its due: the due has passed and the work is not done (blocked included). */
export function isOverdueOn(status: AssignmentStatusName, due: string | null, today: string): boolean {
  return due !== null && today > due && status !== 'done' && status !== 'done_late';
}

function earliest(dues: DueDate[], key: keyof DueDate): DueDate | null {
  let best: DueDate | null = null;
  for (const d of dues) if (!best || d[key] < best[key]) best = d;
  return best;
}

/** The status of one assignment at `now`. Pure: the same input always gives the same answer. */
export function assignmentStatus(input: StatusInput): AssignmentStatus {
  const dues = toDueDates(input.dues);
  for (const d of dues) {
    if (!isIsoDate(d.original) || !isIsoDate(d.current)) {
      throw validationError('invalid_date', `Hạn không hợp lệ: ${d.original} / ${d.current} (cần dạng YYYY-MM-DD).`);
    }
  }
  const now = input.now;
  const today = vnDate(now);
  const latest = latestReport(input.reports, now);
  const due = earliest(dues, 'current');
  const firstOriginal = earliest(dues, 'original')?.original ?? null;
  const status = statusName(due?.current ?? null, latest, input.active, today, now.getTime());
  const progress = typeof latest?.progress === 'number' && Number.isFinite(latest.progress)
    ? Math.min(100, Math.max(0, latest.progress))
    : null;
  const base = {
    due,
    progress,
    completedOn: null as string | null,
    blockedReason: null as string | null,
    reportedAt: latest?.reportedAt ?? null,
  };
  const dueText = due ? ` (hạn ${formatVi(due.current)}${due.current !== due.original ? `, hạn ban đầu ${formatVi(due.original)}` : ''})` : '';

  if (status === 'done' || status === 'done_late') {
    const completedOn = completionDay(latest!);
    return {
      ...base,
      status,
      label: STATUS_LABEL_VI[status],
      overdue: false,
      daysOverdue: 0,
      lateAgainstOriginal: firstOriginal !== null && completedOn > firstOriginal,
      completedOn,
      progress: 100,
      explanation: status === 'done_late'
        ? `Hoàn thành ngày ${formatVi(completedOn)}, chậm ${daysBetween(due!.current, completedOn)} ngày${dueText}`
        : `Hoàn thành ngày ${formatVi(completedOn)}${dueText}`,
    };
  }

  const overdue = isOverdueOn(status, due?.current ?? null, today);
  const daysOverdue = overdue ? daysBetween(due!.current, today) : 0;
  const lateAgainstOriginal = firstOriginal !== null && today > firstOriginal;
  const common = { ...base, overdue, daysOverdue, lateAgainstOriginal };

  if (status === 'blocked') {
    const reason = latest!.blockedReason?.trim() || 'Chưa nêu lý do';
    return {
      ...common,
      status: 'blocked',
      label: STATUS_LABEL_VI.blocked,
      blockedReason: reason,
      explanation: `Vướng mắc: ${reason}${overdue ? `; quá hạn ${daysOverdue} ngày` : ''}${dueText}`,
    };
  }
  if (status === 'overdue') {
    return { ...common, status: 'overdue', label: STATUS_LABEL_VI.overdue, explanation: `Quá hạn ${daysOverdue} ngày${dueText}` };
  }
  if (status === 'in_progress') {
    return {
      ...common,
      status: 'in_progress',
      label: STATUS_LABEL_VI.in_progress,
      explanation: `Đang thực hiện${progress !== null ? ` (${progress}%)` : ''}${dueText}`,
    };
  }
  if (status === 'not_due') {
    return { ...common, status: 'not_due', label: STATUS_LABEL_VI.not_due, explanation: `Chưa đến hạn${dueText}` };
  }
  return { ...common, status: 'not_started', label: STATUS_LABEL_VI.not_started, explanation: `Chưa thực hiện${dueText}` };
}

const REPORTED: readonly ReportedStatus[] = ['not_started', 'in_progress', 'done', 'blocked'];

/** Checks a progress statement before it is stored; throws Vietnamese validation errors. */
export function validateProgressReport(r: ProgressReport): ProgressReport {
  const at = instant(r.reportedAt, 'Thời điểm báo cáo');
  if (!REPORTED.includes(r.status)) {
    throw validationError('invalid_status', 'Trạng thái phải là: chưa thực hiện, đang thực hiện, hoàn thành hoặc vướng mắc.');
  }
  if (r.progress !== undefined && r.progress !== null) {
    if (typeof r.progress !== 'number' || !Number.isFinite(r.progress) || r.progress < 0 || r.progress > 100) {
      throw validationError('invalid_progress', 'Tiến độ phải là một số từ 0 đến 100 (%).');
    }
  }
  if (r.completedOn !== undefined && r.completedOn !== null) {
    if (r.status !== 'done') throw validationError('invalid_completion', 'Chỉ ghi ngày hoàn thành khi nhiệm vụ đã hoàn thành.');
    if (!isIsoDate(r.completedOn)) throw validationError('invalid_date', 'Ngày hoàn thành không hợp lệ (cần dạng YYYY-MM-DD).');
    if (r.completedOn > vnDate(new Date(at))) {
      throw validationError('invalid_completion', 'Ngày hoàn thành không thể sau ngày báo cáo.');
    }
  }
  if (r.status === 'blocked' && !r.blockedReason?.trim()) {
    throw validationError('missing_blocked_reason', 'Cần nêu rõ vướng mắc khi báo cáo nhiệm vụ gặp vướng mắc.');
  }
  return r;
}

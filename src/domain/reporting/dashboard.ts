/**
 * The dashboard of a plan (issue 4, item 5): tasks by status per dimension, units ranked by on-time rate,
 * the overdue list, the dues of the next days and the plan's progress. Pure: the service reads the plan,
 * its lead assignments and every lead entry of its rounds in a few queries and hands them over.
 *
 * Per assignment, the governing due is the latest due already passed, else the next one; the unit's word
 * on it is the entries of submitted or accepted reports whose dues hold that date (a task without dates —
 * continuous — takes every such entry). The status is then derived with assignmentStatus, so "overdue" is
 * computed at read time. On-time rates count every due occurrence against its ORIGINAL date (onTimeRate).
 * Every item carries the ids the staff app needs to open what lies behind it: taskId, unitId, and
 * reportId (the latest report listing the task for the unit) when one exists.
 */
import { DIMENSIONS } from '../plans/plan.js';
import { addDays, daysBetween } from '../schedule/calendar.js';
import { vnDate } from '../time.js';
import { onTimeRate, type OnTimeInput, type OnTimeRate } from './extensions.js';
import { ASSIGNMENT_STATUSES, assignmentStatus, type AssignmentStatusName, type ProgressReport, type ReportedStatus } from './status.js';

export interface DashboardTask {
  id: number;
  key: string;
  no: string;
  content: string;
  dimension: string | null;
  /** 'once', 'recurring', 'continuous', 'event', 'unspecified'. */
  kind: string;
  /** The schedule's due dates (originals). */
  dues: readonly string[];
}

export interface DashboardAssignment {
  id: number;
  taskId: number;
  unitId: number;
}

export interface DashboardEntry {
  taskId: number;
  assignmentId: number | null;
  unitId: number;
  reportId: number;
  reportStatus: 'draft' | 'submitted' | 'returned' | 'accepted';
  submittedAt: string | null;
  status: ReportedStatus;
  completedOn: string | null;
  /** The dues the entry was asked about (parsed from the entry). */
  dues: readonly string[];
}

export interface DashboardInput {
  planId: number;
  tasks: readonly DashboardTask[];
  assignments: readonly DashboardAssignment[];
  unitNames: ReadonlyMap<number, string>;
  /** In the order they were written (rounds by date, reports by id): the last per assignment is the latest. */
  entries: readonly DashboardEntry[];
  now: Date;
  /** Days ahead for the upcoming list; 30 by default. */
  horizonDays?: number;
}

export type StatusCounts = Record<AssignmentStatusName, number>;

export interface AssignmentLine {
  assignmentId: number;
  taskId: number;
  taskKey: string;
  taskNo: string;
  content: string;
  dimension: string | null;
  unitId: number;
  unitName: string;
  reportId: number | null;
  status: AssignmentStatusName;
  dueDate: string | null;
}

export interface DimensionStatus {
  dimension: string | null;
  /** Tasks by rolled-up status (a task counts once, over all its lead units). */
  tasks: StatusCounts;
  taskIds: Record<AssignmentStatusName, number[]>;
  /** Assignments (task × unit) by status. */
  assignments: StatusCounts;
  total: number;
}

export interface UnitRank extends OnTimeRate {
  rank: number;
  unitId: number;
  unitName: string;
  assignments: number;
  overdue: number;
}

export interface OverdueLine extends AssignmentLine {
  dueDate: string;
  daysOverdue: number;
}

export interface UpcomingLine extends AssignmentLine {
  dueDate: string;
  daysLeft: number;
}

export interface Dashboard {
  planId: number;
  asOf: string;
  today: string;
  horizonDays: number;
  byDimension: DimensionStatus[];
  totals: { tasks: StatusCounts; assignments: StatusCounts; taskCount: number; assignmentCount: number };
  units: UnitRank[];
  overdue: OverdueLine[];
  upcoming: UpcomingLine[];
  progress: { doneTasks: number; taskCount: number; share: number | null; doneAssignments: number; assignmentCount: number; assignmentShare: number | null };
  assignments: AssignmentLine[];
}

const zero = (): StatusCounts => Object.fromEntries(ASSIGNMENT_STATUSES.map((s) => [s, 0])) as StatusCounts;
const lists = (): Record<AssignmentStatusName, number[]> => Object.fromEntries(ASSIGNMENT_STATUSES.map((s) => [s, []])) as unknown as Record<AssignmentStatusName, number[]>;

const isDone = (s: AssignmentStatusName) => s === 'done' || s === 'done_late';

/** A task over all its lead units: done only when every unit is; overdue or blocked when any is. */
export function rollUp(statuses: readonly AssignmentStatusName[]): AssignmentStatusName {
  if (statuses.length === 0) return 'not_due';
  if (statuses.every(isDone)) return statuses.every((s) => s === 'done') ? 'done' : 'done_late';
  if (statuses.includes('overdue')) return 'overdue';
  if (statuses.includes('blocked')) return 'blocked';
  if (statuses.some((s) => s === 'in_progress' || isDone(s))) return 'in_progress';
  if (statuses.every((s) => s === 'not_due')) return 'not_due';
  return 'not_started';
}

function toReport(e: DashboardEntry): ProgressReport | null {
  if ((e.reportStatus !== 'submitted' && e.reportStatus !== 'accepted') || !e.submittedAt) return null;
  return { reportedAt: e.submittedAt, status: e.status, completedOn: e.completedOn };
}

const collator = new Intl.Collator('vi');

export function buildDashboard(input: DashboardInput): Dashboard {
  const { now } = input;
  const today = vnDate(now);
  const horizonDays = input.horizonDays ?? 30;
  const horizon = addDays(today, horizonDays);
  const tasks = new Map(input.tasks.map((t) => [t.id, t]));

  // Entries per assignment (by id, or by task and unit for entries written without one).
  const byAssignment = new Map<string, DashboardEntry[]>();
  const keyOf = (taskId: number, unitId: number) => `${taskId}:${unitId}`;
  for (const e of input.entries) {
    const k = keyOf(e.taskId, e.unitId);
    let list = byAssignment.get(k);
    if (!list) byAssignment.set(k, (list = []));
    list.push(e);
  }

  const lines: AssignmentLine[] = [];
  const overdue: OverdueLine[] = [];
  const upcoming: UpcomingLine[] = [];
  const onTimeByUnit = new Map<number, OnTimeInput[]>();
  const perUnit = new Map<number, { assignments: number; overdue: number }>();
  const perTask = new Map<number, AssignmentStatusName[]>();

  for (const a of input.assignments) {
    const task = tasks.get(a.taskId);
    if (!task) continue;
    const entries = byAssignment.get(keyOf(a.taskId, a.unitId)) ?? [];
    const reportId = entries.length ? entries[entries.length - 1]!.reportId : null;
    const dues = [...new Set(task.dues)].sort();
    // The unit's word per due, gathered in one pass over its entries.
    const all: ProgressReport[] = [];
    const byDue = new Map<string, ProgressReport[]>();
    for (const e of entries) {
      const r = toReport(e);
      if (!r) continue;
      all.push(r);
      for (const d of e.dues) {
        const list = byDue.get(d);
        if (list) list.push(r);
        else byDue.set(d, [r]);
      }
    }
    const none: ProgressReport[] = [];
    const reportsFor = (due: string | null): ProgressReport[] => (due === null ? all : (byDue.get(due) ?? none));

    let governing: string | null = null;
    for (const d of dues) if (d <= today) governing = d;
    governing ??= dues[0] ?? null;
    const active = governing === null ? task.kind === 'continuous' || entries.length > 0 : governing <= horizon;
    const st = assignmentStatus({ active, dues: governing ? [governing] : [], reports: reportsFor(governing), now });

    const unitName = input.unitNames.get(a.unitId) ?? '';
    const line: AssignmentLine = {
      assignmentId: a.id,
      taskId: a.taskId,
      taskKey: task.key,
      taskNo: task.no,
      content: task.content,
      dimension: task.dimension,
      unitId: a.unitId,
      unitName,
      reportId,
      status: st.status,
      dueDate: st.due?.current ?? null,
    };
    lines.push(line);
    (perTask.get(a.taskId) ?? perTask.set(a.taskId, []).get(a.taskId)!).push(st.status);
    const u = perUnit.get(a.unitId) ?? { assignments: 0, overdue: 0 };
    u.assignments++;
    if (st.overdue) {
      u.overdue++;
      overdue.push({ ...line, dueDate: st.due!.current, daysOverdue: st.daysOverdue });
    }
    perUnit.set(a.unitId, u);

    const inputs = onTimeByUnit.get(a.unitId) ?? [];
    for (const d of dues) {
      if (d > today && d > horizon) break;
      const reports = reportsFor(d);
      inputs.push({ dues: [d], reports });
      if (d >= today && d <= horizon) {
        const s = assignmentStatus({ active: true, dues: [d], reports, now });
        if (!isDone(s.status)) upcoming.push({ ...line, status: s.status, dueDate: d, daysLeft: daysBetween(today, d) });
      }
    }
    if (dues.length === 0) inputs.push({ dues: [], reports: [] });
    onTimeByUnit.set(a.unitId, inputs);
  }

  // Tasks by status per dimension, rolled up over their lead units.
  const dims = new Map<string, DimensionStatus>();
  const totals = { tasks: zero(), assignments: zero(), taskCount: 0, assignmentCount: lines.length };
  for (const l of lines) {
    const k = l.dimension ?? '';
    let d = dims.get(k);
    if (!d) dims.set(k, (d = { dimension: l.dimension, tasks: zero(), taskIds: lists(), assignments: zero(), total: 0 }));
    d.assignments[l.status]++;
    totals.assignments[l.status]++;
  }
  for (const task of input.tasks) {
    const statuses = perTask.get(task.id);
    if (!statuses) continue;
    const s = rollUp(statuses);
    const d = dims.get(task.dimension ?? '')!;
    d.tasks[s]++;
    d.taskIds[s].push(task.id);
    d.total++;
    totals.tasks[s]++;
    totals.taskCount++;
  }

  const units: UnitRank[] = [...perUnit.entries()].map(([unitId, u]) => ({
    rank: 0,
    unitId,
    unitName: input.unitNames.get(unitId) ?? '',
    assignments: u.assignments,
    overdue: u.overdue,
    ...onTimeRate(onTimeByUnit.get(unitId) ?? [], now),
  }));
  units.sort(
    (a, b) =>
      (b.rate ?? -1) - (a.rate ?? -1) || a.late - b.late || b.onTime - a.onTime || collator.compare(a.unitName, b.unitName) || a.unitId - b.unitId,
  );
  units.forEach((u, i) => (u.rank = i + 1));

  overdue.sort((a, b) => b.daysOverdue - a.daysOverdue || collator.compare(a.unitName, b.unitName) || a.taskId - b.taskId);
  upcoming.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0) || collator.compare(a.unitName, b.unitName) || a.taskId - b.taskId);

  const doneTasks = totals.tasks.done + totals.tasks.done_late;
  const doneAssignments = totals.assignments.done + totals.assignments.done_late;
  const order = (d: string | null) => {
    const i = (DIMENSIONS as readonly (string | null)[]).indexOf(d);
    return i < 0 ? DIMENSIONS.length : i;
  };
  const byDimension = [...dims.values()].sort((a, b) => order(a.dimension) - order(b.dimension));
  return {
    planId: input.planId,
    asOf: now.toISOString(),
    today,
    horizonDays,
    byDimension,
    totals,
    units,
    overdue,
    upcoming,
    progress: {
      doneTasks,
      taskCount: totals.taskCount,
      share: totals.taskCount ? doneTasks / totals.taskCount : null,
      doneAssignments,
      assignmentCount: lines.length,
      assignmentShare: lines.length ? doneAssignments / lines.length : null,
    },
    assignments: lines,
  };
}

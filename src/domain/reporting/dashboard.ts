/**
 * The dashboard of a plan (issue 4, item 5): tasks by status per dimension, units ranked by on-time rate,
 * the overdue list, the dues of the next days and the plan's progress. Pure: the service reads the plan,
 * its lead assignments and each unit's standing on each task (standing.ts, kept in the table of migration
 * 0005: never the whole entry history) and hands them over.
 *
 * Per assignment, the governing due is the latest due already passed, else the next one; the unit's word
 * on it is its latest word among the entries of submitted or accepted reports whose dues hold that date (a
 * task without dates — continuous — takes the latest over all). The status is then derived with statusName,
 * the core of assignmentStatus, against the due in force (an approved extension moves it), so "overdue" is
 * computed at read time. On-time rates count every due occurrence up to the horizon against its ORIGINAL
 * date (onTimeOutcome). Every item carries the ids the staff app needs to open what lies behind it: taskId,
 * unitId, and reportId (the latest report listing the task for the unit) when one exists. The overdue and
 * upcoming lists are capped (listLimit) with their totals; dashboardLines pages every line.
 */
import { DIMENSIONS } from '../plans/plan.js';
import { addDays, daysBetween } from '../schedule/calendar.js';
import { vnDate } from '../time.js';
import type { OnTimeRate } from './extensions.js';
import { joinDues, standingOf } from './standing.js';
import { ASSIGNMENT_STATUSES, isOverdueOn, statusName, type AssignmentStatusName, type ProgressReport, type ReportedStatus } from './status.js';

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
  /** Its unit's standing on the task when the caller has joined it already (else looked up in `standing`). */
  standing?: AssignmentStanding | null;
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
  /**
   * Where each unit stands on each task, by standingKey(taskId, unitId): from the standing table (service),
   * or folded from the entry history with standingFromEntries. Only the words of dashboardDues() are read.
   */
  standing: ReadonlyMap<number, AssignmentStanding>;
  now: Date;
  /** Days ahead for the upcoming list; 30 by default. */
  horizonDays?: number;
  /** At most this many lines in the overdue and upcoming lists (their totals are given beside); 100 by default. */
  listLimit?: number;
  /**
   * Approved extensions: per assignment id, each moved ORIGINAL due → the due now in force. Statuses (overdue,
   * upcoming) count against the current due; on-time rates keep the original (extensions.ts).
   */
  currentDues?: ReadonlyMap<number, ReadonlyMap<string, string>>;
}

/** What the dashboard reads of one unit's standing on one task (standing.ts). */
export interface AssignmentStanding {
  /**
   * The latest report listing the task for the unit, whatever its state; null when none does (it opens a
   * line, and tells for tasks without dates whether anything asked about them). The packed table's ''
   * row holds it for every task, so every line carries it.
   */
  reportId: number | null;
  /** The latest word over all the unit's entries on the task (read for tasks without dates). */
  any: ProgressReport | null;
  /** The latest word per due date (at least for the dues dashboardDues names): a Map, or any lookup. */
  words: { get(due: string): ProgressReport | undefined } | null;
  /** Sorted due dates whose latest word is done by the (original) due, joined by commas. */
  onTime: string;
  /**
   * The same dues as the packed table keeps them, read instead of `onTime` when given: a bit mask
   * (standing.ts maskHas) over a sorted dictionary of dues shared by the unit's tasks.
   */
  onTimeDues?: readonly string[] | null;
  onTimeMask?: number | readonly number[];
}

/** One number per (task, unit): a Map key without building strings. */
export const standingKey = (taskId: number, unitId: number): number => taskId * 4_194_304 + unitId;

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
  /** The most overdue first, at most listLimit lines; overdueTotal counts them all. */
  overdue: OverdueLine[];
  overdueTotal: number;
  /** The nearest dues first, at most listLimit lines; upcomingTotal counts them all. */
  upcoming: UpcomingLine[];
  upcomingTotal: number;
  progress: { doneTasks: number; taskCount: number; share: number | null; doneAssignments: number; assignmentCount: number; assignmentShare: number | null };
}

const zero = (): StatusCounts => ({ not_due: 0, not_started: 0, in_progress: 0, done: 0, done_late: 0, overdue: 0, blocked: 0 });
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

/** Folds an entry history (rounds by date, reports by id) into standings, as the standing table keeps them. */
export function standingFromEntries(entries: readonly DashboardEntry[], now: Date): Map<number, AssignmentStanding> {
  const byKey = new Map<number, DashboardEntry[]>();
  for (const e of entries) {
    const k = standingKey(e.taskId, e.unitId);
    const list = byKey.get(k);
    if (list) list.push(e);
    else byKey.set(k, [e]);
  }
  const out = new Map<number, AssignmentStanding>();
  for (const [k, list] of byKey) {
    const s = standingOf(list, now);
    out.set(k, { reportId: s.reportId, any: s.any, words: s.words, onTime: joinDues(s.onTime) });
  }
  return out;
}

const collator = new Intl.Collator('vi');

/** A task's dues seen from today: computed once per task, not once per assignment. */
interface TaskView {
  task: DashboardTask;
  dues: string[];
  governing: string | null;
  governingDues: string[];
  /** Dues counted by on-time rates (up to the horizon), and those of them already passed. */
  inScope: number;
  passed: number;
  dueSet: Set<string>;
  upcoming: string[];
}

function taskViews(tasks: readonly DashboardTask[], today: string, horizon: string): Map<number, TaskView> {
  const out = new Map<number, TaskView>();
  for (const task of tasks) {
    const dues = [...new Set(task.dues)].sort();
    let governing: string | null = null;
    let inScope = 0;
    let passed = 0;
    const upcoming: string[] = [];
    for (const d of dues) {
      if (d <= today) governing = d;
      if (d <= horizon) inScope++;
      if (d < today) passed++;
      if (d >= today && d <= horizon) upcoming.push(d);
    }
    governing ??= dues[0] ?? null;
    out.set(task.id, { task, dues, governing, governingDues: governing ? [governing] : [], inScope, passed, dueSet: new Set(dues), upcoming });
  }
  return out;
}

/**
 * The due dates whose words the dashboard reads at `now`: each task's governing due (the latest passed,
 * else the first) and the dues between today and the horizon. The service reads only these from the
 * standing table.
 */
export function dashboardDues(
  tasks: readonly DashboardTask[],
  now: Date,
  horizonDays = 30,
  currentDues?: ReadonlyMap<number, ReadonlyMap<string, string>>,
): string[] {
  const today = vnDate(now);
  const horizon = addDays(today, horizonDays);
  const set = new Set<string>();
  for (const v of taskViews(tasks, today, horizon).values()) {
    if (v.governing) set.add(v.governing);
    for (const d of v.upcoming) set.add(d);
  }
  // An original due moved into the window by an extension is looked at too.
  for (const moved of currentDues?.values() ?? []) for (const [original, current] of moved) if (current >= today && current <= horizon) set.add(original);
  return [...set].sort();
}

interface Assessed {
  a: DashboardAssignment;
  view: TaskView;
  reportId: number | null;
  status: AssignmentStatusName;
  dueDate: string | null;
  overdue: boolean;
  daysOverdue: number;
}

interface Assessment {
  today: string;
  horizon: string;
  horizonDays: number;
  items: Assessed[];
  onTime: Map<number, OnTimeRate>;
  upcoming: Array<{ item: Assessed; status: AssignmentStatusName; dueDate: string; daysLeft: number }>;
}

/**
 * Every lead assignment's status at `now` (assignmentStatus on its governing due and the unit's latest word
 * on it), its unit's on-time counts and the upcoming dues not yet done.
 *
 * On-time rates follow onTimeOutcome (extensions.ts) due by due, against the ORIGINAL dates, for the dues up
 * to the horizon: "on time" when the latest word on that due is done by it (the standing's onTime list,
 * folded with onTimeOutcome itself); otherwise "late" once the due has passed and "pending" before —
 * a word done after a due that has not yet passed cannot exist, since a completion is never later than
 * the day it is reported. A task without dates counts as unmeasured.
 */
function assess(input: DashboardInput): Assessment {
  const { now } = input;
  const today = vnDate(now);
  const horizonDays = input.horizonDays ?? 30;
  const horizon = addDays(today, horizonDays);
  const views = taskViews(input.tasks, today, horizon);
  const items: Assessed[] = [];
  const upcoming: Assessment['upcoming'] = [];
  const onTime = new Map<number, OnTimeRate>();

  const nowMs = now.getTime();
  // Per dictionary of on-time dues (one per unit in the packed table): 0 beyond the horizon, 1 up to it, 2 passed.
  const classes = new Map<readonly string[], Int8Array>();
  for (const a of input.assignments) {
    const view = views.get(a.taskId);
    if (!view) continue;
    const s = a.standing !== undefined ? (a.standing ?? undefined) : input.standing.get(standingKey(a.taskId, a.unitId));
    const g = view.governing;
    const word = g === null ? (s?.any ?? null) : (s?.words?.get(g) ?? null);
    const active = g === null ? view.task.kind === 'continuous' || (s !== undefined && s.reportId !== null) : g <= horizon;
    // An approved extension moves the due the status counts against (on-time rates keep the original).
    const moved = input.currentDues?.get(a.id);
    const current = g !== null && moved ? (moved.get(g) ?? g) : g;
    const status = statusName(current, word, active, today, nowMs);
    const overdue = isOverdueOn(status, current, today);
    const item: Assessed = {
      a,
      view,
      reportId: s?.reportId ?? null,
      status,
      dueDate: current,
      overdue,
      daysOverdue: overdue ? daysBetween(current!, today) : 0,
    };
    items.push(item);

    let r = onTime.get(a.unitId);
    if (!r) onTime.set(a.unitId, (r = { rate: null, onTime: 0, late: 0, pending: 0, unmeasured: 0 }));
    if (view.dues.length === 0) r.unmeasured++;
    else if (s?.onTimeDues) {
      const dict = s.onTimeDues;
      let cls = classes.get(dict);
      if (!cls) {
        cls = new Int8Array(dict.length);
        for (let i = 0; i < dict.length; i++) cls[i] = dict[i]! <= horizon ? (dict[i]! < today ? 2 : 1) : 0;
        classes.set(dict, cls);
      }
      const m = s.onTimeMask ?? 0;
      let counted = 0;
      if (typeof m === 'number') counted = countMask(m, 0, dict, cls, view.dueSet);
      else for (let w = 0; w < m.length; w++) counted += countMask(m[w]!, w * 30, dict, cls, view.dueSet);
      const good = counted >>> 16;
      const goodPassed = counted & 0xffff;
      r.onTime += good;
      r.late += view.passed - goodPassed;
      r.pending += view.inScope - view.passed - (good - goodPassed);
    } else {
      // Both lists are sorted: walk them together without cutting the stored string.
      let good = 0;
      let goodPassed = 0;
      const list = s?.onTime ?? '';
      let pos = 0;
      const dues = view.dues;
      for (let k = 0; k < view.inScope && pos < list.length; k++) {
        const d = dues[k]!;
        if (!list.startsWith(d, pos)) {
          if (list.slice(pos, pos + 10) < d) {
            // A due no longer in the task's schedule: count the rest the slow way.
            for (let i = pos; i + 10 <= list.length; i += 11) {
              const x = list.slice(i, i + 10);
              if (x <= horizon && x >= d && view.dueSet.has(x)) {
                good++;
                if (x < today) goodPassed++;
              }
            }
            break;
          }
          continue;
        }
        good++;
        if (d < today) goodPassed++;
        pos += 11;
      }
      r.onTime += good;
      r.late += view.passed - goodPassed;
      r.pending += view.inScope - view.passed - (good - goodPassed);
    }

    for (const d of moved ? view.dues : view.upcoming) {
      const due = moved ? (moved.get(d) ?? d) : d;
      if (moved && (due < today || due > horizon)) continue;
      const w = s?.words?.get(d) ?? null;
      const u = statusName(due, w, true, today, nowMs);
      if (!isDone(u)) upcoming.push({ item, status: u, dueDate: due, daysLeft: daysBetween(today, due) });
    }
  }
  for (const r of onTime.values()) {
    const measured = r.onTime + r.late;
    r.rate = measured === 0 ? null : r.onTime / measured;
  }
  return { today, horizon, horizonDays, items, onTime, upcoming };
}

/**
 * The on-time dues of one mask word (bits `offset`…`offset + 29` of the dictionary) that the task counts:
 * in its schedule and up to the horizon. Returns (counted << 16) | (counted already passed), allocating nothing.
 */
function countMask(word: number, offset: number, dict: readonly string[], cls: Int8Array, dueSet: ReadonlySet<string>): number {
  let out = 0;
  for (let w = word; w !== 0; w &= w - 1) {
    const i = offset + 31 - Math.clz32(w & -w);
    const c = cls[i] ?? 0;
    if (c !== 0 && dueSet.has(dict[i]!)) out += c === 2 ? 0x10001 : 0x10000;
  }
  return out;
}

function lineOf(x: Assessed, unitNames: ReadonlyMap<number, string>): AssignmentLine {
  const t = x.view.task;
  return {
    assignmentId: x.a.id,
    taskId: x.a.taskId,
    taskKey: t.key,
    taskNo: t.no,
    content: t.content,
    dimension: t.dimension,
    unitId: x.a.unitId,
    unitName: unitNames.get(x.a.unitId) ?? '',
    reportId: x.reportId,
    status: x.status,
    dueDate: x.dueDate,
  };
}

/** Units in Vietnamese alphabetical order, as numbers: sorting thousands of lines compares numbers, not names. */
function unitOrder(unitNames: ReadonlyMap<number, string>, ids: Iterable<number>): Map<number, number> {
  const list = [...new Set(ids)].sort((a, b) => collator.compare(unitNames.get(a) ?? '', unitNames.get(b) ?? '') || a - b);
  return new Map(list.map((id, i) => [id, i]));
}

export interface LineFilter {
  status?: AssignmentStatusName;
  unitId?: number;
  /** A dimension, or '' for tasks without one. */
  dimension?: string;
  taskId?: number;
  limit?: number;
  offset?: number;
}

/** One page of the plan's lead assignments with their status at `now`, in the plan's task order. */
export function dashboardLines(input: DashboardInput, filter: LineFilter = {}): { total: number; items: AssignmentLine[] } {
  const { items } = assess(input);
  const picked = items.filter(
    (x) =>
      (filter.status === undefined || x.status === filter.status) &&
      (filter.unitId === undefined || x.a.unitId === filter.unitId) &&
      (filter.taskId === undefined || x.a.taskId === filter.taskId) &&
      (filter.dimension === undefined || (x.view.task.dimension ?? '') === filter.dimension),
  );
  const offset = filter.offset ?? 0;
  const limit = filter.limit ?? 100;
  return { total: picked.length, items: picked.slice(offset, offset + limit).map((x) => lineOf(x, input.unitNames)) };
}

export function buildDashboard(input: DashboardInput): Dashboard {
  const { now, unitNames } = input;
  const limit = input.listLimit ?? 100;
  const { today, horizonDays, items, onTime, upcoming } = assess(input);
  const order = unitOrder(unitNames, items.map((x) => x.a.unitId));
  const rankOf = (unitId: number) => order.get(unitId) ?? 0;

  const perUnit = new Map<number, { assignments: number; overdue: number }>();
  const perTask = new Map<number, AssignmentStatusName[]>();
  const dims = new Map<string, DimensionStatus>();
  const totals = { tasks: zero(), assignments: zero(), taskCount: 0, assignmentCount: items.length };
  const overdue: Assessed[] = [];
  for (const x of items) {
    const u = perUnit.get(x.a.unitId) ?? { assignments: 0, overdue: 0 };
    u.assignments++;
    if (x.overdue) {
      u.overdue++;
      overdue.push(x);
    }
    perUnit.set(x.a.unitId, u);
    (perTask.get(x.a.taskId) ?? perTask.set(x.a.taskId, []).get(x.a.taskId)!).push(x.status);
    const dimension = x.view.task.dimension;
    const k = dimension ?? '';
    let d = dims.get(k);
    if (!d) dims.set(k, (d = { dimension, tasks: zero(), taskIds: lists(), assignments: zero(), total: 0 }));
    d.assignments[x.status]++;
    totals.assignments[x.status]++;
  }

  // Tasks by status per dimension, rolled up over their lead units.
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
    unitName: unitNames.get(unitId) ?? '',
    assignments: u.assignments,
    overdue: u.overdue,
    ...onTime.get(unitId)!,
  }));
  units.sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1) || a.late - b.late || b.onTime - a.onTime || rankOf(a.unitId) - rankOf(b.unitId) || a.unitId - b.unitId);
  units.forEach((u, i) => (u.rank = i + 1));

  overdue.sort((a, b) => b.daysOverdue - a.daysOverdue || rankOf(a.a.unitId) - rankOf(b.a.unitId) || a.a.taskId - b.a.taskId);
  upcoming.sort(
    (a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0) || rankOf(a.item.a.unitId) - rankOf(b.item.a.unitId) || a.item.a.taskId - b.item.a.taskId,
  );

  const doneTasks = totals.tasks.done + totals.tasks.done_late;
  const doneAssignments = totals.assignments.done + totals.assignments.done_late;
  const dimOrder = (d: string | null) => {
    const i = (DIMENSIONS as readonly (string | null)[]).indexOf(d);
    return i < 0 ? DIMENSIONS.length : i;
  };
  const byDimension = [...dims.values()].sort((a, b) => dimOrder(a.dimension) - dimOrder(b.dimension));
  return {
    planId: input.planId,
    asOf: now.toISOString(),
    today,
    horizonDays,
    byDimension,
    totals,
    units,
    overdue: overdue.slice(0, limit).map((x) => ({ ...lineOf(x, unitNames), dueDate: x.dueDate!, daysOverdue: x.daysOverdue })),
    overdueTotal: overdue.length,
    upcoming: upcoming.slice(0, limit).map((u) => ({ ...lineOf(u.item, unitNames), status: u.status, dueDate: u.dueDate, daysLeft: u.daysLeft })),
    upcomingTotal: upcoming.length,
    progress: {
      doneTasks,
      taskCount: totals.taskCount,
      share: totals.taskCount ? doneTasks / totals.taskCount : null,
      doneAssignments,
      assignmentCount: items.length,
      assignmentShare: items.length ? doneAssignments / items.length : null,
    },
  };
}

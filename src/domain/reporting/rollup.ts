/**
 * Consolidation of a round (issue 4, item 4): from the round's reports, their entries and the units,
 * how each unit stands against the submission deadline, how its tasks stand, and each task rolled up
 * over all the units that lead it ("7/10 xã, phường hoàn thành"), grouped by PAPI dimension.
 *
 * Pure: no I/O, no clock (callers pass `now`). The status of every entry is derived with
 * assignmentStatus() from its dues and what the unit said in its last submission, so a task whose
 * due has passed reads "Quá hạn" even when the unit never sent anything.
 */
import { DIMENSION_LABEL_VI, type Dimension } from '../plans/plan.js';
import type { ReportState } from '../policies/index.js';
import type { UnitKind } from '../units/unit.js';
import { ASSIGNMENT_STATUSES, assignmentStatus, dueEndsAt, STATUS_LABEL_VI, type AssignmentStatusName, type DueDate, type ReportedStatus } from './status.js';

/** How a unit stands against the round's deadline. */
export type SubmissionState = 'on_time' | 'late' | 'missing' | 'pending';

export const SUBMISSION_LABEL_VI: Record<SubmissionState, string> = {
  on_time: 'Đúng hạn',
  late: 'Chậm',
  missing: 'Chưa gửi (quá hạn)',
  pending: 'Chưa gửi',
};

export type StatusCounts = Record<AssignmentStatusName, number>;

export interface RollupUnit {
  id: number;
  name: string;
  kind: UnitKind;
}

export interface RollupReport {
  id: number;
  unitId: number;
  status: ReportState;
  submittedAt: string | null;
  late: boolean;
}

export interface RollupEntry {
  reportId: number;
  taskId: number;
  role: 'lead' | 'coordinating';
  status: ReportedStatus;
  progress: number | null;
  results: string;
  difficulties: string;
  proposals: string;
  blockedReason: string | null;
  completedOn: string | null;
  /** The due dates inside the round's span (YYYY-MM-DD), or original/current pairs after approved extensions. */
  dues: readonly (string | DueDate)[];
}

export interface RollupTask {
  id: number;
  no: string;
  content: string;
  dimension: Dimension | null;
  position: number;
}

export interface RollupInput {
  submissionDeadline: string;
  now: Date;
  units: readonly RollupUnit[];
  reports: readonly RollupReport[];
  entries: readonly RollupEntry[];
  tasks: readonly RollupTask[];
}

export interface UnitTaskStatus {
  taskId: number;
  unitId: number;
  unitName: string;
  status: AssignmentStatusName;
  label: string;
  overdue: boolean;
  daysOverdue: number;
  due: string | null;
  explanation: string;
}

export interface UnitRollup {
  unitId: number;
  unitName: string;
  reportId: number;
  reportStatus: ReportState;
  submission: SubmissionState;
  submissionLabel: string;
  submittedAt: string | null;
  counts: StatusCounts;
  total: number;
  /** The unit's tasks past their due and not done (blocked ones past due included). */
  overdueTasks: Array<{ taskId: number; no: string; content: string; due: string | null; daysOverdue: number }>;
}

export interface TaskRollup {
  taskId: number;
  no: string;
  content: string;
  dimension: Dimension | null;
  assignees: number;
  done: number;
  counts: StatusCounts;
  /** "7/10 xã, phường hoàn thành". */
  sentence: string;
  units: UnitTaskStatus[];
  /** What coordinating units said about the task in their submitted contributions (beside the lead units). */
  contributions?: Contribution[];
}

/** A coordinating unit's word on a task, from a submitted or accepted report of the round. */
export interface Contribution {
  unitId: number;
  unitName: string;
  reportId: number;
  reportStatus: ReportState;
  status: ReportedStatus;
  progress: number | null;
  results: string;
  difficulties: string;
  proposals: string;
}

export interface Highlight {
  unitName: string;
  taskNo: string;
  text: string;
}

export interface DimensionRollup {
  dimension: Dimension | null;
  label: string;
  /** Tasks counted by their rolled-up status (taskStatus()). */
  tasks: StatusCounts;
  taskCount: number;
  /** Every unit's assignment counted by status. */
  assignments: StatusCounts;
  /** Results quoted from accepted reports, with the unit's name. */
  results: Highlight[];
  /** Difficulties and blocked reasons quoted from accepted reports. */
  difficulties: Highlight[];
}

export interface RoundRollup {
  units: UnitRollup[];
  tasks: TaskRollup[];
  dimensions: DimensionRollup[];
  submission: { onTime: string[]; late: string[]; missing: string[]; pending: string[] };
  totals: StatusCounts;
}

export const emptyCounts = (): StatusCounts =>
  Object.fromEntries(ASSIGNMENT_STATUSES.map((s) => [s, 0])) as StatusCounts;

export function submissionState(report: Pick<RollupReport, 'submittedAt' | 'late'>, deadline: string, now: Date): SubmissionState {
  if (report.submittedAt) return report.late ? 'late' : 'on_time';
  return now.getTime() > dueEndsAt(deadline).getTime() ? 'missing' : 'pending';
}

const isDone = (s: AssignmentStatusName) => s === 'done' || s === 'done_late';

/**
 * A task's status over all its assignees: done when all are done (done_late when any was late);
 * otherwise overdue when any is overdue, blocked when any is blocked, in_progress when any has
 * started or finished, not_started when any is asked to start, else not_due.
 */
export function taskStatus(statuses: readonly AssignmentStatusName[]): AssignmentStatusName {
  if (statuses.length === 0) return 'not_due';
  if (statuses.every(isDone)) return statuses.includes('done_late') ? 'done_late' : 'done';
  for (const s of ['overdue', 'blocked'] as const) if (statuses.includes(s)) return s;
  if (statuses.some((s) => s === 'in_progress' || isDone(s))) return 'in_progress';
  if (statuses.includes('not_started')) return 'not_started';
  return 'not_due';
}

/** "xã, phường" when every assignee is a commune or ward, "đơn vị" otherwise. */
export function assigneeNoun(kinds: readonly UnitKind[]): string {
  if (kinds.length > 0 && kinds.every((k) => k === 'commune' || k === 'ward')) return 'xã, phường';
  return 'đơn vị';
}

/** "7/10 xã, phường hoàn thành". */
export function rollupSentence(done: number, assignees: number, noun: string): string {
  return `${done}/${assignees} ${noun} hoàn thành`;
}

/** Short form of a status for the annex table ("HT", "HT chậm", "Đang TH", …). */
export const STATUS_SHORT_VI: Record<AssignmentStatusName, string> = {
  not_due: 'Chưa đến hạn',
  not_started: 'Chưa TH',
  in_progress: 'Đang TH',
  done: 'HT',
  done_late: 'HT chậm',
  overdue: 'Quá hạn',
  blocked: 'Vướng mắc',
};

const collator = new Intl.Collator('vi');

export function rollupRound(input: RollupInput): RoundRollup {
  const units = new Map(input.units.map((u) => [u.id, u]));
  const tasks = new Map(input.tasks.map((t) => [t.id, t]));
  const reports = new Map(input.reports.map((r) => [r.id, r]));
  const nameOf = (unitId: number) => units.get(unitId)?.name ?? `#${unitId}`;

  // Every lead entry's status at `now`, from what its unit last submitted.
  const statuses: Array<UnitTaskStatus & { entry: RollupEntry; report: RollupReport }> = [];
  for (const e of input.entries) {
    if (e.role !== 'lead') continue;
    const report = reports.get(e.reportId);
    if (!report || !tasks.has(e.taskId)) continue;
    const said = report.submittedAt
      ? [{ reportedAt: report.submittedAt, status: e.status, progress: e.progress, completedOn: e.completedOn, blockedReason: e.blockedReason }]
      : [];
    const s = assignmentStatus({ active: true, dues: e.dues, reports: said, now: input.now });
    statuses.push({
      entry: e,
      report,
      taskId: e.taskId,
      unitId: report.unitId,
      unitName: nameOf(report.unitId),
      status: s.status,
      label: s.label,
      overdue: s.overdue,
      daysOverdue: s.daysOverdue,
      due: s.due?.current ?? null,
      explanation: s.explanation,
    });
  }
  const strip = ({ entry: _e, report: _r, ...rest }: (typeof statuses)[number]): UnitTaskStatus => rest;
  const byReport = new Map<number, typeof statuses>();
  const byTask = new Map<number, typeof statuses>();
  for (const s of statuses) {
    let a = byReport.get(s.report.id);
    if (!a) byReport.set(s.report.id, (a = []));
    a.push(s);
    let b = byTask.get(s.taskId);
    if (!b) byTask.set(s.taskId, (b = []));
    b.push(s);
  }

  // Coordinating units' words, shown beside the lead units; a report holding only such entries (a unit that
  // only coordinates) is not a lead unit's report, so it is neither counted nor urged.
  const contributions = new Map<number, Contribution[]>();
  const leadReports = new Set<number>();
  const contributionOnly = new Set<number>();
  for (const e of input.entries) {
    if (e.role === 'lead') {
      leadReports.add(e.reportId);
      continue;
    }
    contributionOnly.add(e.reportId);
    const report = reports.get(e.reportId);
    if (!report || (report.status !== 'submitted' && report.status !== 'accepted')) continue;
    let list = contributions.get(e.taskId);
    if (!list) contributions.set(e.taskId, (list = []));
    list.push({
      unitId: report.unitId,
      unitName: nameOf(report.unitId),
      reportId: report.id,
      reportStatus: report.status,
      status: e.status,
      progress: e.progress,
      results: e.results,
      difficulties: e.difficulties,
      proposals: e.proposals,
    });
  }
  for (const id of leadReports) contributionOnly.delete(id);

  const unitRollups: UnitRollup[] = input.reports
    .filter((r) => !contributionOnly.has(r.id))
    .map((r) => {
      const mine = byReport.get(r.id) ?? [];
      const counts = emptyCounts();
      for (const s of mine) counts[s.status]++;
      const submission = submissionState(r, input.submissionDeadline, input.now);
      return {
        unitId: r.unitId,
        unitName: nameOf(r.unitId),
        reportId: r.id,
        reportStatus: r.status,
        submission,
        submissionLabel: SUBMISSION_LABEL_VI[submission],
        submittedAt: r.submittedAt,
        counts,
        total: mine.length,
        overdueTasks: mine
          .filter((s) => s.overdue)
          .sort((a, b) => tasks.get(a.taskId)!.position - tasks.get(b.taskId)!.position)
          .map((s) => ({ taskId: s.taskId, no: tasks.get(s.taskId)!.no, content: tasks.get(s.taskId)!.content, due: s.due, daysOverdue: s.daysOverdue })),
      };
    })
    .sort((a, b) => collator.compare(a.unitName, b.unitName));

  const ordered = [...input.tasks].sort((a, b) => a.position - b.position || a.id - b.id);
  const taskRollups: TaskRollup[] = [];
  for (const t of ordered) {
    const mine = [...(byTask.get(t.id) ?? [])].sort((a, b) => collator.compare(a.unitName, b.unitName));
    if (mine.length === 0) continue;
    const counts = emptyCounts();
    for (const s of mine) counts[s.status]++;
    const done = counts.done + counts.done_late;
    const noun = assigneeNoun(mine.map((s) => units.get(s.unitId)?.kind ?? 'agency'));
    taskRollups.push({
      taskId: t.id,
      no: t.no,
      content: t.content,
      dimension: t.dimension,
      assignees: mine.length,
      done,
      counts,
      sentence: rollupSentence(done, mine.length, noun),
      units: mine.map(strip),
      contributions: (contributions.get(t.id) ?? []).sort((a, b) => collator.compare(a.unitName, b.unitName)),
    });
  }

  const dimensions: DimensionRollup[] = [];
  const byDimension = new Map<Dimension | null, DimensionRollup>();
  for (const tr of taskRollups) {
    let d = byDimension.get(tr.dimension);
    if (!d) {
      d = {
        dimension: tr.dimension,
        label: tr.dimension ? DIMENSION_LABEL_VI[tr.dimension] : 'Nhiệm vụ chung',
        tasks: emptyCounts(),
        taskCount: 0,
        assignments: emptyCounts(),
        results: [],
        difficulties: [],
      };
      byDimension.set(tr.dimension, d);
      dimensions.push(d);
    }
    d.taskCount++;
    d.tasks[taskStatus(tr.units.map((u) => u.status))]++;
    for (const s of tr.units) d.assignments[s.status]++;
    for (const s of (byTask.get(tr.taskId) ?? []).filter((x) => x.report.status === 'accepted')) {
      const results = s.entry.results.trim();
      if (results) d.results.push({ unitName: s.unitName, taskNo: tr.no, text: results });
      const hard = [s.entry.difficulties.trim(), s.entry.blockedReason?.trim() ?? ''].filter(Boolean).join('; ');
      if (hard) d.difficulties.push({ unitName: s.unitName, taskNo: tr.no, text: hard });
    }
  }

  const totals = emptyCounts();
  for (const s of statuses) totals[s.status]++;
  const names = (state: SubmissionState) => unitRollups.filter((u) => u.submission === state).map((u) => u.unitName);
  return {
    units: unitRollups,
    tasks: taskRollups,
    dimensions,
    submission: { onTime: names('on_time'), late: names('late'), missing: names('missing'), pending: names('pending') },
    totals,
  };
}

/** "3 hoàn thành, 1 quá hạn" — the non-zero counts in status order, lower case. */
export function countsSentence(counts: StatusCounts): string {
  const parts = ASSIGNMENT_STATUSES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${STATUS_LABEL_VI[s].toLocaleLowerCase('vi')}`);
  return parts.length ? parts.join(', ') : 'không có nhiệm vụ';
}

/**
 * Where a unit stands on one task: what the dashboard needs of the unit's whole reporting history, kept
 * small enough to be read for every assignment of a province-scale plan in one narrow query.
 *
 * Pure. `standingOf` folds the lead entries of one unit for one task (oldest round first, then by report)
 * into:
 *  - `reportId`: the latest report listing the task for the unit, whatever its state (the line opens it);
 *  - `any`: the unit's latest word over all its entries (what a task without dates — continuous — shows);
 *  - `words`: per due date, the latest word among the entries asked about that due;
 *  - `onTime`: the dues whose latest word is "done" by that ORIGINAL due (onTimeOutcome says 'on_time').
 * A "word" is an entry of a SUBMITTED or ACCEPTED report, dated by the report's submission: drafts and
 * returned reports say nothing. The latest word is chosen by latestReport (status.ts): the latest
 * submission, a tie going to the later report.
 *
 * Nothing here is a status: statuses ("overdue", "done late"…) are still derived at read time by
 * assignmentStatus from these words, the dues and `now` (dashboard.ts). What is kept are the unit's own
 * statements, which change only when a report is submitted, resubmitted, returned or accepted.
 */
import { latestReport, type ProgressReport, type ReportedStatus } from './status.js';
import { onTimeOutcome } from './extensions.js';

export interface StandingEntry {
  reportId: number;
  reportStatus: 'draft' | 'submitted' | 'returned' | 'accepted';
  submittedAt: string | null;
  status: ReportedStatus;
  completedOn: string | null;
  /** The dues the entry was asked about. */
  dues: readonly string[];
}

/** The unit's latest statement on a task (for one due, or over all). */
export interface StandingWord extends ProgressReport {
  reportId: number;
  status: ReportedStatus;
  completedOn: string | null;
}

export interface Standing {
  reportId: number | null;
  any: StandingWord | null;
  words: Map<string, StandingWord>;
  /** Sorted dues whose latest word is done by the due. */
  onTime: string[];
}

function wordOf(e: StandingEntry): StandingWord | null {
  if ((e.reportStatus !== 'submitted' && e.reportStatus !== 'accepted') || !e.submittedAt) return null;
  return { reportId: e.reportId, reportedAt: e.submittedAt, status: e.status, completedOn: e.completedOn };
}

/** Folds one unit's entries on one task, oldest first, into its standing at `now`. */
export function standingOf(entries: readonly StandingEntry[], now: Date): Standing {
  const all: StandingWord[] = [];
  const byDue = new Map<string, StandingWord[]>();
  for (const e of entries) {
    const w = wordOf(e);
    if (!w) continue;
    all.push(w);
    for (const d of e.dues) {
      const list = byDue.get(d);
      if (list) list.push(w);
      else byDue.set(d, [w]);
    }
  }
  const words = new Map<string, StandingWord>();
  const onTime: string[] = [];
  for (const [due, list] of byDue) {
    const latest = latestReport(list, now) as StandingWord | null;
    if (!latest) continue;
    words.set(due, latest);
    if (onTimeOutcome({ dues: [due], reports: [latest] }, now) === 'on_time') onTime.push(due);
  }
  onTime.sort();
  return {
    reportId: entries.length ? entries[entries.length - 1]!.reportId : null,
    any: latestReport(all, now) as StandingWord | null,
    words,
    onTime,
  };
}

/** The on-time dues as stored: sorted dates joined by commas ('' when none). */
export const joinDues = (dues: readonly string[]): string => dues.join(',');

/**
 * The standing table keeps, per (plan, unit), one PACKED row about the unit's tasks as wholes (due '') and
 * one per due the unit has spoken about, so a dashboard reads about a hundred rows per due instead of one
 * per assignment. Each row's body is a JSON array of tuples sorted by task id (deterministic: a rebuild
 * writes the same text). Still no status: only the unit's own words.
 */

/** A task as a whole: [taskId, latest listing reportId, its round's first day, word status, completedOn, reportedAt, onTime]. */
export type WholeTuple = [number, number | null, string | null, ReportedStatus | null, string | null, string | null, string];
/** The unit's latest word on one due of a task: [taskId, reportId, status, completedOn, reportedAt]. */
export type WordTuple = [number, number, ReportedStatus, string | null, string];

/** One task's standing as packed tuples: the whole, and one word per due (due '' is not a due). */
export function tuplesOf(taskId: number, s: Standing, roundFrom: string | null): { whole: WholeTuple; words: Array<[string, WordTuple]> } {
  const whole: WholeTuple = [taskId, s.reportId, roundFrom, s.any?.status ?? null, s.any?.completedOn ?? null, s.any?.reportedAt ?? null, joinDues(s.onTime)];
  const words: Array<[string, WordTuple]> = [];
  for (const [due, w] of s.words) if (due !== '') words.push([due, [taskId, w.reportId, w.status, w.completedOn, w.reportedAt]]);
  return { whole, words };
}

/** The body of a packed due row: its tuples sorted by task id. */
export function packTuples<T extends [number, ...unknown[]]>(tuples: T[]): string {
  return JSON.stringify([...tuples].sort((a, b) => a[0] - b[0]));
}

export const unpackTuples = <T>(body: string): T[] => JSON.parse(body) as T[];

/**
 * The tasks as wholes are stored in two rows. The '' row, which every dashboard request reads, holds per
 * task only the latest listing report and the on-time dues: those written once, as a sorted dictionary `d`,
 * and per task a bit mask over it (bit i = d[i]; one number while the dictionary holds at most 30 dues,
 * else one number per 30) instead of the dates themselves. The '*' row (WHOLE_WORDS_DUE) holds per task the
 * round of that report and the latest word over all dues: read only for tasks without dates and by writes.
 */
export const WHOLE_WORDS_DUE = '*';
export type PackedWhole = [number, number | null, number | number[]];
export interface PackedListing {
  d: string[];
  t: PackedWhole[];
}
/** [taskId, round's first day, word status, completedOn, reportedAt]. */
export type WholeWordTuple = [number, string | null, ReportedStatus | null, string | null, string | null];

/** Whether bit i of an on-time mask is set. */
export const maskHas = (mask: number | readonly number[], i: number): boolean =>
  typeof mask === 'number' ? i < 30 && (mask & (1 << i)) !== 0 : ((mask[Math.floor(i / 30)] ?? 0) & (1 << i % 30)) !== 0;

/** The bodies of the '' and '*' rows of a unit's tasks as wholes. */
export function packWholes(wholes: readonly WholeTuple[]): { listing: string; words: string } {
  const sorted = [...wholes].sort((a, b) => a[0] - b[0]);
  const dict = [...new Set(sorted.flatMap((w) => (w[6] ? w[6].split(',') : [])))].sort();
  const index = new Map(dict.map((d, i) => [d, i]));
  const size = Math.max(1, Math.ceil(dict.length / 30));
  const t = sorted.map((w): PackedWhole => {
    const mask = new Array<number>(size).fill(0);
    for (const d of w[6] ? w[6].split(',') : []) {
      const i = index.get(d)!;
      mask[Math.floor(i / 30)]! |= 1 << i % 30;
    }
    return [w[0], w[1], size === 1 ? mask[0]! : mask];
  });
  const words = sorted.map((w): WholeWordTuple => [w[0], w[2], w[3], w[4], w[5]]);
  return { listing: JSON.stringify({ d: dict, t } satisfies PackedListing), words: JSON.stringify(words) };
}

export const parseListing = (body: string): PackedListing => JSON.parse(body) as PackedListing;

/** The '' and '*' rows back as tuples with their on-time dues joined (the repository merges these). */
export function unpackWholes(listing: string, words: string | undefined): WholeTuple[] {
  const { d, t } = parseListing(listing);
  const byTask = new Map((words ? (JSON.parse(words) as WholeWordTuple[]) : []).map((w) => [w[0], w]));
  return t.map((p) => {
    const w = byTask.get(p[0]);
    return [p[0], p[1], w?.[1] ?? null, w?.[2] ?? null, w?.[3] ?? null, w?.[4] ?? null, joinDues(d.filter((_, i) => maskHas(p[2], i)))];
  });
}

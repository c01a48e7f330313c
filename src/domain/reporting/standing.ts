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

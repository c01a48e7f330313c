import type { Actor } from '../domain/accounts/actor.js';
import { can, type ReportState } from '../domain/policies/index.js';
import { submissionState, type SubmissionState } from '../domain/reporting/rollup.js';
import type { Store } from '../db/repositories/index.js';
import type { Clock } from './clock.js';

/** One line of "my reports" (contracts.md: GET /reports). */
export interface ReportListItem {
  id: number;
  roundId: number;
  roundLabel: string;
  planId: number;
  planTitle: string;
  unitId: number;
  unitName: string;
  status: ReportState;
  version: number;
  submissionDeadline: string;
  submittedAt: string | null;
  late: boolean;
  submission: SubmissionState;
  entryCount: number;
}

export interface ReportListQuery {
  /** Only the reports of the actor's own unit. */
  mine?: boolean;
  status?: ReportState;
  planId?: number;
}

/**
 * Reports across rounds: a unit officer's "my reports" (`mine`: the reports of the actor's own unit), or
 * every report in the actor's scope. Each row is checked against the Report read policy.
 */
export class ReportListService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, query: ReportListQuery = {}): Promise<ReportListItem[]> {
    let unitIds: number[] | undefined;
    if (query.mine) unitIds = actor.unitId === null ? [] : [actor.unitId];
    else if (actor.scope !== null) unitIds = [...actor.scope];
    const rows = await this.store.read.reporting.reportList({
      ...(unitIds !== undefined ? { unitIds } : {}),
      ...(query.status !== undefined ? { status: query.status } : {}),
      ...(query.planId !== undefined ? { planId: query.planId } : {}),
    });
    const now = this.clock.now();
    const collator = new Intl.Collator('vi');
    // The latest rounds first (the query's order), the units of a round by their Vietnamese names.
    const roundOrder = new Map<number, number>();
    for (const r of rows) if (!roundOrder.has(r.roundId)) roundOrder.set(r.roundId, roundOrder.size);
    return rows
      .filter((r) => can(actor, 'read', 'Report', { unitId: r.unitId, status: r.status }))
      .sort((a, b) => roundOrder.get(a.roundId)! - roundOrder.get(b.roundId)! || collator.compare(a.unitName, b.unitName) || a.id - b.id)
      .map((r) => ({
        id: r.id,
        roundId: r.roundId,
        roundLabel: r.roundLabel,
        planId: r.planId,
        planTitle: r.planTitle,
        unitId: r.unitId,
        unitName: r.unitName,
        status: r.status,
        version: r.version,
        submissionDeadline: r.submissionDeadline,
        submittedAt: r.submittedAt,
        late: r.late === 1,
        submission: submissionState({ submittedAt: r.submittedAt, late: r.late === 1 }, r.submissionDeadline, now),
        entryCount: r.entryCount,
      }));
  }
}

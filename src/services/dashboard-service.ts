import type { Actor } from '../domain/accounts/actor.js';
import { inScope } from '../domain/accounts/actor.js';
import { notFound } from '../domain/errors.js';
import { authorize } from '../domain/policies/index.js';
import {
  buildDashboard,
  dashboardDues,
  dashboardLines,
  standingKey,
  type AssignmentLine,
  type AssignmentStanding,
  type Dashboard,
  type DashboardInput,
  type LineFilter,
} from '../domain/reporting/dashboard.js';
import type { ProgressReport } from '../domain/reporting/status.js';
import { taskOriginalDues } from '../domain/reporting/due.js';
import type { Store } from '../db/repositories/index.js';
import type { Clock } from './clock.js';
import { currentDuesOf, dueFactsOf } from './extension-service.js';

/**
 * The home page of coordinators and leaders: a plan's standing at this moment, derived at read time.
 * A fixed number of narrow queries whatever the plan's history: the plan, its tasks, their assignments,
 * the units, and from the standing table (migration 0005) one row per assignment plus the unit's word on
 * the few dues the dashboard looks at today — never the whole entry history.
 */
export class DashboardService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async get(actor: Actor, planId: number, options: { horizonDays?: number } = {}): Promise<Dashboard> {
    return buildDashboard(await this.input(actor, planId, options.horizonDays));
  }

  /** One page of the plan's lead assignments with their status now (GET /dashboard/assignments). */
  async assignments(actor: Actor, planId: number, filter: LineFilter = {}): Promise<{ total: number; items: AssignmentLine[] }> {
    return dashboardLines(await this.input(actor, planId), filter);
  }

  private async input(actor: Actor, planId: number, horizonDays?: number): Promise<DashboardInput> {
    const read = this.store.read;
    const plan = await read.plans.get(planId);
    if (!plan) throw notFound(`Không tìm thấy kế hoạch có mã số ${planId}.`);
    authorize(actor, 'read', 'PlanOverview', { planIssuerUnitId: plan.issuerUnitId });
    const now = this.clock.now();
    const [taskRows, units, events, extended] = await Promise.all([
      read.plans.tasks(planId),
      read.units.list(),
      read.extensions.eventsOfPlan(planId),
      read.extensions.approvedOfPlan(planId),
    ]);
    // Event and unspecified tasks have dues once a trigger is recorded or a coordinator sets dates.
    const facts = dueFactsOf(events);
    const tasks = taskRows.map((t) => ({
      id: t.id,
      key: t.key,
      no: t.no,
      content: t.content,
      dimension: t.dimension,
      kind: t.schedule.kind,
      dues: taskOriginalDues(t, { triggers: facts.triggers.get(t.id) ?? [], coordinatorDates: facts.coordinatorDates.get(t.id) ?? [] }),
    }));
    const [assignments, rows] = await Promise.all([
      read.plans.assignments(tasks.map((t) => t.id)),
      read.standing.read(planId, dashboardDues(tasks, now, horizonDays ?? 30)),
    ]);
    const unitById = new Map(units.map((u) => [u.id, u]));
    const leads = assignments.filter(
      (a) => a.role === 'lead' && unitById.get(a.unitId) !== undefined && unitById.get(a.unitId)!.kind !== 'external' && inScope(actor, a.unitId),
    );
    const standing = new Map<number, AssignmentStanding & { words: Map<string, ProgressReport> | null }>();
    for (const r of rows) {
      const k = standingKey(r.taskId, r.unitId);
      let s = standing.get(k);
      if (!s) standing.set(k, (s = { reportId: null, any: null, words: null, onTime: '' }));
      const word = r.status !== null && r.reportedAt !== null ? { reportedAt: r.reportedAt, status: r.status, completedOn: r.completedOn } : null;
      if (r.due === '') {
        s.reportId = r.reportId;
        s.any = word;
        s.onTime = r.onTime ?? '';
      } else if (word) {
        (s.words ??= new Map()).set(r.due, word);
      }
    }
    return {
      planId,
      tasks,
      assignments: leads.map((a) => ({ id: a.id, taskId: a.taskId, unitId: a.unitId })),
      unitNames: new Map(units.map((u) => [u.id, u.name])),
      standing,
      now,
      currentDues: currentDuesOf(extended),
      ...(horizonDays !== undefined ? { horizonDays } : {}),
    };
  }
}

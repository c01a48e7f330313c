import type { Actor } from '../domain/accounts/actor.js';
import { inScope } from '../domain/accounts/actor.js';
import { notFound } from '../domain/errors.js';
import { authorize } from '../domain/policies/index.js';
import { buildDashboard, type Dashboard, type DashboardEntry } from '../domain/reporting/dashboard.js';
import type { Store } from '../db/repositories/index.js';
import type { Clock } from './clock.js';

/**
 * The home page of coordinators and leaders: a plan's standing at this moment, derived at read time.
 * A fixed number of queries whatever the plan's size: the plan, its tasks, their assignments, the units,
 * and every lead entry of its rounds in one join.
 */
export class DashboardService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async get(actor: Actor, planId: number, options: { horizonDays?: number } = {}): Promise<Dashboard> {
    const read = this.store.read;
    const plan = await read.plans.get(planId);
    if (!plan) throw notFound(`Không tìm thấy kế hoạch có mã số ${planId}.`);
    authorize(actor, 'read', 'PlanOverview', { planIssuerUnitId: plan.issuerUnitId });
    const [tasks, units, rows] = await Promise.all([read.plans.tasks(planId), read.units.list(), read.reporting.planEntries(planId)]);
    const unitById = new Map(units.map((u) => [u.id, u]));
    const leads = (await read.plans.assignments(tasks.map((t) => t.id))).filter(
      (a) => a.role === 'lead' && unitById.get(a.unitId) !== undefined && unitById.get(a.unitId)!.kind !== 'external' && inScope(actor, a.unitId),
    );
    const duesCache = new Map<string, string[]>();
    const entries: DashboardEntry[] = rows.map((r) => {
      let dues = duesCache.get(r.dues);
      if (!dues) duesCache.set(r.dues, (dues = JSON.parse(r.dues) as string[]));
      return {
        taskId: r.taskId,
        assignmentId: r.assignmentId,
        unitId: r.unitId,
        reportId: r.reportId,
        reportStatus: r.reportStatus,
        submittedAt: r.submittedAt,
        status: r.status,
        completedOn: r.completedOn,
        dues,
      };
    });
    return buildDashboard({
      planId,
      tasks: tasks.map((t) => ({
        id: t.id,
        key: t.key,
        no: t.no,
        content: t.content,
        dimension: t.dimension,
        kind: t.schedule.kind,
        dues: t.schedule.dues.map((d) => d.date),
      })),
      assignments: leads.map((a) => ({ id: a.id, taskId: a.taskId, unitId: a.unitId })),
      unitNames: new Map(units.map((u) => [u.id, u.name])),
      entries,
      now: this.clock.now(),
      ...(options.horizonDays !== undefined ? { horizonDays: options.horizonDays } : {}),
    });
  }
}

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
    const input = await this.input(actor, planId, options.horizonDays);
    const dashboard = buildDashboard(input);
    await this.fillReports(planId, [...dashboard.overdue, ...dashboard.upcoming]);
    return dashboard;
  }

  /** One page of the plan's lead assignments with their status now (GET /dashboard/assignments). */
  async assignments(actor: Actor, planId: number, filter: LineFilter = {}): Promise<{ total: number; items: AssignmentLine[] }> {
    const page = dashboardLines(await this.input(actor, planId), filter);
    await this.fillReports(planId, page.items);
    return page;
  }

  /**
   * The report each shown line opens (the latest listing the task for the unit), read for those lines only:
   * a dashboard shows a few hundred lines, not its 7,200 assignments.
   */
  private async fillReports(planId: number, lines: AssignmentLine[]): Promise<void> {
    const missing = lines.filter((l) => l.reportId === null);
    if (missing.length === 0) return;
    const pairs = [...new Map(missing.map((l) => [standingKey(l.taskId, l.unitId), { taskId: l.taskId, unitId: l.unitId }])).values()];
    const found = new Map((await this.store.read.standing.listingReports(planId, pairs)).map((r) => [standingKey(r.taskId, r.unitId), r.reportId]));
    for (const l of missing) l.reportId = found.get(standingKey(l.taskId, l.unitId)) ?? null;
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
    // Event and unspecified tasks have dues once a trigger is recorded or a coordinator sets dates;
    // approved extensions move the dues statuses count against.
    const facts = dueFactsOf(events);
    const currentDues = currentDuesOf(extended);
    const tasks = taskRows.map((t) => ({
      id: t.id,
      key: t.key,
      no: t.no,
      content: t.content,
      dimension: t.dimension,
      kind: t.schedule.kind,
      dues: taskOriginalDues(t, { triggers: facts.triggers.get(t.id) ?? [], coordinatorDates: facts.coordinatorDates.get(t.id) ?? [] }),
    }));
    // Narrow reads of the standing table: the on-time dues of every assignment, the words on the few dues
    // looked at today, and the whole rows only for tasks without dates (whose status reads the latest word).
    const dateless = tasks.filter((t) => t.dues.length === 0).map((t) => t.id);
    const [board, wholes] = await Promise.all([
      read.standing.board(
        tasks.map((t) => t.id),
        dashboardDues(tasks, now, horizonDays ?? 30, currentDues),
      ),
      read.standing.wholes(planId, dateless),
    ]);
    const unitById = new Map(units.map((u) => [u.id, u]));
    const visible = (unitId: number) => unitById.get(unitId) !== undefined && unitById.get(unitId)!.kind !== 'external' && inScope(actor, unitId);
    const leads: Array<{ id: number; taskId: number; unitId: number }> = [];
    const standing = new Map<number, Standing>();
    const at = (taskId: number, unitId: number) => {
      const k = standingKey(taskId, unitId);
      let s = standing.get(k);
      if (!s) standing.set(k, (s = new Standing()));
      return s;
    };
    let last = -1;
    for (const r of board) {
      if (r.id !== last) {
        last = r.id;
        if (!visible(r.unitId)) continue;
        leads.push({ id: r.id, taskId: r.taskId, unitId: r.unitId });
        if (r.onTime) at(r.taskId, r.unitId).onTime = r.onTime;
      }
      // The row itself is the word (reportedAt, status, completedOn): no copy per row.
      if (r.due !== null && r.status !== null && r.reportedAt !== null) at(r.taskId, r.unitId).add(r.due, r as ProgressReport);
    }
    for (const r of wholes) {
      const s = at(r.taskId, r.unitId);
      s.reportId = r.reportId;
      s.any = r.status !== null && r.reportedAt !== null ? { reportedAt: r.reportedAt, status: r.status, completedOn: r.completedOn } : null;
    }
    return {
      planId,
      tasks,
      assignments: leads,
      unitNames: new Map(units.map((u) => [u.id, u.name])),
      standing,
      currentDues,
      now,
      ...(horizonDays !== undefined ? { horizonDays } : {}),
    };
  }
}

/**
 * One unit's standing on one task as the dashboard reads it. Usually a single word (on the governing due),
 * so the words are kept in fields, not in a Map per assignment: 7,200 Maps per request were most of the
 * garbage collector's work.
 */
class Standing implements AssignmentStanding {
  reportId: number | null = null;
  any: ProgressReport | null = null;
  onTime = '';
  words: Standing | null = null;
  private dueA: string | null = null;
  private wordA: ProgressReport | null = null;
  private more: Map<string, ProgressReport> | null = null;

  add(due: string, word: ProgressReport): void {
    this.words = this;
    if (this.dueA === null || this.dueA === due) {
      this.dueA = due;
      this.wordA = word;
    } else (this.more ??= new Map()).set(due, word);
  }

  get(due: string): ProgressReport | undefined {
    if (due === this.dueA) return this.wordA ?? undefined;
    return this.more?.get(due);
  }
}

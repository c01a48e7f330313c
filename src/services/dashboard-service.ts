import type { Actor } from '../domain/accounts/actor.js';
import { inScope } from '../domain/accounts/actor.js';
import { notFound } from '../domain/errors.js';
import { authorize } from '../domain/policies/index.js';
import {
  buildDashboard,
  dashboardDues,
  dashboardLines,
  type AssignmentLine,
  type AssignmentStanding,
  type DashboardAssignment,
  type Dashboard,
  type DashboardInput,
  type LineFilter,
} from '../domain/reporting/dashboard.js';
import type { ProgressReport } from '../domain/reporting/status.js';
import { parseListing, unpackTuples, WHOLE_WORDS_DUE, type WholeWordTuple, type WordTuple } from '../domain/reporting/standing.js';
import type { Store } from '../db/repositories/index.js';
import type { Clock } from './clock.js';
import { currentDuesOf, dashboardTasksOf, dueFactsOf } from './extension-service.js';

/**
 * The home page of coordinators and leaders: a plan's standing at this moment, derived at read time.
 * A fixed number of narrow queries whatever the plan's history: the plan, its tasks, their lead
 * assignments, the units, and from the packed standing table (migration 0005) one row per unit about its
 * tasks as wholes plus one per unit and due the dashboard looks at today — never the whole entry history.
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
    // Event and unspecified tasks have dues once a trigger is recorded or a coordinator sets dates;
    // approved extensions move the dues statuses count against.
    const facts = dueFactsOf(events);
    const currentDues = currentDuesOf(extended);
    const tasks = dashboardTasksOf(taskRows, facts);
    // The lead assignments, and the packed standing rows: per unit, its tasks as wholes and its words on
    // the few dues looked at today (about 120 rows per due at province scale, never one per assignment).
    // The latest word over all dues is read only for tasks without dates (their status rests on it).
    const dateless = new Set(tasks.filter((t) => t.dues.length === 0).map((t) => t.id));
    const [leadRows, board] = await Promise.all([
      read.standing.leads(tasks.map((t) => t.id)),
      read.standing.board(planId, dashboardDues(tasks, now, horizonDays ?? 30, currentDues), dateless.size > 0),
    ]);
    const unitById = new Map(units.map((u) => [u.id, u]));
    const visibility = new Map<number, boolean>();
    const visible = (unitId: number) => {
      let v = visibility.get(unitId);
      if (v === undefined) {
        const u = unitById.get(unitId);
        visibility.set(unitId, (v = u !== undefined && u.kind !== 'external' && inScope(actor, unitId)));
      }
      return v;
    };
    // The latest word over all dues is read only for tasks without dates (their status rests on it).
    // Per unit, its tasks' standings (small integer keys: no string and no large number per lookup).
    const byUnit = new Map<number, Map<number, Standing>>();
    const at = (taskId: number, unitId: number) => {
      let tasksOf = byUnit.get(unitId);
      if (!tasksOf) byUnit.set(unitId, (tasksOf = new Map()));
      let s = tasksOf.get(taskId);
      if (!s) tasksOf.set(taskId, (s = new Standing()));
      return s;
    };
    for (const row of board) {
      if (!visible(row.unitId)) continue;
      if (row.due === '') {
        const { d, t: wholes } = parseListing(row.body);
        for (const t of wholes) {
          const s = at(t[0], row.unitId);
          s.reportId = t[1];
          s.onTimeDues = d;
          s.onTimeMask = t[2];
        }
      } else if (row.due === WHOLE_WORDS_DUE) {
        for (const t of unpackTuples<WholeWordTuple>(row.body)) {
          if (t[2] !== null && t[4] !== null && dateless.has(t[0])) at(t[0], row.unitId).any = { reportedAt: t[4], status: t[2], completedOn: t[3] };
        }
      } else {
        for (const w of unpackTuples<WordTuple>(row.body)) at(w[0], row.unitId).add(row.due, { reportedAt: w[4], status: w[2], completedOn: w[3] });
      }
    }
    // Each lead assignment carries its standing (none when its unit has said and listed nothing on it).
    // (The rows read are this request's own: they take the standing in place, no copy per assignment.)
    const leads: DashboardAssignment[] = [];
    for (const r of leadRows as DashboardAssignment[]) {
      if (!visible(r.unitId)) continue;
      r.standing = byUnit.get(r.unitId)?.get(r.taskId) ?? null;
      leads.push(r);
    }
    return {
      planId,
      tasks,
      assignments: leads,
      unitNames: new Map(units.map((u) => [u.id, u.name])),
      standing: new Map(),
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
  onTimeDues: readonly string[] | null = null;
  onTimeMask: number | readonly number[] = 0;
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

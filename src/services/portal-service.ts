import { DIMENSION_LABEL_VI, DIMENSIONS, type Dimension, type Plan, type Task } from '../domain/plans/plan.js';
import { buildDashboard, dashboardDues, dashboardLines, rollUp, standingKey, type AssignmentStanding, type DashboardInput } from '../domain/reporting/dashboard.js';
import { parseListing, unpackTuples, WHOLE_WORDS_DUE, type WholeWordTuple, type WordTuple } from '../domain/reporting/standing.js';
import { STATUS_LABEL_VI, type AssignmentStatusName, type ProgressReport } from '../domain/reporting/status.js';
import { matchesSearch, searchKey } from '../domain/text/normalize.js';
import { vnDate } from '../domain/time.js';
import type { Unit } from '../domain/units/unit.js';
import type { Store } from '../db/repositories/index.js';
import { PUBLIC_WORDS_DUE, type AcceptedReportRow, type PublicTaskWords, type PublicWordTuple } from '../db/repositories/portal.js';
import type { Clock } from './clock.js';
import { currentDuesOf, dashboardTasksOf, dueFactsOf } from './extension-service.js';

/**
 * The public read model of plans (issue 5): what citizens see of the plans, their tasks and the units'
 * progress. Only ACCEPTED report content is ever read (db/repositories/portal.ts filters every query on
 * it); statuses are derived with the same domain rules as the staff dashboard (buildDashboard,
 * assignmentStatus) from accepted words alone. The words come from the public standing (migration 0010:
 * per unit a few packed rows of its accepted words, kept at each acceptance), never from the whole entry
 * history. A unit without an accepted word on a task shows
 * "Chưa có báo cáo được duyệt" — or "Chưa đến hạn" when the schedule asks nothing yet.
 * No actor: everything here is public by construction.
 */

export type PublicStatusCode = AssignmentStatusName | 'no_report';

export const PUBLIC_STATUS_LABEL_VI: Record<PublicStatusCode, string> = {
  ...STATUS_LABEL_VI,
  no_report: 'Chưa có báo cáo được duyệt',
};

export interface PublicStatus {
  code: PublicStatusCode;
  label: string;
}

const statusOf = (code: PublicStatusCode): PublicStatus => ({ code, label: PUBLIC_STATUS_LABEL_VI[code] });

export interface PublicUnitRef {
  id: number;
  code: string;
  name: string;
}

export interface PublicPlanSummary {
  id: number;
  number: string | null;
  title: string;
  issuer: PublicUnitRef | null;
  issuedOn: string | null;
  periodFrom: string;
  periodTo: string;
  inForce: boolean;
  /** Share of tasks done (every lead unit's accepted word says done), from accepted reports only. */
  progress: { doneTasks: number; taskCount: number; share: number | null };
}

/** One accepted report, as a published item of the timeline. */
export interface PublicUpdate {
  reportId: number;
  planId: number;
  planTitle: string;
  unit: PublicUnitRef;
  roundLabel: string;
  /** UTC instant the coordinator accepted the report. */
  acceptedAt: string;
}

export interface PublicAssignment {
  unit: PublicUnitRef;
  role: 'lead' | 'coordinating';
  /** Lead units only (coordinating units' words show on the task page). */
  status: PublicStatus | null;
  /** The due in force for this unit (after an approved extension), YYYY-MM-DD. */
  dueDate: string | null;
  /** The unit's latest accepted word: round, status, result text. */
  latest: PublicWord | null;
}

export interface PublicWord {
  entryId: number;
  roundLabel: string;
  submittedAt: string | null;
  status: PublicStatus;
  progress: number | null;
  results: string;
  completedOn: string | null;
}

export interface PublicTaskLine {
  id: number;
  no: string;
  key: string;
  content: string;
  dimension: string | null;
  output: string;
  leadText: string;
  coordinatingText: string;
  deadlineText: string;
  /** Original dues of the schedule, sorted. */
  dues: string[];
  /** The first due from today on, else the last one passed; null without dates. */
  nextDue: string | null;
  status: PublicStatus;
  assignments: PublicAssignment[];
}

export interface PublicDimension {
  dimension: string | null;
  label: string;
  counts: Record<PublicStatusCode, number>;
  done: number;
  total: number;
  tasks: PublicTaskLine[];
}

export interface PublicPlan extends PublicPlanSummary {
  bases: string[];
  dimensions: PublicDimension[];
  timeline: PublicUpdate[];
}

export interface PublicUnitWord extends PublicWord {
  evidence: Array<{ docNumber: string | null; docDate: string | null; summary: string }>;
}

/** A unit's group on the task page: its public status when it leads the task, else 'coordinating'. */
export type TaskUnitGroup = PublicStatusCode | 'coordinating';

export const TASK_UNIT_GROUP_LABEL_VI: Record<TaskUnitGroup, string> = { ...PUBLIC_STATUS_LABEL_VI, coordinating: 'Đơn vị phối hợp' };

export interface PublicTaskUnit {
  unit: PublicUnitRef;
  role: 'lead' | 'coordinating';
  status: PublicStatus | null;
  dueDate: string | null;
  /** Its newest accepted words (at most PUBLIC_WORDS_KEPT), newest first. */
  words: PublicUnitWord[];
  /** How many accepted words it has on the task in all. */
  wordCount: number;
}

/** Which of the task's units a page shows: one page of TASK_PAGE_SIZE, by group and by name (without diacritics). */
export interface TaskUnitQuery {
  page?: number;
  group?: TaskUnitGroup | null;
  name?: string | null;
}

export const TASK_PAGE_SIZE = 30;

export interface PublicTask {
  plan: PublicPlanSummary;
  task: PublicTaskLine;
  dimensionLabel: string;
  /** The units of this page (every unit with an assignment or an accepted word, leads first, by name). */
  units: PublicTaskUnit[];
  /** Every unit of the task by group (whatever the filter). */
  counts: Record<TaskUnitGroup, number>;
  /** Units of the task in all, and those the filter keeps. */
  total: number;
  matched: number;
  /** 1-based; pages of TASK_PAGE_SIZE over the matched units (at least 1). */
  page: number;
  pages: number;
  filter: { group: TaskUnitGroup | null; name: string };
}

export interface PublicUnitPage {
  unit: PublicUnitRef & { kind: string; parent: PublicUnitRef | null };
  plans: Array<{ plan: PublicPlanSummary; tasks: Array<{ task: PublicTaskLine; role: 'lead' | 'coordinating'; assignment: PublicAssignment }> }>;
  updates: PublicUpdate[];
}

export interface SearchResults {
  query: string;
  /** True when the query was cut to MAX_QUERY characters. */
  truncated: boolean;
  words: string[];
  plans: Array<{ id: number; title: string; number: string | null }>;
  tasks: Array<{ id: number; planId: number; no: string; content: string }>;
  units: PublicUnitRef[];
}

export const MAX_QUERY = 200;
const MAX_WORDS = 8;
const RESULT_LIMIT = 50;

export function dimensionLabel(dimension: string | null): string {
  return dimension && dimension in DIMENSION_LABEL_VI ? DIMENSION_LABEL_VI[dimension as Dimension] : 'Nhiệm vụ khác';
}

const isDone = (s: PublicStatusCode) => s === 'done' || s === 'done_late';
const collator = new Intl.Collator('vi');
const zeroCounts = (): Record<PublicStatusCode, number> => ({ not_due: 0, not_started: 0, in_progress: 0, done: 0, done_late: 0, overdue: 0, blocked: 0, no_report: 0 });

/** A unit's accepted words on one task: the newest few, and how many there are. */
export interface SaidOnTask {
  /** The role of the newest word's entry. */
  role: 'lead' | 'coordinating';
  count: number;
  /** Newest first (at most PUBLIC_WORDS_KEPT). */
  words: PublicWord[];
}

/**
 * The accepted words a plan's public model rests on: by standingKey(task, unit), the lead units' standing
 * (as the dashboard folds it, from accepted entries only; at least the words on the dues dashboardDues names)
 * and every unit's newest words on each task, by task then unit.
 */
export interface PublicWords {
  standing: Map<number, AssignmentStanding>;
  said: Map<number, Map<number, SaidOnTask>>;
}

/** Everything the public pages derive for one plan, computed once per request. */
interface PlanModel {
  plan: Plan;
  summary: PublicPlanSummary;
  tasks: Task[];
  lines: Map<number, PublicTaskLine>;
  said: PublicWords['said'];
}

/** How long a derived plan stays reusable when nothing was written meanwhile (public pages say max-age=60). */
const MODEL_TTL_MS = 10_000;

export class PortalService {
  /** Per plan id: the derived model, the key it was built under and when (clock time). */
  private readonly models = new Map<number, { key: string; at: number; model: Promise<PlanModel> }>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /**
   * The plan's model, reused for up to MODEL_TTL_MS while the plan, the day and the change token (reports,
   * extensions, schedule events) stay the same: a surge of readers derives it once, and an accepted report
   * still shows on the very next request.
   */
  private async model(plan: Plan, units: Map<number, Unit>): Promise<PlanModel> {
    const token = await this.store.read.portal.changeToken();
    const now = this.clock.now().getTime();
    const key = `${plan.version}|${plan.updatedAt}|${token}|${vnDate(new Date(now))}`;
    const hit = this.models.get(plan.id);
    if (hit && hit.key === key && Math.abs(now - hit.at) < MODEL_TTL_MS) return hit.model;
    const model = this.derive(plan, units);
    this.models.set(plan.id, { key, at: now, model });
    model.catch(() => this.models.delete(plan.id));
    return model;
  }

  /** The units, read again only when the units table's revision (one small aggregate query) changes. */
  private unitCache: { revision: string; units: Promise<Unit[]> } | undefined;

  private async unitList(): Promise<Unit[]> {
    const revision = await this.store.read.units.revision();
    if (this.unitCache?.revision !== revision) {
      const units = this.store.read.units.list();
      this.unitCache = { revision, units };
      units.catch(() => (this.unitCache = undefined));
    }
    return this.unitCache.units;
  }

  /** Lists of accepted reports by their query, kept while the change token (every report step writes a version) holds. */
  private readonly reportLists = new Map<string, { token: string; rows: Promise<AcceptedReportRow[]> }>();

  private async acceptedReports(options: { planId?: number; unitId?: number; limit: number }): Promise<AcceptedReportRow[]> {
    const token = await this.store.read.portal.changeToken();
    const key = `${options.planId ?? ''}|${options.unitId ?? ''}|${options.limit}`;
    const hit = this.reportLists.get(key);
    if (hit?.token === token) return hit.rows;
    if (this.reportLists.size >= 1000) this.reportLists.clear();
    const rows = this.store.read.portal.acceptedReports(options);
    this.reportLists.set(key, { token, rows });
    rows.catch(() => this.reportLists.delete(key));
    return rows;
  }

  private ref(u: Unit | undefined): PublicUnitRef | null {
    return u ? { id: u.id, code: u.code, name: u.name } : null;
  }

  /** Every plan, newest first, with its progress; in force first. */
  async plans(): Promise<PublicPlanSummary[]> {
    const read = this.store.read;
    const [plans, units] = await Promise.all([read.plans.list(), this.unitList()]);
    const byId = new Map(units.map((u) => [u.id, u]));
    const out: PublicPlanSummary[] = [];
    for (const p of plans) out.push((await this.model(p, byId)).summary);
    return out.sort((a, b) => Number(b.inForce) - Number(a.inForce) || b.id - a.id);
  }

  /** Plans whose period holds today. */
  async plansInForce(): Promise<PublicPlanSummary[]> {
    return (await this.plans()).filter((p) => p.inForce);
  }

  /** The newest accepted reports over every plan (the home page's "newest published items"). */
  async latestUpdates(limit = 8): Promise<PublicUpdate[]> {
    const read = this.store.read;
    const [rows, plans, units] = await Promise.all([this.acceptedReports({ limit }), read.plans.list(), this.unitList()]);
    return this.updates(rows, new Map(plans.map((p) => [p.id, p.title])), new Map(units.map((u) => [u.id, u])));
  }

  private updates(rows: AcceptedReportRow[], planTitles: Map<number, string>, units: Map<number, Unit>): PublicUpdate[] {
    return rows.flatMap((r) => {
      const unit = this.ref(units.get(r.unitId));
      return unit ? [{ reportId: r.reportId, planId: r.planId, planTitle: planTitles.get(r.planId) ?? '', unit, roundLabel: r.roundLabel, acceptedAt: r.acceptedAt }] : [];
    });
  }

  /** The plan accountability page; null when no plan has this id. */
  async plan(planId: number): Promise<PublicPlan | null> {
    const read = this.store.read;
    const plan = await read.plans.get(planId);
    if (!plan) return null;
    const units = new Map((await this.unitList()).map((u) => [u.id, u]));
    const model = await this.model(plan, units);
    const dims = new Map<string, PublicDimension>();
    for (const t of model.tasks) {
      const line = model.lines.get(t.id)!;
      const k = t.dimension ?? '';
      let d = dims.get(k);
      if (!d) dims.set(k, (d = { dimension: t.dimension, label: dimensionLabel(t.dimension), counts: zeroCounts(), done: 0, total: 0, tasks: [] }));
      d.tasks.push(line);
      d.counts[line.status.code]++;
      d.total++;
      if (isDone(line.status.code)) d.done++;
    }
    const order = (d: string | null) => {
      const i = (DIMENSIONS as readonly (string | null)[]).indexOf(d);
      return i < 0 ? DIMENSIONS.length : i;
    };
    const timelineRows = await this.acceptedReports({ planId, limit: 30 });
    return {
      ...model.summary,
      bases: plan.bases,
      dimensions: [...dims.values()].sort((a, b) => order(a.dimension) - order(b.dimension)),
      timeline: this.updates(timelineRows, new Map([[plan.id, plan.title]]), units),
    };
  }

  /**
   * One task with its units' newest accepted words and evidence summaries, a page of TASK_PAGE_SIZE units at a
   * time (a province-scale task has 120); null when the task is not in the plan. A page past the last shows
   * the last.
   */
  async task(planId: number, taskId: number, query: TaskUnitQuery = {}): Promise<PublicTask | null> {
    const read = this.store.read;
    const plan = await read.plans.get(planId);
    if (!plan) return null;
    const units = new Map((await this.unitList()).map((u) => [u.id, u]));
    const model = await this.model(plan, units);
    const line = model.lines.get(taskId);
    if (!line) return null;
    const said = model.said.get(taskId) ?? new Map<number, SaidOnTask>();
    const all: Array<Omit<PublicTaskUnit, 'words'> & { said: SaidOnTask | undefined }> = line.assignments.map((a) => {
      const s = said.get(a.unit.id);
      return { unit: a.unit, role: a.role, status: a.status, dueDate: a.dueDate, said: s, wordCount: s?.count ?? 0 };
    });
    // A unit that reported on the task without (or no longer with) an assignment still shows its accepted word.
    const listed = new Set(all.map((u) => u.unit.id));
    const others = [...said].filter(([unitId]) => !listed.has(unitId)).flatMap(([unitId, s]) => {
      const u = units.get(unitId);
      // External bodies are never asked to report; like their assignments, they are not listed.
      return u && u.kind !== 'external' ? [{ unit: this.ref(u)!, role: s.role, status: null, dueDate: null, said: s, wordCount: s.count }] : [];
    });
    others.sort((a, b) => collator.compare(a.unit.name, b.unit.name));
    all.push(...others);
    const groupOf = (u: { status: PublicStatus | null }): TaskUnitGroup => u.status?.code ?? 'coordinating';
    const counts = Object.fromEntries(Object.keys(TASK_UNIT_GROUP_LABEL_VI).map((k) => [k, 0])) as Record<TaskUnitGroup, number>;
    for (const u of all) counts[groupOf(u)]++;
    const name = (query.name ?? '').trim().slice(0, MAX_QUERY);
    const group = query.group ?? null;
    const matched = all.filter((u) => (group === null || groupOf(u) === group) && (name === '' || matchesSearch(searchKey(u.unit.name), name)));
    const pages = Math.max(1, Math.ceil(matched.length / TASK_PAGE_SIZE));
    const page = Math.min(pages, Math.max(1, Math.floor(query.page ?? 1)));
    const shown = matched.slice((page - 1) * TASK_PAGE_SIZE, page * TASK_PAGE_SIZE);
    // Evidence of the words shown only (accepted entries: the repository checks it again).
    const evidence = await read.portal.evidenceOfEntries(shown.flatMap((u) => u.said?.words.map((w) => w.entryId) ?? []));
    const evidenceBy = new Map<number, PublicUnitWord['evidence']>();
    for (const ev of evidence) (evidenceBy.get(ev.entryId) ?? evidenceBy.set(ev.entryId, []).get(ev.entryId)!).push({ docNumber: ev.docNumber, docDate: ev.docDate, summary: ev.summary });
    return {
      plan: model.summary,
      task: line,
      dimensionLabel: dimensionLabel(line.dimension),
      units: shown.map(({ said: s, ...u }) => ({ ...u, words: (s?.words ?? []).map((w) => ({ ...w, evidence: evidenceBy.get(w.entryId) ?? [] })) })),
      counts,
      total: all.length,
      matched: matched.length,
      page,
      pages,
      filter: { group, name },
    };
  }

  /** One unit (commune, ward, office) by its code: its tasks in every plan and their public status. */
  async unit(code: string): Promise<PublicUnitPage | null> {
    const read = this.store.read;
    const all = await this.unitList();
    const unit = all.find((u) => u.code === code || u.code.toLowerCase() === code.toLowerCase());
    if (!unit || unit.kind === 'external') return null;
    const byId = new Map(all.map((u) => [u.id, u]));
    const mine = await read.portal.assignmentsOfUnit(unit.id);
    const planIds = [...new Set(mine.map((a) => a.planId))];
    const plans: PublicUnitPage['plans'] = [];
    for (const planId of planIds) {
      const plan = await read.plans.get(planId);
      if (!plan) continue;
      const model = await this.model(plan, byId);
      const tasks: PublicUnitPage['plans'][number]['tasks'] = [];
      for (const a of mine.filter((x) => x.planId === planId)) {
        const line = model.lines.get(a.taskId);
        const assignment = line?.assignments.find((x) => x.unit.id === unit.id && x.role === a.role);
        if (line && assignment) tasks.push({ task: line, role: a.role, assignment });
      }
      plans.push({ plan: model.summary, tasks });
    }
    const rows = await this.acceptedReports({ unitId: unit.id, limit: 20 });
    const titles = new Map((await read.plans.list()).map((p) => [p.id, p.title]));
    return {
      unit: { id: unit.id, code: unit.code, name: unit.name, kind: unit.kind, parent: this.ref(unit.parentId === null ? undefined : byId.get(unit.parentId)) },
      plans,
      updates: this.updates(rows, titles, byId),
    };
  }

  /** Units of government and offices citizens may look up (no external bodies), communes and wards first. */
  async publicUnits(): Promise<Array<PublicUnitRef & { kind: string }>> {
    const units = (await this.unitList()).filter((u) => u.kind !== 'external');
    const rank = (k: string) => (k === 'commune' || k === 'ward' ? 0 : k === 'district' || k === 'province' ? 1 : 2);
    return units
      .sort((a, b) => rank(a.kind) - rank(b.kind) || collator.compare(a.name, b.name))
      .map((u) => ({ id: u.id, code: u.code, name: u.name, kind: u.kind }));
  }

  /** Search without diacritics over task contents, plan titles and unit names. */
  async search(input: string): Promise<SearchResults> {
    const truncated = input.length > MAX_QUERY;
    const query = truncated ? input.slice(0, MAX_QUERY) : input;
    const words = [...new Set(searchKey(query).split(' ').filter(Boolean))].slice(0, MAX_WORDS);
    if (words.length === 0) return { query, truncated, words, plans: [], tasks: [], units: [] };
    const read = this.store.read;
    const key = words.join(' ');
    const [plans, tasks, units] = await Promise.all([
      read.portal.searchPlans(words, RESULT_LIMIT * 4),
      read.portal.searchTasks(words, RESULT_LIMIT * 4),
      read.portal.searchUnits(words, RESULT_LIMIT * 4),
    ]);
    return {
      query,
      truncated,
      words,
      plans: plans.filter((p) => matchesSearch(p.searchText, key)).slice(0, RESULT_LIMIT).map((p) => ({ id: p.id, title: p.title, number: p.number })),
      tasks: tasks.filter((t) => matchesSearch(t.searchText, key)).slice(0, RESULT_LIMIT).map((t) => ({ id: t.id, planId: t.planId, no: t.no, content: t.content })),
      units: units.filter((u) => matchesSearch(u.searchText, key)).slice(0, RESULT_LIMIT).map((u) => ({ id: u.id, code: u.code, name: u.name })),
    };
  }

  /**
   * The accepted words of a plan from its public standing: the '' and '*' rows about tasks as wholes, the
   * '#' rows of newest words and the rows of the given dues (those dashboardDues names), about four rows
   * per unit whatever the history.
   */
  protected async publicWords(planId: number, dues: readonly string[], _now: Date): Promise<PublicWords> {
    const rows = await this.store.read.portal.publicStanding(planId, dues);
    const standing = new Map<number, AssignmentStanding>();
    const said: PublicWords['said'] = new Map();
    const at = (taskId: number, unitId: number) => {
      const k = standingKey(taskId, unitId);
      let s = standing.get(k);
      if (!s) standing.set(k, (s = { reportId: null, any: null, words: null, onTime: '', onTimeDues: null, onTimeMask: 0 }));
      return s;
    };
    for (const row of rows) {
      if (row.due === '') {
        const { d, t } = parseListing(row.body);
        for (const w of t) {
          const s = at(w[0], row.unitId);
          s.reportId = w[1];
          s.onTimeDues = d;
          s.onTimeMask = w[2];
        }
      } else if (row.due === WHOLE_WORDS_DUE) {
        for (const w of unpackTuples<WholeWordTuple>(row.body)) if (w[2] !== null && w[4] !== null) at(w[0], row.unitId).any = { reportedAt: w[4], status: w[2], completedOn: w[3] };
      } else if (row.due === PUBLIC_WORDS_DUE) {
        for (const [taskId, role, count, words] of unpackTuples<PublicTaskWords>(row.body)) {
          (said.get(taskId) ?? said.set(taskId, new Map()).get(taskId)!).set(row.unitId, { role, count, words: words.map(wordOfTuple) });
        }
      } else {
        for (const w of unpackTuples<WordTuple>(row.body)) {
          const s = at(w[0], row.unitId);
          ((s.words ??= new Map<string, ProgressReport>()) as Map<string, ProgressReport>).set(row.due, { reportedAt: w[4], status: w[2], completedOn: w[3] });
        }
      }
    }
    return { standing, said };
  }

  /** Derives every task's public status for one plan from its accepted words alone. */
  private async derive(plan: Plan, units: Map<number, Unit>): Promise<PlanModel> {
    const read = this.store.read;
    const now = this.clock.now();
    const today = vnDate(now);
    const [tasks, events, extended] = await Promise.all([read.plans.tasks(plan.id), read.extensions.eventsOfPlan(plan.id), read.extensions.approvedOfPlan(plan.id)]);
    const facts = dueFactsOf(events);
    const currentDues = currentDuesOf(extended);
    const dashTasks = dashboardTasksOf(tasks, facts);
    const [assignments, { standing, said }] = await Promise.all([
      read.plans.assignments(tasks.map((t) => t.id)),
      this.publicWords(plan.id, dashboardDues(dashTasks, now, undefined, currentDues), now),
    ]);
    const visible = (unitId: number) => {
      const u = units.get(unitId);
      return u !== undefined && u.kind !== 'external';
    };
    const leads = assignments.filter((a) => a.role === 'lead' && visible(a.unitId));
    const input: DashboardInput = {
      planId: plan.id,
      tasks: dashTasks,
      assignments: leads.map((a) => ({ id: a.id, taskId: a.taskId, unitId: a.unitId })),
      unitNames: new Map([...units.values()].map((u) => [u.id, u.name])),
      standing,
      currentDues,
      now,
      listLimit: 0,
    };
    const dashboard = buildDashboard(input);
    const lines = dashboardLines(input, { limit: Number.MAX_SAFE_INTEGER }).items;
    const lineBy = new Map(lines.map((l) => [l.assignmentId, l]));

    const taskLines = new Map<number, PublicTaskLine>();
    const byTask = new Map<number, typeof assignments>();
    for (const a of assignments) if (visible(a.unitId)) (byTask.get(a.taskId) ?? byTask.set(a.taskId, []).get(a.taskId)!).push(a);
    const dashTaskBy = new Map(dashTasks.map((t) => [t.id, t]));
    const refs = new Map<number, PublicUnitRef>();
    const refOf = (unitId: number) => refs.get(unitId) ?? refs.set(unitId, this.ref(units.get(unitId))!).get(unitId)!;
    for (const t of tasks) {
      const list = byTask.get(t.id) ?? [];
      const saidOn = said.get(t.id);
      const out: PublicAssignment[] = [];
      const leadStatuses: PublicStatusCode[] = [];
      const known: AssignmentStatusName[] = [];
      for (const a of list) {
        const unit = refOf(a.unitId);
        const word = saidOn?.get(a.unitId)?.words[0] ?? null;
        if (a.role === 'lead') {
          const l = lineBy.get(a.id);
          const derived: AssignmentStatusName = l?.status ?? 'not_due';
          const hasWord = standing.get(standingKey(t.id, a.unitId))?.any != null;
          const code: PublicStatusCode = hasWord || derived === 'not_due' ? derived : 'no_report';
          if (hasWord) known.push(derived);
          leadStatuses.push(code);
          out.push({ unit, role: 'lead', status: statusOf(code), dueDate: l?.dueDate ?? null, latest: word });
        } else {
          out.push({ unit, role: 'coordinating', status: null, dueDate: null, latest: word });
        }
      }
      const dues = [...(dashTaskBy.get(t.id)?.dues ?? [])].sort();
      let code: PublicStatusCode;
      if (known.length === 0) code = leadStatuses.includes('no_report') ? 'no_report' : 'not_due';
      else {
        code = rollUp(known);
        if (isDone(code) && known.length < leadStatuses.length) code = 'in_progress';
      }
      out.sort((a, b) => (a.role === b.role ? collator.compare(a.unit.name, b.unit.name) : a.role === 'lead' ? -1 : 1));
      taskLines.set(t.id, {
        id: t.id,
        no: t.no,
        key: t.key,
        content: t.content,
        dimension: t.dimension,
        output: t.output,
        leadText: t.leadText,
        coordinatingText: t.coordinatingText,
        deadlineText: t.deadlineText,
        dues,
        nextDue: dues.find((d) => d >= today) ?? dues[dues.length - 1] ?? null,
        status: statusOf(code),
        assignments: out,
      });
    }
    const issuer = this.ref(units.get(plan.issuerUnitId));
    return {
      plan,
      tasks,
      lines: taskLines,
      said,
      summary: {
        id: plan.id,
        number: plan.number,
        title: plan.title,
        issuer,
        issuedOn: plan.issuedOn,
        periodFrom: plan.periodFrom,
        periodTo: plan.periodTo,
        inForce: plan.periodFrom <= today && today <= plan.periodTo,
        progress: { doneTasks: dashboard.progress.doneTasks, taskCount: tasks.length, share: tasks.length ? dashboard.progress.doneTasks / tasks.length : null },
      },
    };
  }
}

/** The public status of a reported status ('not_started' for anything unknown). */
export function wordStatus(status: string): PublicStatus {
  return statusOf(status === 'done' ? 'done' : status === 'blocked' ? 'blocked' : status === 'in_progress' ? 'in_progress' : 'not_started');
}

function wordOfTuple(w: PublicWordTuple): PublicWord {
  return { entryId: w[0], roundLabel: w[1], submittedAt: w[2], status: wordStatus(w[3]), progress: w[4], results: w[5], completedOn: w[6] };
}

import type { Actor } from '../domain/accounts/actor.js';
import { conflict, notFound, validationError } from '../domain/errors.js';
import { authorize, can } from '../domain/policies/index.js';
import {
  currentDue,
  decideExtension,
  requestExtension,
  taskOriginalDues,
  type DueDate,
  type DueFacts,
  type ExtensionRequest,
  type ExtensionState,
} from '../domain/reporting/index.js';
import { isIsoDate } from '../domain/schedule/index.js';
import type { Task } from '../domain/plans/plan.js';
import type { DashboardTask } from '../domain/reporting/dashboard.js';
import type { Store } from '../db/repositories/index.js';
import type { ExtensionRow, ScheduleEventRow } from '../db/repositories/extensions.js';
import type { AuditService } from './audit-service.js';
import type { Clock } from './clock.js';

/** The API's extension (contracts.md). Dates are YYYY-MM-DD, instants UTC ISO. */
export interface ExtensionView {
  id: number;
  assignmentId: number;
  taskId: number;
  taskNo: string;
  taskContent: string;
  unitId: number;
  unitName: string;
  planId: number;
  /** The due as first set: frozen, what on-time rates count against. */
  originalDue: string;
  /** The due in force now (the latest approved date for this original, else the original). */
  currentDue: string;
  /** The due in force when the request was made. */
  previousDue: string;
  requestedDate: string;
  reason: string;
  status: ExtensionState;
  requestedBy: number | null;
  requestedByName: string | null;
  requestedAt: string;
  decidedBy: number | null;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionComment: string | null;
}

export interface NewExtensionInput {
  assignmentId: number;
  /** The due to move: its original date, or the date now in force after an earlier extension. */
  dueDate: string;
  requestedDate: string;
  reason: string;
}

export interface ExtensionQuery {
  planId?: number;
  status?: ExtensionState;
  unitId?: number;
}

/** A stored request as the domain's ExtensionRequest. */
export function toRequest(r: ExtensionRow): ExtensionRequest {
  return {
    assignmentId: r.assignmentId,
    requestedByUnitId: r.unitId,
    reason: r.reason,
    originalDate: r.originalDue,
    previousDate: r.previousDue,
    newDate: r.requestedDate,
    requestedAt: r.requestedAt,
    state: r.status,
    decidedByUserId: r.decidedBy,
    decidedAt: r.decidedAt,
    decisionNote: r.decisionComment,
  };
}

/** Triggers and coordinator dates per task, as due.ts reads them. */
export function dueFactsOf(events: readonly ScheduleEventRow[]): DueFacts & { triggers: Map<number, string[]>; coordinatorDates: Map<number, string[]> } {
  const triggers = new Map<number, string[]>();
  const coordinatorDates = new Map<number, string[]>();
  for (const e of events) {
    if (e.retiredAt) continue;
    const map = e.kind === 'trigger' ? triggers : coordinatorDates;
    const list = map.get(e.taskId);
    if (list) list.push(e.date);
    else map.set(e.taskId, [e.date]);
  }
  return { triggers, coordinatorDates };
}

/** The plan's tasks as the dashboards count them: each with its original dues, triggers and coordinator dates included. */
export function dashboardTasksOf(tasks: readonly Task[], facts: ReturnType<typeof dueFactsOf>): DashboardTask[] {
  return tasks.map((t) => ({
    id: t.id,
    key: t.key,
    no: t.no,
    content: t.content,
    dimension: t.dimension,
    kind: t.schedule.kind,
    dues: taskOriginalDues(t, { triggers: facts.triggers.get(t.id) ?? [], coordinatorDates: facts.coordinatorDates.get(t.id) ?? [] }),
  }));
}

/**
 * Approved extensions per assignment id, for whoever derives statuses (consolidation, dashboard):
 * `dueDatesOf(map, assignmentId, dues)` gives each original due beside the one in force.
 */
export function approvedByAssignment(rows: readonly ExtensionRow[]): Map<number, ExtensionRequest[]> {
  const out = new Map<number, ExtensionRequest[]>();
  for (const r of rows) {
    if (r.status !== 'approved') continue;
    const list = out.get(r.assignmentId);
    if (list) list.push(toRequest(r));
    else out.set(r.assignmentId, [toRequest(r)]);
  }
  return out;
}

/** Per assignment id, each moved original due → the due now in force (what the dashboard reads). */
export function currentDuesOf(rows: readonly ExtensionRow[]): Map<number, Map<string, string>> {
  const out = new Map<number, Map<string, string>>();
  for (const [assignmentId, list] of approvedByAssignment(rows)) {
    const moved = new Map<string, string>();
    for (const e of list) moved.set(e.originalDate, currentDue(e.originalDate, list).current);
    out.set(assignmentId, moved);
  }
  return out;
}

/** Each original due beside the due in force for one assignment (plain originals when nothing moved). */
export function dueDatesOf(approved: ReadonlyMap<number, readonly ExtensionRequest[]>, assignmentId: number | null, dues: readonly string[]): DueDate[] {
  const list = assignmentId === null ? undefined : approved.get(assignmentId);
  return dues.map((d) => (list ? currentDue(d, list) : { original: d, current: d }));
}

const uniqueViolation = (err: unknown) => /unique|duplicate/i.test(String((err as Error)?.message));

/**
 * Deadline extensions (gia hạn, issue 4 item 1): a unit asks to move one of its dues, with a reason; the
 * coordinator of the plan's issuing government approves or refuses, once. The original due is frozen
 * beside the current one: statuses count against the current due (the unit is not overdue before the
 * new date), on-time rates against the original (domain/reporting/extensions.ts). Every write is audited.
 */
export class ExtensionService {
  constructor(
    private readonly store: Store,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async request(actor: Actor, input: NewExtensionInput): Promise<ExtensionView> {
    const read = this.store.read;
    const assignment = await read.extensions.assignment(input.assignmentId);
    if (!assignment) throw notFound(`Không tìm thấy phân công có mã số ${input.assignmentId}.`);
    const plan = await read.plans.get(assignment.task.planId);
    if (!plan) throw notFound(`Không tìm thấy kế hoạch có mã số ${assignment.task.planId}.`);
    authorize(actor, 'create', 'Extension', { unitId: assignment.unitId, planIssuerUnitId: plan.issuerUnitId });
    if (assignment.role !== 'lead') {
      throw validationError('extension_not_lead', 'Chỉ đơn vị chủ trì thực hiện nhiệm vụ mới đề nghị gia hạn; đơn vị phối hợp không có thời hạn riêng.');
    }
    if (assignment.retiredAt || assignment.task.retiredAt) {
      throw conflict('assignment_retired', 'Nhiệm vụ này không còn được theo dõi; không thể đề nghị gia hạn.');
    }
    if (!isIsoDate(input.dueDate)) throw validationError('invalid_date', 'Thời hạn cần gia hạn không hợp lệ (cần dạng YYYY-MM-DD).');
    if (!isIsoDate(input.requestedDate)) throw validationError('invalid_date', 'Ngày gia hạn không hợp lệ (cần dạng YYYY-MM-DD).');

    const facts = dueFactsOf(await read.extensions.events([assignment.taskId]));
    const dues = taskOriginalDues(assignment.task, {
      triggers: facts.triggers.get(assignment.taskId) ?? [],
      coordinatorDates: facts.coordinatorDates.get(assignment.taskId) ?? [],
    });
    const existing = (await read.extensions.ofAssignment(assignment.id)).map(toRequest);
    // The due may be named by its original date or by the date now in force after an earlier extension.
    const original = dues.includes(input.dueDate)
      ? input.dueDate
      : (dues.find((d) => currentDue(d, existing).current === input.dueDate) ?? input.dueDate);
    const done = await this.doneBy(assignment.taskId, assignment.unitId, original);
    const now = this.clock.now().toISOString();
    const request = requestExtension(
      { requestedByUnitId: assignment.unitId, reason: input.reason, originalDate: original, newDate: input.requestedDate, requestedAt: now },
      { assignment: { id: assignment.id, unitId: assignment.unitId }, dues, existing, done },
    );

    const row = await this.store.transaction(async (repos) => {
      // Re-checked inside the transaction; the partial unique index settles a race between two officers.
      const again = (await repos.extensions.ofAssignment(assignment.id)).map(toRequest);
      if (again.some((e) => e.state === 'pending' && e.originalDate === original)) throw pendingExists();
      let inserted: ExtensionRow;
      try {
        inserted = await repos.extensions.insert({
          assignmentId: assignment.id,
          taskId: assignment.taskId,
          unitId: assignment.unitId,
          planId: plan.id,
          originalDue: request.originalDate,
          previousDue: request.previousDate,
          requestedDate: request.newDate,
          reason: request.reason,
          status: 'pending',
          requestedBy: actor.id,
          requestedAt: now,
          decidedBy: null,
          decidedAt: null,
          decisionComment: null,
        });
      } catch (err) {
        if (uniqueViolation(err)) throw pendingExists();
        throw err;
      }
      await this.audit.record(repos, actor, { action: 'extension.request', entity: 'extension', entityId: inserted.id, after: inserted });
      return inserted;
    });
    return (await this.views([row]))[0]!;
  }

  /** Whether the unit's latest submitted word on this due says done. */
  private async doneBy(taskId: number, unitId: number, due: string): Promise<boolean> {
    const said = (await this.store.read.extensions.submittedEntries(taskId, unitId)).filter((e) => {
      const dues = JSON.parse(e.dues) as string[];
      return dues.length === 0 || dues.includes(due);
    });
    return said.length > 0 && said[said.length - 1]!.status === 'done';
  }

  async get(actor: Actor, id: number): Promise<ExtensionView> {
    const row = await this.store.read.extensions.get(id);
    if (!row) throw extensionNotFound(id);
    const plan = await this.store.read.plans.get(row.planId);
    authorize(actor, 'read', 'Extension', { unitId: row.unitId, planIssuerUnitId: plan?.issuerUnitId ?? -1 });
    return (await this.views([row]))[0]!;
  }

  /** The requests the actor may read, newest first. */
  async list(actor: Actor, query: ExtensionQuery): Promise<ExtensionView[]> {
    const read = this.store.read;
    if (query.planId !== undefined && !(await read.plans.get(query.planId))) throw notFound(`Không tìm thấy kế hoạch có mã số ${query.planId}.`);
    const rows = await read.extensions.list(query);
    const issuers = new Map<number, number>();
    for (const planId of new Set(rows.map((r) => r.planId))) issuers.set(planId, (await read.plans.get(planId))?.issuerUnitId ?? -1);
    const visible = rows.filter((r) => can(actor, 'read', 'Extension', { unitId: r.unitId, planIssuerUnitId: issuers.get(r.planId)! }));
    return this.views(visible);
  }

  async approve(actor: Actor, id: number, comment?: string | null): Promise<ExtensionView> {
    return this.decide(actor, id, 'approve', comment ?? null);
  }

  async refuse(actor: Actor, id: number, comment: string | null | undefined): Promise<ExtensionView> {
    return this.decide(actor, id, 'refuse', comment ?? null);
  }

  private async decide(actor: Actor, id: number, decision: 'approve' | 'refuse', comment: string | null): Promise<ExtensionView> {
    const read = this.store.read;
    const row = await read.extensions.get(id);
    if (!row) throw extensionNotFound(id);
    const plan = await read.plans.get(row.planId);
    authorize(actor, 'review', 'Extension', { unitId: row.unitId, planIssuerUnitId: plan?.issuerUnitId ?? -1 });
    const now = this.clock.now().toISOString();
    const saved = await this.store.transaction(async (repos) => {
      const current = await repos.extensions.get(id);
      if (!current) throw extensionNotFound(id);
      const others = (await repos.extensions.ofAssignment(current.assignmentId)).filter((r) => r.id !== id).map(toRequest);
      const decided = decideExtension(toRequest(current), { decision, decidedByUserId: actor.id ?? 0, decidedAt: now, note: comment }, others);
      const updated = await repos.extensions.decide(id, {
        status: decided.state,
        decidedBy: actor.id,
        decidedAt: now,
        decisionComment: decided.decisionNote,
      });
      // Someone decided it between our read and our write: the domain's "already decided" answer.
      if (!updated) {
        const latest = (await repos.extensions.get(id))!;
        decideExtension(toRequest(latest), { decision, decidedByUserId: actor.id ?? 0, decidedAt: now, note: comment });
        throw conflict('extension_already_decided', 'Đề nghị gia hạn này đã được quyết định; không thể quyết định lại.');
      }
      await this.audit.record(repos, actor, { action: `extension.${decision}`, entity: 'extension', entityId: id, before: current, after: updated });
      return updated;
    });
    return (await this.views([saved]))[0]!;
  }

  /** The API shape of stored requests, with the due now in force for each. */
  private async views(rows: readonly ExtensionRow[]): Promise<ExtensionView[]> {
    if (rows.length === 0) return [];
    const read = this.store.read;
    const assignmentIds = [...new Set(rows.map((r) => r.assignmentId))];
    // A few queries whatever the number of requests: their assignments' requests, the tasks, the units.
    const approved = new Map<number, ExtensionRequest[]>();
    for (const r of await read.extensions.ofAssignments(assignmentIds)) {
      const list = approved.get(r.assignmentId);
      if (list) list.push(toRequest(r));
      else approved.set(r.assignmentId, [toRequest(r)]);
    }
    const tasks = new Map((await read.extensions.taskTexts([...new Set(rows.map((r) => r.taskId))])).map((t) => [t.id, t]));
    const unitIds = new Set(rows.map((r) => r.unitId));
    const units = new Map((await read.units.list()).filter((u) => unitIds.has(u.id)).map((u) => [u.id, u.name]));
    const users = new Map<number, string>();
    for (const userId of new Set(rows.flatMap((r) => [r.requestedBy, r.decidedBy]).filter((u): u is number => u !== null))) {
      users.set(userId, (await read.users.get(userId))?.displayName ?? '');
    }
    return rows.map((r) => ({
      id: r.id,
      assignmentId: r.assignmentId,
      taskId: r.taskId,
      taskNo: tasks.get(r.taskId)?.no ?? '',
      taskContent: tasks.get(r.taskId)?.content ?? '',
      unitId: r.unitId,
      unitName: units.get(r.unitId) ?? '',
      planId: r.planId,
      originalDue: r.originalDue,
      currentDue: currentDue(r.originalDue, approved.get(r.assignmentId) ?? []).current,
      previousDue: r.previousDue,
      requestedDate: r.requestedDate,
      reason: r.reason,
      status: r.status,
      requestedBy: r.requestedBy,
      requestedByName: r.requestedBy !== null ? (users.get(r.requestedBy) ?? null) : null,
      requestedAt: r.requestedAt,
      decidedBy: r.decidedBy,
      decidedByName: r.decidedBy !== null ? (users.get(r.decidedBy) ?? null) : null,
      decidedAt: r.decidedAt,
      decisionComment: r.decisionComment,
    }));
  }
}

function extensionNotFound(id: number) {
  return notFound(`Không tìm thấy đề nghị gia hạn có mã số ${id}.`);
}

function pendingExists() {
  return conflict('extension_pending', 'Đã có đề nghị gia hạn cho thời hạn này đang chờ xử lý.');
}

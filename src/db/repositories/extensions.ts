import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Schedule } from '../../domain/schedule/types.js';
import type { Database, ExtensionTable, TaskScheduleEventTable } from '../schema.js';

export type ExtensionRow = Selectable<ExtensionTable>;
export type NewExtensionRow = Insertable<ExtensionTable>;
export type ScheduleEventRow = Selectable<TaskScheduleEventTable>;
export type NewScheduleEventRow = Insertable<TaskScheduleEventTable>;

/** What extensions and schedule events need of a task. */
export interface ScheduledTask {
  id: number;
  planId: number;
  appendixId: number;
  key: string;
  no: string;
  content: string;
  schedule: Schedule;
  retiredAt: string | null;
}

/** An assignment with its task: the thing an extension moves a due of. */
export interface AssignmentWithTask {
  id: number;
  taskId: number;
  unitId: number;
  role: 'lead' | 'coordinating';
  retiredAt: string | null;
  task: ScheduledTask;
}

export interface ExtensionFilter {
  planId?: number;
  status?: ExtensionRow['status'];
  unitId?: number;
  /** Only these units (the actor's scope); undefined for everywhere. */
  unitIds?: readonly number[];
}

const TASK_COLUMNS = ['tasks.id', 'tasks.planId', 'tasks.appendixId', 'tasks.key', 'tasks.no', 'tasks.content', 'tasks.schedule', 'tasks.retiredAt'] as const;

const toTask = (r: { id: number; planId: number; appendixId: number; key: string; no: string; content: string; schedule: string; retiredAt: string | null }): ScheduledTask => ({
  id: r.id,
  planId: r.planId,
  appendixId: r.appendixId,
  key: r.key,
  no: r.no,
  content: r.content,
  schedule: JSON.parse(r.schedule) as Schedule,
  retiredAt: r.retiredAt,
});

/** Deadline extensions and task schedule events (triggers recorded, dates set by a coordinator). */
export class ExtensionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async task(id: number): Promise<ScheduledTask | undefined> {
    const r = await this.db.selectFrom('tasks').select(TASK_COLUMNS).where('tasks.id', '=', id).executeTakeFirst();
    return r ? toTask(r) : undefined;
  }

  async assignment(id: number): Promise<AssignmentWithTask | undefined> {
    const r = await this.db
      .selectFrom('assignments')
      .innerJoin('tasks', 'tasks.id', 'assignments.taskId')
      .select(TASK_COLUMNS)
      .select(['assignments.id as assignmentId', 'assignments.unitId', 'assignments.role', 'assignments.retiredAt as assignmentRetiredAt'])
      .where('assignments.id', '=', id)
      .executeTakeFirst();
    if (!r) return undefined;
    return { id: r.assignmentId, taskId: r.id, unitId: r.unitId, role: r.role, retiredAt: r.assignmentRetiredAt, task: toTask(r) };
  }

  // ---- extensions ---------------------------------------------------------------------------

  async insert(row: NewExtensionRow): Promise<ExtensionRow> {
    return this.db.insertInto('extensions').values(row).returningAll().executeTakeFirstOrThrow();
  }

  async get(id: number): Promise<ExtensionRow | undefined> {
    return this.db.selectFrom('extensions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Decides a request only if it is still pending; undefined when someone decided it first. */
  async decide(id: number, patch: Pick<ExtensionRow, 'status' | 'decidedBy' | 'decidedAt' | 'decisionComment'>): Promise<ExtensionRow | undefined> {
    return this.db.updateTable('extensions').set(patch).where('id', '=', id).where('status', '=', 'pending').returningAll().executeTakeFirst();
  }

  async ofAssignment(assignmentId: number): Promise<ExtensionRow[]> {
    return this.db.selectFrom('extensions').selectAll().where('assignmentId', '=', assignmentId).orderBy('id').execute();
  }

  /** Every request of some assignments, oldest first. */
  async ofAssignments(assignmentIds: readonly number[]): Promise<ExtensionRow[]> {
    const out: ExtensionRow[] = [];
    for (let i = 0; i < assignmentIds.length; i += 500) {
      out.push(...(await this.db.selectFrom('extensions').selectAll().where('assignmentId', 'in', assignmentIds.slice(i, i + 500)).orderBy('id').execute()));
    }
    return out;
  }

  /** Some tasks' numbers and contents. */
  async taskTexts(taskIds: readonly number[]): Promise<Array<{ id: number; no: string; content: string }>> {
    if (taskIds.length === 0) return [];
    return this.db.selectFrom('tasks').select(['id', 'no', 'content']).where('id', 'in', [...taskIds]).execute();
  }

  async list(filter: ExtensionFilter): Promise<ExtensionRow[]> {
    if (filter.unitIds !== undefined && filter.unitIds.length === 0) return [];
    let q = this.db.selectFrom('extensions').selectAll();
    if (filter.planId !== undefined) q = q.where('planId', '=', filter.planId);
    if (filter.status !== undefined) q = q.where('status', '=', filter.status);
    if (filter.unitId !== undefined) q = q.where('unitId', '=', filter.unitId);
    if (filter.unitIds !== undefined) q = q.where('unitId', 'in', [...filter.unitIds]);
    return q.orderBy('requestedAt', 'desc').orderBy('id', 'desc').execute();
  }

  /** Every approved extension of a plan (what moves current dues). */
  async approvedOfPlan(planId: number): Promise<ExtensionRow[]> {
    return this.db.selectFrom('extensions').selectAll().where('planId', '=', planId).where('status', '=', 'approved').orderBy('id').execute();
  }

  /** What a unit has submitted about a task: its entries in submitted or accepted reports, oldest first. */
  async submittedEntries(taskId: number, unitId: number): Promise<Array<{ status: string; dues: string; submittedAt: string | null }>> {
    return this.db
      .selectFrom('entries')
      .innerJoin('reports', 'reports.id', 'entries.reportId')
      .select(['entries.status', 'entries.dues', 'reports.submittedAt'])
      .where('entries.taskId', '=', taskId)
      .where('reports.unitId', '=', unitId)
      .where('reports.status', 'in', ['submitted', 'accepted'])
      .orderBy('reports.submittedAt')
      .orderBy('reports.id')
      .execute();
  }

  // ---- schedule events ----------------------------------------------------------------------

  async insertEvents(rows: readonly NewScheduleEventRow[]): Promise<ScheduleEventRow[]> {
    if (rows.length === 0) return [];
    return this.db.insertInto('taskScheduleEvents').values([...rows]).returningAll().execute();
  }

  /** The events in force (not replaced) of some tasks, oldest first. */
  async events(taskIds: readonly number[]): Promise<ScheduleEventRow[]> {
    const out: ScheduleEventRow[] = [];
    for (let i = 0; i < taskIds.length; i += 500) {
      out.push(
        ...(await this.db
          .selectFrom('taskScheduleEvents')
          .selectAll()
          .where('taskId', 'in', taskIds.slice(i, i + 500))
          .where('retiredAt', 'is', null)
          .orderBy('date')
          .orderBy('id')
          .execute()),
      );
    }
    return out;
  }

  /** The events in force of a plan's tasks. */
  async eventsOfPlan(planId: number): Promise<ScheduleEventRow[]> {
    return this.db.selectFrom('taskScheduleEvents').selectAll().where('planId', '=', planId).where('retiredAt', 'is', null).orderBy('date').orderBy('id').execute();
  }

  /** Retires a task's dates in force (a new setting replaces them); answers the retired rows. */
  async retireDates(taskId: number, at: string): Promise<ScheduleEventRow[]> {
    return this.db
      .updateTable('taskScheduleEvents')
      .set({ retiredAt: at })
      .where('taskId', '=', taskId)
      .where('kind', '=', 'date')
      .where('retiredAt', 'is', null)
      .returningAll()
      .execute();
  }
}

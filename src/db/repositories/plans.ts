import type { Kysely } from 'kysely';
import type { AssignmentTable, Database, PlanTable, TaskTable } from '../schema.js';
import type { Appendix, Assignment, Dimension, Plan, Task } from '../../domain/plans/plan.js';
import type { Selectable, Insertable, Updateable } from 'kysely';

const toPlan = (r: Selectable<PlanTable>): Plan => ({
  id: r.id,
  number: r.number,
  title: r.title,
  issuerUnitId: r.issuerUnitId,
  issuedOn: r.issuedOn,
  year: r.year,
  periodFrom: r.periodFrom,
  periodTo: r.periodTo,
  bases: JSON.parse(r.bases) as string[],
  parentPlanId: r.parentPlanId,
  sourceFileHash: r.sourceFileHash,
  version: r.version,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

const toTask = (r: Selectable<TaskTable>): Task => ({
  id: r.id,
  planId: r.planId,
  appendixId: r.appendixId,
  key: r.key,
  no: r.no,
  section: r.section,
  dimension: r.dimension as Dimension | null,
  subgroup: r.subgroup,
  content: r.content,
  leadText: r.leadText,
  coordinatingText: r.coordinatingText,
  output: r.output,
  deadlineText: r.deadlineText,
  schedule: JSON.parse(r.schedule) as Task['schedule'],
  parties: JSON.parse(r.parties) as Task['parties'],
  notes: JSON.parse(r.notes) as Record<string, string>,
  position: r.position,
  retiredAt: r.retiredAt,
  version: r.version,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

export type NewPlanRow = Insertable<PlanTable>;
export type NewTaskRow = Insertable<TaskTable>;
export type TaskPatch = Updateable<TaskTable>;

export class PlanRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(): Promise<Array<Plan & { taskCount: number }>> {
    const rows = await this.db
      .selectFrom('plans')
      .selectAll('plans')
      .select((eb) =>
        eb
          .selectFrom('tasks')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('tasks.planId', '=', 'plans.id')
          .where('tasks.retiredAt', 'is', null)
          .as('taskCount'),
      )
      .orderBy('plans.id', 'desc')
      .execute();
    return rows.map((r) => ({ ...toPlan(r), taskCount: Number(r.taskCount ?? 0) }));
  }

  async get(id: number): Promise<Plan | undefined> {
    const row = await this.db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toPlan(row);
  }

  async insert(row: NewPlanRow): Promise<Plan> {
    return toPlan(await this.db.insertInto('plans').values(row).returningAll().executeTakeFirstOrThrow());
  }

  async update(id: number, expectedVersion: number, patch: Updateable<PlanTable>): Promise<Plan | undefined> {
    const row = await this.db
      .updateTable('plans')
      .set({ ...patch, version: expectedVersion + 1 })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .returningAll()
      .executeTakeFirst();
    return row && toPlan(row);
  }

  async appendices(planId: number): Promise<Appendix[]> {
    return this.db.selectFrom('appendices').selectAll().where('planId', '=', planId).orderBy('position').execute();
  }

  async upsertAppendix(row: Omit<Appendix, 'id'>): Promise<Appendix> {
    const existing = await this.db
      .selectFrom('appendices')
      .selectAll()
      .where('planId', '=', row.planId)
      .where('label', '=', row.label)
      .executeTakeFirst();
    if (!existing) return this.db.insertInto('appendices').values(row).returningAll().executeTakeFirstOrThrow();
    return this.db
      .updateTable('appendices')
      .set({ title: row.title, windowFrom: row.windowFrom, windowTo: row.windowTo, position: row.position })
      .where('id', '=', existing.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async tasks(planId: number, includeRetired = false): Promise<Task[]> {
    let q = this.db.selectFrom('tasks').selectAll().where('planId', '=', planId);
    if (!includeRetired) q = q.where('retiredAt', 'is', null);
    return (await q.orderBy('position').execute()).map(toTask);
  }

  /** The tasks with these ids (retired ones too), in no particular order. */
  async tasksByIds(ids: readonly number[]): Promise<Task[]> {
    if (ids.length === 0) return [];
    return (await this.db.selectFrom('tasks').selectAll().where('id', 'in', [...new Set(ids)]).execute()).map(toTask);
  }

  async insertTask(row: NewTaskRow): Promise<Task> {
    return toTask(await this.db.insertInto('tasks').values(row).returningAll().executeTakeFirstOrThrow());
  }

  /** Inserts many tasks, in chunks, returning them in the order given. */
  async insertTasks(rows: readonly NewTaskRow[]): Promise<Task[]> {
    const out: Task[] = [];
    for (let i = 0; i < rows.length; i += 50) {
      const chunk = await this.db.insertInto('tasks').values(rows.slice(i, i + 50)).returningAll().execute();
      const byKey = new Map(chunk.map((r) => [r.key, r]));
      for (const r of rows.slice(i, i + 50)) out.push(toTask(byKey.get(r.key)!));
    }
    return out;
  }

  async updateTask(id: number, patch: TaskPatch): Promise<Task> {
    return toTask(
      await this.db
        .updateTable('tasks')
        .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
  }

  async assignments(taskIds: readonly number[], includeRetired = false): Promise<Assignment[]> {
    if (taskIds.length === 0) return [];
    const out: Assignment[] = [];
    // Chunked: SQLite caps the number of bound parameters in one statement.
    for (let i = 0; i < taskIds.length; i += 500) {
      let q = this.db.selectFrom('assignments').selectAll().where('taskId', 'in', taskIds.slice(i, i + 500));
      if (!includeRetired) q = q.where('retiredAt', 'is', null);
      out.push(...(await q.orderBy('id').execute()));
    }
    return out;
  }

  async insertAssignments(rows: Array<Insertable<AssignmentTable>>): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) await this.db.insertInto('assignments').values(rows.slice(i, i + 200)).execute();
  }

  async setAssignment(id: number, patch: Updateable<AssignmentTable>): Promise<void> {
    await this.db.updateTable('assignments').set(patch).where('id', '=', id).execute();
  }

  async storeFile(row: { hash: string; name: string; mime: string; size: number; content: Uint8Array; createdAt: string }): Promise<void> {
    await this.db
      .insertInto('files')
      .values(row)
      .onConflict((oc) => oc.column('hash').doNothing())
      .execute();
  }

  async file(hash: string): Promise<{ name: string; mime: string; content: Uint8Array } | undefined> {
    return this.db.selectFrom('files').select(['name', 'mime', 'content']).where('hash', '=', hash).executeTakeFirst();
  }

  async importOfFile(hash: string): Promise<{ planId: number; createdAt: string } | undefined> {
    return this.db.selectFrom('planImports').select(['planId', 'createdAt']).where('fileHash', '=', hash).executeTakeFirst();
  }

  async recordImport(row: { planId: number; fileHash: string; actorId: number | null; summary: string; createdAt: string }): Promise<void> {
    await this.db.insertInto('planImports').values(row).execute();
  }
}

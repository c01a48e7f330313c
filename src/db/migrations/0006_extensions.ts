import { sql, type Kysely } from 'kysely';
import { idColumn, type MigrationContext } from './helpers.js';

/**
 * Deadline extensions (gia hạn) and the schedule events of a task (issue 4, item 1).
 *
 * `extensions`: a unit asks to move one due of an assignment; the ORIGINAL due is frozen beside the due
 * in force when asked and the date asked for. At most one pending request per assignment and original
 * due (a partial unique index, so two officers asking at once cannot both succeed).
 *
 * `task_schedule_events`: what makes an event task or an unspecified task due — the day its event
 * happened (`trigger`), or a day a coordinator set (`date`). Dates replaced by a later setting are kept
 * with `retired_at`; only rows without it count.
 */
export function extensions(ctx: MigrationContext) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await idColumn(ctx, db.schema.createTable('extensions'))
        .addColumn('assignment_id', 'integer', (c) => c.notNull().references('assignments.id'))
        .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id'))
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
        .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id'))
        .addColumn('original_due', 'text', (c) => c.notNull())
        .addColumn('previous_due', 'text', (c) => c.notNull())
        .addColumn('requested_date', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('requested_by', 'integer')
        .addColumn('requested_at', 'text', (c) => c.notNull())
        .addColumn('decided_by', 'integer')
        .addColumn('decided_at', 'text')
        .addColumn('decision_comment', 'text')
        .execute();
      await db.schema.createIndex('extensions_assignment_idx').on('extensions').column('assignment_id').execute();
      await db.schema.createIndex('extensions_plan_idx').on('extensions').columns(['plan_id', 'status']).execute();
      await db.schema
        .createIndex('extensions_one_pending_uq')
        .on('extensions')
        .columns(['assignment_id', 'original_due'])
        .unique()
        .where(sql.ref('status'), '=', 'pending')
        .execute();

      await idColumn(ctx, db.schema.createTable('task_schedule_events'))
        .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id'))
        .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('recorded_by', 'integer')
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addColumn('retired_at', 'text')
        .execute();
      await db.schema.createIndex('task_schedule_events_task_idx').on('task_schedule_events').columns(['task_id', 'kind']).execute();
      await db.schema.createIndex('task_schedule_events_plan_idx').on('task_schedule_events').column('plan_id').execute();
    },
    async down(): Promise<void> {
      throw new Error('Migrations are append-only: write a new migration instead of rolling back.');
    },
  };
}

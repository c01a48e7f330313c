import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { StandingRepository } from '../repositories/standing.js';
import type { MigrationContext } from './helpers.js';

/**
 * The dashboard's standing table (issue 4, speed at province scale): per (task, unit) one row about the
 * task as a whole (due '') and one row per due the unit has spoken about, holding the unit's latest word,
 * never a status. Backfilled here from every existing entry; kept up to date by the reporting service in
 * the transaction of each report submission, return and acceptance, and of each round opened.
 */
export function dashboardStanding(_ctx: MigrationContext) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('dashboard_standing')
        .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id'))
        .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id'))
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
        .addColumn('due', 'text', (c) => c.notNull())
        .addColumn('report_id', 'integer')
        .addColumn('round_from', 'text')
        .addColumn('status', 'text')
        .addColumn('completed_on', 'text')
        .addColumn('reported_at', 'text')
        .addColumn('on_time', 'text')
        .addPrimaryKeyConstraint('dashboard_standing_pk', ['task_id', 'unit_id', 'due'])
        .execute();
      await db.schema.createIndex('dashboard_standing_plan_due_idx').on('dashboard_standing').columns(['plan_id', 'due']).execute();
      await new StandingRepository(db as unknown as Kysely<Database>).rebuildAll(new Date());
    },
    async down(): Promise<void> {
      throw new Error('Migrations are append-only: write a new migration instead of rolling back.');
    },
  };
}

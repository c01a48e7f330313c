import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { StandingRepository } from '../repositories/standing.js';
import type { MigrationContext } from './helpers.js';

/**
 * The dashboard's standing table (issue 4, speed at province scale): per (plan, unit) one packed row about
 * the unit's tasks as wholes (due '') and one per due the unit has spoken about, each a JSON array of tuples
 * (one per task) holding the unit's latest words, never a status. Backfilled here from every existing
 * entry; kept up to date by the reporting service in the transaction of each report submission, return and
 * acceptance, and of each round opened.
 */
export function dashboardStanding(_ctx: MigrationContext) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('dashboard_standing')
        .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id'))
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
        .addColumn('due', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('dashboard_standing_pk', ['plan_id', 'unit_id', 'due'])
        .execute();
      await new StandingRepository(db as unknown as Kysely<Database>).rebuildAll(new Date());
    },
    async down(): Promise<void> {
      throw new Error('Migrations are append-only: write a new migration instead of rolling back.');
    },
  };
}

import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { PortalRepository } from '../repositories/portal.js';
import type { MigrationContext } from './helpers.js';

/**
 * The public standing (issue 5, speed at province scale): what the public portal shows of each unit's
 * ACCEPTED reports, packed per (plan, unit) like the dashboard's standing of migration 0005 — the tasks as
 * wholes (due '' and '*'), the latest accepted word per due, and ('#') per task the two newest accepted
 * words with their text and how many there are. A draft, submitted or returned report never reaches it.
 * Backfilled here from every accepted report; kept up to date in the transaction of each acceptance
 * (an accepted report is final: nothing returns or edits it).
 */
export function publicStanding(_ctx: MigrationContext) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('public_standing')
        .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id'))
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
        .addColumn('due', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('public_standing_pk', ['plan_id', 'unit_id', 'due'])
        .execute();
      await new PortalRepository(db as unknown as Kysely<Database>).rebuildAll(new Date());
    },
    async down(): Promise<void> {
      throw new Error('Migrations are append-only: write a new migration instead of rolling back.');
    },
  };
}

import type { Kysely } from 'kysely';
import { idColumn, type MigrationContext } from './helpers.js';

/**
 * The reporting cycle: rounds (one period's call for reports on a plan), one report per unit and round,
 * one entry per task in a report, evidence for an entry, and every saved version of a report.
 */
export function reporting(ctx: MigrationContext) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await idColumn(ctx, db.schema.createTable('rounds'))
        .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id'))
        .addColumn('period_key', 'text', (c) => c.notNull())
        .addColumn('period_kind', 'text', (c) => c.notNull())
        .addColumn('period_from', 'text', (c) => c.notNull())
        .addColumn('period_to', 'text', (c) => c.notNull())
        .addColumn('calendar_from', 'text', (c) => c.notNull())
        .addColumn('calendar_to', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('submission_deadline', 'text', (c) => c.notNull())
        .addColumn('opened_by', 'integer')
        .addColumn('opened_at', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addUniqueConstraint('rounds_plan_period_uq', ['plan_id', 'period_key'])
        .execute();

      await idColumn(ctx, db.schema.createTable('reports'))
        .addColumn('round_id', 'integer', (c) => c.notNull().references('rounds.id'))
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('narrative', 'text', (c) => c.notNull())
        .addColumn('return_comment', 'text')
        .addColumn('submitted_at', 'text')
        .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('reports_round_unit_uq', ['round_id', 'unit_id'])
        .execute();
      await db.schema.createIndex('reports_unit_idx').on('reports').column('unit_id').execute();

      await idColumn(ctx, db.schema.createTable('entries'))
        .addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id'))
        .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id'))
        .addColumn('assignment_id', 'integer', (c) => c.references('assignments.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('progress', 'integer')
        .addColumn('results', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('difficulties', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('proposals', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('blocked_reason', 'text')
        .addColumn('completed_on', 'text')
        .addColumn('review_comment', 'text')
        .addColumn('dues', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addUniqueConstraint('entries_report_task_uq', ['report_id', 'task_id'])
        .execute();
      await db.schema.createIndex('entries_task_idx').on('entries').column('task_id').execute();

      await idColumn(ctx, db.schema.createTable('evidence'))
        .addColumn('entry_id', 'integer', (c) => c.notNull().references('entries.id'))
        .addColumn('doc_number', 'text')
        .addColumn('doc_date', 'text')
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('file_hash', 'text', (c) => c.references('files.hash'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('evidence_entry_idx').on('evidence').column('entry_id').execute();

      await idColumn(ctx, db.schema.createTable('report_versions'))
        .addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('snapshot', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('report_versions_report_version_uq', ['report_id', 'version'])
        .execute();
    },
    async down(): Promise<void> {
      throw new Error('Migrations are append-only: write a new migration instead of rolling back.');
    },
  };
}

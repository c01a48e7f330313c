import type { Kysely } from 'kysely';
import { blobType, idColumn, type MigrationContext } from './helpers.js';

/**
 * Plans and what they hold: appendices, tasks with their parsed Schedule, assignments of tasks to
 * units, the stored source files (by content hash) and the history of imports.
 */
export function plans(ctx: MigrationContext) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('files')
        .addColumn('hash', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('mime', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('content', blobType(ctx), (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await idColumn(ctx, db.schema.createTable('plans'))
        .addColumn('number', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('issuer_unit_id', 'integer', (c) => c.notNull().references('units.id'))
        .addColumn('issued_on', 'text')
        .addColumn('year', 'integer')
        .addColumn('period_from', 'text', (c) => c.notNull())
        .addColumn('period_to', 'text', (c) => c.notNull())
        .addColumn('bases', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('parent_plan_id', 'integer', (c) => c.references('plans.id'))
        .addColumn('source_file_hash', 'text', (c) => c.references('files.hash'))
        .addColumn('search_text', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await idColumn(ctx, db.schema.createTable('appendices'))
        .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id'))
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('window_from', 'text', (c) => c.notNull())
        .addColumn('window_to', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addUniqueConstraint('appendices_plan_label_uq', ['plan_id', 'label'])
        .execute();

      await idColumn(ctx, db.schema.createTable('tasks'))
        .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id'))
        .addColumn('appendix_id', 'integer', (c) => c.notNull().references('appendices.id'))
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('no', 'text', (c) => c.notNull())
        .addColumn('section', 'text')
        .addColumn('dimension', 'text')
        .addColumn('subgroup', 'text')
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('lead_text', 'text', (c) => c.notNull())
        .addColumn('coordinating_text', 'text', (c) => c.notNull())
        .addColumn('output', 'text', (c) => c.notNull())
        .addColumn('deadline_text', 'text', (c) => c.notNull())
        .addColumn('schedule', 'text', (c) => c.notNull())
        .addColumn('parties', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('notes', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('search_text', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('retired_at', 'text')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('tasks_plan_key_uq', ['plan_id', 'key'])
        .execute();
      await db.schema.createIndex('tasks_plan_idx').on('tasks').columns(['plan_id', 'position']).execute();

      await idColumn(ctx, db.schema.createTable('assignments'))
        .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id'))
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('source_text', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('retired_at', 'text')
        .addUniqueConstraint('assignments_task_unit_uq', ['task_id', 'unit_id'])
        .execute();
      await db.schema.createIndex('assignments_unit_idx').on('assignments').column('unit_id').execute();

      await idColumn(ctx, db.schema.createTable('plan_imports'))
        .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id'))
        .addColumn('file_hash', 'text', (c) => c.notNull().references('files.hash'))
        .addColumn('actor_id', 'integer')
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('plan_imports_file_idx').on('plan_imports').column('file_hash').execute();
    },
    async down(): Promise<void> {
      throw new Error('Migrations are append-only: write a new migration instead of rolling back.');
    },
  };
}

import type { Kysely } from 'kysely';
import { idColumn, type MigrationContext } from './helpers.js';

/**
 * The citizen reception schedule, administrative procedures and dossiers (issue 5).
 *
 * `reception_slots`: one slot of a unit's schedule (lịch tiếp công dân); status draft → published, or
 * cancelled (kept, shown as cancelled). Dates YYYY-MM-DD, times HH:MM local (Asia/Ho_Chi_Minh).
 *
 * `procedures`: the administrative procedures a unit handles (national code, name, field, processing
 * time in working days, fee); one row per (unit, code).
 *
 * `dossiers`: dossiers received at a unit (code and short receipt code, both UNIQUE), their procedure,
 * dates, stored status and the steps so far (JSON). The applicant's name is stored for staff; the public
 * sees it masked. There is deliberately no column for an applicant's phone or ID number.
 */
export function reception(ctx: MigrationContext) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await idColumn(ctx, db.schema.createTable('reception_slots'))
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('start_time', 'text', (c) => c.notNull())
        .addColumn('end_time', 'text', (c) => c.notNull())
        .addColumn('place', 'text', (c) => c.notNull())
        .addColumn('officer_name', 'text', (c) => c.notNull())
        .addColumn('officer_title', 'text', (c) => c.notNull())
        .addColumn('officer_phone', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text')
        .addColumn('cancelled_at', 'text')
        .addColumn('cancel_reason', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('reception_slots_status_date_idx').on('reception_slots').columns(['status', 'date']).execute();
      await db.schema.createIndex('reception_slots_unit_date_idx').on('reception_slots').columns(['unit_id', 'date']).execute();

      await idColumn(ctx, db.schema.createTable('procedures'))
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('field', 'text', (c) => c.notNull())
        .addColumn('processing_days', 'integer')
        .addColumn('fee', 'text')
        .addColumn('search_text', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('procedures_unit_code_uq').on('procedures').columns(['unit_id', 'code']).unique().execute();

      await idColumn(ctx, db.schema.createTable('dossiers'))
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('receipt_code', 'text', (c) => c.notNull().unique())
        .addColumn('procedure_id', 'integer', (c) => c.notNull().references('procedures.id'))
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
        .addColumn('applicant_name', 'text', (c) => c.notNull())
        .addColumn('received_date', 'text', (c) => c.notNull())
        .addColumn('due_date', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('returned_date', 'text')
        .addColumn('steps', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('dossiers_unit_idx').on('dossiers').columns(['unit_id', 'received_date']).execute();
    },
    async down(): Promise<void> {
      throw new Error('Migrations are append-only: write a new migration instead of rolling back.');
    },
  };
}

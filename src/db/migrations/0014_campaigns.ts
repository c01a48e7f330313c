import type { Kysely } from 'kysely';
import { idColumn, type MigrationContext } from './helpers.js';

/**
 * Voluntary contributions (issue 6, item 3).
 *
 * `campaigns`: a commune's campaign (cuộc vận động đóng góp tự nguyện): purpose and its folded key, money
 * target in đồng, optional in-kind target, period, status open | closed. One OPEN campaign per (unit,
 * purpose key) is checked by the service inside the write's transaction; closed ones may repeat a purpose.
 * There is deliberately no column for a minimum or per-household amount (voluntary principle).
 *
 * `contributions`: who gave (name, village — no phone or ID column), money or in kind with its estimated
 * value, date, the receipt number (UNIQUE per campaign) and the random verification code (UNIQUE).
 *
 * `spendings`: what was spent, with its evidence stored by content hash in `files`, and a note when the
 * total spent passes the money received.
 */
export function campaigns(ctx: MigrationContext) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await idColumn(ctx, db.schema.createTable('campaigns'))
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('purpose_key', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('target_amount', 'bigint', (c) => c.notNull())
        .addColumn('in_kind_target', 'text')
        .addColumn('start_date', 'text', (c) => c.notNull())
        .addColumn('end_date', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('campaigns_unit_purpose_idx').on('campaigns').columns(['unit_id', 'purpose_key', 'status']).execute();

      await idColumn(ctx, db.schema.createTable('contributions'))
        .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
        .addColumn('contributor_name', 'text', (c) => c.notNull())
        .addColumn('village', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('in_kind_description', 'text')
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('receipt_no', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('recorded_by', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('contributions_campaign_receipt_uq').on('contributions').columns(['campaign_id', 'receipt_no']).unique().execute();

      await idColumn(ctx, db.schema.createTable('spendings'))
        .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('overspend_note', 'text')
        .addColumn('evidence_file_hash', 'text')
        .addColumn('evidence_name', 'text')
        .addColumn('evidence_mime', 'text')
        .addColumn('recorded_by', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('spendings_campaign_idx').on('spendings').columns(['campaign_id', 'date']).execute();
    },
    async down(): Promise<void> {
      throw new Error('Migrations are append-only: write a new migration instead of rolling back.');
    },
  };
}

import type { Kysely } from 'kysely';
import { idColumn, type MigrationContext } from './helpers.js';

/**
 * Disclosures (công khai) and their register (issue 5, items 1–2).
 *
 * `disclosures`: one item a commune publishes in a category (poor-household list, budget, land, procedures,
 * anti-corruption report, recruitment notice), with its legal basis, the channels it goes through (JSON),
 * its publish date and posting end (the unpublish date), and its state (draft → pending → published →
 * taken_down). `disclosure_tables`: the item's table, columns and rows as JSON (already filtered of personal
 * data). `disclosure_postings`: evidence that it was posted on a channel (a photo, minutes), by file hash.
 * `disclosure_attachments`: documents (PDF, DOCX, XLSX) by file hash; files live in `files`.
 */
export function disclosures(ctx: MigrationContext) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await idColumn(ctx, db.schema.createTable('disclosures'))
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('legal_basis', 'text', (c) => c.notNull())
        .addColumn('channels', 'text', (c) => c.notNull())
        .addColumn('publish_date', 'text')
        .addColumn('posting_end', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('search_text', 'text', (c) => c.notNull())
        .addColumn('return_comment', 'text')
        .addColumn('approved_by', 'integer')
        .addColumn('approved_at', 'text')
        .addColumn('taken_down_at', 'text')
        .addColumn('taken_down_on', 'text')
        .addColumn('taken_down_reason', 'text')
        .addColumn('created_by', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.createIndex('disclosures_unit_idx').on('disclosures').columns(['unit_id', 'category']).execute();
      await db.schema.createIndex('disclosures_public_idx').on('disclosures').columns(['status', 'publish_date']).execute();

      await db.schema
        .createTable('disclosure_tables')
        .addColumn('disclosure_id', 'integer', (c) => c.primaryKey().references('disclosures.id'))
        .addColumn('columns', 'text', (c) => c.notNull())
        .addColumn('rows', 'text', (c) => c.notNull())
        .addColumn('source_name', 'text')
        .addColumn('imported_at', 'text', (c) => c.notNull())
        .execute();

      await idColumn(ctx, db.schema.createTable('disclosure_postings'))
        .addColumn('disclosure_id', 'integer', (c) => c.notNull().references('disclosures.id'))
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('posted_on', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('evidence_file_hash', 'text')
        .addColumn('recorded_by', 'integer')
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('disclosure_postings_item_idx').on('disclosure_postings').column('disclosure_id').execute();

      await idColumn(ctx, db.schema.createTable('disclosure_attachments'))
        .addColumn('disclosure_id', 'integer', (c) => c.notNull().references('disclosures.id'))
        .addColumn('file_hash', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('mime', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('disclosure_attachments_item_idx').on('disclosure_attachments').column('disclosure_id').execute();
    },
    async down(): Promise<void> {
      throw new Error('Migrations are append-only: write a new migration instead of rolling back.');
    },
  };
}

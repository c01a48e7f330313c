import type { Kysely } from 'kysely';
import { idColumn, type MigrationContext } from './helpers.js';

/**
 * Citizens' feedback, complaints and denunciations (issue 6), and the shared rate-limit log.
 *
 * `feedback_cases`: one case; `code` is the citizen's tracking code (UNIQUE). The sender's name and contact
 * are in `feedback_senders`, a separate table public queries never join. `duplicate_of` links a report of
 * the same problem to the case that answers it. Dates YYYY-MM-DD local, instants ISO UTC.
 * `feedback_messages`: the history (status changes, answers, notes, ratings) — nothing is overwritten.
 * `feedback_attachments`: photos and files, stored once by content hash in `files`.
 * `rate_events`: one row per counted request (bucket, hashed key, instant), shared by every app instance.
 */
export function feedback(ctx: MigrationContext) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await idColumn(ctx, db.schema.createTable('feedback_cases'))
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('commune_id', 'integer', (c) => c.notNull().references('units.id'))
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('received_on', 'text', (c) => c.notNull())
        .addColumn('accepted_on', 'text')
        .addColumn('complexity', 'text', (c) => c.notNull())
        .addColumn('due_date', 'text', (c) => c.notNull())
        .addColumn('due_explanation', 'text', (c) => c.notNull())
        .addColumn('consent', 'integer', (c) => c.notNull())
        .addColumn('duplicate_of', 'integer', (c) => c.references('feedback_cases.id'))
        .addColumn('answer', 'text')
        .addColumn('answered_at', 'text')
        .addColumn('answer_public', 'integer', (c) => c.notNull())
        .addColumn('public_question', 'text')
        .addColumn('published_at', 'text')
        .addColumn('reject_reason', 'text')
        .addColumn('rating', 'integer')
        .addColumn('rated_at', 'text')
        .addColumn('closed_at', 'text')
        .addColumn('created_by', 'integer')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('feedback_cases_unit_idx').on('feedback_cases').columns(['unit_id', 'status']).execute();
      await db.schema.createIndex('feedback_cases_public_idx').on('feedback_cases').columns(['answer_public', 'published_at']).execute();
      await db.schema.createIndex('feedback_cases_duplicate_idx').on('feedback_cases').columns(['duplicate_of']).execute();

      await db.schema
        .createTable('feedback_senders')
        .addColumn('case_id', 'integer', (c) => c.primaryKey().references('feedback_cases.id'))
        .addColumn('name', 'text')
        .addColumn('contact', 'text')
        .execute();

      await idColumn(ctx, db.schema.createTable('feedback_messages'))
        .addColumn('case_id', 'integer', (c) => c.notNull().references('feedback_cases.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('body', 'text')
        .addColumn('actor_id', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('feedback_messages_case_idx').on('feedback_messages').columns(['case_id', 'id']).execute();

      await idColumn(ctx, db.schema.createTable('feedback_attachments'))
        .addColumn('case_id', 'integer', (c) => c.notNull().references('feedback_cases.id'))
        .addColumn('file_hash', 'text', (c) => c.notNull().references('files.hash'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('mime', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('feedback_attachments_case_idx').on('feedback_attachments').columns(['case_id']).execute();

      await idColumn(ctx, db.schema.createTable('rate_events'))
        .addColumn('bucket', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('rate_events_bucket_key_at_idx').on('rate_events').columns(['bucket', 'key', 'at']).execute();
    },
    async down(): Promise<void> {
      throw new Error('Migrations are append-only: write a new migration instead of rolling back.');
    },
  };
}

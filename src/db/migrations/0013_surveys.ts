import type { Kysely } from 'kysely';
import { idColumn, type MigrationContext } from './helpers.js';

/**
 * Satisfaction surveys (khảo sát sự hài lòng, issue 6 item 2).
 *
 * `surveys`: a unit's questionnaire (questions as JSON), about a service or the unit itself, with its state
 * (draft → published → closed) and the period it is open. `survey_responses`: one row per answer; the browser
 * session is known only by the SHA-256 of its random cookie, and UNIQUE(survey_id, session_hash) makes "one
 * answer per session" hold even when two requests race. `survey_comments`: the free-text answers, each
 * pending until moderated (approved → public, or hidden), kept apart so the moderation queue is one query.
 */
export function surveys(ctx: MigrationContext) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await idColumn(ctx, db.schema.createTable('surveys'))
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
        .addColumn('subject_kind', 'text', (c) => c.notNull())
        .addColumn('service_area', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('opens_on', 'text')
        .addColumn('closes_on', 'text')
        .addColumn('questions', 'text', (c) => c.notNull())
        .addColumn('template', 'text')
        .addColumn('created_by', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text')
        .addColumn('closed_at', 'text')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.createIndex('surveys_unit_idx').on('surveys').columns(['unit_id', 'status']).execute();
      await db.schema.createIndex('surveys_public_idx').on('surveys').columns(['status', 'opens_on']).execute();

      await idColumn(ctx, db.schema.createTable('survey_responses'))
        .addColumn('survey_id', 'integer', (c) => c.notNull().references('surveys.id'))
        .addColumn('session_hash', 'text', (c) => c.notNull())
        .addColumn('answers', 'text', (c) => c.notNull())
        .addColumn('submitted_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('survey_responses_one_per_session', ['survey_id', 'session_hash'])
        .execute();

      await idColumn(ctx, db.schema.createTable('survey_comments'))
        .addColumn('survey_id', 'integer', (c) => c.notNull().references('surveys.id'))
        .addColumn('response_id', 'integer', (c) => c.notNull().references('survey_responses.id'))
        .addColumn('question_id', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('submitted_at', 'text', (c) => c.notNull())
        .addColumn('moderated_by', 'integer')
        .addColumn('moderated_at', 'text')
        .execute();
      await db.schema.createIndex('survey_comments_queue_idx').on('survey_comments').columns(['survey_id', 'status']).execute();
    },
    async down(): Promise<void> {
      throw new Error('Migrations are append-only: write a new migration instead of rolling back.');
    },
  };
}

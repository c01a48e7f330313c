import type { Kysely } from 'kysely';
import { idColumn, type MigrationContext } from './helpers.js';

/**
 * Reminders and notifications: e-mail addresses on accounts and units; the outbox of e-mails to send
 * (one row per message, its idempotency key UNIQUE so an event is never queued twice); in-app
 * notifications (unique per user and key); job leases, so one app instance at a time runs a job.
 */
export function notifications(ctx: MigrationContext) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('users').addColumn('email', 'text').execute();
      await db.schema.alterTable('units').addColumn('email', 'text').execute();

      await idColumn(ctx, db.schema.createTable('outbox'))
        .addColumn('key', 'text', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text')
        .execute();
      await db.schema.createIndex('outbox_status_idx').on('outbox').columns(['status', 'id']).execute();

      await idColumn(ctx, db.schema.createTable('notifications'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('link', 'text')
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('read_at', 'text')
        .addUniqueConstraint('notifications_user_key_uq', ['user_id', 'key'])
        .execute();
      await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['user_id', 'id']).execute();

      await db.schema
        .createTable('job_leases')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('holder', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(): Promise<void> {
      throw new Error('Migrations are append-only: write a new migration instead of rolling back.');
    },
  };
}

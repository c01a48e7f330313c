import type { Kysely } from 'kysely';
import { idColumn, type MigrationContext } from './helpers.js';

/**
 * Citizens following a plan or a commune by e-mail (issue 5): one subscription per (address, target),
 * the hashes of the tokens its links carry (a confirmation link, and one unsubscribe link per letter, so
 * every link ever sent keeps working while the database holds no usable secret), and the outbox learns to
 * carry extra mail headers (List-Unsubscribe).
 */
export function subscriptions(ctx: MigrationContext) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await idColumn(ctx, db.schema.createTable('subscriptions'))
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('target_kind', 'text', (c) => c.notNull())
        .addColumn('target_id', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        // The last time a confirmation was asked for: unconfirmed rows older than 7 days are purged.
        .addColumn('requested_at', 'text', (c) => c.notNull())
        .addColumn('confirmed_at', 'text')
        .addColumn('unsubscribed_at', 'text')
        // Changes up to this instant have been considered for a letter (set on confirmation, moved by each digest).
        .addColumn('watermark', 'text')
        .addColumn('last_sent_at', 'text')
        .addUniqueConstraint('subscriptions_email_target_uq', ['email', 'target_kind', 'target_id'])
        .execute();
      await db.schema.createIndex('subscriptions_target_idx').on('subscriptions').columns(['target_kind', 'target_id']).execute();

      await db.schema
        .createTable('subscription_tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('subscription_id', 'integer', (c) => c.notNull().references('subscriptions.id').onDelete('cascade'))
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text')
        .execute();
      await db.schema.createIndex('subscription_tokens_sub_idx').on('subscription_tokens').columns(['subscription_id']).execute();

      await db.schema.alterTable('outbox').addColumn('headers', 'text').execute();
      await db.schema.createIndex('outbox_recipient_idx').on('outbox').columns(['recipient', 'kind', 'created_at']).execute();
    },
    async down(): Promise<void> {
      throw new Error('Migrations are append-only: write a new migration instead of rolling back.');
    },
  };
}

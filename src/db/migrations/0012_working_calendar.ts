import type { Kysely } from 'kysely';
import type { MigrationContext } from './helpers.js';

/**
 * The working calendar's exceptions (issue 6): one row per date an admin changed from the default
 * (Monday to Friday less the public holidays computed in src/domain/calendar). kind 'off': an extra day
 * off, or a day swapped for a make-up Saturday; kind 'working': a make-up Saturday (ngày làm bù) or a
 * default holiday cancelled. Clearing a date sets cleared_at and bumps the version instead of deleting
 * the row, so (count, sum of versions) changes with every write and services may cache the calendar by it.
 *
 * Not seeded: /work/shared/reference confirms no year's notice. For Tết Bính Ngọ 2026 the break announced
 * for civil servants, 14–22/02/2026, is the five default days (16–20/02) plus two weekends, so it needs no
 * row; the other 2025–2026 swaps are for an admin to enter from the notices.
 */
export function workingCalendar(_ctx: MigrationContext) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('calendar_days')
        .addColumn('date', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('cleared_at', 'text')
        .addColumn('updated_by', 'integer')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
    },
    async down(): Promise<void> {
      throw new Error('Migrations are append-only: write a new migration instead of rolling back.');
    },
  };
}

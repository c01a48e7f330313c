import { Migrator, type Migration, type MigrationResultSet } from 'kysely';
import type { DatabaseHandle } from './connection.js';
import { allMigrations } from './migrations/index.js';

export class MigrationError extends Error {}

/**
 * Brings the schema up to date. Kysely runs the pending migrations in one transaction on both
 * engines (both have transactional DDL), so a failure leaves the schema exactly as it was.
 */
export async function migrateToLatest(
  handle: DatabaseHandle,
  migrations: Record<string, Migration> = allMigrations({ engine: handle.engine }),
): Promise<string[]> {
  const migrator = new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
    // Kysely looks for its tables across all schemas; name ours, or another schema's tables would be taken for ours.
    ...(handle.schema ? { migrationTableSchema: handle.schema } : {}),
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'không rõ';
    throw new MigrationError(
      `Không cập nhật được lược đồ cơ sở dữ liệu (${handle.label}), bước ${failed}: ${
        (result.error as Error).message ?? String(result.error)
      }. Cơ sở dữ liệu giữ nguyên như trước khi chạy.`,
    );
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

import { DatabaseUrlError, DEFAULT_DATABASE_URL, openDatabase, type DatabaseHandle } from '../db/connection.js';
import { migrateToLatest, MigrationError } from '../db/migrate.js';
import { DomainError } from '../domain/errors.js';
import { createServices, type Services } from '../services/index.js';

/** An error the CLI reports as one Vietnamese line on stderr, with this exit status. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export function databaseUrl(option: string | undefined): string {
  return option ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
}

/** Opens and migrates the database; a failure stops here with a clear message and nothing half-done. */
export async function openMigrated(url: string): Promise<{ handle: DatabaseHandle; applied: string[] }> {
  let handle: DatabaseHandle;
  try {
    handle = await openDatabase(url);
  } catch (err) {
    throw new CliError((err as Error).message, 2);
  }
  try {
    const applied = await migrateToLatest(handle);
    return { handle, applied };
  } catch (err) {
    await handle.close();
    throw new CliError(err instanceof MigrationError ? err.message : `Lỗi cập nhật lược đồ: ${(err as Error).message}`, 2);
  }
}

/** Runs one command against a migrated database and always closes it. */
export async function withServices<T>(url: string, work: (services: Services) => Promise<T>): Promise<T> {
  const { handle } = await openMigrated(url);
  try {
    return await work(createServices(handle));
  } finally {
    await handle.close();
  }
}

export function describeError(err: unknown): { message: string; exitCode: number } {
  if (err instanceof CliError) return { message: err.message, exitCode: err.exitCode };
  if (err instanceof DomainError) return { message: err.message, exitCode: 1 };
  if (err instanceof DatabaseUrlError) return { message: err.message, exitCode: 2 };
  return { message: `Lỗi không mong đợi: ${(err as Error)?.message ?? String(err)}`, exitCode: 1 };
}

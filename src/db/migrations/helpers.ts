import type { CreateTableBuilder } from 'kysely';
import type { Engine } from '../connection.js';

export interface MigrationContext {
  engine: Engine;
}

/** An auto-numbered integer primary key: SERIAL on PostgreSQL, AUTOINCREMENT on SQLite. */
export function idColumn<T extends string>(ctx: MigrationContext, table: CreateTableBuilder<T, never>) {
  return ctx.engine === 'postgres'
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** Binary content: BYTEA on PostgreSQL, BLOB on SQLite. */
export function blobType(ctx: MigrationContext): 'bytea' | 'blob' {
  return ctx.engine === 'postgres' ? 'bytea' : 'blob';
}

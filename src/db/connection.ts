import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
  CamelCasePlugin,
  Kysely,
  PostgresDialect,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
} from 'kysely';
import type { Database } from './schema.js';

export type Engine = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  engine: Engine;
  /** Where it lives, with any password removed: safe for logs. */
  label: string;
  /** PostgreSQL schema chosen with `?schema=…`, else null (the server's search_path). */
  schema: string | null;
  close(): Promise<void>;
}

export const DEFAULT_DATABASE_URL = 'sqlite:./data/dondoc.sqlite';

export interface ParsedUrl {
  engine: Engine;
  /** SQLite: the file path (or ":memory:"). PostgreSQL: the connection string without our own params. */
  target: string;
  /** PostgreSQL schema from `?schema=…`, used by tests to keep runs apart. */
  schema: string | null;
}

export class DatabaseUrlError extends Error {}

export function parseDatabaseUrl(url: string): ParsedUrl {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path) throw new DatabaseUrlError('Thiếu đường dẫn tệp SQLite, ví dụ sqlite:./data/dondoc.sqlite');
    return { engine: 'sqlite', target: path, schema: null };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const u = new URL(url);
    const schema = u.searchParams.get('schema');
    u.searchParams.delete('schema');
    if (schema !== null && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
      throw new DatabaseUrlError(`Tên schema PostgreSQL không hợp lệ: ${schema}`);
    }
    return { engine: 'postgres', target: u.toString(), schema };
  }
  throw new DatabaseUrlError(
    `Địa chỉ cơ sở dữ liệu không hợp lệ: "${url}". Dùng sqlite:ĐƯỜNG_DẪN hoặc postgres://người_dùng@máy:cổng/csdl`,
  );
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/**
 * SQLite runs DDL inside transactions, but Kysely's adapter says it cannot, and its migrator then
 * runs migrations without one. Saying so here makes a failed migration roll back on SQLite too.
 */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/**
 * SQLite has one connection, which a transaction holds from BEGIN to COMMIT. Kysely's own lock wakes every
 * waiter at each release and lets whichever runs first take it, so under load an unlucky request can wait
 * for seconds (and each release costs a wake-up per waiter). This gate hands the connection over in
 * arrival order; behind it Kysely's lock is never contended.
 */
class FairSqliteDriver extends SqliteDriver {
  private readonly waiting: Array<() => void> = [];
  private busy = false;

  override async acquireConnection(): Promise<DatabaseConnection> {
    if (this.busy) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.busy = true;
    return super.acquireConnection();
  }

  override async releaseConnection(): Promise<void> {
    await super.releaseConnection();
    const next = this.waiting.shift();
    if (next) next(); // stays busy: handed straight to the next in line
    else this.busy = false;
  }
}

class TransactionalSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(settings);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalSqliteAdapter();
  }

  override createDriver(): Driver {
    return new FairSqliteDriver(this.settings);
  }
}

/**
 * Kysely's SQLite driver prepares every statement anew; compiling the SQL was an eighth of the server's
 * time under load. The same SQL text reuses its prepared statement (better-sqlite3 re-prepares it by
 * itself after a schema change). Bounded, oldest dropped first: IN lists and multi-row inserts make
 * one-off texts. Safe because nothing here streams (a statement in the middle of `iterate()` is busy).
 */
function cachingStatements(native: SQLite.Database, size = 500): { prepare(sql: string): SQLite.Statement; close(): void } {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (stmt) return stmt;
      stmt = native.prepare(sql);
      if (cache.size >= size) cache.delete(cache.keys().next().value!);
      cache.set(sql, stmt);
      return stmt;
    },
    close: () => {
      cache.clear();
      native.close();
    },
  };
}

// COUNT(*) and BIGINT come back from pg as strings; our counts fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));

export async function openDatabase(url: string): Promise<DatabaseHandle> {
  const parsed = parseDatabaseUrl(url);
  const plugins = [new CamelCasePlugin()];
  if (parsed.engine === 'sqlite') {
    const file = parsed.target === ':memory:' ? ':memory:' : resolve(parsed.target);
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    let native: SQLite.Database;
    try {
      native = new SQLite(file, { timeout: 5000 });
      native.pragma('journal_mode = WAL');
      native.pragma('foreign_keys = ON');
      native.pragma('synchronous = NORMAL');
    } catch (err) {
      throw new DatabaseUrlError(`Không mở được tệp SQLite ${file}: ${(err as Error).message}`);
    }
    const db = new Kysely<Database>({ dialect: new TransactionalSqliteDialect({ database: cachingStatements(native) }), plugins });
    return { db, engine: 'sqlite', label: `sqlite:${file}`, schema: null, close: () => db.destroy() };
  }

  const pool = new pg.Pool({
    connectionString: parsed.target,
    max: 10,
    ...(parsed.schema ? { options: `-c search_path=${parsed.schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins });
  try {
    if (parsed.schema) await db.schema.createSchema(parsed.schema).ifNotExists().execute();
    else await sql`select 1`.execute(db);
  } catch (err) {
    await db.destroy();
    throw new DatabaseUrlError(`Không kết nối được PostgreSQL ${redact(url)}: ${(err as Error).message}`);
  }
  return { db, engine: 'postgres', label: redact(url), schema: parsed.schema, close: () => db.destroy() };
}

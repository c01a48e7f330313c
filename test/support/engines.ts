import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { POSTGRES_URL } from './environment.js';

/**
 * The database engines every data-layer and API test runs against. SQLite always (in memory);
 * PostgreSQL when DATABASE_URL_TEST is set, each database in a fresh schema dropped afterwards,
 * so test files can run in parallel against one server.
 */
export interface TestEngine {
  name: 'sqlite' | 'postgres';
  open(): Promise<TestDatabase>;
}

export interface TestDatabase {
  handle: DatabaseHandle;
  /** The URL a second process (the CLI) can use to reach the same data; null for in-memory SQLite. */
  url: string | null;
  cleanup(): Promise<void>;
}

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL! });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

export const sqliteEngine: TestEngine = {
  name: 'sqlite',
  async open() {
    const handle = await openDatabase('sqlite::memory:');
    await migrateToLatest(handle);
    return { handle, url: null, cleanup: () => handle.close() };
  },
};

/** A URL to a PostgreSQL schema nobody has used yet, and a way to drop it. */
export function freshPostgresUrl(): { url: string; schema: string; drop: () => Promise<void> } {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const sep = POSTGRES_URL!.includes('?') ? '&' : '?';
  return { url: `${POSTGRES_URL}${sep}schema=${schema}`, schema, drop: () => dropSchema(schema) };
}

export const postgresEngine: TestEngine = {
  name: 'postgres',
  async open() {
    const { url, schema } = freshPostgresUrl();
    const handle = await openDatabase(url);
    await migrateToLatest(handle);
    return {
      handle,
      url,
      cleanup: async () => {
        await handle.close();
        await dropSchema(schema);
      },
    };
  },
};

export const engines: TestEngine[] = POSTGRES_URL ? [sqliteEngine, postgresEngine] : [sqliteEngine];

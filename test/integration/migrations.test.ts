import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, parseDatabaseUrl } from '../../src/db/connection.js';
import { migrateToLatest, MigrationError } from '../../src/db/migrate.js';
import { allMigrations } from '../../src/db/migrations/index.js';
import { openMigrated } from '../../src/cli/context.js';
import { engines } from '../support/engines.js';

describe.each(engines)('migrations on $name', (engine) => {
  it('are idempotent: a second run applies nothing', async () => {
    const db = await engine.open();
    try {
      expect(await migrateToLatest(db.handle)).toEqual([]);
      const head = await db.handle.db.selectFrom('auditHead').selectAll().executeTakeFirstOrThrow();
      expect(head).toMatchObject({ id: 1, seq: 0 });
    } finally {
      await db.cleanup();
    }
  });

  it('leave the schema untouched when a migration fails half-way', async () => {
    const db = await engine.open();
    try {
      const broken = {
        ...allMigrations({ engine: db.handle.engine }),
        '9999_broken': {
          async up(k: Kysely<unknown>) {
            await k.schema.createTable('half_done').addColumn('id', 'integer').execute();
            await sql`this is not sql`.execute(k);
          },
        },
      };
      await expect(migrateToLatest(db.handle, broken)).rejects.toBeInstanceOf(MigrationError);
      await expect(sql`select * from half_done`.execute(db.handle.db)).rejects.toThrow();
      // The database still works and the foundation is still there.
      expect((await db.handle.db.selectFrom('units').selectAll().execute()).length).toBe(0);
    } finally {
      await db.cleanup();
    }
  });
});

describe('opening a database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dondoc-db-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads sqlite: and postgres: URLs and rejects anything else in Vietnamese', () => {
    expect(parseDatabaseUrl('sqlite:./data/dondoc.sqlite')).toMatchObject({ engine: 'sqlite', target: './data/dondoc.sqlite' });
    expect(parseDatabaseUrl('sqlite:/tmp/d.sqlite')).toMatchObject({ engine: 'sqlite', target: '/tmp/d.sqlite' });
    expect(parseDatabaseUrl('postgres://u@h:5432/db?schema=abc')).toMatchObject({ engine: 'postgres', schema: 'abc' });
    expect(() => parseDatabaseUrl('mysql://x')).toThrow(/không hợp lệ/);
    expect(() => parseDatabaseUrl('postgres://u@h/db?schema=a;drop')).toThrow(/schema/);
  });

  it('stops with a clear message when the file is not a database', async () => {
    const file = join(dir, 'not-a-db.sqlite');
    writeFileSync(file, 'this is a text file, not SQLite '.repeat(200));
    await expect(openMigrated(`sqlite:${file}`)).rejects.toThrow(/Không (mở được|cập nhật được)/);
  });

  it('stops with a clear message when PostgreSQL does not answer', async () => {
    await expect(openMigrated('postgres://nobody@127.0.0.1:1/none')).rejects.toThrow(/Không kết nối được PostgreSQL/);
  });

  it('creates the SQLite file with WAL and foreign keys on', async () => {
    const handle = await openDatabase(`sqlite:${join(dir, 'sub', 'new.sqlite')}`);
    try {
      const mode = await sql<{ journalMode: string }>`pragma journal_mode`.execute(handle.db);
      const fk = await sql<{ foreignKeys: number }>`pragma foreign_keys`.execute(handle.db);
      expect(mode.rows[0]?.journalMode).toBe('wal');
      expect(fk.rows[0]?.foreignKeys).toBe(1);
    } finally {
      await handle.close();
    }
  });
});

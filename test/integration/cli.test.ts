import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dondoc } from '../support/cli.js';
import { openDatabase } from '../../src/db/connection.js';
import { POSTGRES_URL } from '../support/environment.js';
import { freshPostgresUrl } from '../support/engines.js';


const dir = mkdtempSync(join(tmpdir(), 'dondoc-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const targets: Array<{ name: string; url: () => Promise<{ url: string; cleanup: () => Promise<void> }> }> = [
  { name: 'sqlite', url: async () => ({ url: `sqlite:${join(dir, `cli-${Math.random()}.sqlite`)}`, cleanup: async () => {} }) },
];
if (POSTGRES_URL) {
  targets.push({
    name: 'postgres',
    url: async () => {
      const fresh = freshPostgresUrl();
      return { url: fresh.url, cleanup: fresh.drop };
    },
  });
}

describe.each(targets)('dondoc CLI on $name', (target) => {
  let url: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ url, cleanup } = await target.url());
  });
  afterEach(async () => cleanup());

  it('creates the demo, verifies the audit log, and names the entry changed by hand', async () => {
    const demo = await dondoc('demo', '--db', url, '--password', 'P');
    expect(demo.code).toBe(0);
    expect(demo.stderr).toContain('hoavinh');
    const ok = await dondoc('audit', 'verify', '--db', url);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/toàn vẹn: \d+ mục/);

    const handle = await openDatabase(url);
    await handle.db.updateTable('auditLog').set({ actorName: 'ai đó' }).where('seq', '=', 12).execute();
    await handle.close();
    const broken = await dondoc('audit', 'verify', '--db', url);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('mục số 12');
  });

  it('runs the demo twice without duplicating anything', async () => {
    await dondoc('demo', '--db', url, '--password', 'P');
    const again = await dondoc('demo', '--db', url, '--password', 'Q');
    expect(again.stderr).toContain('tạo mới 0');
    const handle = await openDatabase(url);
    const units = await handle.db.selectFrom('units').select('code').execute();
    const users = await handle.db.selectFrom('users').select('username').execute();
    const rounds = await handle.db.selectFrom('rounds').select('periodKey').execute();
    const reports = await handle.db.selectFrom('reports').select(['status']).where('status', '!=', 'draft').execute();
    await handle.close();
    expect(units.length).toBe(new Set(units.map((u) => u.code)).size);
    // The reporting history (src/demo/reporting.ts) is written once: two rounds, 8 accepted, 1 submitted, 1 returned.
    expect(rounds.map((r) => r.periodKey).sort()).toEqual(['2025-Q2', '2025-Q3']);
    expect(reports.map((r) => r.status).sort()).toEqual([...Array(8).fill('accepted'), 'returned', 'submitted']);
    expect(users.map((u) => u.username).sort()).toEqual(['admin', 'chutich', 'hoavinh', 'mattran', 'noivu']);
    expect((await dondoc('audit', 'verify', '--db', url)).code).toBe(0);
  });

  it('adds a user and resets a password, printing generated passwords on stdout only', async () => {
    await dondoc('demo', '--db', url, '--password', 'P');
    const add = await dondoc('user', 'add', 'vanthu', '--role', 'unit_officer', '--unit', 'DH.HTA', '--name', 'Văn thư Hòa Tâm', '--db', url);
    expect(add.code).toBe(0);
    expect(add.stdout.trim()).toMatch(/^\S{16}$/);
    const dup = await dondoc('user', 'add', 'vanthu', '--role', 'unit_officer', '--unit', 'DH.HTA', '--db', url);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('đã có người dùng');
    const badRole = await dondoc('user', 'add', 'x1x', '--role', 'boss', '--db', url);
    expect(badRole.stderr).toContain('Vai trò không hợp lệ');
    const reset = await dondoc('user', 'reset-password', 'hoavinh', '--password', 'mat-khau-moi-2026', '--db', url);
    expect(reset.code).toBe(0);
    const unknown = await dondoc('user', 'reset-password', 'khongco', '--db', url);
    expect(unknown.code).toBe(1);
  });

  it('migrates on demand and says when there is nothing to do', async () => {
    expect((await dondoc('migrate', '--db', url)).stderr).toContain('0001_foundation');
    expect((await dondoc('migrate', '--db', url)).stderr).toContain('bản mới nhất');
  });
});

describe('dondoc CLI errors', () => {
  it('refuses a bad database URL with a Vietnamese message and exit status 2', async () => {
    const r = await dondoc('migrate', '--db', 'mysql://x');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Địa chỉ cơ sở dữ liệu không hợp lệ');
  });

  it('prints help for every command', async () => {
    for (const cmd of [[], ['serve'], ['demo'], ['migrate'], ['user', 'add'], ['user', 'reset-password'], ['audit', 'verify']]) {
      const r = await dondoc(...cmd, '--help');
      expect(r.code, cmd.join(' ')).toBe(0);
      expect(r.stdout, cmd.join(' ')).toMatch(/Usage: dondoc/);
    }
  });
});

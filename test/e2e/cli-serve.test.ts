import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_URL } from '../support/environment.js';
import { freshPostgresUrl } from '../support/engines.js';
import { newest } from '../support/browser.js';

/**
 * The "Done when", as a newcomer would type it: the built `dondoc` command creates the demo
 * and serves it; the HTTP answers come from a real process on a real port.
 */
const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'dondoc.js');

/** The command runs from dist/: build it when missing or older than the sources. */
function ensureServerBuilt(): void {
  const entry = join(root, 'dist', 'cli', 'index.js');
  if (!existsSync(entry) || newest(join(root, 'src')) > statSync(entry).mtimeMs) {
    execFileSync('npm', ['run', 'build:server'], { cwd: root, stdio: 'inherit' });
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`dondoc serve exited: ${log()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`dondoc serve did not answer: ${log()}`);
}

const dir = mkdtempSync(join(tmpdir(), 'dondoc-serve-'));
const targets: Array<{ name: string; make: () => { url: string; drop: () => Promise<void> } }> = [
  { name: 'sqlite', make: () => ({ url: `sqlite:${join(dir, 'd.sqlite')}`, drop: async () => {} }) },
];
if (POSTGRES_URL) targets.push({ name: 'postgres', make: freshPostgresUrl });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(targets)('dondoc demo + dondoc serve on $name', (target) => {
  let child: ChildProcess;
  let base: string;
  let drop: () => Promise<void>;
  let output = '';

  beforeAll(async () => {
    ensureServerBuilt();
    const db = target.make();
    drop = db.drop;
    execFileSync(process.execPath, [bin, 'demo', '--db', db.url, '--password', 'P'], { cwd: root, stdio: 'pipe' });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [bin, 'serve', '--port', String(port), '--host', '127.0.0.1', '--db', db.url], {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: 'warn' },
    });
    child.stdout?.on('data', (d) => (output += String(d)));
    child.stderr?.on('data', (d) => (output += String(d)));
    await waitFor(`${base}/healthz`, child, () => output);
  }, 60_000);

  afterAll(async () => {
    child?.kill('SIGTERM');
    await new Promise((r) => child?.once('exit', r));
    await drop?.();
  });

  const login = async (username: string, password = 'P') =>
    fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });

  it('answers /healthz', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('signs admin in with a session cookie and refuses a wrong password', async () => {
    const ok = await login('admin');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('set-cookie')).toMatch(/dondoc_session=.+HttpOnly/i);
    expect((await login('admin', 'sai')).status).toBe(401);
  });

  it('lists the units only to a signed-in user, with the wards, communes and offices', async () => {
    expect((await fetch(`${base}/api/v1/units`)).status).toBe(401);
    const cookie = (await login('admin')).headers.get('set-cookie')!.split(';')[0]!;
    const res = await fetch(`${base}/api/v1/units`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const units = (await res.json()) as Array<{ id: number; code: string; name: string; kind: string; parentId: number | null }>;
    const dongHoa = units.find((u) => u.name === 'UBND thị xã Đông Hòa')!;
    const under = units.filter((u) => u.parentId === dongHoa.id);
    expect(under.filter((u) => u.kind === 'ward' || u.kind === 'commune')).toHaveLength(10);
    for (const name of ['Phòng Nội vụ', 'Văn phòng HĐND&UBND thị xã', 'Thanh tra thị xã', 'Ủy ban MTTQVN thị xã', 'Chi nhánh Điện lực Đông Hòa']) {
      expect(under.map((u) => u.name)).toContain(name);
    }
  });

  it('refuses hoavinh to create or edit a unit (403)', async () => {
    const res = await login('hoavinh');
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
    const create = await fetch(`${base}/api/v1/units`, { method: 'POST', headers, body: JSON.stringify({ name: 'Tổ dân phố 1', kind: 'agency' }) });
    expect(create.status).toBe(403);
    const edit = await fetch(`${base}/api/v1/units/1`, { method: 'PATCH', headers, body: JSON.stringify({ name: 'Đổi tên' }) });
    expect(edit.status).toBe(403);
    expect(((await edit.json()) as { error: { message: string } }).error.message).toMatch(/không có quyền/);
  });
});

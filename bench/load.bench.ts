/**
 * Saving and submitting reports under load (issue 4, "Speed and scale"): C concurrent clients, each the
 * unit officer of its own commune with its own draft report, for S seconds, against the real server
 * (`bin/dondoc.js serve`, a separate process, so the load generator does not share its event loop).
 *
 *   npx tsx bench/load.bench.ts [seconds] [clients]                                          # SQLite file
 *   DATABASE_URL_TEST=postgres://postgres@127.0.0.1:5432/test npx tsx bench/load.bench.ts [seconds] [clients]   # and PostgreSQL
 *   LOAD_ONLY=sqlite|postgres (one engine), LOAD_SUBMIT_EVERY=5, LOAD_CPU_PROF=<dir> (server CPU profile)
 *
 * Each client reads its report once (ETag), then loops as the staff app's autosave does: PUT the entries
 * (results text carrying the client's sequence number) with If-Match set to the version the last answer
 * gave; every K-th save it submits the report, the coordinator returns it with a comment, and the client
 * reads it again (and checks it) before saving on. Writes are the PUTs, submits and returns. Every non-2xx
 * answer is an error (each client owns its report, so a 409 means a lost update). At the end every report
 * is read back and compared with the last write its client saw acknowledged (version, status, every
 * entry's text, the narrative), the version history must hold exactly one version per acknowledged write,
 * the audit log must have grown by exactly one entry per acknowledged write, and `dondoc audit verify`
 * must pass. Targets: at least 300 writes/s, p99 under 500 ms, zero lost or corrupted submissions;
 * exits 1 when one is missed.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { generateLoadData, type LoadClientData } from './support/load-data.js';

const seconds = Number(process.argv[2] ?? 60);
const clientCount = Number(process.argv[3] ?? 200);
/** A submit (and the coordinator's return) every K-th save. */
const K = Number(process.env.LOAD_SUBMIT_EVERY ?? 5);
const TARGET_WRITES_PER_S = 300;
const TARGET_P99_MS = 500;

const root = join(import.meta.dirname, '..');
const bin = join(root, 'bin', 'dondoc.js');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function ensureServerBuilt(): void {
  const entry = join(root, 'dist', 'cli', 'index.js');
  if (!existsSync(entry) || newest(join(root, 'src')) > statSync(entry).mtimeMs) {
    try {
      execFileSync('npm', ['run', 'build:server'], { cwd: root, stdio: 'inherit' });
    } catch (err) {
      // tsc still emits on type errors; go on with what it wrote, but say so.
      if (!existsSync(entry)) throw err;
      console.error('build:server reported errors; running the JavaScript it emitted');
    }
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

// ---- HTTP ------------------------------------------------------------------------------------

interface Answer {
  status: number;
  etag: string | undefined;
  body: string;
}

let agent: http.Agent;
let base: { host: string; port: number };

function request(method: string, path: string, token: string, body?: unknown, ifMatch?: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string | number> = { authorization: `Bearer ${token}`, accept: 'application/json' };
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    }
    if (ifMatch !== undefined) headers['if-match'] = `"${ifMatch}"`;
    const req = http.request({ ...base, method, path: `/api/v1${path}`, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, etag: res.headers.etag, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(120_000, () => req.destroy(new Error('timeout')));
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

// ---- the clients -----------------------------------------------------------------------------

interface ReportBody {
  version: number;
  status: string;
  narrative: { results: string };
  entries: Array<{ taskId: number; result: string; status: string; progress: number | null }>;
}

/** What a client last saw acknowledged: the server must hold exactly this at the end. */
interface Acked {
  version: number;
  status: string;
  texts: Map<number, string>;
  narrative: string;
  writes: number;
}

type Kind = 'get' | 'put' | 'submit' | 'return';

class Stats {
  latencies: Record<Kind, number[]> = { get: [], put: [], submit: [], return: [] };
  errors = new Map<string, number>();
  mismatches: string[] = [];
  error(what: string): void {
    this.errors.set(what, (this.errors.get(what) ?? 0) + 1);
  }
}

function texts(report: ReportBody): Map<number, string> {
  return new Map(report.entries.map((e) => [e.taskId, e.result]));
}

function compare(client: LoadClientData, acked: Acked, stored: ReportBody): string | null {
  if (stored.version !== acked.version) return `report ${client.reportId}: version ${stored.version}, expected ${acked.version}`;
  if (stored.status !== acked.status) return `report ${client.reportId}: status ${stored.status}, expected ${acked.status}`;
  if (stored.narrative.results !== acked.narrative) return `report ${client.reportId}: narrative "${stored.narrative.results}", expected "${acked.narrative}"`;
  const got = texts(stored);
  for (const [taskId, text] of acked.texts) {
    if (got.get(taskId) !== text) return `report ${client.reportId}: task ${taskId} "${got.get(taskId)}", expected "${text}"`;
  }
  return null;
}

async function runClient(index: number, client: LoadClientData, coordinatorToken: string, until: number, stats: Stats): Promise<Acked> {
  const timed = async (kind: Kind, method: string, path: string, token: string, body?: unknown, ifMatch?: number): Promise<Answer | null> => {
    const t0 = performance.now();
    let answer: Answer;
    try {
      answer = await request(method, path, token, body, ifMatch);
    } catch (err) {
      stats.error(`${kind} ${(err as Error).message}`);
      return null;
    }
    stats.latencies[kind].push(performance.now() - t0);
    if (answer.status < 200 || answer.status >= 300) {
      stats.error(`${kind} ${answer.status}`);
      if (stats.errors.size < 5) console.error(`  ${kind} ${path} → ${answer.status} ${answer.body.slice(0, 200)}`);
      return null;
    }
    return answer;
  };
  const path = `/reports/${client.reportId}`;
  const first = await request('GET', path, client.token);
  if (first.status !== 200) throw new Error(`GET ${path} → ${first.status} ${first.body}`);
  const start = JSON.parse(first.body) as ReportBody;
  const acked: Acked = { version: start.version, status: start.status, texts: texts(start), narrative: start.narrative.results, writes: 0 };
  let seq = 0;
  /** After an error the client re-reads its report (and stops checking its own writes against it). */
  let lost = false;
  const ack = (answer: Answer, expect: Partial<Acked>) => {
    const saved = JSON.parse(answer.body) as ReportBody;
    acked.writes++;
    const wanted: Acked = { ...acked, ...expect, version: acked.version + 1 };
    const problem = compare(client, wanted, saved);
    if (problem && !lost) stats.mismatches.push(`answer: ${problem}`);
    acked.version = saved.version;
    acked.status = saved.status;
    acked.texts = texts(saved);
    acked.narrative = saved.narrative.results;
  };
  const reread = async () => {
    const answer = await timed('get', 'GET', path, client.token);
    if (!answer) return;
    const stored = JSON.parse(answer.body) as ReportBody;
    const problem = compare(client, acked, stored);
    if (problem && !lost) stats.mismatches.push(`re-read: ${problem}`);
    if (answer.etag !== `"${stored.version}"`) stats.mismatches.push(`report ${client.reportId}: ETag ${answer.etag} for version ${stored.version}`);
    acked.version = stored.version;
    acked.status = stored.status;
    acked.texts = texts(stored);
    acked.narrative = stored.narrative.results;
  };

  while (performance.now() < until) {
    seq++;
    const entries = client.taskIds.map((taskId, j) => ({
      taskId,
      status: j % 2 === 0 ? 'in_progress' : 'done',
      progress: j % 2 === 0 ? seq % 100 : 100,
      result: `Máy ${index} lần ${seq} nhiệm vụ ${taskId}: đã tổ chức thực hiện, kết quả cụ thể như sau.`,
    }));
    const narrative = { results: `Máy ${index}, lần lưu ${seq}.` };
    const put = await timed('put', 'PUT', path, client.token, { entries, narrative }, acked.version);
    if (!put) {
      lost = true;
      await reread();
      continue;
    }
    ack(put, { texts: new Map(entries.map((e) => [e.taskId, e.result])), narrative: narrative.results });
    if (seq % K !== 0 || performance.now() >= until) continue;
    const submitted = await timed('submit', 'POST', `${path}/submit`, client.token, {}, acked.version);
    if (!submitted) {
      lost = true;
      await reread();
      continue;
    }
    ack(submitted, { status: 'submitted' });
    if (performance.now() >= until) break;
    const returned = await timed('return', 'POST', `${path}/return`, coordinatorToken, { comment: `Đề nghị bổ sung lần ${seq}.` }, acked.version);
    if (!returned) {
      lost = true;
      await reread();
      continue;
    }
    ack(returned, { status: 'returned' });
    await reread();
  }
  return acked;
}

// ---- one engine --------------------------------------------------------------------------------

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function auditVerify(url: string): number {
  const out = execFileSync(process.execPath, [bin, 'audit', 'verify', '--db', url], { cwd: root, encoding: 'utf8' });
  const m = /(\d[\d.,]*) mục/.exec(out);
  if (!m) throw new Error(`audit verify: ${out}`);
  return Number(m[1]!.replace(/[.,]/g, ''));
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); null elsewhere. */
function cpuSeconds(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error('dondoc serve exited');
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('dondoc serve did not answer');
}

async function runEngine(name: string, url: string, dir: string): Promise<boolean> {
  const g0 = performance.now();
  const data = await generateLoadData(url, clientCount);
  const generated = performance.now() - g0;
  const auditBefore = auditVerify(url);

  const port = await freePort();
  const log = openSync(join(dir, `${name}-server.log`), 'w');
  const serverArgs = [...(process.env.LOAD_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.LOAD_CPU_PROF}`] : []), bin, 'serve', '--port', String(port), '--host', '127.0.0.1', '--db', url];
  const child = spawn(process.execPath, serverArgs, { cwd: root, stdio: ['ignore', log, log], env: { ...process.env, NODE_ENV: 'production' } });
  base = { host: '127.0.0.1', port };
  agent = new http.Agent({ keepAlive: true, maxSockets: clientCount + 8 });
  const stats = new Stats();
  let acked: Acked[] = [];
  let wall = 0;
  let serverCpu: number | null = null;
  let clientCpu = 0;
  try {
    await waitFor(`http://127.0.0.1:${port}/healthz`, child);
    const load0 = loadavg()[0]!;
    const cpu0 = cpuSeconds(child.pid);
    const own0 = process.cpuUsage();
    const t0 = performance.now();
    const until = t0 + seconds * 1000;
    acked = await Promise.all(data.clients.map((c, i) => runClient(i + 1, c, data.coordinatorToken, until, stats)));
    wall = (performance.now() - t0) / 1000;
    const cpu1 = cpuSeconds(child.pid);
    serverCpu = cpu0 === null || cpu1 === null ? null : cpu1 - cpu0;
    const own = process.cpuUsage(own0);
    clientCpu = (own.user + own.system) / 1e6;

    // Every report read back, against the last write its client saw acknowledged.
    let lost = 0;
    await Promise.all(
      data.clients.map(async (client, i) => {
        const answer = await request('GET', `/reports/${client.reportId}`, data.coordinatorToken);
        const stored = JSON.parse(answer.body) as ReportBody;
        const problem = compare(client, acked[i]!, stored);
        if (problem) {
          lost++;
          stats.mismatches.push(`final: ${problem}`);
        }
        const versions = JSON.parse((await request('GET', `/reports/${client.reportId}/versions`, data.coordinatorToken)).body) as Array<{ version: number }>;
        const numbers = versions.map((v) => v.version).sort((a, b) => a - b);
        const expected = Array.from({ length: acked[i]!.writes + 1 }, (_, j) => j + 1);
        if (JSON.stringify(numbers) !== JSON.stringify(expected)) {
          stats.mismatches.push(`final: report ${client.reportId}: versions ${numbers.length} (last ${numbers.at(-1)}), expected ${expected.length}`);
        }
      }),
    );
    console.log(`  load average at start ${load0.toFixed(2)}, at end ${loadavg()[0]!.toFixed(2)}`);
    if (lost) console.log(`  ${lost} reports differ from their last acknowledged write`);
  } finally {
    agent.destroy();
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
  }

  const writesAcked = acked.reduce((n, a) => n + a.writes, 0);
  const auditAfter = auditVerify(url);
  if (auditAfter - auditBefore !== writesAcked) {
    stats.mismatches.push(`audit log grew by ${auditAfter - auditBefore} entries for ${writesAcked} acknowledged writes`);
  }

  const fmt = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(0)}  p95 ${percentile(xs, 95).toFixed(0)}  p99 ${percentile(xs, 99).toFixed(0)}  max ${(xs.at(-1) ?? 0).toFixed(0)}`;
  const all = [...stats.latencies.get, ...stats.latencies.put, ...stats.latencies.submit, ...stats.latencies.return].sort((a, b) => a - b);
  const writes = [...stats.latencies.put, ...stats.latencies.submit, ...stats.latencies.return].sort((a, b) => a - b);
  const errors = [...stats.errors.values()].reduce((a, b) => a + b, 0);
  const writesPerS = writesAcked / wall;
  const p99 = percentile(all, 99);
  console.log(`  generate ${(generated / 1000).toFixed(1)} s; ${clientCount} clients for ${wall.toFixed(1)} s, a submit and a return every ${K} saves`);
  console.log(
    `  writes ${writesAcked} (${stats.latencies.put.length} saves, ${stats.latencies.submit.length} submits, ${stats.latencies.return.length} returns), reads ${stats.latencies.get.length}`,
  );
  console.log(`  ${writesPerS.toFixed(0)} writes/s, ${(all.length / wall).toFixed(0)} requests/s`);
  if (serverCpu !== null) {
    console.log(
      `  server CPU ${serverCpu.toFixed(1)} s (${((serverCpu / wall) * 100).toFixed(0)} % of one core, ${((serverCpu * 1000) / all.length).toFixed(2)} ms a request); load generator CPU ${clientCpu.toFixed(1)} s`,
    );
  }
  console.log(`  all requests (ms): ${fmt(all)}`);
  console.log(`  writes (ms):       ${fmt(writes)}`);
  for (const kind of ['put', 'submit', 'return', 'get'] as const) {
    console.log(`  ${kind.padEnd(6)} (ms): ${fmt([...stats.latencies[kind]].sort((a, b) => a - b))}`);
  }
  console.log(`  errors ${errors}${errors ? ` (${[...stats.errors].map(([k, v]) => `${k}: ${v}`).join(', ')})` : ''}`);
  console.log(`  audit log: ${auditBefore} → ${auditAfter} entries, chain verified`);
  console.log(`  read back: ${stats.mismatches.length} mismatches`);
  for (const m of stats.mismatches.slice(0, 10)) console.log(`    ${m}`);

  let ok = true;
  if (writesPerS < TARGET_WRITES_PER_S) {
    console.log(`  ✗ ${writesPerS.toFixed(0)} writes/s is under the target of ${TARGET_WRITES_PER_S}`);
    ok = false;
  }
  if (p99 > TARGET_P99_MS) {
    console.log(`  ✗ p99 ${p99.toFixed(0)} ms is over the target of ${TARGET_P99_MS} ms`);
    ok = false;
  }
  if (errors > 0 || stats.mismatches.length > 0) {
    console.log('  ✗ errors or lost/corrupted writes');
    ok = false;
  }
  console.log(ok ? '  ✓ every target met' : '  ✗ target missed');
  return ok;
}

async function main(): Promise<void> {
  ensureServerBuilt();
  console.log(`Load: ${clientCount} clients, ${seconds} s — ${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.versions.node}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const dir = mkdtempSync(join(tmpdir(), 'dondoc-load-'));
  let ok = true;
  try {
    const only = process.env.LOAD_ONLY; // 'sqlite' or 'postgres': one engine
    if (only !== 'postgres') {
      console.log('SQLite (file, WAL)');
      ok = (await runEngine('sqlite', `sqlite:${join(dir, 'load.sqlite')}`, dir)) && ok;
    }
    const pgUrl = process.env.DATABASE_URL_TEST;
    if (pgUrl && only !== 'sqlite') {
      const schema = `load_${randomBytes(4).toString('hex')}`;
      console.log(`PostgreSQL (schema ${schema})`);
      try {
        ok = (await runEngine('postgres', `${pgUrl}${pgUrl.includes('?') ? '&' : '?'}schema=${schema}`, dir)) && ok;
      } finally {
        const client = new pg.Client({ connectionString: pgUrl });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.end();
      }
    }
  } finally {
    if (!process.env.LOAD_KEEP) rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${dir}`);
  }
  process.exit(ok ? 0 : 1);
}

await main();

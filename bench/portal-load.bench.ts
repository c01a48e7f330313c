/**
 * Concurrent readers of the public portal (issue 5, "Speed": 500 concurrent readers for 60 s without an
 * error). A real server over HTTP in its own process (bench/support/portal-server.ts: migrate, services,
 * buildApp with the production logger, listen on a free port — what `dondoc serve` does, without the
 * background jobs), on the demo (with its reporting history) and, with --province, on the province-scale
 * data of bench/support/province.ts; SQLite (a file, WAL) and, with DATABASE_URL_TEST, PostgreSQL.
 *
 *   npx tsx bench/portal-load.bench.ts [seconds] [connections] [--province]        # default 60 s, 500
 *   DATABASE_URL_TEST=postgres://postgres@127.0.0.1:5432/test npx tsx bench/portal-load.bench.ts [seconds] [connections]
 *   LOAD_ONLY=sqlite|postgres (one engine), LOAD_TIMEOUT=<s> (default 10), LOAD_CLIENT=http (node:http readers
 *   instead of autocannon), LOAD_BY_PATH=1 (client times per path), LOAD_CONDITIONAL=0 (no If-None-Match)
 *
 * The load generator is autocannon in this process: `connections` keep-alive connections, each cycling over
 * the public paths (home, plans, a plan, a task page, a commune, search, disclosures list, item and CSV,
 * Atom feed, reception schedule, dossier look-up, sitemap), every other one sent a second time with
 * If-None-Match set to the ETag fetched before the run (answered 304), after a 5-s warm-up with 20
 * connections (not counted). The server runs in a child process
 * so the generator's CPU does not slow its event loop (on 2 cores they still compete for the machine).
 * Reported: requests/s, latency p50/p95/p99/max (each response's time as autocannon measures it), answers
 * by status, non-2xx/3xx answers, errors and timeouts (LOAD_TIMEOUT, 10 s), and the server's CPU time per request. Exits 1
 * on any error, timeout or answer outside 2xx/3xx. Prints a markdown table at the end.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import pg from 'pg';
import { openDatabase } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { loadDemo } from '../src/demo/load.js';
import { SYSTEM_ACTOR } from '../src/domain/accounts/actor.js';
import { createServices, type Services } from '../src/services/index.js';
import { percentile } from './support/measure.js';
import { runReaders } from './support/readers.js';
import { generateProvince } from './support/province.js';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const seconds = Number(args[0] ?? 60);
const connections = Number(args[1] ?? 500);
const province = process.argv.includes('--province');
const root = join(import.meta.dirname, '..');
/** Seconds without an answer before a request counts as a timeout (LOAD_TIMEOUT). */
const timeoutS = Number(process.env.LOAD_TIMEOUT ?? 10);

interface Row {
  engine: string;
  data: string;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  ok: number;
  notModified: number;
  bad: number;
  errors: number;
  timeouts: number;
  cpuMs: number | null;
  load: string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** User + system CPU seconds of a process so far (Linux /proc), or null. */
function cpuSeconds(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** The public paths the readers cycle over, found in the data (ids differ between runs). */
async function publicPaths(services: Services, extra: string[]): Promise<string[]> {
  const plans = await services.portal.plans();
  const plan = await services.portal.plan((plans.find((p) => p.inForce) ?? plans[0]!).id);
  const lines = plan!.dimensions.flatMap((d) => d.tasks);
  const task = lines.find((t) => t.assignments.some((a) => a.latest !== null)) ?? lines[0]!;
  const items = (await services.disclosures.publicList({ pageSize: 100 })).items;
  const dossiers = await services.dossiers.list(SYSTEM_ACTOR);
  return [
    '/',
    '/ke-hoach',
    `/ke-hoach/${plan!.id}`,
    `/ke-hoach/${plan!.id}/nhiem-vu/${task.id}`,
    '/don-vi/DH.HV',
    '/tim-kiem?q=hoa+vinh',
    '/cong-khai',
    ...items.slice(0, 2).map((i) => `/cong-khai/${i.id}`),
    ...items.slice(0, 4).map((i) => `/cong-khai/${i.id}.csv`),
    '/cong-khai/atom.xml',
    '/lich-tiep-cong-dan',
    ...(dossiers[0] ? [`/tra-cuu?ma=${encodeURIComponent(dossiers[0].code)}`] : []),
    '/tra-cuu',
    '/sitemap.xml',
    ...extra,
  ];
}

async function prepare(url: string): Promise<{ paths: string[]; data: string }> {
  if (province) {
    const p = await generateProvince(url);
    // The server reads with the real clock (the generator's is fixed in 2025): the paths are found with it too.
    const services = createServices(p.handle);
    const commune = (await services.portal.publicUnits()).find((u) => p.unitIds.includes(u.id))!;
    const paths = await publicPaths(services, [`/ke-hoach/${p.planId}`, `/ke-hoach/${p.planId}/nhiem-vu/${p.taskIds[0]}`, `/ke-hoach/${p.planId}/nhiem-vu/${p.taskIds[1]}?trang=2`, `/don-vi/${encodeURIComponent(commune.code)}`]);
    await p.handle.close();
    return { paths, data: 'province' };
  }
  const handle = await openDatabase(url);
  await migrateToLatest(handle);
  const services = createServices(handle);
  await loadDemo(services, 'P');
  const paths = await publicPaths(services, []);
  await handle.close();
  return { paths, data: 'demo' };
}

async function waitFor(url: string, exited: () => boolean): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (exited()) throw new Error('the portal server exited');
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the portal server did not answer');
}

async function runEngine(engine: string, url: string, dir: string): Promise<Row> {
  const { paths, data } = await prepare(url);
  const port = await freePort();
  const log = openSync(join(dir, `${engine}-server.log`), 'w');
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench', 'support', 'portal-server.ts'), url, String(port)], {
    cwd: root,
    stdio: ['ignore', log, log],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${base}/healthz`, () => exited);
    // Every path answers 200 before the run; its ETag makes the conditional variant.
    const requests: autocannon.Request[] = [];
    for (const [i, path] of paths.entries()) {
      const res = await fetch(base + path);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path}: ${res.status} before the run`);
      requests.push({ method: 'GET', path });
      const etag = res.headers.get('etag');
      if (etag && i % 2 === 0 && process.env.LOAD_CONDITIONAL !== '0') requests.push({ method: 'GET', path, headers: { 'if-none-match': etag } });
    }
    console.log(`${engine} ${data}: ${paths.length} paths, ${requests.length} requests per cycle (${requests.length - paths.length} with If-None-Match)`);
    // Warm-up (not measured): JIT and every plan model built, as on a server that has been up a while.
    // Without it the first burst of 500 requests meets a cold server, some wait past the timeout, and
    // autocannon's timed-out connections kept timing out every 10 s after (seen on SQLite).
    await autocannon({ url: base, connections: 20, duration: 5, timeout: 10, requests });
    const latencies: number[] = [];
    /** LOAD_BY_PATH=1: client-side times per path as well. */
    const byPath = new Map<string, number[]>();
    const statuses = new Map<number, number>();
    const load0 = loadavg()[0]!;
    const cpu0 = cpuSeconds(child.pid);
    let errors = 0;
    let timeouts = 0;
    if (process.env.LOAD_CLIENT === 'http') {
      const r = await runReaders({ host: '127.0.0.1', port, connections, seconds, timeoutMs: timeoutS * 1000, requests: requests.map((q) => ({ path: q.path!, ...(q.headers ? { headers: q.headers as Record<string, string> } : {}) })) });
      for (const ms of r.latencies) latencies.push(ms);
      for (const [code, n] of r.statuses) statuses.set(code, n);
      if (process.env.LOAD_BY_PATH) for (const [path, list] of r.byPath) byPath.set(path, list);
      errors = r.errors;
      timeouts = r.timeouts;
    } else {
      const result = await new Promise<autocannon.Result>((resolve, reject) => {
        // Each connection starts its cycle at a different path, so the paths are read evenly from the first second.
        let next = 0;
        const setupClient = (client: autocannon.Client) => {
          const k = next++ % requests.length;
          client.setRequests([...requests.slice(k), ...requests.slice(0, k)]);
        };
        const instance = autocannon({ url: base, connections, duration: seconds, timeout: timeoutS, requests, setupClient }, (err, res) => (err ? reject(err) : resolve(res)));
        instance.on('response', (client, statusCode, _bytes, responseTime) => {
          latencies.push(responseTime);
          if (process.env.LOAD_BY_PATH) {
            const path = (client as unknown as { requestIterator: { currentRequest: { path: string } } }).requestIterator.currentRequest.path;
            (byPath.get(path) ?? byPath.set(path, []).get(path)!).push(responseTime);
          }
          statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
        });
      });
      errors = result.errors;
      timeouts = result.timeouts;
    }
    const cpu1 = cpuSeconds(child.pid);
    for (const [path, list] of byPath) {
      list.sort((a, b) => a - b);
      console.log(`  ${path}: ${list.length} answers, p50 ${percentile(list, 0.5).toFixed(0)} ms, p99 ${percentile(list, 0.99).toFixed(0)} ms, max ${list[list.length - 1]!.toFixed(0)} ms`);
    }
    latencies.sort((a, b) => a - b);
    let bad = 0;
    for (const [code, n] of statuses) if (code < 200 || code >= 400) bad += n;
    const total = latencies.length;
    const row: Row = {
      engine,
      data,
      requests: total,
      perSecond: total / seconds,
      p50: percentile(latencies, 0.5),
      p95: percentile(latencies, 0.95),
      p99: percentile(latencies, 0.99),
      max: latencies[total - 1] ?? 0,
      ok: statuses.get(200) ?? 0,
      notModified: statuses.get(304) ?? 0,
      bad,
      errors,
      timeouts,
      cpuMs: cpu0 === null || cpu1 === null || total === 0 ? null : ((cpu1 - cpu0) * 1000) / total,
      load: `${load0.toFixed(1)}–${loadavg()[0]!.toFixed(1)}`,
    };
    console.log(
      `  ${row.perSecond.toFixed(0)} requests/s; p50 ${row.p50.toFixed(0)} ms, p95 ${row.p95.toFixed(0)} ms, p99 ${row.p99.toFixed(0)} ms, max ${row.max.toFixed(0)} ms; ` +
        `statuses ${[...statuses].map(([c, n]) => `${c}×${n}`).join(', ')}; errors ${row.errors}, timeouts ${row.timeouts}; server CPU ${row.cpuMs?.toFixed(2) ?? '?'} ms a request`,
    );
    return row;
  } finally {
    child.kill('SIGTERM');
    if (!exited) await new Promise((r) => child.once('exit', r));
  }
}

async function main(): Promise<void> {
  console.log(`Portal readers: ${connections} connections, ${seconds} s — ${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.versions.node}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const dir = mkdtempSync(join(tmpdir(), 'dondoc-portal-load-'));
  const rows: Row[] = [];
  try {
    const only = process.env.LOAD_ONLY;
    if (only !== 'postgres') rows.push(await runEngine('SQLite', `sqlite:${join(dir, 'portal.sqlite')}`, dir));
    const pgUrl = process.env.DATABASE_URL_TEST;
    if (pgUrl && only !== 'sqlite') {
      const schema = `portal_load_${randomBytes(4).toString('hex')}`;
      try {
        rows.push(await runEngine('PostgreSQL', `${pgUrl}${pgUrl.includes('?') ? '&' : '?'}schema=${schema}`, dir));
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
  console.log(`\n${connections} connections, ${seconds} s, timeout ${timeoutS} s, client ${process.env.LOAD_CLIENT === 'http' ? 'node:http' : 'autocannon'}\n`);
  console.log('| engine | data | load avg | requests | requests/s | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | 200 | 304 | non-2xx/3xx | errors | timeouts | server CPU a request |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.engine} | ${r.data} | ${r.load} | ${r.requests} | ${r.perSecond.toFixed(0)} | ${r.p50.toFixed(0)} | ${r.p95.toFixed(0)} | ${r.p99.toFixed(0)} | ${r.max.toFixed(0)} | ${r.ok} | ${r.notModified} | ${r.bad} | ${r.errors} | ${r.timeouts} | ${r.cpuMs === null ? '?' : `${r.cpuMs.toFixed(2)} ms`} |`,
    );
  }
  const failed = rows.some((r) => r.bad + r.errors + r.timeouts > 0 || r.requests === 0);
  process.exit(failed ? 1 : 0);
}

await main();

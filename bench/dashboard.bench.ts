/**
 * The dashboard API at province scale (issue 4, "Speed and scale"): one plan of 60 quarterly tasks, each
 * led by 20 agencies and 100 communes, 20 quarterly rounds (2021–2025) of 120 reports with 60 entries each
 * — 144,000 entries (bench/support/province.ts). Then GET /api/v1/dashboard?planId=… and one page of
 * GET /api/v1/dashboard/assignments are timed through the app (inject, a coordinator's session), the clock
 * at 20/11/2025.
 *
 *   npx tsx bench/dashboard.bench.ts [runs]                                           # SQLite in memory
 *   DATABASE_URL_TEST=postgres://postgres@127.0.0.1:5432/test npx tsx bench/dashboard.bench.ts [runs]   # and PostgreSQL
 *
 * Target: p95 under 150 ms on each engine; exits 1 when it is over.
 */
import { buildApp } from '../src/server/app.js';
import { loadAverage, sessionCookie } from './support/measure.js';
import { benchTargets, generateProvince, PASSWORD } from './support/province.js';

const runs = Number(process.argv[2] ?? 50);
const TARGET_MS = 150;

function stats(times: number[]) {
  const [cold, ...warm] = times;
  warm.sort((a, b) => a - b);
  return {
    cold: cold!,
    median: warm[Math.floor(warm.length / 2)]!,
    p95: warm[Math.min(warm.length - 1, Math.floor(warm.length * 0.95))]!,
    max: warm[warm.length - 1]!,
  };
}

let failed = false;
console.log(`load average ${loadAverage()}`);
for (const url of benchTargets()) {
  const p = await generateProvince(url);
  const app = await buildApp(p.services, { logger: false, webRoot: null });
  await app.ready();
  const cookie = await sessionCookie(app, 'noivu', PASSWORD);
  for (const [name, path] of [
    ['dashboard', `/api/v1/dashboard?planId=${p.planId}`],
    ['assignments page', `/api/v1/dashboard/assignments?planId=${p.planId}&status=overdue&limit=50`],
  ] as const) {
    const times: number[] = [];
    const cpu: number[] = [];
    let size = 0;
    let body = '';
    for (let i = 0; i <= runs; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const res = await app.inject({ method: 'GET', url: path, headers: { cookie } });
      times.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      if (res.statusCode !== 200) throw new Error(`${name}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      size = res.rawPayload.length;
      body = res.body;
    }
    const s = stats(times);
    // CPU time of this process per request: what the request costs whatever the machine's load (wall time
    // on a shared machine also holds the time spent waiting for a core).
    const c = stats(cpu);
    const json = JSON.parse(body) as { totals?: { assignmentCount: number }; overdueTotal?: number; total?: number };
    const what = json.totals ? `${json.totals.assignmentCount} assignments, ${json.overdueTotal} overdue` : `${json.total} lines`;
    console.log(
      `${p.handle.engine}: ${name} cold ${s.cold.toFixed(0)} ms, median ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, max ${s.max.toFixed(0)} ms over ${runs} runs; CPU median ${c.median.toFixed(1)} ms, p95 ${c.p95.toFixed(1)} ms (answer ${(size / 1024).toFixed(0)} KB, ${what})`,
    );
    if (s.p95 > TARGET_MS) failed = true;
  }
  await app.close();
  await p.close();
}
console.log(`load average ${loadAverage()}`);
process.exitCode = failed ? 1 : 0;

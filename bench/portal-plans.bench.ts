/**
 * The public portal's plan pages (issue 5, "Speed"): server time of /, /ke-hoach/:id, a task page (its first
 * page of units, and a filtered second page), a unit page and a search, through the app (inject, no
 * session), on the demo and on the province-scale data of bench/support/province.ts (60 tasks × 120 units,
 * 20 rounds, 144,000 entries), on SQLite and — with DATABASE_URL_TEST — PostgreSQL. The first request of a
 * plan derives its model from the public standing (cold); later ones reuse it while nothing is written
 * (warm). "Cold model" times that derivation alone, by a fresh PortalService each time (no cache).
 *
 *   npx tsx bench/portal-plans.bench.ts [runs]
 *   DATABASE_URL_TEST=postgres://postgres@127.0.0.1:5432/test npx tsx bench/portal-plans.bench.ts [runs]
 *
 * Targets: warm p95 under 50 ms on the demo and under 150 ms at province scale, the cold model under 1 s,
 * every page under 60 KB; exits 1 when one is missed. Prints a markdown table at the end.
 */
import { openDatabase } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createStore } from '../src/db/repositories/index.js';
import { loadDemo } from '../src/demo/load.js';
import { buildApp } from '../src/server/app.js';
import { createServices, type Services } from '../src/services/index.js';
import { PortalService } from '../src/services/portal-service.js';
import type { DatabaseHandle } from '../src/db/connection.js';
import { loadAverage, markdownTable, measureUrls, percentile, type MeasuredUrl } from './support/measure.js';
import { benchTargets, generateProvince, NOW } from './support/province.js';

const runs = Number(process.argv[2] ?? 50);
const COLD_RUNS = 7;
const COLD_TARGET_MS = 1000;
let failed = false;
const rows: MeasuredUrl[] = [];
const colds: string[] = [];
const load = [loadAverage()];
console.log(`load average ${load[0]}`);

/** The plan model derived COLD_RUNS times by a fresh service (nothing cached): median and worst. */
async function coldModel(label: string, handle: DatabaseHandle, planId: number, clock: { now(): Date }): Promise<void> {
  const store = createStore(handle.db);
  const times: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const t0 = performance.now();
    await new PortalService(store, clock).plan(planId);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const worst = times[times.length - 1]!;
  if (worst > COLD_TARGET_MS) failed = true;
  const line = `| ${label} | ${percentile(times, 0.5).toFixed(0)} | ${worst.toFixed(0)} |${worst > COLD_TARGET_MS ? ' **over**' : ''}`;
  colds.push(line);
  console.log(`${label} cold model: median ${percentile(times, 0.5).toFixed(0)} ms, max ${worst.toFixed(0)} ms`);
}

async function firstTaskId(services: Services, planId: number): Promise<number> {
  const plan = await services.portal.plan(planId);
  return plan!.dimensions[0]!.tasks[0]!.id;
}

for (const url of benchTargets()) {
  const engine = url.startsWith('sqlite') ? 'SQLite' : 'PostgreSQL';
  // The demo.
  const handle = await openDatabase(url.startsWith('sqlite') ? url : url.replace(/schema=bench_/, 'schema=bench_demo_'));
  await migrateToLatest(handle);
  const services = createServices(handle);
  const demo = await loadDemo(services, 'P');
  const app = await buildApp(services, { logger: false, webRoot: null });
  await app.ready();
  const planId = demo.planId!;
  const taskId = await firstTaskId(services, planId);
  const demoUrls = ['/', `/ke-hoach/${planId}`, `/ke-hoach/${planId}/nhiem-vu/${taskId}`, '/don-vi/DH.HV', '/tim-kiem?q=hoa+vinh'];
  if (await measureUrls(`${engine} demo`, app, demoUrls, { runs, targetMs: 50, pageLimitKb: 60, showCold: true, rows })) failed = true;
  await coldModel(`${engine} demo`, handle, planId, { now: () => new Date() });
  await app.close();
  if (handle.schema) await handle.db.schema.dropSchema(handle.schema).cascade().execute();
  await handle.close();

  // Province scale.
  const p = await generateProvince(url);
  const papp = await buildApp(p.services, { logger: false, webRoot: null });
  await papp.ready();
  const units = await p.services.portal.publicUnits();
  const commune = units.find((u) => p.unitIds.includes(u.id))!;
  const task = `/ke-hoach/${p.planId}/nhiem-vu/${p.taskIds[0]}`;
  const provinceUrls = ['/', `/ke-hoach/${p.planId}`, task, `${task}?trangThai=done&trang=2`, `${task}?ten=xa+bench+1`, `/don-vi/${encodeURIComponent(commune.code)}`, '/tim-kiem?q=cong+khai'];
  if (await measureUrls(`${engine} province`, papp, provinceUrls, { runs, targetMs: 150, pageLimitKb: 60, showCold: true, rows })) failed = true;
  await coldModel(`${engine} province`, p.handle, p.planId, { now: () => NOW });
  await papp.close();
  await p.close();
}

load.push(loadAverage());
console.log(`\nload average at the start ${load[0]}, at the end ${load[1]}; ${runs} warm runs per path\n`);
console.log(markdownTable(rows));
console.log(`\n| data | cold model median (ms) | cold model max (ms) |\n|---|---|---|\n${colds.join('\n')}`);
process.exit(failed ? 1 : 0);

/**
 * The public portal's plan pages (issue 5, "Speed"): server time of /, /ke-hoach/:id, a task page, a unit
 * page and a search, through the app (inject, no session), on the demo and on the province-scale data of
 * bench/support/province.ts (60 tasks × 120 units, 20 rounds, 144,000 entries). The first request of a plan
 * derives its model from the accepted entries (cold); later ones reuse it while nothing is written (warm).
 *
 *   npx tsx bench/portal-plans.bench.ts [runs]
 *   DATABASE_URL_TEST=postgres://postgres@127.0.0.1:5432/test npx tsx bench/portal-plans.bench.ts [runs]
 *
 * Targets: warm p95 under 50 ms on the demo and under 150 ms at province scale; exits 1 when over.
 */
import { openDatabase } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { loadDemo } from '../src/demo/load.js';
import { buildApp } from '../src/server/app.js';
import { createServices } from '../src/services/index.js';
import { loadAverage, measureUrls } from './support/measure.js';
import { benchTargets, generateProvince } from './support/province.js';

const runs = Number(process.argv[2] ?? 50);
let failed = false;
console.log(`load average ${loadAverage()}`);

for (const url of benchTargets()) {
  const engine = url.startsWith('sqlite') ? 'sqlite' : 'postgres';
  // The demo.
  const handle = await openDatabase(url.startsWith('sqlite') ? url : url.replace(/schema=bench_/, 'schema=bench_demo_'));
  await migrateToLatest(handle);
  const services = createServices(handle);
  const demo = await loadDemo(services, 'P');
  const app = await buildApp(services, { logger: false, webRoot: null });
  await app.ready();
  const planId = demo.planId!;
  const taskId = await createTaskId(services, planId);
  if (await measureUrls(`${engine} demo`, app, ['/', `/ke-hoach/${planId}`, `/ke-hoach/${planId}/nhiem-vu/${taskId}`, '/don-vi/DH.HV', '/tim-kiem?q=hoa+vinh'], { runs, targetMs: 50, showCold: true })) failed = true;
  await app.close();
  await handle.close();

  // Province scale.
  const p = await generateProvince(url);
  const papp = await buildApp(p.services, { logger: false, webRoot: null });
  await papp.ready();
  const units = await p.services.portal.publicUnits();
  const commune = units.find((u) => p.unitIds.includes(u.id))!;
  if (await measureUrls(`${engine} province`, papp, ['/', `/ke-hoach/${p.planId}`, `/ke-hoach/${p.planId}/nhiem-vu/${p.taskIds[0]}`, `/don-vi/${encodeURIComponent(commune.code)}`, '/tim-kiem?q=cong+khai'], { runs, targetMs: 150, showCold: true })) failed = true;
  await papp.close();
  await p.close();
}

async function createTaskId(services: ReturnType<typeof createServices>, planId: number): Promise<number> {
  const plan = await services.portal.plan(planId);
  return plan!.dimensions[0]!.tasks[0]!.id;
}

process.exit(failed ? 1 : 0);

/**
 * Saving the seed plan end to end, the way a coordinator's "Xác nhận nhập" does: read the file, resolve
 * every party, parse every deadline, then write the file, the plan, 104 tasks, their assignments (with
 * the fan-out of "UBND các xã, phường") and the audit entries in one transaction.
 *
 *   npx tsx bench/plan-save.bench.ts [runs]          # SQLite in memory
 *   DATABASE_URL_TEST=postgres://… npx tsx bench/plan-save.bench.ts [runs]   # and PostgreSQL
 */
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { SYSTEM_ACTOR } from '../src/domain/accounts/actor.js';
import { openDatabase } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { loadDemo, SEED_PLAN_PATH } from '../src/demo/load.js';
import { createServices } from '../src/services/index.js';

const runs = Number(process.argv[2] ?? 10);
const seed = readFileSync(SEED_PLAN_PATH, 'utf8');
const targets = ['sqlite::memory:'];
if (process.env.DATABASE_URL_TEST) targets.push(`${process.env.DATABASE_URL_TEST}?schema=bench_${randomBytes(4).toString('hex')}`);

let failed = false;
for (const url of targets) {
  const handle = await openDatabase(url);
  await migrateToLatest(handle);
  const services = createServices(handle);
  await loadDemo(services, 'bench');
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    // A different header line each run, so the file hash differs and nothing is refused as a duplicate.
    const bytes = new TextEncoder().encode(seed.replace('Đông Hoà, ngày', `Đông Hoà, ngày ${i}`));
    const t0 = performance.now();
    await services.plans.import(SYSTEM_ACTOR, { bytes, name: `ke-hoach-${i}.txt` });
    times.push(performance.now() - t0);
  }
  const [cold, ...warm] = times;
  warm.sort((a, b) => a - b);
  const median = warm[Math.floor(warm.length / 2)]!;
  const p95 = warm[Math.min(warm.length - 1, Math.floor(warm.length * 0.95))]!;
  console.log(`${handle.engine}: cold ${cold!.toFixed(0)} ms, median ${median.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms over ${runs} runs`);
  if (median > 1000) failed = true;
  if (handle.schema) await handle.db.schema.dropSchema(handle.schema).cascade().execute();
  await handle.close();
}
process.exitCode = failed ? 1 : 0;

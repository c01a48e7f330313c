/**
 * Export benchmark: the seed plan (104 tasks, 2 appendices) out as .docx and .xlsx, from a demo
 * database in memory (SQLite): end to end through the service (plan, appendices, tasks and units read,
 * section titles from the stored source file, file built) and the file building alone.
 * Target: under 1 s each.
 *   npx tsx bench/export.bench.ts [runs]
 */
import { openDatabase } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { loadDemo } from '../src/demo/load.js';
import { SYSTEM_ACTOR } from '../src/domain/accounts/actor.js';
import { planToDocx } from '../src/export/plan-docx.js';
import { planToXlsx } from '../src/export/plan-xlsx.js';
import { readPlanFile } from '../src/import/index.js';
import { createServices } from '../src/services/index.js';

const runs = Number(process.argv[2] ?? 20);
const TARGET_MS = 1000;

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { min: s[0]!, median: at(0.5), p95: at(0.95), max: s[s.length - 1]! };
}

const handle = await openDatabase('sqlite::memory:');
await migrateToLatest(handle);
const services = createServices(handle);
const { planId } = await loadDemo(services, 'bench');
if (planId === null) throw new Error('the demo has no plan');

async function measure(format: 'docx' | 'xlsx') {
  const t0 = performance.now();
  const first = await services.planExport.exportFile(SYSTEM_ACTOR, planId!, format);
  const cold = performance.now() - t0;
  const input = await services.planExport.exportData(SYSTEM_ACTOR, planId!);
  const build = format === 'docx' ? planToDocx : planToXlsx;
  const total: number[] = [];
  const building: number[] = [];
  for (let i = 0; i < runs; i++) {
    const a = performance.now();
    await services.planExport.exportFile(SYSTEM_ACTOR, planId!, format);
    const b = performance.now();
    await build(input);
    const c = performance.now();
    total.push(b - a);
    building.push(c - b);
  }
  const draft = await readPlanFile(first.content, first.name);
  const tasks = draft.appendices.reduce((n, a) => n + a.tasks.length, 0);
  return { name: `seed .${format}`, kb: Math.round(first.content.length / 1024), tasks, cold, ...stats(total), buildMedian: stats(building).median };
}

const fmt = (n: number) => n.toFixed(1).padStart(7);
const results = [await measure('docx'), await measure('xlsx')];
await handle.close();
console.log(`dondoc export benchmark — node ${process.version}, ${runs} runs after one cold run (ms)`);
console.log('file         size KB  tasks read back   cold    min  median    p95    max  (file building median)');
let ok = true;
for (const r of results) {
  console.log(
    `${r.name.padEnd(12)} ${String(r.kb).padStart(7)} ${String(r.tasks).padStart(16)} ${fmt(r.cold)}${fmt(r.min)}${fmt(r.median)}${fmt(r.p95)}${fmt(r.max)}  (${r.buildMedian.toFixed(1)})`,
  );
  if (r.cold > TARGET_MS || r.p95 > TARGET_MS) ok = false;
}
console.log(ok ? `All under the ${TARGET_MS} ms target.` : `Over the ${TARGET_MS} ms target!`);
if (!ok) process.exitCode = 1;

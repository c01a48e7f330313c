/**
 * Import benchmark: the seed plan end to end (bytes → PlanDraft, deadlines parsed), as text and as a
 * .docx made from its tables (test/support/seed-documents.ts). Target: under 1 s each.
 *   npx tsx bench/import.bench.ts [runs]
 */
import { readFileSync } from 'node:fs';
import { readPlanFile } from '../src/import/index.js';
import { readDocument } from '../src/import/read.js';
import { buildSeedDocx, buildSeedXlsx, SEED_TEXT } from '../test/support/seed-documents.js';

const runs = Number(process.argv[2] ?? 20);
const TARGET_MS = 1000;

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { min: s[0]!, median: at(0.5), p95: at(0.95), max: s[s.length - 1]! };
}

async function measure(name: string, bytes: Uint8Array, fileName: string) {
  const t0 = performance.now();
  const first = await readPlanFile(bytes, fileName);
  const cold = performance.now() - t0;
  const total: number[] = [];
  const reading: number[] = [];
  for (let i = 0; i < runs; i++) {
    const a = performance.now();
    await readDocument(bytes, fileName);
    const b = performance.now();
    await readPlanFile(bytes, fileName);
    const c = performance.now();
    reading.push(b - a);
    total.push(c - b);
  }
  const tasks = first.appendices.reduce((n, a) => n + a.tasks.length, 0);
  const t = stats(total);
  const r = stats(reading);
  return { name, kb: Math.round(bytes.length / 1024), tasks, cold, ...t, readMedian: r.median };
}

const fmt = (n: number) => n.toFixed(1).padStart(7);
const results = [
  await measure('seed .txt', new Uint8Array(readFileSync(SEED_TEXT)), 'ke-hoach-papi-dong-hoa-2021.txt'),
  await measure('seed .docx', await buildSeedDocx(), 'ke-hoach-papi-dong-hoa-2021.docx'),
  await measure('seed .xlsx', await buildSeedXlsx(), 'ke-hoach-papi-dong-hoa-2021.xlsx'),
];
console.log(`dondoc import benchmark — node ${process.version}, ${runs} runs after one cold run (ms)`);
console.log('file         size KB  tasks   cold    min  median    p95    max  (reader median)');
let ok = true;
for (const r of results) {
  console.log(
    `${r.name.padEnd(12)} ${String(r.kb).padStart(7)} ${String(r.tasks).padStart(6)} ${fmt(r.cold)}${fmt(r.min)}${fmt(r.median)}${fmt(r.p95)}${fmt(r.max)}  (${r.readMedian.toFixed(1)})`,
  );
  if (r.cold > TARGET_MS || r.p95 > TARGET_MS) ok = false;
}
console.log(ok ? `All under the ${TARGET_MS} ms target.` : `Over the ${TARGET_MS} ms target!`);
if (!ok) process.exitCode = 1;

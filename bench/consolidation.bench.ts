/**
 * The consolidated report of one round at province scale (issue 4, "Speed and scale"): on the data of
 * bench/support/province.ts (one plan of 60 tasks led by 120 units, 20 quarterly rounds, 144,000 entries),
 * GET /api/v1/rounds/:id/consolidated.docx and .xlsx of the round 2025-Q3 (120 reports × 60 entries, all
 * submitted) are timed through the app (inject, the coordinator's session). Each file is read back: the
 * .docx text names the units, the .xlsx has one row per task and one status column per unit.
 *
 *   npx tsx bench/consolidation.bench.ts [runs]                                           # SQLite in memory
 *   DATABASE_URL_TEST=postgres://postgres@127.0.0.1:5432/test npx tsx bench/consolidation.bench.ts [runs]   # and PostgreSQL
 *
 * Target: under 3 s each (cold run and every warm run); exits 1 when over.
 */
import { createStore } from '../src/db/repositories/index.js';
import { buildApp } from '../src/server/app.js';
import { readDocx, readXlsx } from '../test/support/office-files.js';
import { loadAverage, sessionCookie } from './support/measure.js';
import { benchTargets, generateProvince, PASSWORD, TASKS } from './support/province.js';

const runs = Number(process.argv[2] ?? 5);
const TARGET_MS = 3000;
const ROUND = 18; // 2025-Q3: the last closed round

let failed = false;
console.log(`load average ${loadAverage()}`);
for (const url of benchTargets()) {
  const p = await generateProvince(url);
  const app = await buildApp(p.services, { logger: false, webRoot: null });
  await app.ready();
  const cookie = await sessionCookie(app, 'noivu', PASSWORD);
  const roundId = p.roundIds[ROUND]!;
  const unitNames = await createStore(p.handle.db).read.units.list();
  const benchUnits = new Set(p.unitIds);
  const names = unitNames.filter((u) => benchUnits.has(u.id)).map((u) => u.name);

  for (const file of ['consolidated.docx', 'consolidated.xlsx'] as const) {
    const times: number[] = [];
    let bytes: Uint8Array = new Uint8Array();
    for (let i = 0; i <= runs; i++) {
      const t0 = performance.now();
      const res = await app.inject({ method: 'GET', url: `/api/v1/rounds/${roundId}/${file}`, headers: { cookie } });
      times.push(performance.now() - t0);
      if (res.statusCode !== 200) throw new Error(`${file}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      bytes = res.rawPayload;
    }
    // Read the file back.
    let check: string;
    if (file.endsWith('.docx')) {
      const doc = readDocx(bytes);
      const missing = names.filter((n) => !doc.text.includes(n));
      if (names.length === 0 || missing.length > 0) throw new Error(`docx: ${missing.length} of ${names.length} unit names missing (${missing.slice(0, 3).join(', ')})`);
      check = `${doc.paragraphs.length} paragraphs, all ${names.length} unit names`;
    } else {
      const wb = await readXlsx(bytes);
      const ws = wb.getWorksheet('Nhiệm vụ');
      if (!ws) throw new Error('xlsx: no sheet «Nhiệm vụ»');
      const header = ws.getRow(4).values as unknown[];
      const unitColumns = names.filter((n) => header.includes(n)).length;
      let taskRows = 0;
      let statusCells = 0;
      for (let r = 5; r <= ws.rowCount; r++) {
        const row = ws.getRow(r);
        if (!row.getCell(2).value) continue;
        taskRows++;
        for (let c = 5; c <= row.cellCount; c++) if (row.getCell(c).value) statusCells++;
      }
      if (taskRows !== TASKS || unitColumns !== names.length || statusCells < TASKS * names.length) {
        throw new Error(`xlsx: ${taskRows} task rows (want ${TASKS}), ${unitColumns} unit columns (want ${names.length}), ${statusCells} status cells`);
      }
      check = `${taskRows} task rows × ${unitColumns} unit columns, ${statusCells} status cells`;
    }
    const [cold, ...warm] = times;
    warm.sort((a, b) => a - b);
    const median = warm[Math.floor(warm.length / 2)]!;
    const max = warm[warm.length - 1]!;
    console.log(
      `${p.handle.engine}: ${file} cold ${cold!.toFixed(0)} ms, median ${median.toFixed(0)} ms, max ${max.toFixed(0)} ms over ${runs} runs (${(bytes.length / 1024).toFixed(0)} KB; ${check})`,
    );
    if (cold! > TARGET_MS || max > TARGET_MS) failed = true;
  }
  await app.close();
  await p.close();
}
console.log(`load average ${loadAverage()}`);
process.exitCode = failed ? 1 : 0;

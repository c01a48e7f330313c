/**
 * The dashboard API at province scale (issue 4, "Speed and scale"): one plan of 60 quarterly tasks, each
 * led by 20 agencies and 100 communes, 20 quarterly rounds (2021–2025) of 120 reports with 60 entries each
 * — 144,000 entries. The data is written straight through the repositories in batches (no HTTP, no audit);
 * then GET /api/v1/dashboard?planId=… is timed through the app (inject, a coordinator's session).
 *
 *   npx tsx bench/dashboard.bench.ts [runs]                                           # SQLite in memory
 *   DATABASE_URL_TEST=postgres://postgres@127.0.0.1:5432/test npx tsx bench/dashboard.bench.ts [runs]   # and PostgreSQL
 *
 * Target: p95 under 150 ms on each engine; exits 1 when it is over.
 */
import { randomBytes } from 'node:crypto';
import { openDatabase } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createStore } from '../src/db/repositories/index.js';
import type { NewEntryRow } from '../src/db/repositories/reporting.js';
import { loadDemo } from '../src/demo/load.js';
import { DIMENSIONS } from '../src/domain/plans/plan.js';
import { makePeriod, periodKey, submissionDeadline } from '../src/domain/reporting/index.js';
import { buildApp } from '../src/server/app.js';
import { createServices } from '../src/services/index.js';

const runs = Number(process.argv[2] ?? 50);
const TASKS = 60;
const AGENCIES = 20;
const COMMUNES = 100;
const YEARS = [2021, 2022, 2023, 2024, 2025];
const NOW = new Date('2025-11-20T03:00:00Z');
const targets = ['sqlite::memory:'];
if (process.env.DATABASE_URL_TEST) targets.push(`${process.env.DATABASE_URL_TEST}?schema=bench_${randomBytes(4).toString('hex')}`);

/** A small deterministic generator, so every run writes the same data. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const quarterEnd = (y: number, q: number) => `${y}-${['03-31', '06-30', '09-30', '12-31'][q - 1]}`;

async function generate(url: string) {
  const handle = await openDatabase(url);
  await migrateToLatest(handle);
  const services = createServices(handle, { clock: { now: () => NOW } });
  await loadDemo(services, 'bench');
  const store = createStore(handle.db);
  const t0 = performance.now();
  const random = rng(42);
  const now = NOW.toISOString();
  const dh = (await store.read.units.getByCode('DH'))!;

  const { planId, taskIds, unitIds } = await store.transaction(async (repos) => {
    const unitIds: number[] = [];
    for (let i = 1; i <= AGENCIES + COMMUNES; i++) {
      const agency = i <= AGENCIES;
      const name = agency ? `Sở bench ${i}` : `UBND xã bench ${i - AGENCIES}`;
      const u = await repos.units.insert({
        code: `BENCH.${i}`,
        name,
        shortName: null,
        kind: agency ? 'agency' : 'commune',
        parentId: dh.id,
        aliases: '[]',
        searchText: ` ${name.toLowerCase()} `,
        validFrom: null,
        validTo: null,
        successorId: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      unitIds.push(u.id);
    }
    const plan = await repos.plans.insert({
      number: '99/KH-BENCH',
      title: 'Kế hoạch thử tải bảng điều khiển',
      issuerUnitId: dh.id,
      issuedOn: '2021-01-05',
      year: 2021,
      periodFrom: '2021-01-01',
      periodTo: '2025-12-31',
      bases: '[]',
      parentPlanId: null,
      sourceFileHash: null,
      searchText: ' ke hoach thu tai ',
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    const appendix = await repos.plans.upsertAppendix({ planId: plan.id, label: 'I', title: 'Phụ lục I', windowFrom: '2021-01-01', windowTo: '2025-12-31', position: 1 });
    const dues = YEARS.flatMap((y) => [1, 2, 3, 4].map((q) => ({ date: quarterEnd(y, q), explanation: `Quý ${q}/${y} → ngày cuối quý` })));
    const schedule = JSON.stringify({ text: 'Hằng quý', kind: 'recurring', dues, end: '2025-12-31', count: null, trigger: null, summary: 'Hằng quý', needsReview: false });
    const tasks = await repos.plans.insertTasks(
      Array.from({ length: TASKS }, (_, i) => ({
        planId: plan.id,
        appendixId: appendix.id,
        key: `I/${i + 1}`,
        no: String(i + 1),
        section: null,
        dimension: DIMENSIONS[i % DIMENSIONS.length]!,
        subgroup: null,
        content: `Nhiệm vụ thử tải số ${i + 1}`,
        leadText: 'Các sở, ngành; UBND các xã',
        coordinatingText: '',
        output: 'Báo cáo',
        deadlineText: 'Hằng quý',
        schedule,
        parties: '[]',
        notes: '{}',
        searchText: ` nhiem vu ${i + 1} `,
        position: i + 1,
        retiredAt: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      })),
    );
    await repos.plans.insertAssignments(
      tasks.flatMap((t) => unitIds.map((unitId) => ({ taskId: t.id, unitId, role: 'lead' as const, sourceText: 'bench', createdAt: now, retiredAt: null }))),
    );
    return { planId: plan.id, taskIds: tasks.map((t) => t.id), unitIds };
  });

  const assignments = await store.read.plans.assignments(taskIds);
  const assignmentOf = new Map(assignments.map((a) => [`${a.taskId}:${a.unitId}`, a.id]));
  let entryCount = 0;
  for (const y of YEARS) {
    for (const q of [1, 2, 3, 4]) {
      const period = makePeriod('quarter', y, q);
      const deadline = submissionDeadline(period);
      const due = quarterEnd(y, q);
      const open = due > '2025-09-30'; // the last round is still being filled in
      await store.transaction(async (repos) => {
        const round = await repos.reporting.insertRound({
          planId,
          periodKey: periodKey(period),
          periodKind: 'quarter',
          periodFrom: period.from,
          periodTo: period.to,
          calendarFrom: period.calendarFrom,
          calendarTo: period.calendarTo,
          label: period.label,
          submissionDeadline: deadline,
          openedBy: null,
          openedAt: `${period.calendarFrom}T02:00:00Z`,
          closedAt: null,
        });
        const reports = await repos.reporting.insertReports(
          unitIds.map((unitId) => {
            const late = random() < 0.15;
            const submitted = !open || random() < 0.3;
            return {
              roundId: round.id,
              unitId,
              status: !submitted ? ('draft' as const) : open || random() < 0.1 ? ('submitted' as const) : ('accepted' as const),
              narrative: '{"results":"","shortcomings":"","causes":"","proposals":""}',
              returnComment: null,
              submittedAt: submitted ? `${late ? due : deadline}T02:00:00Z` : null,
              late: late && submitted ? 1 : 0,
              createdAt: now,
              updatedAt: now,
            };
          }),
        );
        const entries: NewEntryRow[] = [];
        for (const r of reports) {
          taskIds.forEach((taskId, i) => {
            const x = random();
            const status = x < 0.7 ? 'done' : x < 0.85 ? 'in_progress' : x < 0.95 ? 'not_started' : 'blocked';
            entries.push({
              reportId: r.id,
              taskId,
              assignmentId: assignmentOf.get(`${taskId}:${r.unitId}`) ?? null,
              role: 'lead',
              status,
              progress: status === 'done' ? 100 : status === 'in_progress' ? 50 : null,
              results: status === 'done' ? 'Đã hoàn thành theo kế hoạch.' : '',
              blockedReason: status === 'blocked' ? 'Thiếu kinh phí' : null,
              completedOn: status === 'done' ? (random() < 0.8 ? period.from : due) : null,
              reviewComment: null,
              dues: JSON.stringify([due]),
              position: i + 1,
            });
          });
        }
        await repos.reporting.insertEntries(entries);
        entryCount += entries.length;
      });
    }
  }
  console.log(`${handle.engine}: generated ${TASKS} tasks × ${unitIds.length} units, ${YEARS.length * 4} rounds, ${entryCount} entries in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { handle, services, planId };
}

let failed = false;
for (const url of targets) {
  const { handle, services, planId } = await generate(url);
  const app = await buildApp(services, { logger: false, webRoot: null });
  await app.ready();
  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'noivu', password: 'bench' } });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode} ${login.body}`);
  const cookie = `dondoc_session=${login.cookies.find((c) => c.name === 'dondoc_session')!.value}`;
  const times: number[] = [];
  let size = 0;
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    const res = await app.inject({ method: 'GET', url: `/api/v1/dashboard?planId=${planId}`, headers: { cookie } });
    times.push(performance.now() - t0);
    if (res.statusCode !== 200) throw new Error(`dashboard: ${res.statusCode} ${res.body.slice(0, 300)}`);
    size = res.rawPayload.length;
  }
  const [cold, ...warm] = times;
  warm.sort((a, b) => a - b);
  const median = warm[Math.floor(warm.length / 2)]!;
  const p95 = warm[Math.min(warm.length - 1, Math.floor(warm.length * 0.95))]!;
  console.log(`${handle.engine}: dashboard cold ${cold!.toFixed(0)} ms, median ${median.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms over ${runs} runs (answer ${(size / 1024).toFixed(0)} KB)`);
  if (p95 > 150) failed = true;
  await app.close();
  if (handle.schema) await handle.db.schema.dropSchema(handle.schema).cascade().execute();
  await handle.close();
}
process.exitCode = failed ? 1 : 0;

/**
 * Province-scale data shared by the dashboard and consolidation benchmarks (issue 4, "Speed and scale"): on
 * top of the demo, 20 agencies and 100 communes under UBND thị xã Đông Hòa, one plan of 60 quarterly tasks
 * each led by all 120 units (7,200 assignments), 20 quarterly rounds 2021–2025 with 120 reports each and 60
 * entries per report — 144,000 entries (70 % done, 15 % in progress, 10 % not started, 5 % blocked; 15 % of
 * reports late; the last round still open). Written straight through the repositories in batches (no HTTP,
 * no audit); the dashboard's standing table is then built from the entries by the same repository code the
 * migration's backfill runs (StandingRepository.rebuildPlan, which folds with domain/reporting/standing.ts,
 * as the report transactions do). The generator is seeded: every run writes the same data.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createStore } from '../../src/db/repositories/index.js';
import type { NewEntryRow } from '../../src/db/repositories/reporting.js';
import { loadDemo } from '../../src/demo/load.js';
import { DIMENSIONS } from '../../src/domain/plans/plan.js';
import { makePeriod, periodKey, submissionDeadline } from '../../src/domain/reporting/index.js';
import { createServices, type Services } from '../../src/services/index.js';

export const TASKS = 60;
export const AGENCIES = 20;
export const COMMUNES = 100;
export const YEARS = [2021, 2022, 2023, 2024, 2025];
export const NOW = new Date('2025-11-20T03:00:00Z');
export const PASSWORD = 'bench';

/** SQLite in memory, and PostgreSQL in a fresh schema when DATABASE_URL_TEST is set. */
export function benchTargets(): string[] {
  const targets = ['sqlite::memory:'];
  if (process.env.DATABASE_URL_TEST) targets.push(`${process.env.DATABASE_URL_TEST}?schema=bench_${randomBytes(4).toString('hex')}`);
  return targets;
}

export interface Province {
  handle: DatabaseHandle;
  services: Services;
  planId: number;
  roundIds: number[];
  unitIds: number[];
  taskIds: number[];
  entryCount: number;
  standingRows: number;
  seconds: number;
  close(): Promise<void>;
}

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

export const quarterEnd = (y: number, q: number) => `${y}-${['03-31', '06-30', '09-30', '12-31'][q - 1]}`;

/** The stored schedule of a task due at the end of every quarter of `years`. */
export function quarterlySchedule(years: number[], end: string): string {
  const dues = years.flatMap((y) => [1, 2, 3, 4].map((q) => ({ date: quarterEnd(y, q), explanation: `Quý ${q}/${y} → ngày cuối quý` })));
  return JSON.stringify({ text: 'Hằng quý', kind: 'recurring', dues, end, count: null, trigger: null, summary: 'Hằng quý', needsReview: false });
}

/** `count` quarterly benchmark tasks "Nhiệm vụ thử tải số 1…" of one appendix, dimensions in turn. */
export function quarterlyTaskRows(o: { planId: number; appendixId: number; count: number; schedule: string; leadText: string; searchText: (i: number) => string; at: string }) {
  return Array.from({ length: o.count }, (_, i) => ({
    planId: o.planId,
    appendixId: o.appendixId,
    key: `I/${i + 1}`,
    no: String(i + 1),
    section: null,
    dimension: DIMENSIONS[i % DIMENSIONS.length]!,
    subgroup: null,
    content: `Nhiệm vụ thử tải số ${i + 1}`,
    leadText: o.leadText,
    coordinatingText: '',
    output: 'Báo cáo',
    deadlineText: 'Hằng quý',
    schedule: o.schedule,
    parties: '[]',
    notes: '{}',
    searchText: o.searchText(i),
    position: i + 1,
    retiredAt: null,
    version: 1,
    createdAt: o.at,
    updatedAt: o.at,
  }));
}

export async function generateProvince(url: string): Promise<Province> {
  const handle = await openDatabase(url);
  await migrateToLatest(handle);
  const services = createServices(handle, { clock: { now: () => NOW } });
  await loadDemo(services, PASSWORD);
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
    const schedule = quarterlySchedule(YEARS, '2025-12-31');
    const tasks = await repos.plans.insertTasks(
      quarterlyTaskRows({ planId: plan.id, appendixId: appendix.id, count: TASKS, schedule, leadText: 'Các sở, ngành; UBND các xã', searchText: (i) => ` nhiem vu ${i + 1} `, at: now }),
    );
    await repos.plans.insertAssignments(
      tasks.flatMap((t) => unitIds.map((unitId) => ({ taskId: t.id, unitId, role: 'lead' as const, sourceText: 'bench', createdAt: now, retiredAt: null }))),
    );
    return { planId: plan.id, taskIds: tasks.map((t) => t.id), unitIds };
  });

  const assignments = await store.read.plans.assignments(taskIds);
  const assignmentOf = new Map(assignments.map((a) => [`${a.taskId}:${a.unitId}`, a.id]));
  let entryCount = 0;
  const roundIds: number[] = [];
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
        roundIds.push(round.id);
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
  const standingRows = await store.transaction((repos) => repos.standing.rebuildPlan(planId, NOW));
  // The public portal's standing of accepted words, as migration 0010's backfill builds it.
  const publicRows = await store.transaction((repos) => repos.portal.rebuildPublicStanding(planId, NOW));
  // Fresh planner statistics, as autovacuum would gather after such a load (PostgreSQL; SQLite: ANALYZE too).
  await sql`analyze`.execute(handle.db);
  const seconds = (performance.now() - t0) / 1000;
  console.log(
    `${handle.engine}: generated ${TASKS} tasks × ${unitIds.length} units, ${YEARS.length * 4} rounds, ${entryCount} entries, ${standingRows} standing rows, ${publicRows} public standing rows in ${seconds.toFixed(1)} s`,
  );
  return {
    handle,
    services,
    planId,
    roundIds,
    unitIds,
    taskIds,
    entryCount,
    standingRows,
    seconds,
    async close() {
      if (handle.schema) await handle.db.schema.dropSchema(handle.schema).cascade().execute();
      await handle.close();
    },
  };
}

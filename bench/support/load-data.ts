/**
 * Data for the load benchmark (bench/load.bench.ts): on top of the demo, N communes under UBND thị xã
 * Đông Hòa, one unit officer per commune with a personal API token, one plan of 40 quarterly tasks (each
 * commune leads 5 of them, in turn), and an open round for the current quarter, so that each of N clients owns its own
 * draft report. Units, accounts, tokens and the plan go straight through the repositories in batches (one
 * password hash shared by every account: hashing 200 passwords would only slow the set-up); the round is
 * opened through ReportingService, as the coordinator would.
 */
import { openDatabase } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createStore } from '../../src/db/repositories/index.js';
import { loadDemo } from '../../src/demo/load.js';
import { makePeriod, periodKey, submissionDeadline } from '../../src/domain/reporting/index.js';
import { vnDate } from '../../src/domain/time.js';
import { createServices } from '../../src/services/index.js';
import { newSecret, sha256 } from '../../src/services/tokens.js';
import { quarterlySchedule, quarterlyTaskRows } from './province.js';

export interface LoadClientData {
  username: string;
  unitId: number;
  reportId: number;
  /** `Authorization: Bearer …` of the unit officer. */
  token: string;
  /** The tasks of the report's entries. */
  taskIds: number[];
}

export interface LoadData {
  planId: number;
  roundId: number;
  coordinatorToken: string;
  clients: LoadClientData[];
}

export const LOAD_PASSWORD = 'P';

/** Builds the data in the database at `url` (already empty or fresh) and closes it. */
export async function generateLoadData(url: string, clients: number, planTasks = 40, tasksPerReport = 5): Promise<LoadData> {
  const handle = await openDatabase(url);
  try {
    await migrateToLatest(handle);
    const services = createServices(handle);
    await loadDemo(services, LOAD_PASSWORD);
    const store = createStore(handle.db);
    const read = store.read;
    const dh = (await read.units.getByCode('DH'))!;
    const coordinator = (await read.users.getCredentials('noivu'))!;
    const passwordHash = coordinator.passwordHash;
    const now = new Date();
    const at = now.toISOString();
    const today = vnDate(now);
    const year = Number(today.slice(0, 4));
    const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;

    const tokens: string[] = [];
    const { planId, taskIds, units, coordinatorToken } = await store.transaction(async (repos) => {
      const units: Array<{ id: number; username: string }> = [];
      for (let i = 1; i <= clients; i++) {
        const name = `UBND xã Tải ${i}`;
        const u = await repos.units.insert({
          code: `LOAD.${i}`,
          name,
          shortName: null,
          kind: 'commune',
          parentId: dh.id,
          aliases: '[]',
          searchText: ` ubnd xa tai ${i} `,
          validFrom: null,
          validTo: null,
          successorId: null,
          version: 1,
          createdAt: at,
          updatedAt: at,
        });
        const username = `taixa${i}`;
        const user = await repos.users.insert({
          username,
          displayName: `Công chức ${name}`,
          passwordHash,
          role: 'unit_officer',
          unitId: u.id,
          active: 1,
          searchText: ` ${username} cong chuc xa tai ${i} `,
          passwordChangedAt: at,
          version: 1,
          createdAt: at,
          updatedAt: at,
        });
        const token = newSecret('ddk_');
        tokens.push(token);
        await repos.apiTokens.insert({ userId: user.id, name: 'Thử tải', tokenHash: sha256(token), tokenPrefix: token.slice(0, 10), createdAt: at, lastUsedAt: null, expiresAt: null, revokedAt: null });
        units.push({ id: u.id, username });
      }
      const coordinatorToken = newSecret('ddk_');
      await repos.apiTokens.insert({ userId: coordinator.user.id, name: 'Thử tải', tokenHash: sha256(coordinatorToken), tokenPrefix: coordinatorToken.slice(0, 10), createdAt: at, lastUsedAt: null, expiresAt: null, revokedAt: null });

      const plan = await repos.plans.insert({
        number: '98/KH-TAI',
        title: 'Kế hoạch thử tải báo cáo',
        issuerUnitId: dh.id,
        issuedOn: `${year}-01-05`,
        year,
        periodFrom: `${year}-01-01`,
        periodTo: `${year}-12-31`,
        bases: '[]',
        parentPlanId: null,
        sourceFileHash: null,
        searchText: ' ke hoach thu tai bao cao ',
        version: 1,
        createdAt: at,
        updatedAt: at,
      });
      const appendix = await repos.plans.upsertAppendix({ planId: plan.id, label: 'I', title: 'Phụ lục I', windowFrom: `${year}-01-01`, windowTo: `${year}-12-31`, position: 1 });
      const schedule = quarterlySchedule([year], `${year}-12-31`);
      const tasks = await repos.plans.insertTasks(
        quarterlyTaskRows({ planId: plan.id, appendixId: appendix.id, count: planTasks, schedule, leadText: 'UBND các xã', searchText: (i) => ` nhiem vu thu tai ${i + 1} `, at }),
      );
      await repos.plans.insertAssignments(
        units.flatMap((u, i) =>
          Array.from({ length: tasksPerReport }, (_, j) => tasks[(i * tasksPerReport + j) % tasks.length]!).map((t) => ({
            taskId: t.id,
            unitId: u.id,
            role: 'lead' as const,
            sourceText: 'thử tải',
            createdAt: at,
            retiredAt: null,
          })),
        ),
      );
      return { planId: plan.id, taskIds: tasks.map((t) => t.id), units, coordinatorToken };
    });

    // The round, as the coordinator opens it; its deadline well ahead so that no submission is late.
    const actor = await services.auth.actorFor(coordinator.user);
    const period = makePeriod('quarter', year, quarter);
    const deadline = submissionDeadline(period) > today ? submissionDeadline(period) : `${year + 1}-01-15`;
    const round = await services.reporting.openRound(actor, planId, { periodKey: periodKey(period), submissionDeadline: deadline });
    const reportOf = new Map(round.reports.map((r) => [r.unitId, r.id]));
    const entryTasks = new Map<number, number[]>();
    for (const a of await read.plans.assignments(taskIds)) entryTasks.set(a.unitId, [...(entryTasks.get(a.unitId) ?? []), a.taskId]);
    return {
      planId,
      roundId: round.id,
      coordinatorToken,
      clients: units.map((u, i) => {
        const reportId = reportOf.get(u.id);
        if (reportId === undefined) throw new Error(`no report for unit ${u.id}`);
        return { username: u.username, unitId: u.id, reportId, token: tokens[i]!, taskIds: (entryTasks.get(u.id) ?? []).sort((a, b) => a - b) };
      }),
    };
  } finally {
    await handle.close();
  }
}

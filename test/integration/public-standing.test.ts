import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createStore, type Store } from '../../src/db/repositories/index.js';
import type { NewEntryRow } from '../../src/db/repositories/reporting.js';
import { standingFromEntries, standingKey, type DashboardEntry } from '../../src/domain/reporting/dashboard.js';
import { makePeriod, periodKey, submissionDeadline } from '../../src/domain/reporting/index.js';
import { searchKey } from '../../src/domain/text/normalize.js';
import { buildApp } from '../../src/server/app.js';
import { createServices } from '../../src/services/index.js';
import { PortalService, wordStatus, type PublicWords, type SaidOnTask } from '../../src/services/portal-service.js';
import { engines, type TestDatabase } from '../support/engines.js';

/**
 * The public standing (migration 0010): the portal's answers read from the packed accepted words equal
 * the answers derived straight from every accepted entry (as the portal did before), over random
 * histories of drafts, submitted, returned and accepted reports; the rows kept acceptance by acceptance
 * equal a rebuild from the whole history; and the task page pages its units.
 */

const UNITS = 40;
const QUARTERS: Array<[number, number]> = [
  [2021, 1],
  [2021, 2],
  [2021, 3],
  [2021, 4],
  [2022, 1],
];
const QUARTER_ENDS = ['2021-03-31', '2021-06-30', '2021-09-30', '2021-12-31', '2022-03-31', '2022-06-30', '2022-09-30', '2022-12-31'];
const NOWS = ['2021-10-05T02:00:00Z', '2021-12-31T10:00:00Z', '2022-04-20T09:00:00Z', '2022-08-01T03:00:00Z'];
/** Text of every entry of a report that is not accepted: it must never reach a public page. */
const HIDDEN = 'KHONG-CONG-KHAI';

/** A small deterministic generator. */
const rng = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

const schedule = (kind: string, dues: string[]) =>
  JSON.stringify({ text: kind, kind, dues: dues.map((date) => ({ date, explanation: date })), end: null, count: null, trigger: null, summary: kind, needsReview: false });

/** The portal with its accepted words folded straight from every accepted entry (the rules before 0010). */
class FromEntries extends PortalService {
  constructor(
    private readonly source: Store,
    clock: { now(): Date },
  ) {
    super(source, clock);
  }

  protected override async publicWords(planId: number, _dues: readonly string[], now: Date): Promise<PublicWords> {
    const entries = await this.source.read.portal.acceptedEntriesOfPlan(planId);
    const leads: DashboardEntry[] = entries
      .filter((e) => e.role === 'lead')
      .map((e) => ({ taskId: e.taskId, assignmentId: e.assignmentId, unitId: e.unitId, reportId: e.reportId, reportStatus: e.reportStatus, submittedAt: e.submittedAt, status: e.status, completedOn: e.completedOn, dues: JSON.parse(e.dues) as string[] }));
    const said = new Map<number, Map<number, SaidOnTask>>();
    const groups = new Map<number, typeof entries>();
    for (const e of entries) {
      const k = standingKey(e.taskId, e.unitId);
      groups.set(k, [...(groups.get(k) ?? []), e]);
    }
    for (const list of groups.values()) {
      const newest = [...list].sort((a, b) => ((b.submittedAt ?? '') > (a.submittedAt ?? '') ? 1 : (b.submittedAt ?? '') < (a.submittedAt ?? '') ? -1 : b.entryId - a.entryId));
      const first = newest[0]!;
      if (!said.has(first.taskId)) said.set(first.taskId, new Map());
      said.get(first.taskId)!.set(first.unitId, {
        role: first.role,
        count: list.length,
        words: newest.slice(0, 2).map((e) => ({ entryId: e.entryId, roundLabel: e.roundLabel, submittedAt: e.submittedAt, status: wordStatus(e.status), progress: e.progress, results: e.results, completedOn: e.completedOn })),
      });
    }
    return { standing: standingFromEntries(leads, now), said };
  }
}

describe.each(engines)('public standing ($name)', (engine) => {
  let db: TestDatabase;
  let store: Store;
  let now = new Date(NOWS[0]!);
  const clock = { now: () => now };
  let unitIds: number[] = [];
  let externalId = 0;
  let app: FastifyInstance;
  /** The plan of the last random history, with its task assigned to every unit. */
  let wideTask = { planId: 0, taskId: 0 };

  beforeAll(async () => {
    db = await engine.open();
    store = createStore(db.handle.db);
    const at = '2021-01-01T00:00:00Z';
    await store.transaction(async (repos) => {
      for (let i = 1; i <= UNITS + 1; i++) {
        const external = i > UNITS;
        const name = external ? 'Báo Phú Yên' : `UBND xã Hòa Thử ${i}`;
        const u = await repos.units.insert({
          code: `TS.${i}`,
          name,
          shortName: null,
          kind: external ? 'external' : 'commune',
          parentId: null,
          aliases: '[]',
          searchText: ` ${searchKey(name)} `,
          validFrom: null,
          validTo: null,
          successorId: null,
          version: 1,
          createdAt: at,
          updatedAt: at,
        });
        if (external) externalId = u.id;
        else unitIds.push(u.id);
      }
    });
    app = await buildApp(createServices(db.handle, { clock }), { logger: false, webRoot: null });
    await app.ready();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await db?.cleanup();
  });

  /** A plan of six tasks and a random history over five quarters; accepted reports accepted one by one as the service does. */
  async function randomHistory(seed: number): Promise<{ planId: number; taskIds: number[] }> {
    const random = rng(seed);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    // The clock only moves forward (seeds run in order): a word is never accepted before it was sent.
    now = new Date(NOWS[Math.min(NOWS.length - 1, Math.floor((seed - 1) / 1.5))]!);
    const at = '2021-01-02T00:00:00Z';
    const units = unitIds;
    const { planId, tasks } = await store.transaction(async (repos) => {
      const plan = await repos.plans.insert({
        number: `${seed}/KH-TS`,
        title: `Kế hoạch thử ${seed}`,
        issuerUnitId: units[0]!,
        issuedOn: '2021-01-02',
        year: 2021,
        periodFrom: '2021-01-01',
        periodTo: '2022-12-31',
        bases: '[]',
        parentPlanId: null,
        sourceFileHash: null,
        searchText: ` ke hoach thu ${seed} `,
        version: 1,
        createdAt: at,
        updatedAt: at,
      });
      const appendix = await repos.plans.upsertAppendix({ planId: plan.id, label: 'I', title: 'Phụ lục I', windowFrom: '2021-01-01', windowTo: '2022-12-31', position: 1 });
      const specs: Array<[string, string[], string | null]> = [
        ['recurring', QUARTER_ENDS, 'participation'],
        ['once', ['2021-09-30'], 'transparency'],
        ['continuous', [], null],
        ['once', ['2022-07-15'], 'participation'],
        ['recurring', ['2021-06-30', '2021-12-31', '2022-12-31'], null],
        ['event', [], 'transparency'],
      ];
      const tasks = await repos.plans.insertTasks(
        specs.map(([kind, dues, dimension], i) => ({
          planId: plan.id,
          appendixId: appendix.id,
          key: `I/${i + 1}`,
          no: String(i + 1),
          section: null,
          dimension,
          subgroup: null,
          content: `Nhiệm vụ thử ${i + 1}`,
          leadText: 'UBND các xã',
          coordinatingText: '',
          output: 'Báo cáo',
          deadlineText: kind,
          schedule: schedule(kind, dues),
          parties: '[]',
          notes: '{}',
          searchText: ` nhiem vu thu ${i + 1} `,
          position: i + 1,
          retiredAt: null,
          version: 1,
          createdAt: at,
          updatedAt: at,
        })),
      );
      const roles: Array<Array<[number, 'lead' | 'coordinating']>> = [
        [...units.map((u): [number, 'lead'] => [u, 'lead']), [externalId, 'lead']],
        [...units.slice(0, 5).map((u): [number, 'lead'] => [u, 'lead']), ...units.slice(5, 10).map((u): [number, 'coordinating'] => [u, 'coordinating'])],
        units.slice(0, 6).map((u): [number, 'lead'] => [u, 'lead']),
        units.slice(2, 8).map((u): [number, 'lead'] => [u, 'lead']),
        [...units.slice(0, 4).map((u): [number, 'lead'] => [u, 'lead']), ...units.slice(4, 7).map((u): [number, 'coordinating'] => [u, 'coordinating'])],
        [],
      ];
      await repos.plans.insertAssignments(
        tasks.flatMap((t, i) => roles[i]!.map(([unitId, role]) => ({ taskId: t.id, unitId, role, sourceText: 'thử', createdAt: at, retiredAt: null }))),
      );
      return { planId: plan.id, tasks: tasks.map((t, i) => ({ id: t.id, dues: specs[i]![1], roles: new Map(roles[i]!) })) };
    });
    const assignments = await store.read.plans.assignments(tasks.map((t) => t.id));
    const assignmentOf = new Map(assignments.map((a) => [`${a.taskId}:${a.unitId}`, a.id]));

    const toAccept: Array<{ id: number; unitId: number; version: number }> = [];
    for (const [year, q] of QUARTERS) {
      const period = makePeriod('quarter', year, q);
      const quarterEnd = QUARTER_ENDS[(year - 2021) * 4 + q - 1]!;
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
          submissionDeadline: submissionDeadline(period),
          openedBy: null,
          openedAt: `${period.calendarFrom}T02:00:00Z`,
          closedAt: null,
        });
        const plans = [...units, externalId].map((unitId) => {
          const submitted = new Date(Date.parse(`${quarterEnd}T02:00:00Z`) + Math.floor(random() * 40 - 10) * 86_400_000 + Math.floor(random() * 24) * 3_600_000);
          const wanted = pick(['draft', 'submitted', 'returned', 'accepted', 'accepted', 'accepted'] as const);
          const status = submitted > now ? 'draft' : wanted;
          return { unitId, status, submittedAt: status === 'draft' ? null : submitted.toISOString() };
        });
        const reports = await repos.reporting.insertReports(
          plans.map((p) => ({
            roundId: round.id,
            unitId: p.unitId,
            status: p.status === 'accepted' ? ('submitted' as const) : p.status,
            narrative: '{}',
            returnComment: null,
            submittedAt: p.submittedAt,
            late: 0,
            createdAt: at,
            updatedAt: at,
          })),
        );
        const entries: NewEntryRow[] = [];
        reports.forEach((r, ri) => {
          const hidden = plans[ri]!.status !== 'accepted';
          tasks.forEach((t, i) => {
            const role = t.roles.get(r.unitId) ?? (i === 5 && r.unitId === units[8] ? 'coordinating' : undefined);
            if (!role || random() < 0.2) return;
            const status = pick(['not_started', 'in_progress', 'done', 'done', 'blocked'] as const);
            const day = (r.submittedAt ?? `${quarterEnd}T`).slice(0, 10);
            entries.push({
              reportId: r.id,
              taskId: t.id,
              assignmentId: assignmentOf.get(`${t.id}:${r.unitId}`) ?? null,
              role,
              status,
              progress: status === 'done' ? 100 : status === 'in_progress' ? Math.floor(random() * 90) : null,
              results: hidden ? `${HIDDEN} ${r.id}` : `Kết quả ${r.id}/${t.id} <b>&</b>`,
              blockedReason: status === 'blocked' ? 'Thiếu kinh phí' : null,
              completedOn: status === 'done' ? (random() < 0.5 ? day : pick(QUARTER_ENDS.filter((d) => d <= day).concat(day))) : null,
              reviewComment: null,
              dues: JSON.stringify(t.dues.includes(quarterEnd) ? [quarterEnd] : t.dues.length === 0 ? [] : [pick(t.dues)]),
              position: i + 1,
            });
          });
          if (plans[ri]!.status === 'accepted') toAccept.push({ id: r.id, unitId: r.unitId, version: r.version });
        });
        await repos.reporting.insertEntries(entries);
      });
    }
    // Accepted one by one in a random order, each in its own transaction, as ReportingService.accept does.
    const order = toAccept.map((r) => ({ r, k: random() })).sort((a, b) => a.k - b.k);
    for (const { r } of order) {
      await store.transaction(async (repos) => {
        const saved = await repos.reporting.updateReport(r.id, r.version, { status: 'accepted' });
        expect(saved).toBeDefined();
        await repos.portal.refreshPublicStanding(planId, r.unitId, now);
      });
    }
    return { planId, taskIds: tasks.map((t) => t.id) };
  }

  it.each([1, 2, 3, 4, 5, 6])('answers from the standing as from every accepted entry (random history, seed %i)', async (seed) => {
    const { planId, taskIds } = await randomHistory(seed);
    wideTask = { planId, taskId: taskIds[0]! };

    // Acceptance by acceptance, the rows equal a rebuild from the whole history.
    const kept = await store.read.portal.publicStandingRows(planId);
    await store.transaction((repos) => repos.portal.rebuildPublicStanding(planId, now));
    expect(await store.read.portal.publicStandingRows(planId)).toEqual(kept);
    expect(kept.length).toBeGreaterThan(UNITS);

    const standing = new PortalService(store, clock);
    const direct = new FromEntries(store, clock);
    const plan = await standing.plan(planId);
    expect(plan).toEqual(await direct.plan(planId));
    const lines = plan!.dimensions.flatMap((d) => d.tasks);
    // The history says something: accepted words, statuses of several kinds, a unit without accepted word.
    expect(lines.flatMap((l) => l.assignments).some((a) => a.latest !== null)).toBe(true);
    expect(new Set(lines.map((l) => l.status.code)).size).toBeGreaterThan(1);
    for (const taskId of taskIds) {
      for (const query of [{}, { page: 2 }, { group: 'no_report' as const }, { name: 'hoa thu 1' }]) {
        const got = await standing.task(planId, taskId, query);
        expect(got).toEqual(await direct.task(planId, taskId, query));
        for (const u of got!.units) for (const w of u.words) expect(w.results).not.toContain(HIDDEN);
      }
    }
    for (const i of [0, 5, 8]) {
      const code = `TS.${i + 1}`;
      expect(await standing.unit(code)).toEqual(await direct.unit(code));
    }
    expect(await standing.plans()).toEqual(await direct.plans());
  }, 120_000);

  it('pages the units of a task, counts them by status and filters by status and name without diacritics', async () => {
    const { planId, taskId } = wideTask;
    const base = `/ke-hoach/${planId}/nhiem-vu/${taskId}`;
    const first = await app.inject(base);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('Trang 1/2');
    expect(first.body).toContain(`<a href="${base}?trang=2" rel="next">Trang sau »</a>`);
    expect(first.body).toMatch(new RegExp(`<p>${UNITS} đơn vị: `));
    const cards = (body: string) => [...body.matchAll(/<section class="card" aria-label="([^"]+)">/g)].map((m) => m[1]!);
    const second = await app.inject(`${base}?trang=2`);
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain(`<a href="${base}" rel="prev">« Trang trước</a>`);
    const all = [...cards(first.body), ...cards(second.body)];
    expect(cards(first.body)).toHaveLength(30);
    expect(new Set(all).size).toBe(UNITS);
    expect(all).not.toContain('Báo Phú Yên');
    for (const body of [first.body, second.body]) {
      expect(body).not.toContain(HIDDEN);
      expect(body).not.toMatch(/<b>&/);
      expect(Buffer.byteLength(body)).toBeLessThan(60 * 1024);
    }

    // The counts add up to the units; a status filter shows exactly that many.
    const counts = [...first.body.matchAll(/<option value="([a-z_]+)"[^>]*>[^<(]+\((\d+)\)<\/option>/g)].map((m) => [m[1]!, Number(m[2])] as const);
    expect(counts.reduce((s, [, n]) => s + n, 0)).toBe(UNITS);
    for (const [group, n] of counts) {
      const res = await app.inject(`${base}?trangThai=${group}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(`${n} đơn vị phù hợp.`);
      expect(cards(res.body)).toHaveLength(Math.min(n, 30));
    }

    // By name, typed with or without diacritics: "Hòa Thử 1" and "Hòa Thử 10"…"19" (word starts).
    for (const q of ['hoa thu 1', 'Hòa Thử 1', 'HOA THU 1']) {
      const res = await app.inject(`${base}?ten=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(200);
      expect(cards(res.body).sort()).toEqual(['UBND xã Hòa Thử 1', ...Array.from({ length: 10 }, (_, i) => `UBND xã Hòa Thử ${10 + i}`)].sort());
    }
    const none = await app.inject(`${base}?ten=${encodeURIComponent('<script>')}`);
    expect(none.body).toContain('Không có đơn vị nào phù hợp.');
    expect(none.body).not.toContain('<script>');

    // Bad input: the Vietnamese 400 page; a page past the last: 404.
    for (const url of [`${base}?trang=abc`, `${base}?trang=0`, `${base}?trangThai=toString`, `${base}?trangThai=x`, `${base}?ten=${'a'.repeat(201)}`]) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.body).toContain('<h1>Yêu cầu không hợp lệ</h1>');
    }
    const past = await app.inject(`${base}?trang=3`);
    expect(past.statusCode).toBe(404);
    expect(past.body).toContain('chỉ có 2 trang');
  }, 60_000);
});

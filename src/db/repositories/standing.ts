import type { Kysely, Selectable } from 'kysely';
import { packTuples, packWholes, standingOf, tuplesOf, unpackTuples, unpackWholes, WHOLE_WORDS_DUE, type StandingEntry, type WholeTuple, type WordTuple } from '../../domain/reporting/standing.js';
import type { Database, DashboardStandingTable } from '../schema.js';

export type StandingRow = Selectable<DashboardStandingTable>;

interface HistoryRow {
  planId: number;
  taskId: number;
  unitId: number;
  reportId: number;
  reportStatus: StandingEntry['reportStatus'];
  submittedAt: string | null;
  status: StandingEntry['status'];
  completedOn: string | null;
  dues: string;
  calendarFrom: string;
}

/** One unit's packed standing on a plan: the tuples about its tasks as wholes, and its words per due. */
interface UnitPack {
  wholes: WholeTuple[];
  words: Map<string, WordTuple[]>;
}

const CHUNK = 200;

/**
 * The dashboard standing table (migration 0005): per (plan, unit), one packed row about the unit's tasks as
 * wholes (due '') and one per due it has spoken about (domain/reporting/standing.ts folds the entry history
 * into them and packs them). Written in the transaction that changes what a unit has said (a report
 * submitted, resubmitted, returned or accepted) and when a round lists tasks.
 */
export class StandingRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * What a dashboard reads: the packed rows of a plan about tasks as wholes (the '*' rows only when asked:
   * the latest words over all dues, for tasks without dates) and about the given dues —
   * one row per unit and due (about 120 per due at province scale), whatever the history.
   */
  async board(planId: number, dues: readonly string[], wholeWords: boolean): Promise<Array<Pick<StandingRow, 'unitId' | 'due' | 'body'>>> {
    return this.db
      .selectFrom('dashboardStanding')
      .select(['unitId', 'due', 'body'])
      .where('planId', '=', planId)
      .where('due', 'in', wholeWords ? ['', WHOLE_WORDS_DUE, ...dues] : ['', ...dues])
      .execute();
  }

  /** The lead assignments in force of some tasks: the three columns the dashboard reads. */
  async leads(taskIds: readonly number[]): Promise<Array<{ id: number; taskId: number; unitId: number }>> {
    const out: Array<{ id: number; taskId: number; unitId: number }> = [];
    for (let i = 0; i < taskIds.length; i += 500) {
      const rows = await this.db
        .selectFrom('assignments')
        .select(['id', 'taskId', 'unitId'])
        .where('taskId', 'in', taskIds.slice(i, i + 500))
        .where('role', '=', 'lead')
        .where('retiredAt', 'is', null)
        .execute();
      for (const r of rows) out.push(r);
    }
    // Sorted here rather than by the database: cheaper than an ORDER BY over the whole plan.
    return out.sort((a, b) => a.id - b.id);
  }

  /** Every packed row of a plan, by unit then due (tests and checks). */
  async rowsOf(planId: number): Promise<StandingRow[]> {
    return this.db.selectFrom('dashboardStanding').selectAll().where('planId', '=', planId).orderBy('unitId').orderBy('due').execute();
  }

  /**
   * Recomputes the unit's standing on every task its report lists, from the unit's whole history on those
   * tasks (a few hundred entries), and rewrites the unit's packed rows that change. Called after a report
   * changes state, inside its transaction.
   */
  async refreshReport(reportId: number, unitId: number, now: Date): Promise<void> {
    const taskIds = (await this.db.selectFrom('entries').select('taskId').where('reportId', '=', reportId).where('role', '=', 'lead').execute()).map((r) => r.taskId);
    if (taskIds.length === 0) return;
    const round = await this.db
      .selectFrom('reports')
      .innerJoin('rounds', 'rounds.id', 'reports.roundId')
      .select('rounds.planId')
      .where('reports.id', '=', reportId)
      .executeTakeFirst();
    if (!round) return;
    const history: HistoryRow[] = [];
    for (let i = 0; i < taskIds.length; i += 400) {
      const slice = taskIds.slice(i, i + 400);
      for (const h of await this.history((q) => q.where('reports.unitId', '=', unitId).where('entries.taskId', 'in', slice))) history.push(h);
    }
    history.sort((a, b) => (a.calendarFrom < b.calendarFrom ? -1 : a.calendarFrom > b.calendarFrom ? 1 : 0) || a.reportId - b.reportId);
    const fresh = fold(history, now).get(unitId) ?? { wholes: [], words: new Map() };
    const refreshed = new Set(taskIds);
    const current = await this.db
      .selectFrom('dashboardStanding')
      .select(['due', 'body'])
      .where('planId', '=', round.planId)
      .where('unitId', '=', unitId)
      .execute();
    // Keep the other tasks' tuples, put the refreshed tasks' new ones beside them.
    const before = new Map(current.map((r) => [r.due, r.body]));
    const wholes = before.has('') ? unpackWholes(before.get('')!, before.get(WHOLE_WORDS_DUE)).filter((t) => !refreshed.has(t[0])) : [];
    wholes.push(...fresh.wholes);
    const lists = new Map<string, WordTuple[]>();
    for (const r of current) if (r.due !== '' && r.due !== WHOLE_WORDS_DUE) lists.set(r.due, unpackTuples<WordTuple>(r.body).filter((t) => !refreshed.has(t[0])));
    for (const [due, tuples] of fresh.words) {
      const list = lists.get(due);
      if (list) list.push(...tuples);
      else lists.set(due, [...tuples]);
    }
    const bodies = new Map<string, string | null>();
    const packed = wholes.length ? packWholes(wholes) : null;
    bodies.set('', packed?.listing ?? null);
    bodies.set(WHOLE_WORDS_DUE, packed?.words ?? null);
    for (const [due, list] of lists) bodies.set(due, list.length ? packTuples(list) : null);
    const upserts: DashboardStandingTable[] = [];
    const emptied: string[] = [];
    for (const [due, body] of bodies) {
      if (body === null) {
        if (before.has(due)) emptied.push(due);
      } else if (before.get(due) !== body) upserts.push({ planId: round.planId, unitId, due, body });
    }
    if (emptied.length) await this.db.deleteFrom('dashboardStanding').where('planId', '=', round.planId).where('unitId', '=', unitId).where('due', 'in', emptied).execute();
    await this.upsert(upserts);
  }

  /**
   * A round was opened: its reports are now the latest to list their tasks (unless a later round already
   * does). Only the listing changes (the '' and '*' rows): a draft says nothing.
   */
  async noteRound(roundId: number): Promise<void> {
    const round = await this.db.selectFrom('rounds').select(['planId', 'calendarFrom']).where('id', '=', roundId).executeTakeFirst();
    if (!round) return;
    const listed = await this.db
      .selectFrom('entries')
      .innerJoin('reports', 'reports.id', 'entries.reportId')
      .select(['entries.taskId', 'reports.unitId', 'entries.reportId'])
      .where('reports.roundId', '=', roundId)
      .where('entries.role', '=', 'lead')
      .execute();
    if (listed.length === 0) return;
    const current = await this.db
      .selectFrom('dashboardStanding')
      .select(['unitId', 'due', 'body'])
      .where('planId', '=', round.planId)
      .where('due', 'in', ['', WHOLE_WORDS_DUE])
      .execute();
    const rowsOf = new Map<number, Map<string, string>>();
    for (const r of current) (rowsOf.get(r.unitId) ?? rowsOf.set(r.unitId, new Map()).get(r.unitId)!).set(r.due, r.body);
    const packs = new Map<number, Map<number, WholeTuple>>();
    for (const [unitId, bodies] of rowsOf) {
      if (bodies.has('')) packs.set(unitId, new Map(unpackWholes(bodies.get('')!, bodies.get(WHOLE_WORDS_DUE)).map((t) => [t[0], t])));
    }
    for (const l of listed) {
      let tuples = packs.get(l.unitId);
      if (!tuples) packs.set(l.unitId, (tuples = new Map()));
      const k = tuples.get(l.taskId);
      if (!k) {
        tuples.set(l.taskId, [l.taskId, l.reportId, round.calendarFrom, null, null, null, '']);
        continue;
      }
      const from = k[2] ?? '';
      if (from > round.calendarFrom || (from === round.calendarFrom && (k[1] ?? 0) > l.reportId)) continue;
      k[1] = l.reportId;
      k[2] = round.calendarFrom;
    }
    const upserts: DashboardStandingTable[] = [];
    for (const [unitId, tuples] of packs) {
      const { listing, words } = packWholes([...tuples.values()]);
      const bodies = rowsOf.get(unitId);
      if (bodies?.get('') !== listing) upserts.push({ planId: round.planId, unitId, due: '', body: listing });
      if (bodies?.get(WHOLE_WORDS_DUE) !== words) upserts.push({ planId: round.planId, unitId, due: WHOLE_WORDS_DUE, body: words });
    }
    await this.upsert(upserts);
  }

  /** Rebuilds a plan's standing from its whole history (the migration's backfill; bulk loads). */
  async rebuildPlan(planId: number, now: Date): Promise<number> {
    const history = await this.history((q) => q.where('rounds.planId', '=', planId));
    await this.db.deleteFrom('dashboardStanding').where('planId', '=', planId).execute();
    const rows: DashboardStandingTable[] = [];
    for (const [unitId, pack] of fold(history, now)) {
      if (pack.wholes.length) {
        const { listing, words } = packWholes(pack.wholes);
        rows.push({ planId, unitId, due: '', body: listing }, { planId, unitId, due: WHOLE_WORDS_DUE, body: words });
      }
      for (const [due, tuples] of pack.words) rows.push({ planId, unitId, due, body: packTuples(tuples) });
    }
    for (let i = 0; i < rows.length; i += CHUNK) await this.db.insertInto('dashboardStanding').values(rows.slice(i, i + CHUNK)).execute();
    return rows.length;
  }

  async rebuildAll(now: Date): Promise<void> {
    for (const p of await this.db.selectFrom('plans').select('id').execute()) await this.rebuildPlan(p.id, now);
  }

  private async upsert(rows: readonly DashboardStandingTable[]): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK) {
      await this.db
        .insertInto('dashboardStanding')
        .values(rows.slice(i, i + CHUNK))
        .onConflict((oc) => oc.columns(['planId', 'unitId', 'due']).doUpdateSet((eb) => ({ body: eb.ref('excluded.body') })))
        .execute();
    }
  }

  /** Lead entries with their report and round, oldest round first then by report: the order "latest" reads. */
  private history(where: (q: HistoryQuery) => HistoryQuery): Promise<HistoryRow[]> {
    return where(historyQuery(this.db).where('entries.role', '=', 'lead')).orderBy('rounds.calendarFrom').orderBy('reports.id').execute();
  }
}

const historyQuery = (db: Kysely<Database>) =>
  db
    .selectFrom('entries')
    .innerJoin('reports', 'reports.id', 'entries.reportId')
    .innerJoin('rounds', 'rounds.id', 'reports.roundId')
    .select([
      'rounds.planId',
      'entries.taskId',
      'reports.unitId',
      'entries.reportId',
      'reports.status as reportStatus',
      'reports.submittedAt',
      'entries.status',
      'entries.completedOn',
      'entries.dues',
      'rounds.calendarFrom',
    ]);
type HistoryQuery = ReturnType<typeof historyQuery>;

/** Groups a history by (task, unit), folds each with standingOf and packs the result per unit. */
function fold(history: readonly HistoryRow[], now: Date): Map<number, UnitPack> {
  const groups = new Map<string, HistoryRow[]>();
  for (const h of history) {
    const k = `${h.taskId}:${h.unitId}`;
    const list = groups.get(k);
    if (list) list.push(h);
    else groups.set(k, [h]);
  }
  const duesCache = new Map<string, string[]>();
  const out = new Map<number, UnitPack>();
  for (const list of groups.values()) {
    const first = list[0]!;
    const entries: StandingEntry[] = list.map((h) => {
      let dues = duesCache.get(h.dues);
      if (!dues) duesCache.set(h.dues, (dues = JSON.parse(h.dues) as string[]));
      return { reportId: h.reportId, reportStatus: h.reportStatus, submittedAt: h.submittedAt, status: h.status, completedOn: h.completedOn, dues };
    });
    const { whole, words } = tuplesOf(first.taskId, standingOf(entries, now), list[list.length - 1]!.calendarFrom);
    let pack = out.get(first.unitId);
    if (!pack) out.set(first.unitId, (pack = { wholes: [], words: new Map() }));
    pack.wholes.push(whole);
    for (const [due, w] of words) {
      const ws = pack.words.get(due);
      if (ws) ws.push(w);
      else pack.words.set(due, [w]);
    }
  }
  return out;
}

import type { Insertable, Kysely, Selectable } from 'kysely';
import { standingOf, joinDues, type StandingEntry } from '../../domain/reporting/standing.js';
import type { Database, DashboardStandingTable } from '../schema.js';

export type StandingRow = Selectable<DashboardStandingTable>;
type NewStandingRow = Insertable<DashboardStandingTable>;

/** What the dashboard reads: the columns it needs, nothing else. */
export type StandingReadRow = Pick<StandingRow, 'taskId' | 'unitId' | 'due' | 'reportId' | 'status' | 'completedOn' | 'reportedAt' | 'onTime'>;

export interface BoardRow {
  id: number;
  taskId: number;
  unitId: number;
  onTime: string | null;
  due: string | null;
  status: StandingRow['status'];
  completedOn: string | null;
  reportedAt: string | null;
}

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

const CHUNK = 200;

/**
 * The dashboard standing table (migration 0005): each unit's latest word on each task of a plan, folded
 * from the entry history by domain/reporting/standing.ts. Written in the transaction that changes what a
 * unit has said (a report submitted, resubmitted, returned or accepted) and when a round lists tasks.
 */
export class StandingRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * What a dashboard reads per lead assignment in force, in one query: the assignment, the dues its unit
   * reported done on time, and the unit's word on each of the given dues (one row per word; an assignment
   * without any word on them comes once, with the word's columns null).
   */
  async board(taskIds: readonly number[], dues: readonly string[]): Promise<BoardRow[]> {
    const out: BoardRow[] = [];
    const wanted = dues.length ? dues : ['-'];
    for (let i = 0; i < taskIds.length; i += 400) {
      out.push(
        ...(await this.db
          .selectFrom('assignments as a')
          .leftJoin('dashboardStanding as s', (j) => j.onRef('s.taskId', '=', 'a.taskId').onRef('s.unitId', '=', 'a.unitId').on('s.due', '=', ''))
          .leftJoin('dashboardStanding as w', (j) => j.onRef('w.taskId', '=', 'a.taskId').onRef('w.unitId', '=', 'a.unitId').on('w.due', 'in', wanted))
          .select(['a.id', 'a.taskId', 'a.unitId', 's.onTime', 'w.due', 'w.status', 'w.completedOn', 'w.reportedAt'])
          .where('a.taskId', 'in', taskIds.slice(i, i + 400))
          .where('a.role', '=', 'lead')
          .where('a.retiredAt', 'is', null)
          .orderBy('a.id')
          .execute()),
      );
    }
    return out;
  }

  /** Per assignment of the plan with something on time, the dues reported done on time (on-time rates). */
  async onTime(planId: number): Promise<Array<{ taskId: number; unitId: number; onTime: string | null }>> {
    return this.db
      .selectFrom('dashboardStanding')
      .select(['taskId', 'unitId', 'onTime'])
      .where('planId', '=', planId)
      .where('due', '=', '')
      .where('onTime', '<>', '')
      .execute();
  }

  /** The units' words on the given dues: the few dues a dashboard looks at today. */
  async words(planId: number, dues: readonly string[]): Promise<Array<Pick<StandingRow, 'taskId' | 'unitId' | 'due' | 'status' | 'completedOn' | 'reportedAt'>>> {
    if (dues.length === 0) return [];
    return this.db
      .selectFrom('dashboardStanding')
      .select(['taskId', 'unitId', 'due', 'status', 'completedOn', 'reportedAt'])
      .where('planId', '=', planId)
      .where('due', 'in', dues)
      .execute();
  }

  /** The rows about some tasks as wholes: the latest listing report and the latest word over all dues. */
  async wholes(planId: number, taskIds: readonly number[] | null): Promise<StandingReadRow[]> {
    if (taskIds !== null && taskIds.length === 0) return [];
    let q = this.db
      .selectFrom('dashboardStanding')
      .select(['taskId', 'unitId', 'due', 'reportId', 'status', 'completedOn', 'reportedAt', 'onTime'])
      .where('planId', '=', planId)
      .where('due', '=', '');
    if (taskIds !== null) q = q.where('taskId', 'in', taskIds);
    return q.execute();
  }

  /** The latest report listing each (task, unit) pair given: for the lines a page shows. */
  async listingReports(planId: number, pairs: ReadonlyArray<{ taskId: number; unitId: number }>): Promise<Array<{ taskId: number; unitId: number; reportId: number | null }>> {
    const out: Array<{ taskId: number; unitId: number; reportId: number | null }> = [];
    for (let i = 0; i < pairs.length; i += 200) {
      const slice = pairs.slice(i, i + 200);
      out.push(
        ...(await this.db
          .selectFrom('dashboardStanding')
          .select(['taskId', 'unitId', 'reportId'])
          // Each term names the whole primary key, so both engines look the rows up by it.
          .where((eb) => eb.or(slice.map((p) => eb.and([eb('taskId', '=', p.taskId), eb('unitId', '=', p.unitId), eb('due', '=', '')]))))
          .where('planId', '=', planId)
          .execute()),
      );
    }
    return out;
  }

  /** The lead assignments in force of some tasks: the three columns the dashboard reads. */
  async leads(taskIds: readonly number[]): Promise<Array<{ id: number; taskId: number; unitId: number }>> {
    const out: Array<{ id: number; taskId: number; unitId: number }> = [];
    for (let i = 0; i < taskIds.length; i += 500) {
      out.push(
        ...(await this.db
          .selectFrom('assignments')
          .select(['id', 'taskId', 'unitId'])
          .where('taskId', 'in', taskIds.slice(i, i + 500))
          .where('role', '=', 'lead')
          .where('retiredAt', 'is', null)
          .orderBy('id')
          .execute()),
      );
    }
    return out;
  }

  /** Every row of a unit on some tasks (tests and checks). */
  async rowsOf(unitId: number, taskIds: readonly number[]): Promise<StandingRow[]> {
    if (taskIds.length === 0) return [];
    return this.db.selectFrom('dashboardStanding').selectAll().where('unitId', '=', unitId).where('taskId', 'in', taskIds).orderBy('taskId').orderBy('due').execute();
  }

  /**
   * Recomputes the unit's standing on every task its report lists, from the unit's whole history on
   * those tasks (a few hundred entries). Called after a report changes state, inside its transaction.
   */
  async refreshReport(reportId: number, unitId: number, now: Date): Promise<void> {
    const taskIds = (await this.db.selectFrom('entries').select('taskId').where('reportId', '=', reportId).where('role', '=', 'lead').execute()).map((r) => r.taskId);
    for (let i = 0; i < taskIds.length; i += 400) {
      const slice = taskIds.slice(i, i + 400);
      const history = await this.history((q) => q.where('reports.unitId', '=', unitId).where('entries.taskId', 'in', slice));
      await this.db.deleteFrom('dashboardStanding').where('unitId', '=', unitId).where('taskId', 'in', slice).execute();
      await this.insert(fold(history, now));
    }
  }

  /**
   * A round was opened: its reports are now the latest to list their tasks (unless a later round already
   * does). Only the listing changes: a draft says nothing.
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
      .select(['taskId', 'unitId', 'reportId', 'roundFrom'])
      .where('planId', '=', round.planId)
      .where('due', '=', '')
      .execute();
    const key = (taskId: number, unitId: number) => `${taskId}:${unitId}`;
    const known = new Map(current.map((r) => [key(r.taskId, r.unitId), r]));
    const rows: NewStandingRow[] = [];
    for (const l of listed) {
      const k = known.get(key(l.taskId, l.unitId));
      const from = k?.roundFrom ?? '';
      if (k && (from > round.calendarFrom || (from === round.calendarFrom && (k.reportId ?? 0) > l.reportId))) continue;
      rows.push({ planId: round.planId, taskId: l.taskId, unitId: l.unitId, due: '', reportId: l.reportId, roundFrom: round.calendarFrom, status: null, completedOn: null, reportedAt: null, onTime: '' });
    }
    for (let i = 0; i < rows.length; i += CHUNK) {
      await this.db
        .insertInto('dashboardStanding')
        .values(rows.slice(i, i + CHUNK))
        .onConflict((oc) =>
          oc.columns(['taskId', 'unitId', 'due']).doUpdateSet((eb) => ({ reportId: eb.ref('excluded.reportId'), roundFrom: eb.ref('excluded.roundFrom') })),
        )
        .execute();
    }
  }

  /** Rebuilds a plan's standing from its whole history (the migration's backfill; bulk loads). */
  async rebuildPlan(planId: number, now: Date): Promise<number> {
    const history = await this.history((q) => q.where('rounds.planId', '=', planId));
    await this.db.deleteFrom('dashboardStanding').where('planId', '=', planId).execute();
    const rows = fold(history, now);
    await this.insert(rows);
    return rows.length;
  }

  async rebuildAll(now: Date): Promise<void> {
    for (const p of await this.db.selectFrom('plans').select('id').execute()) await this.rebuildPlan(p.id, now);
  }

  private async insert(rows: readonly NewStandingRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK) await this.db.insertInto('dashboardStanding').values(rows.slice(i, i + CHUNK)).execute();
  }

  /** Lead entries with their report and round, oldest round first then by report: the order "latest" reads. */
  private history(where: (q: HistoryQuery) => HistoryQuery): Promise<HistoryRow[]> {
    const q = this.db
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
      ])
      .where('entries.role', '=', 'lead');
    return where(q).orderBy('rounds.calendarFrom').orderBy('reports.id').execute();
  }
}

type HistoryQuery = ReturnType<typeof historyQuery>;
// Only for the type of the history query.
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

/** Groups a history by (task, unit) and folds each with standingOf into rows. */
function fold(history: readonly HistoryRow[], now: Date): NewStandingRow[] {
  const groups = new Map<string, HistoryRow[]>();
  for (const h of history) {
    const k = `${h.taskId}:${h.unitId}`;
    const list = groups.get(k);
    if (list) list.push(h);
    else groups.set(k, [h]);
  }
  const duesCache = new Map<string, string[]>();
  const rows: NewStandingRow[] = [];
  for (const list of groups.values()) {
    const first = list[0]!;
    const last = list[list.length - 1]!;
    const entries: StandingEntry[] = list.map((h) => {
      let dues = duesCache.get(h.dues);
      if (!dues) duesCache.set(h.dues, (dues = JSON.parse(h.dues) as string[]));
      return { reportId: h.reportId, reportStatus: h.reportStatus, submittedAt: h.submittedAt, status: h.status, completedOn: h.completedOn, dues };
    });
    const s = standingOf(entries, now);
    const base = { planId: first.planId, taskId: first.taskId, unitId: first.unitId };
    rows.push({
      ...base,
      due: '',
      reportId: s.reportId,
      roundFrom: last.calendarFrom,
      status: s.any?.status ?? null,
      completedOn: s.any?.completedOn ?? null,
      reportedAt: s.any?.reportedAt ?? null,
      onTime: joinDues(s.onTime),
    });
    for (const [due, w] of s.words) {
      if (due === '') continue;
      rows.push({ ...base, due, reportId: w.reportId, roundFrom: null, status: w.status, completedOn: w.completedOn, reportedAt: w.reportedAt, onTime: null });
    }
  }
  return rows;
}

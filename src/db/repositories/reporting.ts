import type { Expression, Insertable, Kysely, Selectable, Updateable } from 'kysely';
import { PreparedQuery } from './prepared.js';
import type { Database, EntryTable, EvidenceTable, ReportTable, ReportVersionTable, RoundTable } from '../schema.js';

export type RoundRow = Selectable<RoundTable>;
export type ReportRow = Selectable<ReportTable>;
export type EntryRow = Selectable<EntryTable>;
export type EvidenceRow = Selectable<EvidenceTable>;
export type ReportVersionRow = Selectable<ReportVersionTable>;
export type NewReportRow = Insertable<ReportTable>;
export type NewEntryRow = Insertable<EntryTable>;
export type NewEvidenceRow = Insertable<EvidenceTable>;

export interface PlanEntryRow {
  taskId: number;
  assignmentId: number | null;
  status: EntryRow['status'];
  completedOn: string | null;
  dues: string;
  reportId: number;
  unitId: number;
  reportStatus: ReportRow['status'];
  submittedAt: string | null;
  calendarFrom: string;
}

/** One line of a list of reports across rounds ("my reports"). */
export interface ReportListRow {
  id: number;
  roundId: number;
  roundLabel: string;
  planId: number;
  planTitle: string;
  unitId: number;
  unitName: string;
  status: ReportRow['status'];
  version: number;
  submissionDeadline: string;
  submittedAt: string | null;
  late: number;
  entryCount: number;
}

export interface ReportListFilter {
  /** Only these units; undefined for every unit. */
  unitIds?: readonly number[];
  status?: ReportRow['status'];
  planId?: number;
}

/** What a report's view and writes need of its round. */
export type ReportRound = Pick<RoundRow, 'id' | 'planId' | 'periodKey' | 'label' | 'submissionDeadline'>;

/** An entry with the task columns its view shows (null when the task is gone). */
export type EntryWithTask = EntryRow & {
  taskKey: string | null;
  taskNo: string | null;
  taskContent: string | null;
  taskDimension: string | null;
  taskDeadlineText: string | null;
};

/** The columns a save or a review changes on an entry. */
const ENTRY_PATCH_COLUMNS = ['status', 'progress', 'results', 'difficulties', 'proposals', 'blockedReason', 'completedOn', 'reviewComment'] as const;
type EntryPatchColumn = (typeof ENTRY_PATCH_COLUMNS)[number];
export type EntryPatch = { [C in EntryPatchColumn]?: EntryRow[C] };

const CHUNK = 200;

/** A write's (and a read's) two queries: built once, run with the report's id (see prepared.ts). */
const REPORT_WITH_ROUND = new PreparedQuery((db, { id }: { id: number }) =>
  db
    .selectFrom('reports')
    .innerJoin('rounds', 'rounds.id', 'reports.roundId')
    .leftJoin('units', 'units.id', 'reports.unitId')
    .selectAll('reports')
    .select([
      'rounds.planId as roundPlanId',
      'rounds.periodKey as roundPeriodKey',
      'rounds.label as roundLabel',
      'rounds.submissionDeadline as roundSubmissionDeadline',
      'units.name as unitName',
    ])
    .where('reports.id', '=', id),
);

const APPEND_VERSION = new PreparedQuery(
  (
    db,
    row: { reportId: number; version: number; status: string; action: string; snapshot: string; actorId: number | null; createdAt: string },
  ) => db.insertInto('reportVersions').values(row),
);

const CONTENT_WITH_TASKS = new PreparedQuery((db, { reportId }: { reportId: number }) =>
  db
    .selectFrom('entries')
    .leftJoin('tasks', 'tasks.id', 'entries.taskId')
    .leftJoin('evidence', 'evidence.entryId', 'entries.id')
    .selectAll('entries')
    .select([
      'tasks.key as taskKey',
      'tasks.no as taskNo',
      'tasks.content as taskContent',
      'tasks.dimension as taskDimension',
      'tasks.deadlineText as taskDeadlineText',
      'evidence.id as evId',
      'evidence.docNumber as evDocNumber',
      'evidence.docDate as evDocDate',
      'evidence.summary as evSummary',
      'evidence.fileHash as evFileHash',
      'evidence.createdAt as evCreatedAt',
    ])
    .where('entries.reportId', '=', reportId)
    .orderBy('entries.position')
    .orderBy('entries.id')
    .orderBy('evidence.id'),
);

/** Rounds, reports, entries, evidence and report versions. */
export class ReportingRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insertRound(row: Insertable<RoundTable>): Promise<RoundRow> {
    return this.db.insertInto('rounds').values(row).returningAll().executeTakeFirstOrThrow();
  }

  async round(id: number): Promise<RoundRow | undefined> {
    return this.db.selectFrom('rounds').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async roundOfPeriod(planId: number, periodKey: string): Promise<RoundRow | undefined> {
    return this.db.selectFrom('rounds').selectAll().where('planId', '=', planId).where('periodKey', '=', periodKey).executeTakeFirst();
  }

  async roundsOfPlan(planId: number): Promise<RoundRow[]> {
    return this.db.selectFrom('rounds').selectAll().where('planId', '=', planId).orderBy('calendarFrom', 'desc').orderBy('id', 'desc').execute();
  }

  /** Inserts many reports in chunks; answers them in the order given. */
  async insertReports(rows: readonly NewReportRow[]): Promise<ReportRow[]> {
    const out: ReportRow[] = [];
    for (let i = 0; i < rows.length; i += CHUNK) {
      const slice = rows.slice(i, i + CHUNK);
      const chunk = await this.db.insertInto('reports').values(slice).returningAll().execute();
      const byUnit = new Map(chunk.map((r) => [`${r.roundId}:${r.unitId}`, r]));
      for (const r of slice) out.push(byUnit.get(`${r.roundId}:${r.unitId}`)!);
    }
    return out;
  }

  async insertEntries(rows: readonly NewEntryRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK) await this.db.insertInto('entries').values(rows.slice(i, i + CHUNK)).execute();
  }

  async report(id: number): Promise<ReportRow | undefined> {
    return this.db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async reportsOfRound(roundId: number): Promise<ReportRow[]> {
    return this.db.selectFrom('reports').selectAll().where('roundId', '=', roundId).orderBy('id').execute();
  }

  /** Counts of entries per report of a round. */
  async entryCounts(roundId: number): Promise<Map<number, number>> {
    const rows = await this.db
      .selectFrom('entries')
      .innerJoin('reports', 'reports.id', 'entries.reportId')
      .select(['entries.reportId', (eb) => eb.fn.countAll<number>().as('n')])
      .where('reports.roundId', '=', roundId)
      .groupBy('entries.reportId')
      .execute();
    return new Map(rows.map((r) => [r.reportId, Number(r.n)]));
  }

  /** Reports across rounds with their round, plan, unit and entry count; the latest rounds first. */
  async reportList(filter: ReportListFilter): Promise<ReportListRow[]> {
    if (filter.unitIds !== undefined && filter.unitIds.length === 0) return [];
    let q = this.db
      .selectFrom('reports')
      .innerJoin('rounds', 'rounds.id', 'reports.roundId')
      .innerJoin('plans', 'plans.id', 'rounds.planId')
      .innerJoin('units', 'units.id', 'reports.unitId')
      .select([
        'reports.id',
        'reports.roundId',
        'rounds.label as roundLabel',
        'rounds.planId',
        'plans.title as planTitle',
        'reports.unitId',
        'units.name as unitName',
        'reports.status',
        'reports.version',
        'rounds.submissionDeadline',
        'reports.submittedAt',
        'reports.late',
      ])
      .select((eb) =>
        eb.selectFrom('entries').select((e) => e.fn.countAll<number>().as('n')).whereRef('entries.reportId', '=', 'reports.id').as('entryCount'),
      );
    if (filter.unitIds !== undefined) q = q.where('reports.unitId', 'in', [...filter.unitIds]);
    if (filter.status !== undefined) q = q.where('reports.status', '=', filter.status);
    if (filter.planId !== undefined) q = q.where('rounds.planId', '=', filter.planId);
    const rows = await q.orderBy('rounds.calendarFrom', 'desc').orderBy('rounds.id', 'desc').orderBy('reports.id').execute();
    return rows.map((r) => ({ ...r, entryCount: Number(r.entryCount ?? 0) }));
  }

  /** Updates a report if it still has the version the caller saw; bumps the version. Undefined when stale. */
  async updateReport(id: number, expectedVersion: number, patch: Updateable<ReportTable>): Promise<ReportRow | undefined> {
    return this.db
      .updateTable('reports')
      .set({ ...patch, version: expectedVersion + 1 })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .returningAll()
      .executeTakeFirst();
  }

  /** Changes a report without touching its version (the caller has already bumped it in this transaction). */
  async setReport(id: number, patch: Omit<Updateable<ReportTable>, 'version'>): Promise<ReportRow> {
    return this.db.updateTable('reports').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  async entries(reportId: number): Promise<EntryRow[]> {
    return this.db.selectFrom('entries').selectAll().where('reportId', '=', reportId).orderBy('position').orderBy('id').execute();
  }

  async updateEntry(id: number, patch: Updateable<EntryTable>): Promise<void> {
    await this.db.updateTable('entries').set(patch).where('id', '=', id).execute();
  }

  async evidence(entryIds: readonly number[]): Promise<EvidenceRow[]> {
    const out: EvidenceRow[] = [];
    for (let i = 0; i < entryIds.length; i += 500) {
      out.push(...(await this.db.selectFrom('evidence').selectAll().where('entryId', 'in', entryIds.slice(i, i + 500)).orderBy('id').execute()));
    }
    return out;
  }

  /** Replaces an entry's evidence list (the rows are kept in every report version's snapshot). */
  async replaceEvidence(entryId: number, rows: readonly NewEvidenceRow[]): Promise<void> {
    await this.db.deleteFrom('evidence').where('entryId', '=', entryId).execute();
    for (let i = 0; i < rows.length; i += CHUNK) await this.db.insertInto('evidence').values(rows.slice(i, i + CHUNK)).execute();
  }

  async appendVersion(row: Insertable<ReportVersionTable>): Promise<void> {
    const { reportId, version, status, action, snapshot, actorId, createdAt } = row;
    await APPEND_VERSION.execute(this.db, { reportId, version, status, action, snapshot, actorId: actorId ?? null, createdAt });
  }

  async versions(reportId: number): Promise<Array<Omit<ReportVersionRow, 'snapshot'>>> {
    return this.db
      .selectFrom('reportVersions')
      .select(['id', 'reportId', 'version', 'status', 'action', 'actorId', 'createdAt'])
      .where('reportId', '=', reportId)
      .orderBy('version')
      .execute();
  }

  async version(reportId: number, version: number): Promise<ReportVersionRow | undefined> {
    return this.db.selectFrom('reportVersions').selectAll().where('reportId', '=', reportId).where('version', '=', version).executeTakeFirst();
  }

  /** A report with what its API view needs of its round and unit, in one query (a write's first read). */
  async reportWithRound(id: number): Promise<{ report: ReportRow; round: ReportRound; unitName: string } | undefined> {
    const [row] = await REPORT_WITH_ROUND.execute(this.db, { id });
    if (!row) return undefined;
    const { roundPlanId, roundPeriodKey, roundLabel, roundSubmissionDeadline, unitName, ...report } = row;
    return {
      report,
      round: { id: report.roundId, planId: roundPlanId, periodKey: roundPeriodKey, label: roundLabel, submissionDeadline: roundSubmissionDeadline },
      unitName: unitName ?? '',
    };
  }

  /**
   * A report's entries (in order) with what the view shows of their tasks, and their evidence, in one query
   * (an entry appears once per evidence row; most have none).
   */
  async contentWithTasks(reportId: number): Promise<{ entries: EntryWithTask[]; evidence: EvidenceRow[] }> {
    const rows = await CONTENT_WITH_TASKS.execute(this.db, { reportId });
    const entries: EntryWithTask[] = [];
    const evidence: EvidenceRow[] = [];
    for (const r of rows) {
      const { evId, evDocNumber, evDocDate, evSummary, evFileHash, evCreatedAt, ...entry } = r;
      if (entries[entries.length - 1]?.id !== entry.id) entries.push(entry);
      if (evId !== null) {
        evidence.push({ id: evId, entryId: entry.id, docNumber: evDocNumber, docDate: evDocDate, summary: evSummary!, fileHash: evFileHash, createdAt: evCreatedAt! });
      }
    }
    evidence.sort((a, b) => a.id - b.id);
    return { entries, evidence };
  }

  /**
   * Several entries' changes in one statement: each changed column is set with a CASE over the entry ids
   * (both engines; an entry that does not change a column keeps it). One entry: a plain UPDATE.
   */
  async updateEntries(changes: ReadonlyMap<number, EntryPatch>): Promise<void> {
    if (changes.size === 0) return;
    if (changes.size === 1) {
      const [id, patch] = [...changes][0]!;
      await this.updateEntry(id, patch);
      return;
    }
    const list = [...changes];
    await this.db
      .updateTable('entries')
      .set((eb) => {
        const out: { [C in EntryPatchColumn]?: Expression<EntryRow[C]> } = {};
        for (const col of ENTRY_PATCH_COLUMNS) {
          const which = list.filter(([, p]) => p[col] !== undefined);
          if (which.length === 0) continue;
          const [first, ...rest] = which;
          let expr = eb.case('id').when(eb.val(first![0])).then(eb.val(first![1][col]!) as never);
          for (const [id, p] of rest) expr = expr.when(eb.val(id)).then(eb.val(p[col]!) as never);
          (out as Record<string, Expression<unknown>>)[col] = expr.else(eb.ref(col)).end();
        }
        return out;
      })
      .where('id', 'in', list.map(([id]) => id))
      .execute();
  }

  /** Adds one evidence row (an uploaded file) to an entry. */
  async insertEvidence(row: NewEvidenceRow): Promise<EvidenceRow> {
    return this.db.insertInto('evidence').values(row).returningAll().executeTakeFirstOrThrow();
  }

  /** One evidence row with the report it belongs to. */
  async evidenceItem(id: number): Promise<(EvidenceRow & { reportId: number; taskId: number }) | undefined> {
    return this.db
      .selectFrom('evidence')
      .innerJoin('entries', 'entries.id', 'evidence.entryId')
      .selectAll('evidence')
      .select(['entries.reportId', 'entries.taskId'])
      .where('evidence.id', '=', id)
      .executeTakeFirst();
  }

  /**
   * Every entry of a plan's rounds, in one query, with what a dashboard reads of its report and round.
   * Lead entries only; ordered by round then report so the last seen per assignment is the latest.
   */
  async planEntries(planId: number): Promise<PlanEntryRow[]> {
    return this.db
      .selectFrom('entries')
      .innerJoin('reports', 'reports.id', 'entries.reportId')
      .innerJoin('rounds', 'rounds.id', 'reports.roundId')
      .select([
        'entries.taskId',
        'entries.assignmentId',
        'entries.status',
        'entries.completedOn',
        'entries.dues',
        'entries.reportId',
        'reports.unitId',
        'reports.status as reportStatus',
        'reports.submittedAt',
        'rounds.calendarFrom',
      ])
      .where('rounds.planId', '=', planId)
      .where('entries.role', '=', 'lead')
      .orderBy('rounds.calendarFrom')
      .orderBy('reports.id')
      .execute();
  }
}

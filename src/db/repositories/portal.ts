import type { Kysely } from 'kysely';
import type { Database, EntryTable, ReportTable } from '../schema.js';

/**
 * Reads of the public portal (issue 5). Every query that touches reports holds
 * `reports.status = 'accepted'` in its WHERE clause: drafts, submitted and returned reports never leave
 * this file. Nothing here writes.
 */

/** One entry of an ACCEPTED report, with what the public pages show of it. */
export interface AcceptedEntryRow {
  entryId: number;
  taskId: number;
  assignmentId: number | null;
  role: EntryTable['role'];
  status: EntryTable['status'];
  progress: number | null;
  results: string;
  completedOn: string | null;
  /** JSON array of the dues the entry was asked about. */
  dues: string;
  reportId: number;
  unitId: number;
  reportStatus: ReportTable['status'];
  submittedAt: string | null;
  roundId: number;
  roundLabel: string;
  calendarFrom: string;
}

/** An accepted report and the moment it was accepted (its last 'accept' version). */
export interface AcceptedReportRow {
  reportId: number;
  planId: number;
  unitId: number;
  roundId: number;
  roundLabel: string;
  submittedAt: string | null;
  acceptedAt: string;
}

export interface PublicEvidenceRow {
  entryId: number;
  docNumber: string | null;
  docDate: string | null;
  summary: string;
}

/** Words folded by searchKey: only [a-z0-9], safe inside a LIKE pattern. */
const likeWord = (w: string) => `%${w}%`;

export class PortalRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private accepted() {
    return this.db
      .selectFrom('entries')
      .innerJoin('reports', 'reports.id', 'entries.reportId')
      .innerJoin('rounds', 'rounds.id', 'reports.roundId')
      .where('reports.status', '=', 'accepted')
      .select([
        'entries.id as entryId',
        'entries.taskId',
        'entries.assignmentId',
        'entries.role',
        'entries.status',
        'entries.progress',
        'entries.results',
        'entries.completedOn',
        'entries.dues',
        'reports.id as reportId',
        'reports.unitId',
        'reports.status as reportStatus',
        'reports.submittedAt',
        'rounds.id as roundId',
        'rounds.label as roundLabel',
        'rounds.calendarFrom',
      ]);
  }

  /** Every entry of the plan's accepted reports, oldest round first (the order standings fold in). */
  async acceptedEntriesOfPlan(planId: number): Promise<AcceptedEntryRow[]> {
    return this.accepted()
      .where('rounds.planId', '=', planId)
      .orderBy('rounds.calendarFrom')
      .orderBy('reports.id')
      .orderBy('entries.position')
      .execute();
  }

  /** The accepted entries on one task (every unit), oldest round first. */
  async acceptedEntriesOfTask(taskId: number): Promise<AcceptedEntryRow[]> {
    return this.accepted().where('entries.taskId', '=', taskId).orderBy('rounds.calendarFrom').orderBy('reports.id').execute();
  }

  /** Evidence (number, date, summary) attached to the given entries; the caller passes accepted entries only. */
  async evidenceOfEntries(entryIds: readonly number[]): Promise<PublicEvidenceRow[]> {
    if (entryIds.length === 0) return [];
    const out: PublicEvidenceRow[] = [];
    for (let i = 0; i < entryIds.length; i += 500) {
      const rows = await this.db
        .selectFrom('evidence')
        .innerJoin('entries', 'entries.id', 'evidence.entryId')
        .innerJoin('reports', 'reports.id', 'entries.reportId')
        .where('reports.status', '=', 'accepted')
        .where('evidence.entryId', 'in', entryIds.slice(i, i + 500))
        .select(['evidence.entryId', 'evidence.docNumber', 'evidence.docDate', 'evidence.summary'])
        .orderBy('evidence.id')
        .execute();
      out.push(...rows);
    }
    return out;
  }

  /** Accepted reports (of one plan, or of every plan), the latest accepted first. */
  async acceptedReports(options: { planId?: number; unitId?: number; limit: number }): Promise<AcceptedReportRow[]> {
    let q = this.db
      .selectFrom('reports')
      .innerJoin('rounds', 'rounds.id', 'reports.roundId')
      .innerJoin('reportVersions', 'reportVersions.reportId', 'reports.id')
      .where('reports.status', '=', 'accepted')
      .where('reportVersions.action', '=', 'accept')
      .select((eb) => [
        'reports.id as reportId',
        'rounds.planId',
        'reports.unitId',
        'rounds.id as roundId',
        'rounds.label as roundLabel',
        'reports.submittedAt',
        eb.fn.max('reportVersions.createdAt').as('acceptedAt'),
      ])
      .groupBy(['reports.id', 'rounds.planId', 'reports.unitId', 'rounds.id', 'rounds.label', 'reports.submittedAt']);
    if (options.planId !== undefined) q = q.where('rounds.planId', '=', options.planId);
    if (options.unitId !== undefined) q = q.where('reports.unitId', '=', options.unitId);
    const rows = await q.orderBy('acceptedAt', 'desc').orderBy('reports.id', 'desc').limit(options.limit).execute();
    return rows.map((r) => ({ ...r, acceptedAt: String(r.acceptedAt) }));
  }

  /** Task ids of live tasks whose search key holds every word (a LIKE prefilter; the caller checks word starts). */
  async searchTasks(words: readonly string[], limit: number): Promise<Array<{ id: number; planId: number; no: string; content: string; searchText: string; dimension: string | null }>> {
    let q = this.db.selectFrom('tasks').select(['id', 'planId', 'no', 'content', 'searchText', 'dimension']).where('retiredAt', 'is', null);
    for (const w of words) q = q.where('searchText', 'like', likeWord(w));
    return q.orderBy('planId', 'desc').orderBy('position').limit(limit).execute();
  }

  async searchPlans(words: readonly string[], limit: number): Promise<Array<{ id: number; title: string; number: string | null; searchText: string }>> {
    let q = this.db.selectFrom('plans').select(['id', 'title', 'number', 'searchText']);
    for (const w of words) q = q.where('searchText', 'like', likeWord(w));
    return q.orderBy('id', 'desc').limit(limit).execute();
  }

  async searchUnits(words: readonly string[], limit: number): Promise<Array<{ id: number; code: string; name: string; kind: string; searchText: string }>> {
    let q = this.db.selectFrom('units').select(['id', 'code', 'name', 'kind', 'searchText']).where('kind', '!=', 'external');
    for (const w of words) q = q.where('searchText', 'like', likeWord(w));
    return q.orderBy('name').limit(limit).execute();
  }

  /**
   * A token that changes whenever a report, an extension decision or a schedule event is written: the
   * portal's short-lived plan cache is keyed by it, so an accepted report shows on the next request.
   */
  async changeToken(): Promise<string> {
    const [versions, extensions, events] = await Promise.all([
      this.db.selectFrom('reportVersions').select((eb) => eb.fn.max('id').as('v')).executeTakeFirst(),
      this.db.selectFrom('extensions').select((eb) => [eb.fn.max('id').as('v'), eb.fn.max('decidedAt').as('d')]).executeTakeFirst(),
      this.db.selectFrom('taskScheduleEvents').select((eb) => [eb.fn.max('id').as('v'), eb.fn.max('retiredAt').as('r')]).executeTakeFirst(),
    ]);
    return [versions?.v, extensions?.v, extensions?.d, events?.v, events?.r].map((x) => String(x ?? '')).join('|');
  }

  /** Live assignments of one unit (task and plan ids, role). */
  async assignmentsOfUnit(unitId: number): Promise<Array<{ id: number; taskId: number; planId: number; role: 'lead' | 'coordinating' }>> {
    return this.db
      .selectFrom('assignments')
      .innerJoin('tasks', 'tasks.id', 'assignments.taskId')
      .where('assignments.unitId', '=', unitId)
      .where('assignments.retiredAt', 'is', null)
      .where('tasks.retiredAt', 'is', null)
      .select(['assignments.id', 'assignments.taskId', 'tasks.planId', 'assignments.role'])
      .orderBy('tasks.planId', 'desc')
      .orderBy('tasks.position')
      .execute();
  }
}

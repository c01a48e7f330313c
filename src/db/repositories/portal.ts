import type { Kysely } from 'kysely';
import { packTuples, packWholes, standingOf, tuplesOf, WHOLE_WORDS_DUE, type StandingEntry, type WholeTuple, type WordTuple } from '../../domain/reporting/standing.js';
import type { Database, EntryTable, PublicStandingTable, ReportTable } from '../schema.js';

/**
 * Reads of the public portal (issue 5), and its public standing (migration 0010). Every query that touches
 * reports holds `reports.status = 'accepted'` in its WHERE clause: drafts, submitted and returned reports
 * never leave this file. The only writes are the public standing's, from accepted reports.
 */

/** The '#' row of the public standing: per task, the unit's newest accepted words with their text. */
export const PUBLIC_WORDS_DUE = '#';
/** Accepted words kept per (task, unit) with their text: what the task page shows. */
export const PUBLIC_WORDS_KEPT = 2;

/** An accepted word as the '#' row keeps it: [entryId, round label, submittedAt, status, progress, results, completedOn]. */
export type PublicWordTuple = [number, string, string | null, EntryTable['status'], number | null, string, string | null];
/** One task in the '#' row: [taskId, role of the newest word, accepted words in all, newest words first]. */
export type PublicTaskWords = [number, EntryTable['role'], number, PublicWordTuple[]];

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

const CHUNK = 200;

/** Newest first: the latest submission, then the later entry. */
export const newestFirst = (a: { submittedAt: string | null; entryId: number }, b: { submittedAt: string | null; entryId: number }): number =>
  (b.submittedAt ?? '').localeCompare(a.submittedAt ?? '') || b.entryId - a.entryId;

/**
 * Folds one unit's accepted entries on a plan (oldest round first, then by report and position) into the
 * bodies of its public standing rows: the dashboard's packed standing of accepted words ('' and '*' about
 * tasks as wholes, one row per due) and the '#' row of newest words. Pure; the same rows whatever the order
 * acceptances came in.
 */
export function publicStandingBodies(entries: readonly AcceptedEntryRow[], now: Date): Map<string, string> {
  const byTask = new Map<number, AcceptedEntryRow[]>();
  for (const e of entries) (byTask.get(e.taskId) ?? byTask.set(e.taskId, []).get(e.taskId)!).push(e);
  const wholes: WholeTuple[] = [];
  const words = new Map<string, WordTuple[]>();
  const said: PublicTaskWords[] = [];
  const duesCache = new Map<string, string[]>();
  for (const [taskId, list] of byTask) {
    const leads: StandingEntry[] = [];
    let lastLead: AcceptedEntryRow | null = null;
    for (const e of list) {
      if (e.role !== 'lead') continue;
      let dues = duesCache.get(e.dues);
      if (!dues) duesCache.set(e.dues, (dues = parseDues(e.dues)));
      leads.push({ reportId: e.reportId, reportStatus: e.reportStatus, submittedAt: e.submittedAt, status: e.status, completedOn: e.completedOn, dues });
      lastLead = e;
    }
    if (lastLead) {
      const t = tuplesOf(taskId, standingOf(leads, now), lastLead.calendarFrom);
      wholes.push(t.whole);
      for (const [due, w] of t.words) (words.get(due) ?? words.set(due, []).get(due)!).push(w);
    }
    const newest = [...list].sort(newestFirst);
    said.push([
      taskId,
      newest[0]!.role,
      newest.length,
      newest.slice(0, PUBLIC_WORDS_KEPT).map((e): PublicWordTuple => [e.entryId, e.roundLabel, e.submittedAt, e.status, e.progress, e.results, e.completedOn]),
    ]);
  }
  const out = new Map<string, string>();
  if (wholes.length) {
    const packed = packWholes(wholes);
    out.set('', packed.listing);
    out.set(WHOLE_WORDS_DUE, packed.words);
  }
  for (const [due, list] of words) out.set(due, packTuples(list));
  if (said.length) out.set(PUBLIC_WORDS_DUE, packTuples(said));
  return out;
}

function parseDues(json: string): string[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((d): d is string => typeof d === 'string') : [];
  } catch {
    return [];
  }
}

export class PortalRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * What the public plan model reads: the plan's public standing rows about tasks as wholes ('', '*'), the
   * newest words ('#') and the given dues — about four rows per unit, whatever the history.
   */
  async publicStanding(planId: number, dues: readonly string[]): Promise<Array<Pick<PublicStandingTable, 'unitId' | 'due' | 'body'>>> {
    return this.db
      .selectFrom('publicStanding')
      .select(['unitId', 'due', 'body'])
      .where('planId', '=', planId)
      .where('due', 'in', ['', WHOLE_WORDS_DUE, PUBLIC_WORDS_DUE, ...dues])
      .execute();
  }

  /** Every public standing row of a plan, by unit then due (tests and checks). */
  async publicStandingRows(planId: number): Promise<PublicStandingTable[]> {
    return this.db.selectFrom('publicStanding').selectAll().where('planId', '=', planId).orderBy('unitId').orderBy('due').execute();
  }

  /**
   * A report of the unit on the plan was accepted: recomputes the unit's public standing on the plan from
   * its accepted entries (at province scale 20 rounds × 60 tasks) and rewrites the rows that changed.
   * Called inside the acceptance's transaction.
   */
  async refreshPublicStanding(planId: number, unitId: number, now: Date): Promise<void> {
    const entries = await this.accepted()
      .where('rounds.planId', '=', planId)
      .where('reports.unitId', '=', unitId)
      .orderBy('rounds.calendarFrom')
      .orderBy('reports.id')
      .orderBy('entries.position')
      .execute();
    const fresh = publicStandingBodies(entries, now);
    const current = await this.db.selectFrom('publicStanding').select(['due', 'body']).where('planId', '=', planId).where('unitId', '=', unitId).execute();
    const gone = current.filter((r) => !fresh.has(r.due)).map((r) => r.due);
    const before = new Map(current.map((r) => [r.due, r.body]));
    const upserts = [...fresh].filter(([due, body]) => before.get(due) !== body).map(([due, body]) => ({ planId, unitId, due, body }));
    if (gone.length) await this.db.deleteFrom('publicStanding').where('planId', '=', planId).where('unitId', '=', unitId).where('due', 'in', gone).execute();
    for (let i = 0; i < upserts.length; i += CHUNK) {
      await this.db
        .insertInto('publicStanding')
        .values(upserts.slice(i, i + CHUNK))
        .onConflict((oc) => oc.columns(['planId', 'unitId', 'due']).doUpdateSet((eb) => ({ body: eb.ref('excluded.body') })))
        .execute();
    }
  }

  /** Rebuilds a plan's public standing from every accepted report (the migration's backfill; bulk loads). */
  async rebuildPublicStanding(planId: number, now: Date): Promise<number> {
    const entries = await this.acceptedEntriesOfPlan(planId);
    const byUnit = new Map<number, AcceptedEntryRow[]>();
    for (const e of entries) (byUnit.get(e.unitId) ?? byUnit.set(e.unitId, []).get(e.unitId)!).push(e);
    await this.db.deleteFrom('publicStanding').where('planId', '=', planId).execute();
    const rows: PublicStandingTable[] = [];
    for (const [unitId, list] of byUnit) for (const [due, body] of publicStandingBodies(list, now)) rows.push({ planId, unitId, due, body });
    for (let i = 0; i < rows.length; i += CHUNK) await this.db.insertInto('publicStanding').values(rows.slice(i, i + CHUNK)).execute();
    return rows.length;
  }

  async rebuildAll(now: Date): Promise<void> {
    for (const p of await this.db.selectFrom('plans').select('id').execute()) await this.rebuildPublicStanding(p.id, now);
  }

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

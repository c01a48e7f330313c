import type { Actor } from '../domain/accounts/actor.js';
import { conflict, notFound, validationError } from '../domain/errors.js';
import { authorize, can, type ReportState } from '../domain/policies/index.js';
import {
  assignmentsDueInPeriod,
  dueEndsAt,
  makePeriod,
  PERIODIC_KINDS,
  type PeriodicKind,
  parsePeriodKey,
  periodKey,
  submissionDeadline as defaultDeadline,
  type ReportingPeriod,
  type TaskScheduleRef,
} from '../domain/reporting/index.js';
import { isIsoDate } from '../domain/schedule/index.js';
import { cleanText } from '../domain/text/normalize.js';
import { vnDate } from '../domain/time.js';
import type { Repositories, Store } from '../db/repositories/index.js';
import type {
  EntryPatch,
  EntryRow,
  EntryWithTask,
  EvidenceRow,
  NewEntryRow,
  NewEvidenceRow,
  ReportRound,
  ReportRow,
  ReportVersionRow,
  RoundRow,
} from '../db/repositories/reporting.js';
import type { AuditEvent, AuditService } from './audit-service.js';
import type { Clock } from './clock.js';
import { dueFactsOf } from './extension-service.js';

export type EntryStatus = 'not_started' | 'in_progress' | 'done' | 'blocked';
export const ENTRY_STATUSES: readonly EntryStatus[] = ['not_started', 'in_progress', 'done', 'blocked'];

/** The general narrative in the usual four parts of a Vietnamese progress report. */
export interface Narrative {
  /** Kết quả đạt được. */
  results: string;
  /** Tồn tại, hạn chế. */
  shortcomings: string;
  /** Nguyên nhân. */
  causes: string;
  /** Đề xuất, kiến nghị. */
  proposals: string;
}
export const NARRATIVE_PARTS = ['results', 'shortcomings', 'causes', 'proposals'] as const;
const EMPTY_NARRATIVE: Narrative = { results: '', shortcomings: '', causes: '', proposals: '' };

export interface EvidenceInput {
  docNumber?: string | null;
  docDate?: string | null;
  summary: string;
  fileHash?: string | null;
}

export interface EntryChange {
  taskId: number;
  status?: EntryStatus;
  progress?: number | null;
  results?: string;
  difficulties?: string;
  proposals?: string;
  blockedReason?: string | null;
  completedOn?: string | null;
  /** When given, replaces the entry's evidence list. */
  evidence?: EvidenceInput[];
}

export interface ReportChanges {
  narrative?: Partial<Narrative>;
  entries?: EntryChange[];
}

export interface EvidenceView {
  id: number;
  docNumber: string | null;
  docDate: string | null;
  summary: string;
  fileHash: string | null;
  createdAt: string;
}

export interface EntryView {
  id: number;
  taskId: number;
  taskKey: string | null;
  taskNo: string | null;
  content: string | null;
  dimension: string | null;
  deadlineText: string | null;
  dues: string[];
  assignmentId: number | null;
  role: 'lead' | 'coordinating';
  status: EntryStatus;
  progress: number | null;
  results: string;
  /** The same text as `results`, under the name the API contract uses. */
  result: string;
  difficulties: string;
  proposals: string;
  blockedReason: string | null;
  completedOn: string | null;
  reviewComment: string | null;
  evidence: EvidenceView[];
}

/** How a unit stands against the round's deadline. */
export type SubmissionState = 'on_time' | 'late' | 'missing' | 'pending';

export interface RoundView {
  id: number;
  planId: number;
  periodKey: string;
  periodKind: string;
  label: string;
  periodFrom: string;
  periodTo: string;
  calendarFrom: string;
  calendarTo: string;
  submissionDeadline: string;
  openedBy: number | null;
  openedAt: string;
  closedAt: string | null;
  version: number;
}

export interface ReportSummary {
  id: number;
  unitId: number;
  unitName: string;
  status: ReportState;
  version: number;
  submittedAt: string | null;
  late: boolean;
  submission: SubmissionState;
  entryCount: number;
}

export interface ReportView {
  id: number;
  roundId: number;
  round: Pick<RoundView, 'id' | 'planId' | 'periodKey' | 'label' | 'submissionDeadline'>;
  unitId: number;
  unitName: string;
  status: ReportState;
  version: number;
  narrative: Narrative;
  returnComment: string | null;
  submittedAt: string | null;
  late: boolean;
  submission: SubmissionState;
  createdAt: string;
  updatedAt: string;
  entries: EntryView[];
}

/** What a report version keeps: everything a unit wrote and a reviewer said, at that moment. */
export interface Snapshot {
  status: ReportState;
  narrative: Narrative;
  returnComment: string | null;
  submittedAt: string | null;
  late: boolean;
  entries: Array<{
    taskId: number;
    status: EntryStatus;
    progress: number | null;
    results: string;
    difficulties: string;
    proposals: string;
    blockedReason: string | null;
    completedOn: string | null;
    reviewComment: string | null;
    evidence: Array<{ docNumber: string | null; docDate: string | null; summary: string; fileHash: string | null }>;
  }>;
}

/** A report's entries (with what the view shows of their tasks) and their evidence, as read in one place. */
interface ReportContent {
  entries: EntryWithTask[];
  evidence: EvidenceRow[];
}

/**
 * What a write's change sees (the entries as read before it) and what it asks to write: the changed columns
 * of the entries that change (written in one statement after the version bump) and replaced evidence lists.
 */
interface WriteContext {
  readonly entries: readonly EntryWithTask[];
  readonly updates: Map<number, EntryPatch>;
  readonly evidence: Map<number, NewEvidenceRow[]>;
}

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface ReportComparison {
  reportId: number;
  from: number;
  to: number;
  report: FieldChange[];
  narrative: FieldChange[];
  entries: Array<{ taskId: number; fields: FieldChange[] }>;
}

const STATE_VI: Record<ReportState, string> = {
  draft: 'bản nháp',
  submitted: 'đã gửi',
  returned: 'bị trả lại',
  accepted: 'đã được chấp nhận',
};

const MAX_TEXT = 20_000;

/** NFC, line breaks kept (paragraphs of a report), spaces within a line collapsed, at most one blank line. */
function cleanMultiline(input: string): string {
  return input
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[^\S\n]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function text(value: string | undefined, what: string): string | undefined {
  if (value === undefined) return undefined;
  const t = cleanMultiline(value);
  if (t.length > MAX_TEXT) throw validationError('text_too_long', `${what} quá dài (tối đa ${MAX_TEXT} ký tự).`);
  return t;
}

/** A report's version snapshot; coordination-service keeps its versions in the same shape. */
export function reportSnapshot(report: ReportRow, { entries, evidence }: { entries: EntryRow[]; evidence: EvidenceRow[] }): Snapshot {
  return {
    status: report.status,
    narrative: parseNarrative(report.narrative),
    returnComment: report.returnComment,
    submittedAt: report.submittedAt,
    late: report.late === 1,
    entries: entries.map((e) => ({
      taskId: e.taskId,
      status: e.status,
      progress: e.progress,
      results: e.results,
      difficulties: e.difficulties,
      proposals: e.proposals,
      blockedReason: e.blockedReason,
      completedOn: e.completedOn,
      reviewComment: e.reviewComment,
      evidence: evidence
        .filter((ev) => ev.entryId === e.id)
        .map((ev) => ({ docNumber: ev.docNumber, docDate: ev.docDate, summary: ev.summary, fileHash: ev.fileHash })),
    })),
  };
}

function parseNarrative(json: string): Narrative {
  const raw = JSON.parse(json) as Partial<Narrative>;
  return { ...EMPTY_NARRATIVE, ...raw };
}

function submissionState(report: Pick<ReportRow, 'submittedAt' | 'late'>, deadline: string, now: Date): SubmissionState {
  if (report.submittedAt) return report.late ? 'late' : 'on_time';
  return now.getTime() > dueEndsAt(deadline).getTime() ? 'missing' : 'pending';
}

const roundView = (r: RoundRow): RoundView => ({ ...r });

/**
 * The reporting cycle (issue 4, items 2–3): a coordinator opens a round for a plan and a period; every
 * unit with lead assignments active in the period gets a draft report listing exactly those tasks; the
 * unit fills it in and submits it; the coordinator returns or accepts it. Every step is a new version
 * of the report, kept whole, and an audit entry, in one transaction.
 */
export class ReportingService {
  constructor(
    private readonly store: Store,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  // ---- rounds -------------------------------------------------------------------------------

  async openRound(
    actor: Actor,
    planId: number,
    input: { periodKey?: string; period?: { type: string; year: number; index?: number }; submissionDeadline?: string | null },
  ): Promise<RoundView & { reports: ReportSummary[] }> {
    const read = this.store.read;
    const plan = await read.plans.get(planId);
    if (!plan) throw notFound(`Không tìm thấy kế hoạch có mã số ${planId}.`);
    authorize(actor, 'create', 'Round', { planIssuerUnitId: plan.issuerUnitId });
    const period = this.periodOf(input);
    const key = periodKey(period);
    const deadline = input.submissionDeadline ?? defaultDeadline(period);
    if (!isIsoDate(deadline)) throw validationError('invalid_date', 'Hạn gửi báo cáo không hợp lệ (cần dạng YYYY-MM-DD).');
    if (deadline < period.calendarFrom) {
      throw validationError('invalid_deadline', `Hạn gửi báo cáo không thể trước ngày bắt đầu kỳ (${period.calendarFrom}).`);
    }
    if (await read.reporting.roundOfPeriod(planId, key)) throw this.roundExists(period);

    // Which lead assignments the period asks about, from each task's Schedule (domain/reporting).
    const tasks = await read.plans.tasks(planId);
    const appendices = new Map((await read.plans.appendices(planId)).map((a) => [a.id, a]));
    const refs = new Map<number, TaskScheduleRef>();
    for (const t of tasks) {
      const a = appendices.get(t.appendixId);
      refs.set(t.id, { id: t.id, schedule: t.schedule, retiredAt: t.retiredAt, window: a ? { from: a.windowFrom, to: a.windowTo } : null });
    }
    const units = new Map((await read.units.list()).map((u) => [u.id, u]));
    const leads = (await read.plans.assignments(tasks.map((t) => t.id))).filter(
      (a) => a.role === 'lead' && units.get(a.unitId) !== undefined && units.get(a.unitId)!.kind !== 'external',
    );
    // Event tasks count once their event is recorded, unspecified tasks once a coordinator set a date.
    const facts = dueFactsOf(await read.extensions.eventsOfPlan(planId));
    const due = assignmentsDueInPeriod(period, leads, refs, facts).filter((d) => d.active);
    const position = new Map(tasks.map((t) => [t.id, t.position]));
    const byUnit = new Map<number, typeof due>();
    for (const d of due) byUnit.set(d.unitId, [...(byUnit.get(d.unitId) ?? []), d]);
    const unitIds = [...byUnit.keys()].sort((a, b) => a - b);

    const now = this.clock.now().toISOString();
    return this.store.transaction(async (repos) => {
      if (await repos.reporting.roundOfPeriod(planId, key)) throw this.roundExists(period);
      let round: RoundRow;
      try {
        round = await repos.reporting.insertRound({
          planId,
          periodKey: key,
          periodKind: period.kind,
          periodFrom: period.from,
          periodTo: period.to,
          calendarFrom: period.calendarFrom,
          calendarTo: period.calendarTo,
          label: period.label,
          submissionDeadline: deadline,
          openedBy: actor.id,
          openedAt: now,
          closedAt: null,
        });
      } catch (err) {
        if (/unique|duplicate/i.test(String((err as Error).message))) throw this.roundExists(period);
        throw err;
      }
      const reports = await repos.reporting.insertReports(
        unitIds.map((unitId) => ({
          roundId: round.id,
          unitId,
          status: 'draft' as const,
          narrative: JSON.stringify(EMPTY_NARRATIVE),
          returnComment: null,
          submittedAt: null,
          late: 0,
          createdAt: now,
          updatedAt: now,
        })),
      );
      const entries: NewEntryRow[] = [];
      for (const report of reports) {
        const list = [...byUnit.get(report.unitId)!].sort((a, b) => position.get(a.taskId)! - position.get(b.taskId)! || a.taskId - b.taskId);
        list.forEach((d, i) =>
          entries.push({
            reportId: report.id,
            taskId: d.taskId,
            assignmentId: d.assignmentId,
            role: d.role,
            status: 'not_started',
            progress: null,
            blockedReason: null,
            completedOn: null,
            reviewComment: null,
            dues: JSON.stringify(d.dues),
            position: i + 1,
          }),
        );
      }
      await repos.reporting.insertEntries(entries);
      await repos.standing.noteRound(round.id); // the dashboard's standing: these reports now list their tasks
      for (const report of reports) {
        const snapshot: Snapshot = {
          status: 'draft',
          narrative: EMPTY_NARRATIVE,
          returnComment: null,
          submittedAt: null,
          late: false,
          entries: entries
            .filter((e) => e.reportId === report.id)
            .map((e) => ({
              taskId: e.taskId,
              status: 'not_started',
              progress: null,
              results: '',
              difficulties: '',
              proposals: '',
              blockedReason: null,
              completedOn: null,
              reviewComment: null,
              evidence: [],
            })),
        };
        await repos.reporting.appendVersion({
          reportId: report.id,
          version: report.version,
          status: 'draft',
          action: 'create',
          snapshot: JSON.stringify(snapshot),
          actorId: actor.id,
          createdAt: now,
        });
      }
      const events: AuditEvent[] = [{ action: 'round.open', entity: 'round', entityId: round.id, after: { ...round, reports: reports.length } }];
      for (const r of reports) events.push({ action: 'report.create', entity: 'report', entityId: r.id, after: { roundId: r.roundId, unitId: r.unitId, entries: byUnit.get(r.unitId)!.length } });
      await this.audit.recordMany(repos, actor, events);
      const counts = new Map<number, number>();
      for (const e of entries) counts.set(e.reportId, (counts.get(e.reportId) ?? 0) + 1);
      return {
        ...roundView(round),
        reports: reports.map((r) => this.summary(r, round, units.get(r.unitId)?.name ?? '', counts.get(r.id) ?? 0)),
      };
    });
  }

  /** The period named by its key ("2021-Q3") or by its parts ({type: 'quarter', year: 2021, index: 3}). */
  private periodOf(input: { periodKey?: string; period?: { type: string; year: number; index?: number } }): ReportingPeriod {
    if (input.periodKey !== undefined) return parsePeriodKey(input.periodKey);
    const p = input.period;
    if (!p) throw validationError('period_required', 'Chưa chọn kỳ báo cáo (periodKey, ví dụ 2021-Q3, hoặc period {type, year, index}).');
    if (!(PERIODIC_KINDS as readonly string[]).includes(p.type)) {
      throw validationError('invalid_period', `Loại kỳ báo cáo không hợp lệ: ${String(p.type).slice(0, 20)} (month, quarter, half, nine_months, year).`);
    }
    return makePeriod(p.type as PeriodicKind, p.year, p.index ?? 1);
  }

  private roundExists(period: ReportingPeriod) {
    return conflict('round_exists', `Kế hoạch này đã có đợt báo cáo ${period.label}; mỗi kỳ chỉ mở một đợt.`);
  }

  async listRounds(actor: Actor, planId: number): Promise<RoundView[]> {
    const plan = await this.store.read.plans.get(planId);
    if (!plan) throw notFound(`Không tìm thấy kế hoạch có mã số ${planId}.`);
    authorize(actor, 'list', 'Round', { planIssuerUnitId: plan.issuerUnitId });
    return (await this.store.read.reporting.roundsOfPlan(planId)).map(roundView);
  }

  /** The round and the reports the actor may read, with each unit's submission state. */
  async getRound(actor: Actor, roundId: number): Promise<RoundView & { reports: ReportSummary[] }> {
    const read = this.store.read;
    const round = await read.reporting.round(roundId);
    if (!round) throw notFound(`Không tìm thấy đợt báo cáo có mã số ${roundId}.`);
    const plan = await read.plans.get(round.planId);
    authorize(actor, 'read', 'Round', { planIssuerUnitId: plan?.issuerUnitId ?? null });
    return { ...roundView(round), reports: await this.listReports(actor, roundId) };
  }

  async listReports(actor: Actor, roundId: number): Promise<ReportSummary[]> {
    const read = this.store.read;
    const round = await read.reporting.round(roundId);
    if (!round) throw notFound(`Không tìm thấy đợt báo cáo có mã số ${roundId}.`);
    const reports = (await read.reporting.reportsOfRound(roundId)).filter((r) => can(actor, 'read', 'Report', { unitId: r.unitId, status: r.status }));
    const counts = await read.reporting.entryCounts(roundId);
    const units = new Map((await read.units.list()).map((u) => [u.id, u.name]));
    const collator = new Intl.Collator('vi');
    return reports
      .map((r) => this.summary(r, round, units.get(r.unitId) ?? '', counts.get(r.id) ?? 0))
      .sort((a, b) => collator.compare(a.unitName, b.unitName));
  }

  private summary(r: ReportRow, round: RoundRow, unitName: string, entryCount: number): ReportSummary {
    return {
      id: r.id,
      unitId: r.unitId,
      unitName,
      status: r.status,
      version: r.version,
      submittedAt: r.submittedAt,
      late: r.late === 1,
      submission: submissionState(r, round.submissionDeadline, this.clock.now()),
      entryCount,
    };
  }

  // ---- reports ------------------------------------------------------------------------------

  async getReport(actor: Actor, reportId: number): Promise<ReportView> {
    const read = this.store.read;
    const found = await read.reporting.reportWithRound(reportId);
    if (!found) throw this.reportNotFound(reportId);
    const { report } = found;
    authorize(actor, 'read', 'Report', { unitId: report.unitId, status: report.status });
    return this.view(read, report, { ...found, ...(await this.content(read, report.id)) });
  }

  private reportNotFound(id: number) {
    return notFound(`Không tìm thấy báo cáo có mã số ${id}.`);
  }

  /** The report as the API shows it, from its round, unit name, entries (with their tasks) and evidence. */
  private view(_repos: Repositories, report: ReportRow, known: { round: ReportRound; unitName: string } & ReportContent): ReportView {
    const { round, unitName, entries, evidence } = known;
    const byEntry = new Map<number, EvidenceRow[]>();
    for (const ev of evidence) byEntry.set(ev.entryId, [...(byEntry.get(ev.entryId) ?? []), ev]);
    return {
      id: report.id,
      roundId: report.roundId,
      round: { id: round.id, planId: round.planId, periodKey: round.periodKey, label: round.label, submissionDeadline: round.submissionDeadline },
      unitId: report.unitId,
      unitName,
      status: report.status,
      version: report.version,
      narrative: parseNarrative(report.narrative),
      returnComment: report.returnComment,
      submittedAt: report.submittedAt,
      late: report.late === 1,
      submission: submissionState(report, round.submissionDeadline, this.clock.now()),
      createdAt: report.createdAt,
      updatedAt: report.updatedAt,
      entries: entries.map((e) => {
        return {
          id: e.id,
          taskId: e.taskId,
          taskKey: e.taskKey,
          taskNo: e.taskNo,
          content: e.taskContent,
          dimension: e.taskDimension,
          deadlineText: e.taskDeadlineText,
          dues: JSON.parse(e.dues) as string[],
          assignmentId: e.assignmentId,
          role: e.role,
          status: e.status,
          progress: e.progress,
          results: e.results,
          result: e.results,
          difficulties: e.difficulties,
          proposals: e.proposals,
          blockedReason: e.blockedReason,
          completedOn: e.completedOn,
          reviewComment: e.reviewComment,
          evidence: (byEntry.get(e.id) ?? []).map((ev) => ({
            id: ev.id,
            docNumber: ev.docNumber,
            docDate: ev.docDate,
            summary: ev.summary,
            fileHash: ev.fileHash,
            createdAt: ev.createdAt,
          })),
        };
      }),
    };
  }

  private async content(repos: Repositories, reportId: number): Promise<ReportContent> {
    return repos.reporting.contentWithTasks(reportId);
  }

  /**
   * A 403 when the actor may never do this to the report; a 409 when it could, but not in the report's
   * present state ("already submitted").
   */
  private check(actor: Actor, action: 'update' | 'submit' | 'review', report: ReportRow): void {
    const subject = { unitId: report.unitId, status: report.status };
    if (can(actor, action, 'Report', subject)) return;
    const wouldBe: ReportState = action === 'review' ? 'submitted' : 'draft';
    if (can(actor, action, 'Report', { ...subject, status: wouldBe })) {
      throw action === 'review'
        ? conflict('report_state', `Chỉ xem xét được báo cáo đã gửi; báo cáo này đang ở trạng thái «${STATE_VI[report.status]}».`)
        : conflict('report_state', `Báo cáo đang ở trạng thái «${STATE_VI[report.status]}»: chỉ sửa hoặc gửi được bản nháp hoặc báo cáo bị trả lại.`);
    }
    authorize(actor, action, 'Report', subject);
  }

  private static stale() {
    return conflict('version_conflict', 'Báo cáo vừa được người khác cập nhật. Hãy tải lại để xem bản mới nhất rồi lưu lại; chưa có gì bị ghi đè.');
  }

  /** One write to a report: permission, version check, the change, a new version and an audit entry. */
  private async write(
    actor: Actor,
    reportId: number,
    action: 'update' | 'submit' | 'review',
    expectedVersion: number | undefined,
    verb: string | ((report: ReportRow) => string),
    change: (
      repos: Repositories,
      report: ReportRow,
      round: ReportRound,
      now: Date,
      current: WriteContext,
    ) => Promise<Partial<Pick<ReportRow, 'status' | 'narrative' | 'returnComment' | 'submittedAt' | 'late'>>>,
  ): Promise<ReportView> {
    return this.store.transaction(async (repos) => {
      // The report with its round and unit name, then its entries with their tasks and evidence: two reads.
      const found = await repos.reporting.reportWithRound(reportId);
      if (!found) throw this.reportNotFound(reportId);
      const { report, round, unitName } = found;
      this.check(actor, action, report);
      const expected = expectedVersion ?? report.version;
      if (report.version !== expected) throw ReportingService.stale();
      let content = await this.content(repos, report.id);
      const before = reportSnapshot(report, content);
      const now = this.clock.now();
      // The change validates and says what to write; it writes nothing itself.
      const current: WriteContext = { entries: content.entries, updates: new Map(), evidence: new Map() };
      const patch = await change(repos, report, round, now, current);
      // Then the version check, the bump and the report's own change in one statement, before any entry is
      // written: on PostgreSQL the row lock serialises concurrent writers of the report.
      const saved = await repos.reporting.updateReport(reportId, expected, { ...patch, updatedAt: now.toISOString() });
      if (!saved) throw ReportingService.stale();
      await repos.reporting.updateEntries(current.updates);
      for (const [entryId, rows] of current.evidence) await repos.reporting.replaceEvidence(entryId, rows);
      // What the unit has said changed (submitted, returned, accepted): refresh the dashboard's standing.
      if (saved.status !== report.status) await repos.standing.refreshReport(reportId, saved.unitId, now);
      // Accepted is final: the public portal's standing (accepted words only) changes only here.
      if (saved.status === 'accepted' && report.status !== 'accepted') await repos.portal.refreshPublicStanding(round.planId, saved.unitId, now);
      const verbName = typeof verb === 'function' ? verb(report) : verb;
      // The entries after the change are the ones read before with the written columns; evidence that was
      // replaced is read again (its new ids).
      if (current.updates.size || current.evidence.size) {
        const entries = content.entries.map((e) => {
          const u = current.updates.get(e.id);
          return u ? { ...e, ...u } : e;
        });
        const evidence = current.evidence.size ? await repos.reporting.evidence(entries.map((e) => e.id)) : content.evidence;
        content = { entries, evidence };
      }
      const after = reportSnapshot(saved, content);
      await repos.reporting.appendVersion({
        reportId,
        version: saved.version,
        status: saved.status,
        action: verbName,
        snapshot: JSON.stringify(after),
        actorId: actor.id,
        createdAt: now.toISOString(),
      });
      const view = this.view(repos, saved, { round, unitName, ...content });
      // Last: the audit append locks the chain's head until the commit (PostgreSQL serialises writers there).
      await this.audit.record(repos, actor, { action: `report.${verbName}`, entity: 'report', entityId: reportId, before, after: { ...after, version: saved.version } });
      return view;
    });
  }

  async saveReport(actor: Actor, reportId: number, changes: ReportChanges, expectedVersion: number | undefined): Promise<ReportView> {
    if (expectedVersion === undefined) {
      throw validationError('version_required', 'Thiếu phiên bản báo cáo: gửi kèm tiêu đề If-Match (hoặc trường «version») với phiên bản đã tải.');
    }
    return this.write(actor, reportId, 'update', expectedVersion, 'save', async (repos, report, _round, now, current) => {
      const byTask = new Map<number, EntryRow>(current.entries.map((e) => [e.taskId, e]));
      const today = vnDate(now);
      const seen = new Set<number>();
      for (const c of changes.entries ?? []) {
        const entry = byTask.get(c.taskId);
        if (!entry) {
          throw validationError('entry_not_assigned', `Nhiệm vụ #${c.taskId} không có trong báo cáo này (đơn vị không được giao chủ trì nhiệm vụ này trong kỳ).`);
        }
        if (seen.has(c.taskId)) throw validationError('duplicate_entry', `Nhiệm vụ #${c.taskId} được gửi hai lần trong cùng một lần lưu.`);
        seen.add(c.taskId);
        await this.applyEntry(repos, entry, c, today, now.toISOString(), current);
      }
      if (!changes.narrative) return {};
      const narrative = { ...parseNarrative(report.narrative) };
      const labels: Record<keyof Narrative, string> = {
        results: 'Kết quả đạt được',
        shortcomings: 'Tồn tại, hạn chế',
        causes: 'Nguyên nhân',
        proposals: 'Đề xuất, kiến nghị',
      };
      for (const part of NARRATIVE_PARTS) {
        const v = text(changes.narrative[part], labels[part]);
        if (v !== undefined) narrative[part] = v;
      }
      return { narrative: JSON.stringify(narrative) };
    });
  }

  /** Validates one entry's change and notes what to write: only the columns whose values change. */
  private async applyEntry(repos: Repositories, entry: EntryRow, c: EntryChange, today: string, now: string, current: WriteContext): Promise<void> {
    const label = `Nhiệm vụ #${c.taskId}`;
    const status = c.status ?? entry.status;
    if (!ENTRY_STATUSES.includes(status)) {
      throw validationError('invalid_status', `${label}: trạng thái phải là chưa thực hiện, đang thực hiện, hoàn thành hoặc vướng mắc.`);
    }
    const progress = c.progress !== undefined ? c.progress : entry.progress;
    if (progress !== null && (typeof progress !== 'number' || !Number.isInteger(progress) || progress < 0 || progress > 100)) {
      throw validationError('invalid_progress', `${label}: tiến độ phải là một số nguyên từ 0 đến 100 (%).`);
    }
    let blockedReason = c.blockedReason !== undefined ? (c.blockedReason === null ? null : cleanMultiline(c.blockedReason)) : entry.blockedReason;
    if (status === 'blocked') {
      if (!blockedReason) throw validationError('blocked_reason_required', `${label}: nhiệm vụ vướng mắc cần ghi rõ lý do.`);
    } else {
      blockedReason = null;
    }
    let completedOn = c.completedOn !== undefined ? c.completedOn : entry.completedOn;
    if (status === 'done') {
      completedOn ??= today;
      if (!isIsoDate(completedOn)) throw validationError('invalid_date', `${label}: ngày hoàn thành không hợp lệ (cần dạng YYYY-MM-DD).`);
      if (completedOn > today) throw validationError('invalid_completion', `${label}: ngày hoàn thành không thể sau hôm nay.`);
    } else {
      completedOn = null;
    }
    const next: EntryPatch = {
      status,
      progress: status === 'done' && progress === null ? 100 : progress,
      results: text(c.results, `${label}: kết quả`) ?? entry.results,
      difficulties: text(c.difficulties, `${label}: khó khăn`) ?? entry.difficulties,
      proposals: text(c.proposals, `${label}: đề xuất`) ?? entry.proposals,
      blockedReason,
      completedOn,
    };
    const changed: EntryPatch = {};
    for (const k of Object.keys(next) as Array<keyof EntryPatch>) {
      if (next[k] !== entry[k]) (changed as Record<string, unknown>)[k] = next[k];
    }
    if (Object.keys(changed).length) current.updates.set(entry.id, changed);
    if (c.evidence) {
      const rows = c.evidence.map((ev, i) => {
        const summary = cleanText(ev.summary ?? '');
        if (!summary) throw validationError('evidence_summary_required', `${label}: minh chứng thứ ${i + 1} cần có trích yếu.`);
        if (ev.docDate && !isIsoDate(ev.docDate)) throw validationError('invalid_date', `${label}: ngày văn bản minh chứng không hợp lệ (cần dạng YYYY-MM-DD).`);
        return { entryId: entry.id, docNumber: ev.docNumber ? cleanText(ev.docNumber) : null, docDate: ev.docDate ?? null, summary, fileHash: ev.fileHash ?? null, createdAt: now };
      });
      for (const r of rows) {
        if (r.fileHash && !(await repos.plans.file(r.fileHash))) throw validationError('file_not_found', `${label}: không tìm thấy tệp minh chứng đã tải lên.`);
      }
      current.evidence.set(entry.id, rows);
    }
  }

  /** Submits a draft, or resubmits a returned report. Late is allowed and marked late. */
  async submit(actor: Actor, reportId: number, expectedVersion?: number): Promise<ReportView> {
    const verb = (r: ReportRow) => (r.status === 'returned' ? 'resubmit' : 'submit');
    return this.write(actor, reportId, 'submit', expectedVersion, verb, async (_repos, _report, round, now) => {
      const late = now.getTime() > dueEndsAt(round.submissionDeadline).getTime();
      return { status: 'submitted', submittedAt: now.toISOString(), late: late ? 1 : 0 };
    });
  }

  /** Resubmits a returned report (the same step as submit, named for readers). */
  async resubmit(actor: Actor, reportId: number, expectedVersion?: number): Promise<ReportView> {
    return this.submit(actor, reportId, expectedVersion);
  }

  async returnReport(
    actor: Actor,
    reportId: number,
    input: { comment?: string; entryComments?: Array<{ taskId: number; comment: string }> | Record<string, string> },
    expectedVersion?: number,
  ): Promise<ReportView> {
    const comment = text(input.comment, 'Ý kiến') ?? '';
    const list = Array.isArray(input.entryComments)
      ? input.entryComments
      : Object.entries(input.entryComments ?? {}).map(([taskId, c]) => ({ taskId: Number(taskId), comment: c }));
    const perEntry = list.map((c) => ({ taskId: c.taskId, comment: text(c.comment, 'Ý kiến về nhiệm vụ') ?? '' })).filter((c) => c.comment);
    if (!comment && perEntry.length === 0) {
      throw validationError('comment_required', 'Trả lại báo cáo cần có ý kiến (chung hoặc cho từng nhiệm vụ).');
    }
    return this.write(actor, reportId, 'review', expectedVersion, 'return', async (_repos, _report, _round, _now, current) => {
      const entries = new Map(current.entries.map((e) => [e.taskId, e]));
      for (const c of perEntry) {
        const e = entries.get(c.taskId);
        if (!e) throw validationError('entry_not_assigned', `Nhiệm vụ #${c.taskId} không có trong báo cáo này.`);
        if (e.reviewComment !== c.comment) current.updates.set(e.id, { reviewComment: c.comment });
      }
      return { status: 'returned', returnComment: comment || null };
    });
  }

  async accept(actor: Actor, reportId: number, expectedVersion?: number): Promise<ReportView> {
    return this.write(actor, reportId, 'review', expectedVersion, 'accept', async () => ({ status: 'accepted' }));
  }

  // ---- versions -----------------------------------------------------------------------------

  async versions(actor: Actor, reportId: number): Promise<Array<Omit<ReportVersionRow, 'snapshot'>>> {
    const report = await this.store.read.reporting.report(reportId);
    if (!report) throw this.reportNotFound(reportId);
    authorize(actor, 'read', 'Report', { unitId: report.unitId, status: report.status });
    return this.store.read.reporting.versions(reportId);
  }

  /** What changed between two versions: the report's state, the narrative parts, and each entry's fields. */
  async compare(actor: Actor, reportId: number, from: number, to: number): Promise<ReportComparison> {
    const report = await this.store.read.reporting.report(reportId);
    if (!report) throw this.reportNotFound(reportId);
    authorize(actor, 'read', 'Report', { unitId: report.unitId, status: report.status });
    const [a, b] = await Promise.all([this.store.read.reporting.version(reportId, from), this.store.read.reporting.version(reportId, to)]);
    if (!a) throw notFound(`Báo cáo không có phiên bản ${from}.`);
    if (!b) throw notFound(`Báo cáo không có phiên bản ${to}.`);
    return compareSnapshots(reportId, from, to, JSON.parse(a.snapshot) as Snapshot, JSON.parse(b.snapshot) as Snapshot);
  }
}

const same = (x: unknown, y: unknown) => JSON.stringify(x ?? null) === JSON.stringify(y ?? null);

function diff<T extends object>(x: T | undefined, y: T | undefined, fields: readonly (keyof T & string)[]): FieldChange[] {
  const out: FieldChange[] = [];
  for (const f of fields) {
    const from = x?.[f] ?? null;
    const to = y?.[f] ?? null;
    if (!same(from, to)) out.push({ field: f, from, to });
  }
  return out;
}

const ENTRY_FIELDS = ['status', 'progress', 'results', 'difficulties', 'proposals', 'blockedReason', 'completedOn', 'reviewComment', 'evidence'] as const;

function compareSnapshots(reportId: number, from: number, to: number, a: Snapshot, b: Snapshot): ReportComparison {
  const before = new Map(a.entries.map((e) => [e.taskId, e]));
  const after = new Map(b.entries.map((e) => [e.taskId, e]));
  const taskIds = [...new Set([...before.keys(), ...after.keys()])];
  const entries: ReportComparison['entries'] = [];
  for (const taskId of taskIds) {
    const fields = diff(before.get(taskId), after.get(taskId), ENTRY_FIELDS);
    if (fields.length) entries.push({ taskId, fields });
  }
  return {
    reportId,
    from,
    to,
    report: diff(a, b, ['status', 'returnComment', 'submittedAt', 'late'] as const),
    narrative: diff(a.narrative, b.narrative, NARRATIVE_PARTS),
    entries,
  };
}

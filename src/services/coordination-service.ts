import type { Actor } from '../domain/accounts/actor.js';
import { conflict, notFound, validationError } from '../domain/errors.js';
import { authorize } from '../domain/policies/index.js';
import { assignmentsDueInPeriod, parsePeriodKey, type TaskScheduleRef } from '../domain/reporting/index.js';
import type { Repositories, Store } from '../db/repositories/index.js';
import type { NewEntryRow, ReportRow } from '../db/repositories/reporting.js';
import type { AuditService } from './audit-service.js';
import type { Clock } from './clock.js';
import { dueFactsOf } from './extension-service.js';
import { reportSnapshot, type ReportingService, type ReportView } from './reporting-service.js';

const EMPTY_NARRATIVE = { results: '', shortcomings: '', causes: '', proposals: '' };

/**
 * Coordination: coordinating units' word in a round (issue 4, item 2: "coordinating units may add their contribution").
 * A round opens reports for the units that LEAD tasks active in its period; a unit that only coordinates
 * asks for its own report, which lists the tasks it coordinates in the period as entries with role
 * 'coordinating'. A unit that also leads gets those entries added to the report it already has (while it
 * is a draft or returned). Same versions and audit as every other report write.
 */
// Named CoordinationService since issue 6: "Contribution" (PRODUCT.md §3) is the voluntary contribution
// of the campaign ledger (campaign-service.ts). The HTTP path /rounds/:id/contribution is kept.
export class CoordinationService {
  constructor(
    private readonly store: Store,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly reporting: ReportingService,
  ) {}

  async contribute(actor: Actor, roundId: number, input: { unitId?: number | null } = {}): Promise<{ created: boolean; report: ReportView }> {
    const read = this.store.read;
    const round = await read.reporting.round(roundId);
    if (!round) throw notFound(`Không tìm thấy đợt báo cáo có mã số ${roundId}.`);
    const unitId = input.unitId ?? actor.unitId;
    if (unitId === null || unitId === undefined) throw validationError('unit_required', 'Cần chọn đơn vị đóng góp báo cáo.');
    const unit = await read.units.get(unitId);
    if (!unit) throw notFound(`Không tìm thấy đơn vị có mã số ${unitId}.`);
    authorize(actor, 'create', 'Report', { unitId, status: 'draft' });

    // The tasks the unit coordinates that the round's period asks about (the same rule as opening a round).
    const period = parsePeriodKey(round.periodKey);
    const tasks = await read.plans.tasks(round.planId);
    const appendices = new Map((await read.plans.appendices(round.planId)).map((a) => [a.id, a]));
    const refs = new Map<number, TaskScheduleRef>();
    for (const t of tasks) {
      const a = appendices.get(t.appendixId);
      refs.set(t.id, { id: t.id, schedule: t.schedule, retiredAt: t.retiredAt, window: a ? { from: a.windowFrom, to: a.windowTo } : null });
    }
    const mine = (await read.plans.assignments(tasks.map((t) => t.id))).filter((a) => a.unitId === unitId && a.role === 'coordinating');
    const facts = dueFactsOf(await read.extensions.eventsOfPlan(round.planId));
    const position = new Map(tasks.map((t) => [t.id, t.position]));
    const due = assignmentsDueInPeriod(period, mine, refs, facts)
      .filter((d) => d.active)
      .sort((a, b) => position.get(a.taskId)! - position.get(b.taskId)! || a.taskId - b.taskId);
    if (due.length === 0) {
      throw conflict('no_contribution', `${unit.name} không được giao phối hợp thực hiện nhiệm vụ nào trong kỳ ${round.label}.`);
    }

    const now = this.clock.now().toISOString();
    const result = await this.store.transaction(async (repos) => {
      const existing = (await repos.reporting.reportsOfRound(roundId)).find((r) => r.unitId === unitId);
      if (!existing) {
        const [report] = await repos.reporting.insertReports([
          { roundId, unitId, status: 'draft', narrative: JSON.stringify(EMPTY_NARRATIVE), returnComment: null, submittedAt: null, late: 0, createdAt: now, updatedAt: now },
        ]);
        const entries = due.map((d, i) => entryRow(report!.id, d, i + 1));
        await repos.reporting.insertEntries(entries);
        await this.version(repos, actor, report!, 'create', now);
        await this.audit.record(repos, actor, {
          action: 'report.create',
          entity: 'report',
          entityId: report!.id,
          after: { roundId, unitId, contribution: true, entries: entries.length },
        });
        return { created: true, id: report!.id };
      }
      const list = await repos.reporting.entries(existing.id);
      const have = new Set(list.map((e) => e.taskId));
      const missing = due.filter((d) => !have.has(d.taskId));
      if (missing.length === 0) return { created: false, id: existing.id };
      if (existing.status !== 'draft' && existing.status !== 'returned') {
        throw conflict('report_state', 'Báo cáo của đơn vị trong đợt này đã gửi: chỉ thêm phần phối hợp được khi báo cáo là bản nháp hoặc bị trả lại.');
      }
      const bumped = await repos.reporting.updateReport(existing.id, existing.version, { updatedAt: now });
      if (!bumped) throw conflict('version_conflict', 'Báo cáo vừa được người khác cập nhật. Hãy tải lại rồi thử lại; chưa có gì bị ghi đè.');
      const start = list.reduce((m, e) => Math.max(m, e.position), 0);
      await repos.reporting.insertEntries(missing.map((d, i) => entryRow(existing.id, d, start + i + 1)));
      await this.version(repos, actor, bumped, 'contribute', now);
      await this.audit.record(repos, actor, {
        action: 'report.contribute',
        entity: 'report',
        entityId: existing.id,
        after: { roundId, unitId, added: missing.map((d) => d.taskId), version: bumped.version },
      });
      return { created: false, id: existing.id };
    });
    return { created: result.created, report: await this.reporting.getReport(actor, result.id) };
  }

  /** Keeps the whole report at this version (the same snapshot shape as reporting-service). */
  private async version(repos: Repositories, actor: Actor, report: ReportRow, action: string, now: string): Promise<void> {
    const entries = await repos.reporting.entries(report.id);
    const evidence = await repos.reporting.evidence(entries.map((e) => e.id));
    const snapshot = reportSnapshot(report, { entries, evidence });
    await repos.reporting.appendVersion({
      reportId: report.id,
      version: report.version,
      status: report.status,
      action,
      snapshot: JSON.stringify(snapshot),
      actorId: actor.id,
      createdAt: now,
    });
  }
}

function entryRow(reportId: number, d: { taskId: number; assignmentId: number; dues: string[] }, position: number): NewEntryRow {
  return {
    reportId,
    taskId: d.taskId,
    assignmentId: d.assignmentId,
    role: 'coordinating',
    status: 'not_started',
    progress: null,
    blockedReason: null,
    completedOn: null,
    reviewComment: null,
    dues: JSON.stringify(d.dues),
    position,
  };
}

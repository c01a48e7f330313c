import type { Actor } from '../domain/accounts/actor.js';
import { notFound } from '../domain/errors.js';
import { authorize } from '../domain/policies/index.js';
import { rollupRound, type RollupEntry, type RoundRollup } from '../domain/reporting/rollup.js';
import { foldDiacritics } from '../domain/text/normalize.js';
import { vnDate } from '../domain/time.js';
import { GOVERNMENT_KINDS, type Unit } from '../domain/units/unit.js';
import type { Store } from '../db/repositories/index.js';
import { MIME_DOCX, MIME_XLSX, type PlanExportInput } from '../export/plan-input.js';
import { roundToDocx, type RoundDocInput } from '../export/round-docx.js';
import { roundToXlsx } from '../export/round-xlsx.js';
import { urgingToDocx } from '../export/urging-docx.js';
import type { Clock } from './clock.js';
import { approvedByAssignment, dueDatesOf } from './extension-service.js';
import type { ExportedFile } from './plan-export-service.js';

export interface Consolidation extends RoundRollup {
  round: { id: number; planId: number; periodKey: string; label: string; submissionDeadline: string };
  plan: { id: number; number: string | null; title: string; issuedOn: string | null };
  /** The issuing body of the documents (the coordinator's unit) and the government above it. */
  issuer: { name: string; parentName: string | null; code: string; place: string | null };
  /** Computed at this moment (UTC). */
  asOf: string;
}

export type RoundDocument = 'consolidated.docx' | 'consolidated.xlsx' | 'urging.docx';

/** "Phòng Nội vụ" → "PNV", "UBND thị xã Đông Hòa" → "UBND". */
export function issuerCode(name: string): string {
  const n = name.normalize('NFC').trim();
  if (/^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\b/iu.test(n)) return 'UBND';
  return foldDiacritics(n)
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase())
    .join('')
    .replace(/[^A-Z0-9]/g, '');
}

const dmy = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return `${Number(d)}/${Number(m)}/${y}`;
};

/**
 * Consolidation of a round (issue 4, item 4): the rollups of domain/reporting/rollup.ts over the
 * round's reports, and the documents made from them (consolidated report .docx/.xlsx, urging letter).
 * Read by a coordinator, leader or supervisor whose scope holds the plan's issuer, and by IT staff.
 */
export class ConsolidationService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async consolidate(actor: Actor, roundId: number): Promise<Consolidation> {
    const read = this.store.read;
    const round = await read.reporting.round(roundId);
    if (!round) throw notFound(`Không tìm thấy đợt báo cáo có mã số ${roundId}.`);
    const plan = await read.plans.get(round.planId);
    if (!plan) throw notFound(`Không tìm thấy kế hoạch có mã số ${round.planId}.`);
    authorize(actor, 'read', 'PlanOverview', { planIssuerUnitId: plan.issuerUnitId });
    const [reports, tasks, units, extended] = await Promise.all([
      read.reporting.reportsOfRound(roundId),
      read.plans.tasks(round.planId, true),
      read.units.list(),
      read.extensions.approvedOfPlan(round.planId),
    ]);
    // Approved extensions move the due the statuses count against (the original stays for on-time rates).
    const approved = approvedByAssignment(extended);
    const entries: RollupEntry[] = [];
    const perReport = await Promise.all(reports.map((report) => read.reporting.entries(report.id)));
    for (const list of perReport) {
      for (const e of list) {
        entries.push({
          reportId: e.reportId,
          taskId: e.taskId,
          role: e.role,
          status: e.status,
          progress: e.progress,
          results: e.results,
          difficulties: e.difficulties,
          proposals: e.proposals,
          blockedReason: e.blockedReason,
          completedOn: e.completedOn,
          dues: dueDatesOf(approved, e.assignmentId, JSON.parse(e.dues) as string[]),
        });
      }
    }
    const now = this.clock.now();
    const rollup = rollupRound({
      submissionDeadline: round.submissionDeadline,
      now,
      units: units.map((u) => ({ id: u.id, name: u.name, kind: u.kind })),
      reports: reports.map((r) => ({ id: r.id, unitId: r.unitId, status: r.status, submittedAt: r.submittedAt, late: r.late === 1 })),
      entries,
      tasks: tasks.map((t) => ({ id: t.id, no: t.no, content: t.content, dimension: t.dimension, position: t.position })),
    });

    // The documents are issued by the coordinator's unit (the one who opened the round), under its government.
    const byId = new Map(units.map((u) => [u.id, u]));
    const opener = round.openedBy !== null ? await read.users.get(round.openedBy) : undefined;
    const issuerUnit = (opener?.unitId != null ? byId.get(opener.unitId) : undefined) ?? (actor.unitId !== null ? byId.get(actor.unitId) : undefined) ?? byId.get(plan.issuerUnitId);
    const government = issuerUnit ? governmentOf(issuerUnit, byId) : undefined;
    const parent = issuerUnit && !GOVERNMENT_KINDS.has(issuerUnit.kind) ? government : undefined;
    const issuerName = issuerUnit?.name ?? '';
    return {
      round: { id: round.id, planId: round.planId, periodKey: round.periodKey, label: round.label, submissionDeadline: round.submissionDeadline },
      plan: { id: plan.id, number: plan.number, title: plan.title, issuedOn: plan.issuedOn },
      issuer: { name: issuerName, parentName: parent?.name ?? null, code: issuerCode(issuerName), place: government?.shortName ?? null },
      asOf: now.toISOString(),
      ...rollup,
    };
  }

  /** A round document with its Vietnamese download name. */
  async document(actor: Actor, roundId: number, which: RoundDocument): Promise<ExportedFile> {
    const c = await this.consolidate(actor, roundId);
    const plans = this.store.read.plans;
    const plan = (await plans.get(c.round.planId))!;
    const planIssuer = await this.store.read.units.get(plan.issuerUnitId);
    const today = vnDate(this.clock.now());
    const header: PlanExportInput = {
      plan: { number: null, title: c.plan.title, issuedOn: today, year: Number(today.slice(0, 4)), periodFrom: today, periodTo: today, bases: [] },
      issuerName: c.issuer.name,
      parentIssuerName: c.issuer.parentName,
      place: c.issuer.place,
      appendices: [],
    };
    const planReference = [
      'Kế hoạch',
      plan.number ? `số ${plan.number}` : plan.title.charAt(0).toLocaleLowerCase('vi') + plan.title.slice(1),
      plan.issuedOn ? `ngày ${dmy(plan.issuedOn)}` : '',
      planIssuer ? `của ${planIssuer.name}` : '',
    ]
      .filter(Boolean)
      .join(' ');
    const input: RoundDocInput = {
      header,
      issuerCode: c.issuer.code || 'VP',
      issuerName: c.issuer.name,
      planReference,
      planTitle: c.plan.title,
      roundLabel: c.round.label,
      submissionDeadline: c.round.submissionDeadline,
      rollup: c,
    };
    const label = c.round.label.replace(/[\\/:*?"<>|]+/g, '-');
    if (which === 'consolidated.docx') return { name: `Báo cáo tổng hợp ${label}.docx`, mime: MIME_DOCX, content: await roundToDocx(input) };
    if (which === 'consolidated.xlsx') return { name: `Tổng hợp ${label}.xlsx`, mime: MIME_XLSX, content: await roundToXlsx(input) };
    return { name: `Văn bản đôn đốc ${label}.docx`, mime: MIME_DOCX, content: await urgingToDocx(input) };
  }
}

function governmentOf(unit: Unit, byId: Map<number, Unit>): Unit | undefined {
  let u: Unit | undefined = unit;
  for (let guard = 0; u && guard < 50; guard++) {
    if (GOVERNMENT_KINDS.has(u.kind)) return u;
    u = u.parentId === null ? undefined : byId.get(u.parentId);
  }
  return undefined;
}

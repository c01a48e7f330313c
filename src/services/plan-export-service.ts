import type { Actor } from '../domain/accounts/actor.js';
import { notFound } from '../domain/errors.js';
import { authorize } from '../domain/policies/index.js';
import { GOVERNMENT_KINDS, type Unit } from '../domain/units/unit.js';
import type { Store } from '../db/repositories/index.js';
import { planToDocx } from '../export/plan-docx.js';
import { exportFileName, MIME_DOCX, MIME_XLSX, type ExportTask, type PlanExportInput } from '../export/plan-input.js';
import { planToXlsx } from '../export/plan-xlsx.js';
import { readPlanFile, type PlanDraft } from '../import/index.js';

export type ExportFormat = 'docx' | 'xlsx';

export interface ExportedFile {
  name: string;
  mime: string;
  content: Uint8Array;
}

/** How many parsed source files to keep (section titles and place), by file hash. */
const SOURCE_CACHE_SIZE = 16;

/**
 * Plans out as documents: the data of a saved plan in the appendix table layout (PlanExportInput),
 * and that data as .docx or .xlsx (src/export). The database keeps each task's section label and
 * dimension, not the section's title: the titles (and the place of the date line) are read from the
 * plan's stored source file with the importer; without one, a section is titled with the Vietnamese
 * name of its PAPI dimension.
 */
export class PlanExportService {
  private readonly sources = new Map<string, Promise<PlanDraft | null>>();

  constructor(private readonly store: Store) {}

  async exportData(actor: Actor, planId: number): Promise<PlanExportInput> {
    const read = this.store.read;
    const plan = await read.plans.get(planId);
    if (!plan) throw notFound(`Không tìm thấy kế hoạch có mã số ${planId}.`);
    authorize(actor, 'read', 'Plan', plan);
    const [appendices, tasks, units] = await Promise.all([read.plans.appendices(planId), read.plans.tasks(planId), read.units.list()]);
    const byId = new Map(units.map((u) => [u.id, u]));
    const issuer = byId.get(plan.issuerUnitId);
    const government = issuer ? governmentOf(issuer, byId) : undefined;
    const parent = issuer && !GOVERNMENT_KINDS.has(issuer.kind) ? government : undefined;
    const draft = plan.sourceFileHash ? await this.sourceDraft(plan.sourceFileHash) : null;

    return {
      plan: {
        number: plan.number,
        title: plan.title,
        issuedOn: plan.issuedOn,
        year: plan.year,
        periodFrom: plan.periodFrom,
        periodTo: plan.periodTo,
        bases: plan.bases,
      },
      issuerName: issuer?.name ?? '',
      parentIssuerName: parent?.name ?? null,
      place: draft?.plan.place ?? government?.shortName ?? null,
      appendices: appendices.map((a) => {
        const titles = new Map<string, string>();
        const source = draft?.appendices.find((d) => (d.label ?? '') === a.label);
        for (const s of source?.sections ?? []) titles.set(s.label ?? s.title, s.title);
        return {
          label: a.label,
          title: a.title,
          windowFrom: a.windowFrom,
          windowTo: a.windowTo,
          tasks: tasks
            .filter((t) => t.appendixId === a.id)
            .map(
              (t): ExportTask => ({
                no: t.no,
                section: t.section,
                sectionTitle: t.section === null ? null : (titles.get(t.section) ?? null),
                dimension: t.dimension,
                subgroup: t.subgroup,
                content: t.content,
                leadText: t.leadText,
                coordinatingText: t.coordinatingText,
                output: t.output,
                deadlineText: t.deadlineText,
                notes: t.notes ?? {},
              }),
            ),
        };
      }),
    };
  }

  /** The plan as a Word (.docx) or Excel (.xlsx) file, with its Vietnamese download name. */
  async exportFile(actor: Actor, planId: number, format: ExportFormat): Promise<ExportedFile> {
    const input = await this.exportData(actor, planId);
    const content = format === 'docx' ? await planToDocx(input) : await planToXlsx(input);
    return { name: exportFileName(input, format), mime: format === 'docx' ? MIME_DOCX : MIME_XLSX, content };
  }

  /** The stored source file read again (once per file), for what the database does not keep. */
  private sourceDraft(hash: string): Promise<PlanDraft | null> {
    let draft = this.sources.get(hash);
    if (!draft) {
      draft = (async () => {
        const file = await this.store.read.plans.file(hash);
        if (!file) return null;
        try {
          return await readPlanFile(file.content, file.name);
        } catch {
          return null; // a file the importer once read and now cannot: fall back to the dimension names
        }
      })();
      if (this.sources.size >= SOURCE_CACHE_SIZE) this.sources.delete(this.sources.keys().next().value!);
      this.sources.set(hash, draft);
      draft.catch(() => this.sources.delete(hash));
    }
    return draft;
  }
}

/** The unit itself when it is a level of government, else its nearest ancestor that is. */
function governmentOf(unit: Unit, byId: Map<number, Unit>): Unit | undefined {
  let u: Unit | undefined = unit;
  for (let guard = 0; u && guard < 50; guard++) {
    if (GOVERNMENT_KINDS.has(u.kind)) return u;
    u = u.parentId === null ? undefined : byId.get(u.parentId);
  }
  return undefined;
}

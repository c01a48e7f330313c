import type { Actor } from '../domain/accounts/actor.js';
import { conflict, notFound, unprocessable, validationError } from '../domain/errors.js';
import { assignmentsFor, taskKey, type PartyMention, type PlannedAssignment } from '../domain/plans/assignments.js';
import type { Assignment, Plan, Task } from '../domain/plans/plan.js';
import { compareTasks, type Revision, type TaskFields } from '../domain/plans/revision.js';
import { filterTasks, nextDue, type TaskFilter } from '../domain/plans/filter.js';
import { vnDate } from '../domain/time.js';
import { authorize } from '../domain/policies/index.js';
import { parseDeadline, type Schedule } from '../domain/schedule/index.js';
import { cleanText, searchKey } from '../domain/text/normalize.js';
import { createResolver, namesMatch, type Resolution } from '../domain/units/resolve.js';
import { GOVERNMENT_KINDS, type Unit } from '../domain/units/unit.js';
import { readPlanFile, type DraftWarning, type PlanDraft } from '../import/index.js';
import type { Repositories, Store } from '../db/repositories/index.js';
import type { NewTaskRow } from '../db/repositories/plans.js';
import type { AuditEvent, AuditService } from './audit-service.js';
import type { Clock } from './clock.js';
import { sha256Bytes } from './tokens.js';

export interface PlanFile {
  bytes: Uint8Array;
  name: string;
  mime?: string;
}

export interface ImportOptions {
  /** Revise this saved plan instead of creating a new one. */
  planId?: number;
  /** The issuing government, when the document's issuer line does not name a known unit. */
  issuerUnitId?: number;
  /** Fixes from the review screen: party text → unit id, or null for "not a reporting unit". */
  partyFixes?: Record<string, number | null>;
  /** Fixes from the review screen: task key → corrected deadline text. */
  deadlineFixes?: Record<string, string>;
}

export interface PreviewTask {
  key: string;
  appendix: string | null;
  no: string;
  dimension: string | null;
  content: string;
  mentions: PartyMention[];
  assignments: PlannedAssignment[];
  schedule: Schedule;
}

export interface ImportPreview {
  fileHash: string;
  fileName: string;
  draft: PlanDraft;
  issuer: { unitId: number; name: string } | null;
  duplicateOf: { planId: number; importedAt: string } | null;
  target: { planId: number; title: string } | null;
  tasks: PreviewTask[];
  unmatched: Array<{ text: string; keys: string[]; suggestions: Array<{ unitId: number; name: string; score: number }> }>;
  needsReview: Array<{ key: string; text: string; reason: string }>;
  revision: Revision;
  warnings: DraftWarning[];
}

export interface TaskWithAssignments extends Task {
  assignments: Assignment[];
  nextDue: string | null;
}

const MIME: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  txt: 'text/plain; charset=utf-8',
  tsv: 'text/tab-separated-values; charset=utf-8',
};

/** Plans: importing a document (preview, then confirm), revising it, reading it back. */
export class PlanService {
  constructor(
    private readonly store: Store,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor): Promise<Array<Plan & { taskCount: number }>> {
    authorize(actor, 'list', 'Plan', { issuerUnitId: null });
    return this.store.read.plans.list();
  }

  async get(actor: Actor, id: number): Promise<Plan & { appendices: Awaited<ReturnType<Repositories['plans']['appendices']>> }> {
    const plan = await this.store.read.plans.get(id);
    if (!plan) throw notFound(`Không tìm thấy kế hoạch có mã số ${id}.`);
    authorize(actor, 'read', 'Plan', plan);
    return { ...plan, appendices: await this.store.read.plans.appendices(id) };
  }

  async tasks(actor: Actor, planId: number, filter: TaskFilter = {}): Promise<TaskWithAssignments[]> {
    await this.get(actor, planId);
    const tasks = await this.store.read.plans.tasks(planId);
    const assignments = await this.store.read.plans.assignments(tasks.map((t) => t.id));
    const byTask = new Map<number, Assignment[]>();
    for (const a of assignments) byTask.set(a.taskId, [...(byTask.get(a.taskId) ?? []), a]);
    const today = vnDate(this.clock.now());
    const all = tasks.map((t) => ({ ...t, assignments: byTask.get(t.id) ?? [], nextDue: nextDue(t, today) }));
    return filterTasks(all, filter, today);
  }

  async sourceFile(actor: Actor, planId: number): Promise<{ name: string; mime: string; content: Uint8Array }> {
    const plan = await this.get(actor, planId);
    const file = plan.sourceFileHash ? await this.store.read.plans.file(plan.sourceFileHash) : undefined;
    if (!file) throw notFound('Kế hoạch này không có tệp gốc.');
    return file;
  }

  /** Reads the document and shows what saving it would do; writes nothing. */
  async preview(actor: Actor, file: PlanFile, options: ImportOptions = {}): Promise<ImportPreview> {
    if (file.bytes.length === 0) throw validationError('empty_file', 'Tệp tải lên rỗng.');
    const fileHash = sha256Bytes(file.bytes);
    const draft = await readPlanFile(file.bytes, file.name);
    const units = await this.store.read.units.list();
    const target = options.planId === undefined ? undefined : await this.store.read.plans.get(options.planId);
    if (options.planId !== undefined && !target) throw notFound(`Không tìm thấy kế hoạch có mã số ${options.planId}.`);
    const issuer = this.findIssuer(units, draft, options.issuerUnitId ?? target?.issuerUnitId);
    authorize(actor, target ? 'update' : 'create', 'Plan', { issuerUnitId: issuer?.id ?? null });

    const onDate = draft.plan.date ?? draft.appendices[0]?.window.from ?? this.clock.now().toISOString().slice(0, 10);
    const resolve = issuer ? createResolver(units, { issuerId: issuer.id, onDate }) : null;
    const byId = new Map(units.map((u) => [u.id, u]));
    const fixOf = (text: string): Resolution | undefined => {
      const fix = options.partyFixes?.[text];
      if (fix === undefined) return undefined;
      if (fix === null) return { type: 'vague', text, reason: 'Người rà soát đánh dấu: không phải đơn vị báo cáo.' };
      const unit = byId.get(fix);
      if (!unit) throw validationError('unknown_unit', `Không tìm thấy đơn vị có mã số ${fix} (sửa cho «${text}»).`);
      return { type: 'unit', text, unitId: unit.id, unitName: unit.name, external: unit.kind === 'external' };
    };
    const resolveParty = (text: string): Resolution =>
      fixOf(text) ?? resolve?.(text) ?? { type: 'unmatched', text, suggestions: [] };

    const tasks: PreviewTask[] = [];
    const unmatched = new Map<string, ImportPreview['unmatched'][number]>();
    const needsReview: ImportPreview['needsReview'] = [];
    const incoming: TaskFields[] = [];
    draft.appendices.forEach((appendix) => {
      appendix.tasks.forEach((t, index) => {
        const no = t.no ?? `#${index + 1}`;
        const key = taskKey(appendix.label, no);
        const mentions: PartyMention[] = [
          ...t.leadUnits.map((text) => ({ text, role: 'lead' as const, resolution: resolveParty(text) })),
          ...t.coordinatingUnits.map((text) => ({ text, role: 'coordinating' as const, resolution: resolveParty(text) })),
        ];
        for (const m of mentions) {
          if (m.resolution.type !== 'unmatched') continue;
          const entry = unmatched.get(m.text) ?? { text: m.text, keys: [], suggestions: m.resolution.suggestions };
          entry.keys.push(key);
          unmatched.set(m.text, entry);
        }
        const schedule = parseDeadline(options.deadlineFixes?.[key] ?? t.deadline.text, appendix.window);
        if (schedule.needsReview) needsReview.push({ key, text: schedule.text, reason: schedule.reviewReason ?? 'Không đọc được thời hạn.' });
        tasks.push({ key, appendix: appendix.label, no, dimension: t.dimension, content: t.content, mentions, assignments: assignmentsFor(mentions), schedule });
        incoming.push({
          key,
          content: t.content,
          leadText: t.lead,
          coordinatingText: t.coordinating,
          output: t.output,
          deadlineText: schedule.text,
          dimension: t.dimension,
          subgroup: t.subgroup,
        });
      });
    });

    const saved = target ? await this.store.read.plans.tasks(target.id, true) : [];
    const revision = compareTasks(saved.filter((s) => s.retiredAt === null).map(fieldsOfTask), incoming);
    const previous = await this.store.read.plans.importOfFile(fileHash);
    return {
      fileHash,
      fileName: file.name,
      draft,
      issuer: issuer ? { unitId: issuer.id, name: issuer.name } : null,
      duplicateOf: previous ? { planId: previous.planId, importedAt: previous.createdAt } : null,
      target: target ? { planId: target.id, title: target.title } : null,
      tasks,
      unmatched: [...unmatched.values()],
      needsReview,
      revision,
      warnings: draft.warnings,
    };
  }

  /**
   * Saves a previewed import in one transaction: the file, the plan, its appendices, tasks and
   * assignments (groups fanned out). A revision updates tasks by key and retires the ones that are
   * gone; nothing is deleted. The same file twice is refused.
   */
  async import(actor: Actor, file: PlanFile, options: ImportOptions = {}): Promise<{ plan: Plan; revision: Revision; preview: ImportPreview }> {
    const preview = await this.preview(actor, file, options);
    if (preview.duplicateOf) {
      throw conflict(
        'duplicate_file',
        `Tệp này đã được nhập vào kế hoạch số ${preview.duplicateOf.planId} lúc ${preview.duplicateOf.importedAt.slice(0, 16).replace('T', ' ')}.`,
      );
    }
    if (!preview.issuer) {
      throw unprocessable(
        'unknown_issuer',
        `Không xác định được cơ quan ban hành «${preview.draft.plan.issuer ?? '(không ghi)'}». Hãy chọn đơn vị ban hành.`,
      );
    }
    if (preview.tasks.length === 0) throw unprocessable('no_tasks', 'Văn bản không có nhiệm vụ nào để lưu.');
    const issuer = preview.issuer;
    const now = this.clock.now().toISOString();
    const draft = preview.draft;
    const period = draft.plan.period ?? {
      from: draft.appendices.map((a) => a.window.from).sort()[0]!,
      to: draft.appendices.map((a) => a.window.to).sort().at(-1)!,
    };
    const title = cleanText(draft.plan.title ?? file.name);

    return this.store.transaction(async (repos) => {
      await repos.plans.storeFile({
        hash: preview.fileHash,
        name: file.name,
        mime: file.mime ?? MIME[file.name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream',
        size: file.bytes.length,
        content: file.bytes,
        createdAt: now,
      });
      const header = {
        number: draft.plan.number,
        title,
        issuerUnitId: issuer.unitId,
        issuedOn: draft.plan.date,
        year: draft.plan.year,
        periodFrom: period.from,
        periodTo: period.to,
        bases: JSON.stringify(draft.plan.bases),
        sourceFileHash: preview.fileHash,
        searchText: ` ${searchKey(`${draft.plan.number ?? ''} ${title}`)} `,
        updatedAt: now,
      };
      let plan: Plan;
      if (preview.target) {
        const before = (await repos.plans.get(preview.target.planId))!;
        const updated = await repos.plans.update(before.id, before.version, header);
        if (!updated) throw conflict('version_conflict', 'Kế hoạch vừa được người khác cập nhật. Hãy thử lại.');
        plan = updated;
        await this.audit.record(repos, actor, { action: 'plan.revise', entity: 'plan', entityId: plan.id, before, after: plan });
      } else {
        plan = await repos.plans.insert({ ...header, parentPlanId: null, version: 1, createdAt: now });
        await this.audit.record(repos, actor, { action: 'plan.create', entity: 'plan', entityId: plan.id, after: plan });
      }
      await this.saveTasks(repos, actor, plan, preview, now);
      await repos.plans.recordImport({
        planId: plan.id,
        fileHash: preview.fileHash,
        actorId: actor.id,
        summary: JSON.stringify({ ...preview.revision, unmatched: preview.unmatched.length, needsReview: preview.needsReview.length }),
        createdAt: now,
      });
      return { plan, revision: preview.revision, preview };
    });
  }

  /**
   * Writes tasks and assignments for a saved plan. New tasks, new assignments and the audit entries go
   * in batches: a plan has hundreds of rows, and one round trip each would make PostgreSQL slow.
   */
  private async saveTasks(repos: Repositories, actor: Actor, plan: Plan, preview: ImportPreview, now: string): Promise<void> {
    const appendixIds = new Map<string | null, number>();
    for (const [position, a] of preview.draft.appendices.entries()) {
      const saved = await repos.plans.upsertAppendix({
        planId: plan.id,
        label: a.label ?? '',
        title: a.title ?? '',
        windowFrom: a.window.from,
        windowTo: a.window.to,
        position,
      });
      appendixIds.set(a.label, saved.id);
    }
    const events: AuditEvent[] = [];
    const existing = new Map((await repos.plans.tasks(plan.id, true)).map((t) => [t.key, t]));
    const draftTasks = preview.draft.appendices.flatMap((a) => a.tasks);
    const planned = new Map<number, readonly PlannedAssignment[]>();
    const fresh: NewTaskRow[] = [];
    const freshPlanned: Array<readonly PlannedAssignment[]> = [];
    for (const [position, p] of preview.tasks.entries()) {
      const d = draftTasks[position]!;
      const row = {
        appendixId: appendixIds.get(p.appendix)!,
        no: p.no,
        section: d.section,
        dimension: d.dimension,
        subgroup: d.subgroup,
        content: d.content,
        leadText: d.lead,
        coordinatingText: d.coordinating,
        output: d.output,
        deadlineText: p.schedule.text,
        schedule: JSON.stringify(p.schedule),
        parties: JSON.stringify(p.mentions),
        notes: JSON.stringify(d.notes ?? {}),
        searchText: ` ${searchKey([p.key, d.content, d.lead, d.coordinating, d.output].join(' '))} `,
        position,
        retiredAt: null,
        updatedAt: now,
      };
      const before = existing.get(p.key);
      if (!before) {
        fresh.push({ ...row, planId: plan.id, key: p.key, version: 1, createdAt: now });
        freshPlanned.push(p.assignments);
        continue;
      }
      existing.delete(p.key);
      const after = await repos.plans.updateTask(before.id, row);
      if (changed(before, after)) events.push({ action: 'task.update', entity: 'task', entityId: after.id, before: auditTask(before), after: auditTask(after) });
      planned.set(after.id, p.assignments);
    }
    for (const [i, task] of (await repos.plans.insertTasks(fresh)).entries()) {
      events.push({ action: 'task.create', entity: 'task', entityId: task.id, after: auditTask(task) });
      planned.set(task.id, freshPlanned[i]!);
    }
    for (const t of existing.values()) {
      if (t.retiredAt !== null) continue;
      await repos.plans.updateTask(t.id, { retiredAt: now, updatedAt: now });
      events.push({ action: 'task.retire', entity: 'task', entityId: t.id, before: auditTask(t) });
      planned.set(t.id, []);
    }
    events.push(...(await this.syncAssignments(repos, planned, now)));
    await this.audit.recordMany(repos, actor, events);
  }

  /** Brings each task's assignments to the planned set: new rows inserted, missing ones retired, none deleted. */
  private async syncAssignments(repos: Repositories, planned: ReadonlyMap<number, readonly PlannedAssignment[]>, now: string): Promise<AuditEvent[]> {
    const current = await repos.plans.assignments([...planned.keys()], true);
    const byTask = new Map<number, Assignment[]>();
    for (const a of current) byTask.set(a.taskId, [...(byTask.get(a.taskId) ?? []), a]);
    const inserts: Array<Omit<Assignment, 'id'>> = [];
    const events: AuditEvent[] = [];
    for (const [taskId, wanted] of planned) {
      const have = new Map((byTask.get(taskId) ?? []).map((a) => [a.unitId, a]));
      const added: Array<{ unitId: number; role: string }> = [];
      for (const p of wanted) {
        const a = have.get(p.unitId);
        if (!a) {
          inserts.push({ taskId, unitId: p.unitId, role: p.role, sourceText: p.sourceText, createdAt: now, retiredAt: null });
          added.push({ unitId: p.unitId, role: p.role });
        } else if (a.retiredAt !== null || a.role !== p.role || a.sourceText !== p.sourceText) {
          await repos.plans.setAssignment(a.id, { role: p.role, sourceText: p.sourceText, retiredAt: null });
          added.push({ unitId: p.unitId, role: p.role });
        }
      }
      const keep = new Set(wanted.map((p) => p.unitId));
      const retired = [...have.values()].filter((a) => a.retiredAt === null && !keep.has(a.unitId));
      for (const a of retired) await repos.plans.setAssignment(a.id, { retiredAt: now });
      if (added.length || retired.length) {
        events.push({ action: 'task.assign', entity: 'task', entityId: taskId, after: { added, retired: retired.map((a) => a.unitId) } });
      }
    }
    await repos.plans.insertAssignments(inserts);
    return events;
  }

  /** The government that issued the document: given, or matched from the issuer line. */
  private findIssuer(units: readonly Unit[], draft: PlanDraft, given: number | undefined): Unit | null {
    if (given !== undefined) {
      const unit = units.find((u) => u.id === given);
      if (!unit) throw validationError('unknown_unit', `Không tìm thấy đơn vị ban hành có mã số ${given}.`);
      return unit;
    }
    const text = draft.plan.issuer;
    if (!text) return null;
    const key = searchKey(text).split(' ').filter(Boolean);
    const strip = (k: string[]) => (k[0] === 'ubnd' ? k.slice(1) : k.join(' ').startsWith('uy ban nhan dan') ? k.slice(4) : k);
    return (
      units.find(
        (u) => GOVERNMENT_KINDS.has(u.kind) && [u.name, ...u.aliases].some((n) => namesMatch(strip(key), strip(searchKey(n).split(' ').filter(Boolean)))),
      ) ?? null
    );
  }
}

function fieldsOfTask(t: Task): TaskFields {
  return {
    key: t.key,
    content: t.content,
    leadText: t.leadText,
    coordinatingText: t.coordinatingText,
    output: t.output,
    deadlineText: t.deadlineText,
    dimension: t.dimension,
    subgroup: t.subgroup,
  };
}

const changed = (a: Task, b: Task) =>
  (['content', 'leadText', 'coordinatingText', 'output', 'deadlineText', 'dimension', 'subgroup', 'retiredAt'] as const).some((f) => a[f] !== b[f]);

/** What the audit log keeps of a task: its words and schedule kind, not the whole parsed structure. */
const auditTask = (t: Task) => ({ ...fieldsOfTask(t), scheduleKind: t.schedule.kind, retiredAt: t.retiredAt });

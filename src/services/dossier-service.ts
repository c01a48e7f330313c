import type { Actor } from '../domain/accounts/actor.js';
import { conflict, notFound, validationError } from '../domain/errors.js';
import { authorize, can } from '../domain/policies/index.js';
import {
  DOSSIER_STATUS_LABEL,
  maskName,
  normaliseDossierCode,
  publicStatus,
  validateDossier,
  validateProcedure,
  type DossierPublicStatus,
  type DossierStatus,
  type DossierStep,
  type ProcedureInput,
} from '../domain/procedures/index.js';
import { addWorkingDays, type WorkingCalendar } from '../domain/reporting/working-days.js';
import { isIsoDate } from '../domain/schedule/calendar.js';
import { cleanText, searchKey } from '../domain/text/normalize.js';
import { vnDate } from '../domain/time.js';
import type { Store } from '../db/repositories/index.js';
import type { DossierRow, DossierWithNames, ProcedureWithUnit } from '../db/repositories/dossiers.js';
import type { AuditService } from './audit-service.js';
import type { Clock } from './clock.js';

export interface ProcedureView {
  id: number;
  unitId: number;
  unitCode: string;
  unitName: string;
  code: string;
  name: string;
  field: string;
  processingDays: number | null;
  fee: string | null;
}

/** What staff see of a dossier (the applicant's full name; never a phone or ID: none is stored). */
export interface DossierView {
  id: number;
  code: string;
  receiptCode: string;
  procedureId: number;
  procedureCode: string;
  procedureName: string;
  unitId: number;
  unitCode: string;
  unitName: string;
  applicantName: string;
  receivedDate: string;
  dueDate: string;
  status: DossierStatus;
  /** The status a citizen sees, "overdue" derived from the due date. */
  publicStatus: DossierPublicStatus;
  statusLabel: string;
  returnedDate: string | null;
  steps: DossierStep[];
  version: number;
}

/** What the public lookup shows: the applicant masked, nothing else personal. */
export interface PublicDossier {
  code: string;
  receiptCode: string;
  procedureCode: string;
  procedureName: string;
  procedureField: string;
  unitName: string;
  applicant: string;
  receivedDate: string;
  dueDate: string;
  status: DossierPublicStatus;
  statusLabel: string;
  returnedDate: string | null;
  steps: Array<DossierStep & { label: string }>;
}

export interface NewDossierInput {
  unitId: number;
  procedureId: number;
  code: string;
  receiptCode: string;
  applicantName: string;
  receivedDate: string;
  /** Default: the procedure's processing time in working days after the received date. */
  dueDate?: string | null;
  note?: string | null;
}

export interface DossierChange {
  status: DossierStatus;
  /** The day of this step (default: today in Vietnam). */
  date?: string | null;
  dueDate?: string | null;
  note?: string | null;
}

export interface DossierImportItem extends Omit<NewDossierInput, 'unitId'> {
  /** The steps after receipt, in order; the last one is the dossier's status. */
  steps?: Array<{ status: DossierStatus; date: string; note?: string | null }>;
}

export interface ProcedureImportRow extends ProcedureInput {
  unitId: number;
}

const procedureView = (r: ProcedureWithUnit): ProcedureView => ({
  id: r.id,
  unitId: r.unitId,
  unitCode: r.unitCode,
  unitName: r.unitName,
  code: r.code,
  name: r.name,
  field: r.field,
  processingDays: r.processingDays,
  fee: r.fee,
});

const dossierNotFound = (id: number) => notFound(`Không tìm thấy hồ sơ có mã số ${id}.`);
const uniqueViolation = (err: unknown) => /unique|duplicate/i.test(String((err as Error)?.message));

/**
 * Administrative procedures and dossier progress (issue 5): unit officers import their procedures and enter
 * and move on their dossiers; citizens look a dossier up by its code or receipt code and see its procedure,
 * dates, status and steps, with the applicant's name masked. Every write is audited.
 */
export class DossierService {
  constructor(
    private readonly store: Store,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    /** The working calendar (weekends, public holidays, days off and make-up Saturdays set by the admin). */
    private readonly workingCalendar: () => Promise<WorkingCalendar>,
  ) {}

  private today(): string {
    return vnDate(this.clock.now());
  }

  private view(r: DossierWithNames): DossierView {
    const status = publicStatus(r.status, r.dueDate, this.today());
    return {
      id: r.id,
      code: r.code,
      receiptCode: r.receiptCode,
      procedureId: r.procedureId,
      procedureCode: r.procedureCode,
      procedureName: r.procedureName,
      unitId: r.unitId,
      unitCode: r.unitCode,
      unitName: r.unitName,
      applicantName: r.applicantName,
      receivedDate: r.receivedDate,
      dueDate: r.dueDate,
      status: r.status,
      publicStatus: status,
      statusLabel: DOSSIER_STATUS_LABEL[status],
      returnedDate: r.returnedDate,
      steps: JSON.parse(r.steps) as DossierStep[],
      version: r.version,
    };
  }

  // ---- procedures ---------------------------------------------------------------------------

  /** Adds or updates procedures by (unit, code); answers how many of each. All or nothing. */
  async importProcedures(actor: Actor, rows: readonly ProcedureImportRow[]): Promise<{ created: number; updated: number; unchanged: number }> {
    if (rows.length === 0) throw validationError('empty_import', 'Danh sách thủ tục trống.');
    const checked = rows.map((r, i) => {
      try {
        return { unitId: r.unitId, ...validateProcedure(r) };
      } catch (err) {
        if (err instanceof Error) err.message = `Dòng ${i + 1}: ${err.message}`;
        throw err;
      }
    });
    const read = this.store.read;
    for (const unitId of new Set(checked.map((r) => r.unitId))) {
      if (!(await read.units.get(unitId))) throw notFound(`Không tìm thấy đơn vị có mã số ${unitId}.`);
      authorize(actor, 'create', 'Procedure', { unitId });
    }
    const now = this.clock.now().toISOString();
    return this.store.transaction(async (repos) => {
      let created = 0;
      let updated = 0;
      let unchanged = 0;
      const events = [];
      const existing = new Map((await repos.dossiers.proceduresOfUnits([...new Set(checked.map((r) => r.unitId))])).map((p) => [`${p.unitId}|${p.code}`, p]));
      for (const r of checked) {
        const searchText = ` ${searchKey(`${r.code} ${r.name} ${r.field}`)} `;
        const before = existing.get(`${r.unitId}|${r.code}`);
        if (!before) {
          const row = await repos.dossiers.insertProcedure({ ...r, searchText, createdAt: now, updatedAt: now });
          events.push({ action: 'procedure.create', entity: 'procedure', entityId: row.id, after: row });
          created++;
        } else if (before.name !== r.name || before.field !== r.field || before.processingDays !== r.processingDays || before.fee !== r.fee) {
          const row = await repos.dossiers.updateProcedure(before.id, { name: r.name, field: r.field, processingDays: r.processingDays, fee: r.fee, searchText, updatedAt: now });
          events.push({ action: 'procedure.update', entity: 'procedure', entityId: row.id, before, after: row });
          updated++;
        } else {
          unchanged++;
        }
      }
      if (events.length > 0) await this.audit.recordMany(repos, actor, events);
      return { created, updated, unchanged };
    });
  }

  /** The public list of procedures; `q` is searched without diacritics. */
  async publicProcedures(
    query: { q?: string; unitCode?: string; page?: number; pageSize?: number } = {},
  ): Promise<{ items: ProcedureView[]; total: number; page: number; pageSize: number; unit: { code: string; name: string } | null; unitFound: boolean }> {
    const words = query.q ? searchKey(query.q.slice(0, 200)).split(' ').filter(Boolean).slice(0, 8) : [];
    let unit: { id: number; code: string; name: string } | null = null;
    if (query.unitCode) {
      const found = await this.store.read.units.getByCode(query.unitCode.trim().toUpperCase().slice(0, 60));
      if (!found) return { items: [], total: 0, page: 1, pageSize: 0, unit: null, unitFound: false };
      unit = { id: found.id, code: found.code, name: found.name };
    }
    const filter = { searchWords: words, ...(unit ? { unitId: unit.id } : {}) };
    const pageSize = Math.min(Math.max(query.pageSize ?? 5000, 1), 5000);
    const page = Math.max(1, Math.min(query.page ?? 1, 10_000));
    const [rows, total] = await Promise.all([
      this.store.read.dossiers.procedures({ ...filter, limit: pageSize, offset: (page - 1) * pageSize }),
      this.store.read.dossiers.countProcedures(filter),
    ]);
    return { items: rows.map(procedureView), total, page, pageSize, unit: unit ? { code: unit.code, name: unit.name } : null, unitFound: true };
  }

  async publicRevision(): Promise<string> {
    return this.store.read.dossiers.procedureRevision();
  }

  // ---- dossiers -----------------------------------------------------------------------------

  async create(actor: Actor, input: NewDossierInput): Promise<DossierView> {
    const read = this.store.read;
    const unit = await read.units.get(input.unitId);
    if (!unit) throw notFound(`Không tìm thấy đơn vị có mã số ${input.unitId}.`);
    authorize(actor, 'create', 'Dossier', { unitId: unit.id });
    const procedure = await read.dossiers.procedure(input.procedureId);
    if (!procedure) throw notFound(`Không tìm thấy thủ tục có mã số ${input.procedureId}.`);
    if (procedure.unitId !== unit.id) throw validationError('procedure_of_other_unit', 'Thủ tục này không thuộc đơn vị tiếp nhận hồ sơ.');
    if (!isIsoDate(input.receivedDate)) throw validationError('invalid_date', `Ngày tiếp nhận không hợp lệ: "${input.receivedDate}" (cần dạng YYYY-MM-DD).`);
    // A procedure's processing time is in working days: holidays and days off do not count.
    const dueDate = input.dueDate ?? (procedure.processingDays !== null ? addWorkingDays(input.receivedDate, procedure.processingDays, await this.workingCalendar()) : null);
    if (!dueDate) throw validationError('due_required', 'Thủ tục chưa có thời hạn giải quyết: cần ghi ngày hẹn trả kết quả.');
    const checked = validateDossier({
      code: input.code,
      receiptCode: input.receiptCode,
      applicantName: input.applicantName,
      receivedDate: input.receivedDate,
      dueDate,
      status: 'received',
      returnedDate: null,
    });
    const note = input.note ? cleanText(input.note) || null : null;
    const now = this.clock.now().toISOString();
    const row = await this.store.transaction(async (repos) => {
      let inserted: DossierRow;
      try {
        inserted = await repos.dossiers.insertDossier({
          ...checked,
          procedureId: procedure.id,
          unitId: unit.id,
          steps: JSON.stringify([{ date: checked.receivedDate, status: 'received', note }] satisfies DossierStep[]),
          version: 1,
          createdBy: actor.id,
          createdAt: now,
          updatedAt: now,
        });
      } catch (err) {
        if (uniqueViolation(err)) throw conflict('dossier_code_taken', `Mã hồ sơ "${checked.code}" hoặc mã biên nhận "${checked.receiptCode}" đã được dùng.`);
        throw err;
      }
      await this.audit.record(repos, actor, { action: 'dossier.create', entity: 'dossier', entityId: inserted.id, after: inserted });
      return inserted;
    });
    return this.view({ ...row, procedureCode: procedure.code, procedureName: procedure.name, procedureField: procedure.field, unitCode: unit.code, unitName: unit.name });
  }

  /**
   * Enters many dossiers of one unit at once (an export of the one-stop desk's software, or the demo), each
   * with the steps it has been through, in one transaction: all or nothing. Codes already present are skipped.
   */
  async importDossiers(actor: Actor, unitId: number, items: readonly DossierImportItem[]): Promise<{ created: number; skipped: number }> {
    const read = this.store.read;
    const unit = await read.units.get(unitId);
    if (!unit) throw notFound(`Không tìm thấy đơn vị có mã số ${unitId}.`);
    authorize(actor, 'create', 'Dossier', { unitId });
    const procedures = new Map((await read.dossiers.procedures({ unitId })).map((p) => [p.id, p]));
    const calendar = await this.workingCalendar();
    const rows = items.map((item, i) => {
      const at = (m: string) => `Hồ sơ thứ ${i + 1}: ${m}`;
      const procedure = procedures.get(item.procedureId);
      if (!procedure) throw validationError('procedure_of_other_unit', at('thủ tục không thuộc đơn vị tiếp nhận hồ sơ.'));
      if (!isIsoDate(item.receivedDate)) throw validationError('invalid_date', at(`ngày tiếp nhận không hợp lệ: "${item.receivedDate}".`));
      const dueDate = item.dueDate ?? (procedure.processingDays !== null ? addWorkingDays(item.receivedDate, procedure.processingDays, calendar) : null);
      if (!dueDate) throw validationError('due_required', at('thủ tục chưa có thời hạn giải quyết: cần ghi ngày hẹn trả kết quả.'));
      const steps: DossierStep[] = [{ date: item.receivedDate, status: 'received', note: item.note ? cleanText(item.note) || null : null }];
      for (const s of item.steps ?? []) {
        if (!isIsoDate(s.date) || s.date < item.receivedDate) throw validationError('invalid_date', at(`ngày của bước "${s.status}" không hợp lệ.`));
        steps.push({ date: s.date, status: s.status, note: s.note ? cleanText(s.note) || null : null });
      }
      const last = steps[steps.length - 1]!;
      const checked = validateDossier({
        code: item.code,
        receiptCode: item.receiptCode,
        applicantName: item.applicantName,
        receivedDate: item.receivedDate,
        dueDate,
        status: last.status,
        returnedDate: last.status === 'returned' ? last.date : null,
      });
      return { ...checked, procedureId: procedure.id, unitId, steps: JSON.stringify(steps) };
    });
    const now = this.clock.now().toISOString();
    return this.store.transaction(async (repos) => {
      const events = [];
      let skipped = 0;
      const present = await repos.dossiers.existingCodes(rows.map((r) => r.code));
      for (const r of rows) {
        if (present.has(r.code)) {
          skipped++;
          continue;
        }
        let inserted: DossierRow;
        try {
          inserted = await repos.dossiers.insertDossier({ ...r, version: 1, createdBy: actor.id, createdAt: now, updatedAt: now });
        } catch (err) {
          if (uniqueViolation(err)) throw conflict('dossier_code_taken', `Mã hồ sơ "${r.code}" hoặc mã biên nhận "${r.receiptCode}" đã được dùng.`);
          throw err;
        }
        events.push({ action: 'dossier.create', entity: 'dossier', entityId: inserted.id, after: inserted });
      }
      if (events.length > 0) await this.audit.recordMany(repos, actor, events);
      return { created: events.length, skipped };
    });
  }

  /** Moves a dossier to a new status (a step is appended), or changes its due date. */
  async update(actor: Actor, id: number, change: DossierChange, expectedVersion?: number): Promise<DossierView> {
    const date = change.date ?? this.today();
    if (!isIsoDate(date)) throw validationError('invalid_date', `Ngày không hợp lệ: "${date}" (cần dạng YYYY-MM-DD).`);
    const note = change.note ? cleanText(change.note) || null : null;
    const now = this.clock.now().toISOString();
    await this.store.transaction(async (repos) => {
      const before = await repos.dossiers.dossier(id);
      if (!before) throw dossierNotFound(id);
      authorize(actor, 'update', 'Dossier', { unitId: before.unitId });
      if (expectedVersion !== undefined && expectedVersion !== before.version) {
        throw conflict('version_conflict', 'Hồ sơ vừa được người khác cập nhật; hãy tải lại rồi thử lại.');
      }
      if (before.status === 'returned') throw conflict('dossier_closed', 'Hồ sơ đã trả kết quả; không thể đổi trạng thái.');
      if (date < before.receivedDate) throw validationError('date_before_received', 'Ngày cập nhật không thể trước ngày tiếp nhận hồ sơ.');
      const checked = validateDossier({
        code: before.code,
        receiptCode: before.receiptCode,
        applicantName: before.applicantName,
        receivedDate: before.receivedDate,
        dueDate: change.dueDate ?? before.dueDate,
        status: change.status,
        returnedDate: change.status === 'returned' ? date : null,
      });
      const steps = JSON.parse(before.steps) as DossierStep[];
      steps.push({ date, status: change.status, note });
      const after = await repos.dossiers.updateDossier(id, before.version, {
        status: checked.status,
        dueDate: checked.dueDate,
        returnedDate: checked.returnedDate,
        steps: JSON.stringify(steps),
        updatedAt: now,
      });
      if (!after) throw conflict('version_conflict', 'Hồ sơ vừa được người khác cập nhật; hãy tải lại rồi thử lại.');
      await this.audit.record(repos, actor, { action: 'dossier.update', entity: 'dossier', entityId: id, before, after });
    });
    return this.get(actor, id);
  }

  async get(actor: Actor, id: number): Promise<DossierView> {
    const row = await this.store.read.dossiers.dossier(id);
    if (!row || !can(actor, 'read', 'Dossier', { unitId: row.unitId })) throw dossierNotFound(id);
    const full = await this.store.read.dossiers.byCode(row.code);
    return this.view(full!);
  }

  async list(actor: Actor, query: { unitId?: number } = {}): Promise<DossierView[]> {
    if (query.unitId !== undefined) authorize(actor, 'list', 'Dossier', { unitId: query.unitId });
    const rows = await this.store.read.dossiers.dossiers({
      ...(actor.scope === null ? {} : { unitIds: [...actor.scope] }),
      ...(query.unitId !== undefined ? { unitId: query.unitId } : {}),
    });
    return rows.map((r) => this.view(r));
  }

  /** The public lookup by dossier code or receipt code; null when there is no such dossier. */
  async lookup(code: string): Promise<PublicDossier | null> {
    const normal = normaliseDossierCode(code);
    if (!normal) return null;
    const r = await this.store.read.dossiers.byCode(normal);
    if (!r) return null;
    const status = publicStatus(r.status, r.dueDate, this.today());
    return {
      code: r.code,
      receiptCode: r.receiptCode,
      procedureCode: r.procedureCode,
      procedureName: r.procedureName,
      procedureField: r.procedureField,
      unitName: r.unitName,
      applicant: maskName(r.applicantName),
      receivedDate: r.receivedDate,
      dueDate: r.dueDate,
      status,
      statusLabel: DOSSIER_STATUS_LABEL[status],
      returnedDate: r.returnedDate,
      steps: (JSON.parse(r.steps) as DossierStep[]).map((s) => ({ ...s, label: DOSSIER_STATUS_LABEL[s.status] })),
    };
  }
}

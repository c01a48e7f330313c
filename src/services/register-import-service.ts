import type { Actor } from '../domain/accounts/actor.js';
import { notFound } from '../domain/errors.js';
import { authorize } from '../domain/policies/index.js';
import { searchKey } from '../domain/text/normalize.js';
import type { Store } from '../db/repositories/index.js';
import { readDossierSheet, readProcedureSheet } from '../import/register-sheet.js';
import { readGrid, type UploadedFile } from './disclosure-service.js';
import type { DossierService, ProcedureView } from './dossier-service.js';

export interface ProcedureFileResult {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Headers of the file that were not imported (STT aside), as written. */
  ignoredColumns: string[];
}

export interface DossierFileResult {
  rows: number;
  created: number;
  /** Dossiers whose code was already entered: left as they are. */
  skipped: number;
  ignoredColumns: string[];
}

/**
 * The one-stop desk's spreadsheets (XLSX or CSV) of procedures and dossiers, read with the disclosure
 * tables' reader and saved through DossierService (which authorises, and writes all rows in one
 * transaction with their audit entries): a file with one bad cell saves nothing.
 */
export class RegisterImportService {
  constructor(
    private readonly store: Store,
    private readonly dossiers: DossierService,
  ) {}

  private async unit(unitId: number) {
    const unit = await this.store.read.units.get(unitId);
    if (!unit) throw notFound(`Không tìm thấy đơn vị có mã số ${unitId}.`);
    return unit;
  }

  async importProcedureFile(actor: Actor, unitId: number, file: UploadedFile): Promise<ProcedureFileResult> {
    const unit = await this.unit(unitId);
    // Checked before the file is read, so a stranger to the unit learns nothing about the file's faults.
    authorize(actor, 'create', 'Procedure', { unitId: unit.id });
    const sheet = readProcedureSheet(await readGrid(file));
    const result = await this.dossiers.importProcedures(
      actor,
      sheet.rows.map(({ line: _line, ...r }) => ({ unitId: unit.id, ...r })),
    );
    return { rows: sheet.rows.length, ...result, ignoredColumns: sheet.ignoredColumns };
  }

  async importDossierFile(actor: Actor, unitId: number, file: UploadedFile): Promise<DossierFileResult> {
    const unit = await this.unit(unitId);
    authorize(actor, 'create', 'Dossier', { unitId: unit.id });
    const grid = await readGrid(file);
    const procedures = await this.store.read.dossiers.procedures({ unitId: unit.id });
    const sheet = readDossierSheet(grid, procedures);
    const result = await this.dossiers.importDossiers(
      actor,
      unit.id,
      sheet.rows.map((r) => ({
        procedureId: r.procedureId,
        code: r.code,
        receiptCode: r.receiptCode,
        applicantName: r.applicantName,
        receivedDate: r.receivedDate,
        dueDate: r.dueDate,
        note: r.note,
        steps: r.steps.map((s) => ({ status: s.status, date: s.date })),
      })),
    );
    return { rows: sheet.rows.length, ...result, ignoredColumns: sheet.ignoredColumns };
  }

  /**
   * The procedures staff manage: those of the units in the actor's reach (every unit for an admin), `q`
   * searched without diacritics. The list is public anyway; the scope only keeps the screen to one's own.
   */
  async procedures(actor: Actor, query: { unitId?: number; q?: string } = {}): Promise<ProcedureView[]> {
    const words = query.q ? searchKey(query.q.slice(0, 200)).split(' ').filter(Boolean).slice(0, 8) : [];
    const rows = await this.store.read.dossiers.procedures({
      ...(actor.scope === null ? {} : { unitIds: [...actor.scope] }),
      ...(query.unitId !== undefined ? { unitId: query.unitId } : {}),
      searchWords: words,
      limit: 5000,
    });
    return rows.map((r) => ({
      id: r.id,
      unitId: r.unitId,
      unitCode: r.unitCode,
      unitName: r.unitName,
      code: r.code,
      name: r.name,
      field: r.field,
      processingDays: r.processingDays,
      fee: r.fee,
    }));
  }
}

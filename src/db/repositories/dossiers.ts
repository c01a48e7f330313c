import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, DossierTable, ProcedureTable } from '../schema.js';

export type ProcedureRow = Selectable<ProcedureTable>;
export type NewProcedureRow = Insertable<ProcedureTable>;
export type DossierRow = Selectable<DossierTable>;
export type NewDossierRow = Insertable<DossierTable>;
export type DossierUpdate = Updateable<DossierTable>;

export type ProcedureWithUnit = ProcedureRow & { unitCode: string; unitName: string };
export type DossierWithNames = DossierRow & { procedureCode: string; procedureName: string; procedureField: string; unitCode: string; unitName: string };

export interface ProcedureFilter {
  unitId?: number;
  unitIds?: readonly number[];
  /** A folded search key (domain/text/normalize searchKey): each word must start a word of the row's key. */
  searchWords?: readonly string[];
  field?: string;
  limit?: number;
  offset?: number;
}

/** Administrative procedures and the dossiers received under them. */
export class DossierRepository {
  constructor(private readonly db: Kysely<Database>) {}

  // ---- procedures ---------------------------------------------------------------------------

  async procedureByCode(unitId: number, code: string): Promise<ProcedureRow | undefined> {
    return this.db.selectFrom('procedures').selectAll().where('unitId', '=', unitId).where('code', '=', code).executeTakeFirst();
  }

  async proceduresOfUnits(unitIds: readonly number[]): Promise<ProcedureRow[]> {
    if (unitIds.length === 0) return [];
    return this.db.selectFrom('procedures').selectAll().where('unitId', 'in', [...unitIds]).execute();
  }

  /** Which of these codes are already dossier codes. */
  async existingCodes(codes: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < codes.length; i += 500) {
      const rows = await this.db.selectFrom('dossiers').select('code').where('code', 'in', codes.slice(i, i + 500)).execute();
      for (const r of rows) out.add(r.code);
    }
    return out;
  }

  async procedure(id: number): Promise<ProcedureRow | undefined> {
    return this.db.selectFrom('procedures').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insertProcedure(row: NewProcedureRow): Promise<ProcedureRow> {
    return this.db.insertInto('procedures').values(row).returningAll().executeTakeFirstOrThrow();
  }

  async updateProcedure(id: number, patch: Updateable<ProcedureTable>): Promise<ProcedureRow> {
    return this.db.updateTable('procedures').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  private filtered(filter: ProcedureFilter) {
    let q = this.db.selectFrom('procedures').innerJoin('units', 'units.id', 'procedures.unitId');
    if (filter.unitId !== undefined) q = q.where('procedures.unitId', '=', filter.unitId);
    if (filter.unitIds !== undefined) q = q.where('procedures.unitId', 'in', [...filter.unitIds]);
    if (filter.field !== undefined) q = q.where('procedures.field', '=', filter.field);
    // The search key holds only [a-z0-9 ] by construction, so it is safe inside a LIKE pattern.
    for (const w of filter.searchWords ?? []) q = q.where('procedures.searchText', 'like', `% ${w}%`);
    return q;
  }

  async procedures(filter: ProcedureFilter): Promise<ProcedureWithUnit[]> {
    if (filter.unitIds !== undefined && filter.unitIds.length === 0) return [];
    let q = this.filtered(filter)
      .selectAll('procedures')
      .select(['units.code as unitCode', 'units.name as unitName'])
      .orderBy('units.code')
      .orderBy('procedures.field')
      .orderBy('procedures.code')
      .orderBy('procedures.id');
    if (filter.limit !== undefined) q = q.limit(filter.limit);
    if (filter.offset !== undefined && filter.offset > 0) q = q.offset(filter.offset);
    return q.execute();
  }

  async countProcedures(filter: ProcedureFilter): Promise<number> {
    if (filter.unitIds !== undefined && filter.unitIds.length === 0) return 0;
    const r = await this.filtered(filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  // ---- dossiers -----------------------------------------------------------------------------

  async insertDossier(row: NewDossierRow): Promise<DossierRow> {
    return this.db.insertInto('dossiers').values(row).returningAll().executeTakeFirstOrThrow();
  }

  async dossier(id: number): Promise<DossierRow | undefined> {
    return this.db.selectFrom('dossiers').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async updateDossier(id: number, version: number, patch: DossierUpdate): Promise<DossierRow | undefined> {
    return this.db
      .updateTable('dossiers')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  }

  private withNames() {
    return this.db
      .selectFrom('dossiers')
      .innerJoin('procedures', 'procedures.id', 'dossiers.procedureId')
      .innerJoin('units', 'units.id', 'dossiers.unitId')
      .selectAll('dossiers')
      .select(['procedures.code as procedureCode', 'procedures.name as procedureName', 'procedures.field as procedureField', 'units.code as unitCode', 'units.name as unitName']);
  }

  /** A dossier by its code or its receipt code (both stored upper case). */
  async byCode(code: string): Promise<DossierWithNames | undefined> {
    return this.withNames()
      .where((eb) => eb.or([eb('dossiers.code', '=', code), eb('dossiers.receiptCode', '=', code)]))
      .executeTakeFirst();
  }

  async dossiers(filter: { unitIds?: readonly number[]; unitId?: number; limit?: number }): Promise<DossierWithNames[]> {
    if (filter.unitIds !== undefined && filter.unitIds.length === 0) return [];
    let q = this.withNames();
    if (filter.unitIds !== undefined) q = q.where('dossiers.unitId', 'in', [...filter.unitIds]);
    if (filter.unitId !== undefined) q = q.where('dossiers.unitId', '=', filter.unitId);
    return q.orderBy('dossiers.receivedDate', 'desc').orderBy('dossiers.id', 'desc').limit(filter.limit ?? 500).execute();
  }

  /** Fingerprint of the procedure list (for ETags of public lists). */
  async procedureRevision(): Promise<string> {
    const r = await this.db
      .selectFrom('procedures')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updatedAt').as('latest')])
      .executeTakeFirstOrThrow();
    return `${Number(r.n)}:${r.latest ?? ''}`;
  }
}

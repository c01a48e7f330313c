import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, ReceptionSlotTable } from '../schema.js';

export type ReceptionSlotRow = Selectable<ReceptionSlotTable>;
export type NewReceptionSlotRow = Insertable<ReceptionSlotTable>;
export type ReceptionSlotUpdate = Updateable<ReceptionSlotTable>;

/** A slot with its unit's code and name (what lists and the public schedule show). */
export type ReceptionSlotWithUnit = ReceptionSlotRow & { unitCode: string; unitName: string };

export interface ReceptionFilter {
  /** Only these units (the actor's scope); undefined for everywhere. */
  unitIds?: readonly number[];
  unitId?: number;
  from?: string;
  to?: string;
  statuses?: ReadonlyArray<ReceptionSlotRow['status']>;
  limit?: number;
}

/** Citizen reception slots (lịch tiếp công dân). */
export class ReceptionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: NewReceptionSlotRow): Promise<ReceptionSlotRow> {
    return this.db.insertInto('receptionSlots').values(row).returningAll().executeTakeFirstOrThrow();
  }

  /** Several slots in one statement, in the order given. */
  async insertMany(rows: readonly NewReceptionSlotRow[]): Promise<ReceptionSlotRow[]> {
    if (rows.length === 0) return [];
    const out = await this.db.insertInto('receptionSlots').values([...rows]).returningAll().execute();
    return out.sort((x, y) => x.id - y.id);
  }

  async get(id: number): Promise<ReceptionSlotRow | undefined> {
    return this.db.selectFrom('receptionSlots').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Updates a slot only at the version the caller read; undefined when someone changed it first. */
  async update(id: number, version: number, patch: ReceptionSlotUpdate): Promise<ReceptionSlotRow | undefined> {
    return this.db
      .updateTable('receptionSlots')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  }

  /** Slots by date and start time, with their unit; `limit` caps a public page. */
  async list(filter: ReceptionFilter): Promise<ReceptionSlotWithUnit[]> {
    if (filter.unitIds !== undefined && filter.unitIds.length === 0) return [];
    if (filter.statuses !== undefined && filter.statuses.length === 0) return [];
    let q = this.db
      .selectFrom('receptionSlots')
      .innerJoin('units', 'units.id', 'receptionSlots.unitId')
      .selectAll('receptionSlots')
      .select(['units.code as unitCode', 'units.name as unitName']);
    if (filter.unitIds !== undefined) q = q.where('receptionSlots.unitId', 'in', [...filter.unitIds]);
    if (filter.unitId !== undefined) q = q.where('receptionSlots.unitId', '=', filter.unitId);
    if (filter.from !== undefined) q = q.where('receptionSlots.date', '>=', filter.from);
    if (filter.to !== undefined) q = q.where('receptionSlots.date', '<=', filter.to);
    if (filter.statuses !== undefined) q = q.where('receptionSlots.status', 'in', [...filter.statuses]);
    q = q.orderBy('receptionSlots.date').orderBy('receptionSlots.startTime').orderBy('units.code').orderBy('receptionSlots.id');
    if (filter.limit !== undefined) q = q.limit(filter.limit);
    return q.execute();
  }

  /** Units that have published (or cancelled) slots from `from` on: the public filter's choices. */
  async publicUnits(from: string): Promise<Array<{ id: number; code: string; name: string }>> {
    return this.db
      .selectFrom('receptionSlots')
      .innerJoin('units', 'units.id', 'receptionSlots.unitId')
      .select(['units.id', 'units.code', 'units.name'])
      .distinct()
      .where('receptionSlots.date', '>=', from)
      .where('receptionSlots.status', 'in', ['published', 'cancelled'])
      .orderBy('units.code')
      .execute();
  }

  /** Fingerprint of the public schedule: changes whenever a slot is added, published or cancelled. */
  async revision(): Promise<string> {
    const r = await this.db
      .selectFrom('receptionSlots')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updatedAt').as('latest'), eb.fn.sum<number>('version').as('versions')])
      .executeTakeFirstOrThrow();
    return `${Number(r.n)}:${r.latest ?? ''}:${Number(r.versions ?? 0)}`;
  }
}

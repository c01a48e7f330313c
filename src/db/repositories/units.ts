import type { Kysely } from 'kysely';
import type { Database, NewUnitRow, UnitRow, UnitUpdate } from '../schema.js';
import type { Unit, UnitNode } from '../../domain/units/unit.js';

export function toUnit(row: UnitRow): Unit {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    shortName: row.shortName,
    kind: row.kind,
    parentId: row.parentId,
    aliases: JSON.parse(row.aliases) as string[],
    validFrom: row.validFrom,
    validTo: row.validTo,
    successorId: row.successorId,
    email: row.email,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export interface UnitFilter {
  /** A folded search key (domain/text/normalize.searchKey); every word must match. */
  searchWords?: string[];
  /** Only units valid on this date (YYYY-MM-DD). */
  activeOn?: string;
}

export class UnitRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(filter: UnitFilter = {}): Promise<Unit[]> {
    let q = this.db.selectFrom('units').selectAll();
    for (const word of filter.searchWords ?? []) {
      // The key is padded with spaces on write, so " word" matches the start of any word.
      q = q.where('searchText', 'like', `% ${word}%`);
    }
    if (filter.activeOn) {
      const day = filter.activeOn;
      q = q
        .where((eb) => eb.or([eb('validFrom', 'is', null), eb('validFrom', '<=', day)]))
        .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', day)]));
    }
    const rows = await q.orderBy('id').execute();
    return rows.map(toUnit);
  }

  async nodes(): Promise<UnitNode[]> {
    return this.db.selectFrom('units').select(['id', 'parentId', 'kind']).execute();
  }

  /**
   * A cheap fingerprint of the whole table: every write goes through insert (count) or update (version,
   * updatedAt), so it changes whenever a unit does. Lets a caller keep the unit tree between requests.
   */
  async revision(): Promise<string> {
    const row = await this.db
      .selectFrom('units')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('version').as('v'), eb.fn.max('updatedAt').as('at')])
      .executeTakeFirstOrThrow();
    return `${Number(row.n)}:${Number(row.v ?? 0)}:${row.at ?? ''}`;
  }

  async get(id: number): Promise<Unit | undefined> {
    const row = await this.db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toUnit(row);
  }

  async getByCode(code: string): Promise<Unit | undefined> {
    const row = await this.db.selectFrom('units').selectAll().where('code', '=', code).executeTakeFirst();
    return row && toUnit(row);
  }

  async codesStartingWith(prefix: string): Promise<string[]> {
    const rows = await this.db.selectFrom('units').select('code').where('code', 'like', `${prefix}%`).execute();
    return rows.map((r) => r.code);
  }

  async insert(row: NewUnitRow): Promise<Unit> {
    const created = await this.db.insertInto('units').values(row).returningAll().executeTakeFirstOrThrow();
    return toUnit(created);
  }

  /** Updates only when the stored version is `expectedVersion`; returns undefined otherwise. */
  async update(id: number, expectedVersion: number, patch: UnitUpdate): Promise<Unit | undefined> {
    const row = await this.db
      .updateTable('units')
      .set({ ...patch, version: expectedVersion + 1 })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .returningAll()
      .executeTakeFirst();
    return row && toUnit(row);
  }
}

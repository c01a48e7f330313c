import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, DisclosureAttachmentTable, DisclosurePostingTable, DisclosureTable, DisclosureTableTable } from '../schema.js';

export type DisclosureRow = Selectable<DisclosureTable>;
export type NewDisclosureRow = Insertable<DisclosureTable>;
export type DisclosureUpdate = Updateable<DisclosureTable>;
export type DisclosureTableRow = Selectable<DisclosureTableTable>;
export type DisclosurePostingRow = Selectable<DisclosurePostingTable>;
export type DisclosureAttachmentRow = Selectable<DisclosureAttachmentTable>;

export interface DisclosureFilter {
  /** Only these units (the actor's scope); undefined for everywhere. */
  unitIds?: readonly number[];
  unitId?: number;
  category?: string;
  status?: DisclosureRow['status'];
}

export interface PublicDisclosureFilter {
  /** Calendar date in Vietnam: only items published on or before it and not past their posting end. */
  today: string;
  unitId?: number;
  category?: string;
  /** Folded words (domain/text/normalize searchKey), each matched at a word start. */
  words?: readonly string[];
  limit: number;
  offset: number;
}

/** A public row: the item with its publisher's name. */
export type PublicDisclosureRow = DisclosureRow & { unitName: string };

/** Facts the register needs of each item. */
export interface RegisterFactRow {
  id: number;
  unitId: number;
  category: string;
  status: DisclosureRow['status'];
  publishDate: string | null;
  postingEnd: string | null;
  takenDownOn: string | null;
}

const CHUNK = 500;

/** Disclosures (công khai), their tables, posting evidence and attachments. */
export class DisclosureRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: NewDisclosureRow): Promise<DisclosureRow> {
    return this.db.insertInto('disclosures').values(row).returningAll().executeTakeFirstOrThrow();
  }

  async get(id: number): Promise<DisclosureRow | undefined> {
    return this.db.selectFrom('disclosures').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Updates the row only if it is still at `version` (and, when given, in one of `statuses`); bumps the version. */
  async update(id: number, version: number, patch: DisclosureUpdate, statuses?: readonly DisclosureRow['status'][]): Promise<DisclosureRow | undefined> {
    let q = this.db
      .updateTable('disclosures')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version);
    if (statuses) q = q.where('status', 'in', [...statuses]);
    return q.returningAll().executeTakeFirst();
  }

  async list(filter: DisclosureFilter): Promise<DisclosureRow[]> {
    if (filter.unitIds !== undefined && filter.unitIds.length === 0) return [];
    let q = this.db.selectFrom('disclosures').selectAll();
    if (filter.unitId !== undefined) q = q.where('unitId', '=', filter.unitId);
    if (filter.category !== undefined) q = q.where('category', '=', filter.category);
    if (filter.status !== undefined) q = q.where('status', '=', filter.status);
    if (filter.unitIds !== undefined && filter.unitIds.length <= CHUNK) q = q.where('unitId', 'in', [...filter.unitIds]);
    const rows = await q.orderBy('updatedAt', 'desc').orderBy('id', 'desc').execute();
    if (filter.unitIds !== undefined && filter.unitIds.length > CHUNK) {
      const allowed = new Set(filter.unitIds);
      return rows.filter((r) => allowed.has(r.unitId));
    }
    return rows;
  }

  /** The facts of every item of some units (the register). */
  async registerFacts(unitIds: readonly number[]): Promise<RegisterFactRow[]> {
    const out: RegisterFactRow[] = [];
    for (let i = 0; i < unitIds.length; i += CHUNK) {
      out.push(
        ...(await this.db
          .selectFrom('disclosures')
          .select(['id', 'unitId', 'category', 'status', 'publishDate', 'postingEnd', 'takenDownOn'])
          .where('unitId', 'in', unitIds.slice(i, i + CHUNK))
          .execute()),
      );
    }
    return out;
  }

  // ---- public reads -------------------------------------------------------------------------

  private publicQuery(f: Omit<PublicDisclosureFilter, 'limit' | 'offset'>) {
    let q = this.db
      .selectFrom('disclosures')
      .innerJoin('units', 'units.id', 'disclosures.unitId')
      .where('disclosures.status', '=', 'published')
      .where('disclosures.publishDate', '<=', f.today)
      .where((eb) => eb.or([eb('disclosures.postingEnd', 'is', null), eb('disclosures.postingEnd', '>=', f.today)]));
    if (f.unitId !== undefined) q = q.where('disclosures.unitId', '=', f.unitId);
    if (f.category !== undefined) q = q.where('disclosures.category', '=', f.category);
    for (const word of f.words ?? []) q = q.where('disclosures.searchText', 'like', `% ${word}%`);
    return q;
  }

  /** Published items on show today, newest first. */
  async listPublic(f: PublicDisclosureFilter): Promise<{ items: PublicDisclosureRow[]; total: number }> {
    const total = await this.publicQuery(f).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    const items = await this.publicQuery(f)
      .selectAll('disclosures')
      .select('units.name as unitName')
      .orderBy('disclosures.publishDate', 'desc')
      .orderBy('disclosures.id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute();
    return { items, total: Number(total.n) };
  }

  /** One item if it is on show today. */
  async getPublic(id: number, today: string): Promise<PublicDisclosureRow | undefined> {
    return this.publicQuery({ today }).selectAll('disclosures').select('units.name as unitName').where('disclosures.id', '=', id).executeTakeFirst();
  }

  /** The units that have something on show today (the commune filter of the portal). */
  async publicUnits(today: string): Promise<Array<{ id: number; name: string }>> {
    return this.publicQuery({ today }).select(['units.id', 'units.name']).distinct().execute();
  }

  // ---- table --------------------------------------------------------------------------------

  async table(disclosureId: number): Promise<DisclosureTableRow | undefined> {
    return this.db.selectFrom('disclosureTables').selectAll().where('disclosureId', '=', disclosureId).executeTakeFirst();
  }

  async putTable(row: DisclosureTableRow): Promise<void> {
    await this.db.deleteFrom('disclosureTables').where('disclosureId', '=', row.disclosureId).execute();
    await this.db.insertInto('disclosureTables').values(row).execute();
  }

  // ---- postings and attachments -------------------------------------------------------------

  async insertPosting(row: Insertable<DisclosurePostingTable>): Promise<DisclosurePostingRow> {
    return this.db.insertInto('disclosurePostings').values(row).returningAll().executeTakeFirstOrThrow();
  }

  async postings(disclosureId: number): Promise<DisclosurePostingRow[]> {
    return this.db.selectFrom('disclosurePostings').selectAll().where('disclosureId', '=', disclosureId).orderBy('postedOn').orderBy('id').execute();
  }

  async posting(id: number): Promise<DisclosurePostingRow | undefined> {
    return this.db.selectFrom('disclosurePostings').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insertAttachment(row: Insertable<DisclosureAttachmentTable>): Promise<DisclosureAttachmentRow> {
    return this.db.insertInto('disclosureAttachments').values(row).returningAll().executeTakeFirstOrThrow();
  }

  async attachments(disclosureId: number): Promise<DisclosureAttachmentRow[]> {
    return this.db.selectFrom('disclosureAttachments').selectAll().where('disclosureId', '=', disclosureId).orderBy('id').execute();
  }

  async attachment(id: number): Promise<DisclosureAttachmentRow | undefined> {
    return this.db.selectFrom('disclosureAttachments').selectAll().where('id', '=', id).executeTakeFirst();
  }
}

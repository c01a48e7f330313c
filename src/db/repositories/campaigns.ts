import type { Insertable, Kysely, Selectable } from 'kysely';
import type { CampaignTable, ContributionTable, Database, SpendingTable } from '../schema.js';

// Amounts are BIGINT (a road can cost billions of đồng): PostgreSQL hands them back as strings.
type Amounts<T, K extends keyof T> = Omit<T, K> & { [P in K]: number };
export type CampaignRow = Amounts<Selectable<CampaignTable>, 'targetAmount'> & { unitName: string; unitCode: string };
export type ContributionRow = Amounts<Selectable<ContributionTable>, 'amount'>;
export type SpendingRow = Amounts<Selectable<SpendingTable>, 'amount'>;

const campaignOf = <T extends { targetAmount: number | string }>(r: T) => ({ ...r, targetAmount: Number(r.targetAmount) });
const amountOf = <T extends { amount: number | string }>(r: T) => ({ ...r, amount: Number(r.amount) });

/** Voluntary-contribution campaigns, their contributions and spendings. */
export class CampaignRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private campaigns() {
    return this.db.selectFrom('campaigns').innerJoin('units', 'units.id', 'campaigns.unitId').selectAll('campaigns').select(['units.name as unitName', 'units.code as unitCode']);
  }

  async get(id: number): Promise<CampaignRow | undefined> {
    const row = await this.campaigns().where('campaigns.id', '=', id).executeTakeFirst();
    return row && campaignOf(row);
  }

  /** Campaigns of these units (all units when null), newest first. */
  async list(filter: { unitIds?: readonly number[] | null; status?: 'open' | 'closed' } = {}): Promise<CampaignRow[]> {
    if (filter.unitIds && filter.unitIds.length === 0) return [];
    let q = this.campaigns();
    if (filter.unitIds) q = q.where('campaigns.unitId', 'in', [...filter.unitIds]);
    if (filter.status) q = q.where('campaigns.status', '=', filter.status);
    const rows = await q.orderBy('campaigns.startDate', 'desc').orderBy('campaigns.id', 'desc').execute();
    return rows.map(campaignOf);
  }

  async openWithPurpose(unitId: number, purposeKey: string): Promise<{ id: number } | undefined> {
    return this.db.selectFrom('campaigns').select('id').where('unitId', '=', unitId).where('purposeKey', '=', purposeKey).where('status', '=', 'open').executeTakeFirst();
  }

  async insert(row: Insertable<CampaignTable>): Promise<number> {
    const r = await this.db.insertInto('campaigns').values(row).returning('id').executeTakeFirstOrThrow();
    return r.id;
  }

  /** Closes an open campaign at its version; false when it changed meanwhile. */
  async close(id: number, version: number, at: string): Promise<boolean> {
    const r = await this.db
      .updateTable('campaigns')
      .set({ status: 'closed', closedAt: at, updatedAt: at, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /**
   * Bumps the version whatever it is: the row lock (PostgreSQL) serialises the writers of one campaign, so a
   * receipt number or a balance checked after it cannot be taken by a concurrent write before the commit.
   */
  async lock(id: number, at: string): Promise<void> {
    await this.db.updateTable('campaigns').set((eb) => ({ updatedAt: at, version: eb('version', '+', 1) })).where('id', '=', id).execute();
  }

  async contributions(campaignId: number): Promise<ContributionRow[]> {
    const rows = await this.db.selectFrom('contributions').selectAll().where('campaignId', '=', campaignId).orderBy('date').orderBy('id').execute();
    return rows.map(amountOf);
  }

  /** Every campaign's contributions' kinds and amounts, for the totals of a list. */
  async contributionAmounts(campaignIds: readonly number[]): Promise<Array<{ campaignId: number; kind: 'money' | 'in_kind'; amount: number }>> {
    if (campaignIds.length === 0) return [];
    const rows = await this.db.selectFrom('contributions').select(['campaignId', 'kind', 'amount']).where('campaignId', 'in', [...campaignIds]).execute();
    return rows.map(amountOf);
  }

  async spendingAmounts(campaignIds: readonly number[]): Promise<Array<{ campaignId: number; amount: number }>> {
    if (campaignIds.length === 0) return [];
    const rows = await this.db.selectFrom('spendings').select(['campaignId', 'amount']).where('campaignId', 'in', [...campaignIds]).execute();
    return rows.map(amountOf);
  }

  async contribution(id: number): Promise<ContributionRow | undefined> {
    const row = await this.db.selectFrom('contributions').selectAll().where('id', '=', id).executeTakeFirst();
    return row && amountOf(row);
  }

  async contributionByCode(code: string): Promise<ContributionRow | undefined> {
    const row = await this.db.selectFrom('contributions').selectAll().where('code', '=', code).executeTakeFirst();
    return row && amountOf(row);
  }

  async receiptTaken(campaignId: number, receiptNo: string): Promise<boolean> {
    const row = await this.db.selectFrom('contributions').select('id').where('campaignId', '=', campaignId).where('receiptNo', '=', receiptNo).executeTakeFirst();
    return row !== undefined;
  }

  async insertContribution(row: Insertable<ContributionTable>): Promise<number> {
    const r = await this.db.insertInto('contributions').values(row).returning('id').executeTakeFirstOrThrow();
    return r.id;
  }

  async spendings(campaignId: number): Promise<SpendingRow[]> {
    const rows = await this.db.selectFrom('spendings').selectAll().where('campaignId', '=', campaignId).orderBy('date').orderBy('id').execute();
    return rows.map(amountOf);
  }

  async spending(id: number): Promise<SpendingRow | undefined> {
    const row = await this.db.selectFrom('spendings').selectAll().where('id', '=', id).executeTakeFirst();
    return row && amountOf(row);
  }

  async insertSpending(row: Insertable<SpendingTable>): Promise<number> {
    const r = await this.db.insertInto('spendings').values(row).returning('id').executeTakeFirstOrThrow();
    return r.id;
  }
}

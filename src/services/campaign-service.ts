import { randomBytes } from 'node:crypto';
import type { Actor } from '../domain/accounts/actor.js';
import {
  RECEIPT_CODE_LENGTH,
  RECEIPT_CODE_PREFIX,
  parseReceiptCode,
  purposeKey,
  totalsOf,
  validateCampaign,
  validateContribution,
  validateSpending,
  vndInWords,
  type CampaignInput,
  type CampaignStatus,
  type ContributionInput,
  type ContributionKind,
  type SpendingInput,
  type Totals,
} from '../domain/campaigns/index.js';
import { groupCode, randomCode } from '../domain/codes.js';
import { conflict, DomainError, notFound, validationError } from '../domain/errors.js';
import { sniffFileType } from '../domain/files/sniff.js';
import { authorize } from '../domain/policies/index.js';
import { maskName } from '../domain/procedures/index.js';
import { cleanText } from '../domain/text/normalize.js';
import { vnDate } from '../domain/time.js';
import type { Repositories, Store } from '../db/repositories/index.js';
import type { CampaignRow, ContributionRow, SpendingRow } from '../db/repositories/campaigns.js';
import type { AuditService } from './audit-service.js';
import type { Clock } from './clock.js';
import { DISCLOSURE_FILE_TYPE, type UploadedFile } from './disclosure-service.js';
import { RateLimiter, type Limit } from './rate-limit.js';
import { sha256Bytes } from './tokens.js';

export interface CampaignView {
  id: number;
  unitId: number;
  unitName: string;
  unitCode: string;
  purpose: string;
  description: string | null;
  targetAmount: number;
  inKindTarget: string | null;
  startDate: string;
  endDate: string;
  status: CampaignStatus;
  closedAt: string | null;
  version: number;
  totals: Totals;
}

export interface ContributionView {
  id: number;
  campaignId: number;
  contributorName: string;
  village: string;
  kind: ContributionKind;
  amount: number;
  inKindDescription: string | null;
  date: string;
  receiptNo: string;
  /** The verification code as printed ("DG-7K3M-Q9XT-2B"). */
  code: string;
  createdAt: string;
}

export interface SpendingView {
  id: number;
  campaignId: number;
  date: string;
  amount: number;
  purpose: string;
  overspendNote: string | null;
  evidence: { name: string; mime: string } | null;
  createdAt: string;
}

export interface CampaignDetail extends CampaignView {
  contributions: ContributionView[];
  spendings: SpendingView[];
}

/** What the public sees of a contribution: name and village as customarily posted, never anything else. */
export interface PublicContribution {
  contributorName: string;
  village: string;
  kind: ContributionKind;
  amount: number;
  inKindDescription: string | null;
  date: string;
}

export interface PublicCampaignDetail extends CampaignView {
  contributions: PublicContribution[];
  spendings: SpendingView[];
}

/** A verified receipt: the campaign, amount and date, and the contributor's name masked. */
export interface VerifiedReceipt {
  code: string;
  campaignId: number;
  campaignPurpose: string;
  unitName: string;
  contributorMasked: string;
  kind: ContributionKind;
  amount: number;
  inKindDescription: string | null;
  date: string;
  receiptNo: string;
}

/** The data of a printable confirmation (HTML print page and .docx). */
export interface Confirmation {
  unitName: string;
  parentUnitName: string | null;
  campaign: { id: number; purpose: string; startDate: string; endDate: string };
  contribution: ContributionView;
  amountInWords: string;
  issuedOn: string;
  /** Where a reader verifies the code (path; the caller prefixes its origin). */
  verifyPath: string;
}

/** Receipt look-ups per client address: 20 in ten minutes, found or not (50-bit codes stay out of reach). */
export const VERIFY_LIMIT: Limit = { bucket: 'receipt_lookup', max: 20, windowMs: 10 * 60_000 };

const toCampaign = (row: CampaignRow, totals: Totals): CampaignView => ({
  id: row.id,
  unitId: row.unitId,
  unitName: row.unitName,
  unitCode: row.unitCode,
  purpose: row.purpose,
  description: row.description,
  targetAmount: row.targetAmount,
  inKindTarget: row.inKindTarget,
  startDate: row.startDate,
  endDate: row.endDate,
  status: row.status,
  closedAt: row.closedAt,
  version: row.version,
  totals,
});

const toContribution = (r: ContributionRow): ContributionView => ({
  id: r.id,
  campaignId: r.campaignId,
  contributorName: r.contributorName,
  village: r.village,
  kind: r.kind,
  amount: r.amount,
  inKindDescription: r.inKindDescription,
  date: r.date,
  receiptNo: r.receiptNo,
  code: groupCode(RECEIPT_CODE_PREFIX, r.code.slice(RECEIPT_CODE_PREFIX.length)),
  createdAt: r.createdAt,
});

const toSpending = (r: SpendingRow): SpendingView => ({
  id: r.id,
  campaignId: r.campaignId,
  date: r.date,
  amount: r.amount,
  purpose: r.purpose,
  overspendNote: r.overspendNote,
  evidence: r.evidenceFileHash ? { name: r.evidenceName ?? 'minh-chung', mime: r.evidenceMime ?? 'application/octet-stream' } : null,
  createdAt: r.createdAt,
});

/** The path of the public receipt check for a code. */
export const verifyPath = (code: string) => `/dong-gop/xac-minh?ma=${encodeURIComponent(code)}`;

/**
 * Voluntary contributions (issue 6, item 3): a commune's campaigns, the contributions recorded against
 * them with a random verification code, the spending with its evidence, and the public totals.
 */
export class CampaignService {
  private readonly limiter: RateLimiter;

  constructor(
    private readonly store: Store,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {
    this.limiter = new RateLimiter(store, clock);
  }

  private today(): string {
    return vnDate(this.clock.now());
  }

  private async withTotals(repos: Repositories, rows: CampaignRow[]): Promise<CampaignView[]> {
    const ids = rows.map((r) => r.id);
    const [gifts, spent] = await Promise.all([repos.campaigns.contributionAmounts(ids), repos.campaigns.spendingAmounts(ids)]);
    return rows.map((r) =>
      toCampaign(
        r,
        totalsOf(
          r.targetAmount,
          gifts.filter((g) => g.campaignId === r.id),
          spent.filter((s) => s.campaignId === r.id),
        ),
      ),
    );
  }

  private async detailOf(repos: Repositories, row: CampaignRow): Promise<CampaignDetail> {
    const [contributions, spendings] = await Promise.all([repos.campaigns.contributions(row.id), repos.campaigns.spendings(row.id)]);
    return {
      ...toCampaign(row, totalsOf(row.targetAmount, contributions, spendings)),
      contributions: contributions.map(toContribution),
      spendings: spendings.map(toSpending),
    };
  }

  private async campaignRow(repos: Repositories, id: number): Promise<CampaignRow> {
    const row = await repos.campaigns.get(id);
    if (!row) throw notFound(`Không tìm thấy cuộc vận động có mã số ${id}.`);
    return row;
  }

  // ---- staff ---------------------------------------------------------------------------------

  async list(actor: Actor, filter: { unitId?: number } = {}): Promise<CampaignView[]> {
    const repos = this.store.read;
    if (filter.unitId !== undefined) authorize(actor, 'list', 'Campaign', { unitId: filter.unitId });
    const unitIds = filter.unitId !== undefined ? [filter.unitId] : actor.scope ? [...actor.scope] : null;
    return this.withTotals(repos, await repos.campaigns.list({ unitIds }));
  }

  async get(actor: Actor, id: number): Promise<CampaignDetail> {
    const repos = this.store.read;
    const row = await this.campaignRow(repos, id);
    authorize(actor, 'read', 'Campaign', { unitId: row.unitId });
    return this.detailOf(repos, row);
  }

  async open(actor: Actor, input: CampaignInput & Record<string, unknown>): Promise<CampaignDetail> {
    if (typeof input.unitId !== 'number') throw validationError('required', 'Cần chọn xã, phường mở cuộc vận động.');
    authorize(actor, 'create', 'Campaign', { unitId: input.unitId });
    const valid = validateCampaign(input);
    const key = purposeKey(valid.purpose);
    const now = this.clock.now().toISOString();
    return this.store.transaction(async (repos) => {
      const unit = await repos.units.get(valid.unitId);
      if (!unit) throw notFound(`Không tìm thấy đơn vị có mã số ${valid.unitId}.`);
      const same = await repos.campaigns.openWithPurpose(valid.unitId, key);
      if (same) {
        throw conflict('campaign_duplicate', `Xã, phường đang có một cuộc vận động cùng mục đích «${valid.purpose}» (mã số ${same.id}): kết thúc cuộc vận động đó trước khi mở cuộc mới.`);
      }
      const id = await repos.campaigns.insert({
        unitId: valid.unitId,
        purpose: valid.purpose,
        purposeKey: key,
        description: valid.description ?? null,
        targetAmount: valid.targetAmount,
        inKindTarget: valid.inKindTarget ?? null,
        startDate: valid.startDate,
        endDate: valid.endDate,
        status: 'open',
        closedAt: null,
        version: 1,
        createdBy: actor.id,
        createdAt: now,
        updatedAt: now,
      });
      const detail = await this.detailOf(repos, await this.campaignRow(repos, id));
      await this.audit.record(repos, actor, { action: 'campaign.open', entity: 'campaign', entityId: id, after: { ...valid } });
      return detail;
    });
  }

  async close(actor: Actor, id: number, version: number): Promise<CampaignDetail> {
    const now = this.clock.now().toISOString();
    return this.store.transaction(async (repos) => {
      const row = await this.campaignRow(repos, id);
      authorize(actor, 'update', 'Campaign', { unitId: row.unitId });
      if (row.status !== 'open') throw conflict('campaign_state', 'Cuộc vận động đã kết thúc.');
      if (!(await repos.campaigns.close(id, version, now))) throw conflict('version_conflict', 'Cuộc vận động vừa được người khác cập nhật: tải lại rồi thử lại.');
      const detail = await this.detailOf(repos, await this.campaignRow(repos, id));
      await this.audit.record(repos, actor, { action: 'campaign.close', entity: 'campaign', entityId: id, after: { status: 'closed', totals: detail.totals } });
      return detail;
    });
  }

  async recordContribution(actor: Actor, campaignId: number, input: ContributionInput): Promise<ContributionView> {
    const valid = validateContribution(input, this.today());
    const now = this.clock.now().toISOString();
    return this.store.transaction(async (repos) => {
      // Two officers typing receipts at once: the second waits here, then reads the campaign and the first
      // one's receipt number as committed (a rollback undoes the lock's version bump with the rest).
      await repos.campaigns.lock(campaignId, now);
      const row = await this.campaignRow(repos, campaignId);
      authorize(actor, 'update', 'Campaign', { unitId: row.unitId });
      if (row.status !== 'open') throw conflict('campaign_state', 'Cuộc vận động đã kết thúc: không ghi nhận thêm khoản đóng góp.');
      if (valid.date < row.startDate) throw validationError('invalid_date', 'Ngày đóng góp không được trước ngày bắt đầu cuộc vận động.');
      if (await repos.campaigns.receiptTaken(campaignId, valid.receiptNo)) {
        throw conflict('receipt_duplicate', `Số biên nhận «${valid.receiptNo}» đã được dùng trong cuộc vận động này.`);
      }
      let code = '';
      // 50 random bits: a clash is astronomically rare, but the UNIQUE column would turn it into a 500.
      for (let i = 0; i < 5 && !code; i++) {
        const candidate = RECEIPT_CODE_PREFIX + randomCode(randomBytes(RECEIPT_CODE_LENGTH), RECEIPT_CODE_LENGTH);
        if (!(await repos.campaigns.contributionByCode(candidate))) code = candidate;
      }
      if (!code) throw new Error('Could not draw a free receipt code');
      const id = await repos.campaigns.insertContribution({
        campaignId,
        contributorName: valid.contributorName,
        village: valid.village,
        kind: valid.kind,
        amount: valid.amount,
        inKindDescription: valid.inKindDescription ?? null,
        date: valid.date,
        receiptNo: valid.receiptNo,
        code,
        recordedBy: actor.id,
        createdAt: now,
      });
      const view = toContribution((await repos.campaigns.contribution(id))!);
      // The code stays out of the audit log: the log is read by more people than the ledger.
      const { code: _code, ...logged } = view;
      await this.audit.record(repos, actor, { action: 'campaign.contribution', entity: 'campaign', entityId: campaignId, after: logged });
      return view;
    });
  }

  async confirmation(actor: Actor, contributionId: number): Promise<Confirmation> {
    const repos = this.store.read;
    const c = await repos.campaigns.contribution(contributionId);
    if (!c) throw notFound(`Không tìm thấy khoản đóng góp có mã số ${contributionId}.`);
    const row = await this.campaignRow(repos, c.campaignId);
    authorize(actor, 'read', 'Campaign', { unitId: row.unitId });
    const unit = await repos.units.get(row.unitId);
    const parent = unit?.parentId ? await repos.units.get(unit.parentId) : undefined;
    const view = toContribution(c);
    return {
      unitName: row.unitName,
      parentUnitName: parent?.name ?? null,
      campaign: { id: row.id, purpose: row.purpose, startDate: row.startDate, endDate: row.endDate },
      contribution: view,
      amountInWords: vndInWords(c.amount),
      issuedOn: this.today(),
      verifyPath: verifyPath(view.code),
    };
  }

  async recordSpending(actor: Actor, campaignId: number, input: SpendingInput, file?: UploadedFile): Promise<SpendingView> {
    let type: ReturnType<typeof sniffFileType> = null;
    if (file) {
      if (file.bytes.length === 0) throw validationError('empty_file', 'Tệp minh chứng trống.');
      type = sniffFileType(file.bytes);
      if (!type) throw new DomainError('validation', DISCLOSURE_FILE_TYPE, `Tệp «${cleanText(file.name).slice(0, 100)}» không phải ảnh (JPEG, PNG), PDF, Word (.docx) hay Excel (.xlsx) theo nội dung của nó.`);
    }
    const now = this.clock.now().toISOString();
    const today = this.today();
    return this.store.transaction(async (repos) => {
      // Locking the campaign first serialises two spendings of one campaign: neither checks a stale balance.
      await repos.campaigns.lock(campaignId, now);
      const row = await this.campaignRow(repos, campaignId);
      authorize(actor, 'update', 'Campaign', { unitId: row.unitId });
      const [gifts, spent] = await Promise.all([repos.campaigns.contributions(campaignId), repos.campaigns.spendings(campaignId)]);
      const totals = totalsOf(row.targetAmount, gifts, spent);
      const valid = validateSpending(input, today, totals.money, totals.spent);
      let hash: string | null = null;
      let name: string | null = null;
      if (file && type) {
        hash = sha256Bytes(file.bytes);
        name = cleanText(file.name).slice(0, 200) || `minh-chung.${type.extension}`;
        await repos.plans.storeFile({ hash, name, mime: type.mime, size: file.bytes.length, content: file.bytes, createdAt: now });
      }
      const id = await repos.campaigns.insertSpending({
        campaignId,
        date: valid.date,
        amount: valid.amount,
        purpose: valid.purpose,
        overspendNote: valid.overspendNote ?? null,
        evidenceFileHash: hash,
        evidenceName: name,
        evidenceMime: type?.mime ?? null,
        recordedBy: actor.id,
        createdAt: now,
      });
      const view = toSpending((await repos.campaigns.spending(id))!);
      await this.audit.record(repos, actor, { action: 'campaign.spending', entity: 'campaign', entityId: campaignId, after: { ...view, evidenceFileHash: hash } });
      return view;
    });
  }

  // ---- public --------------------------------------------------------------------------------

  async publicList(): Promise<CampaignView[]> {
    const repos = this.store.read;
    return this.withTotals(repos, await repos.campaigns.list());
  }

  /**
   * A campaign as the public sees it. Contributors are listed with name, village and amount: posting the
   * list of voluntary contributions is the custom the contributors expect (and how they check that their
   * gift was counted); these are the minimum fields PRODUCT.md §4 allows. There is no phone or ID to leak:
   * the ledger never stores them.
   */
  async publicDetail(id: number): Promise<PublicCampaignDetail | null> {
    const repos = this.store.read;
    const row = await repos.campaigns.get(id);
    if (!row) return null;
    const detail = await this.detailOf(repos, row);
    return {
      ...detail,
      contributions: detail.contributions.map((c) => ({
        contributorName: c.contributorName,
        village: c.village,
        kind: c.kind,
        amount: c.amount,
        inKindDescription: c.inKindDescription,
        date: c.date,
      })),
    };
  }

  /** A spending entry's evidence file, for the public download. */
  async evidence(campaignId: number, spendingId: number): Promise<{ name: string; mime: string; content: Uint8Array } | null> {
    const repos = this.store.read;
    const s = await repos.campaigns.spending(spendingId);
    if (!s || s.campaignId !== campaignId || !s.evidenceFileHash) return null;
    const file = await repos.plans.file(s.evidenceFileHash);
    return file ? { name: s.evidenceName ?? file.name, mime: s.evidenceMime ?? file.mime, content: file.content } : null;
  }

  /**
   * Checks a receipt's code. `clientKey` (the client's address) is counted first, found or not, so a
   * guesser learns nothing faster than the limit allows.
   */
  async verify(input: string, clientKey: string): Promise<VerifiedReceipt | null> {
    await this.limiter.take(VERIFY_LIMIT, clientKey);
    const printed = parseReceiptCode(input);
    if (!printed) return null;
    const code = printed.replace(/-/g, '');
    const repos = this.store.read;
    const c = await repos.campaigns.contributionByCode(code);
    if (!c) return null;
    const row = await this.campaignRow(repos, c.campaignId);
    return {
      code: toContribution(c).code,
      campaignId: row.id,
      campaignPurpose: row.purpose,
      unitName: row.unitName,
      contributorMasked: maskName(c.contributorName),
      kind: c.kind,
      amount: c.amount,
      inKindDescription: c.inKindDescription,
      date: c.date,
      receiptNo: c.receiptNo,
    };
  }
}

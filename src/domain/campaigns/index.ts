/**
 * Voluntary contributions (đóng góp tự nguyện): a commune's campaign, what people give, what is spent.
 *
 * The plan's voluntary principle shapes the rules: there is no minimum and no per-household quota (an
 * input carrying one is refused, not ignored, so nobody believes it was recorded); one open campaign per
 * purpose per commune (purposes compared folded, without diacritics, case or punctuation); amounts are
 * positive whole đồng.
 *
 * Spending beyond what was received: allowed only with a note saying where the difference comes from
 * (the commune's budget, an advance, a later campaign). The entry is then flagged `overspent`, and the
 * public page shows the flag and the note beside it. Refusing outright would hide real spending the commune
 * must account for; accepting silently would hide a deficit from the contributors.
 */
import { groupCode, normaliseCode } from '../codes.js';
import { validationError } from '../errors.js';
import { cleanText, searchKey } from '../text/normalize.js';
import { formatVnd } from './words.js';

export * from './words.js';

export type CampaignStatus = 'open' | 'closed';
export type ContributionKind = 'money' | 'in_kind';

/** Highest amount accepted in one entry (10 000 tỷ đồng): beyond it a typing error is far likelier than a gift. */
export const MAX_AMOUNT = 10_000_000_000_000;
export const RECEIPT_CODE_PREFIX = 'DG';
/** Random symbols of a receipt's verification code: 10 × 5 bits = 50 bits. */
export const RECEIPT_CODE_LENGTH = 10;

/**
 * A typed receipt code in its printed form ("dg 7k3m q9xt 2b" → "DG-7K3M-Q9XT-2B"), or null when it cannot
 * be one (wrong prefix, length or symbols): the look-up then answers "not found" without a query.
 */
export function parseReceiptCode(input: string): string | null {
  const bare = normaliseCode(input);
  if (!bare || !bare.startsWith(RECEIPT_CODE_PREFIX) || bare.length !== RECEIPT_CODE_PREFIX.length + RECEIPT_CODE_LENGTH) return null;
  return groupCode(RECEIPT_CODE_PREFIX, bare.slice(RECEIPT_CODE_PREFIX.length));
}

export interface CampaignInput {
  unitId: number;
  purpose: string;
  description?: string | null;
  targetAmount: number;
  inKindTarget?: string | null;
  startDate: string;
  endDate: string;
}

export interface ContributionInput {
  contributorName: string;
  village: string;
  kind: ContributionKind;
  /** Money: the amount; in kind: the estimated value in đồng. */
  amount: number;
  inKindDescription?: string | null;
  date: string;
  receiptNo: string;
}

export interface SpendingInput {
  date: string;
  amount: number;
  purpose: string;
  overspendNote?: string | null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string' || !ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Field names that would set a compulsory level: refused under the voluntary principle. */
const QUOTA_FIELDS = ['minimumAmount', 'minAmount', 'perHousehold', 'perHouseholdAmount', 'householdQuota', 'quota', 'mucDongToiThieu', 'mucDong'];
const QUOTA_WORDS = ['muc dong toi thieu', 'toi thieu moi ho', 'moi ho dong', 'moi ho phai', 'bat buoc dong', 'dinh muc dong'];

/**
 * Refuses any minimum or per-household amount, whether as a field or written into the purpose or
 * description ("mức đóng tối thiểu 200.000 đồng/hộ").
 */
export function refuseQuota(input: Record<string, unknown>): void {
  for (const field of QUOTA_FIELDS) {
    if (input[field] !== undefined && input[field] !== null && input[field] !== '') {
      throw validationError('campaign_quota', 'Đóng góp là tự nguyện: không được đặt mức đóng tối thiểu hay mức đóng theo hộ.');
    }
  }
  const text = searchKey(`${String(input.purpose ?? '')} ${String(input.description ?? '')}`);
  if (QUOTA_WORDS.some((w) => text.includes(` ${w} `) || text.includes(` ${w}`))) {
    throw validationError('campaign_quota', 'Đóng góp là tự nguyện: nội dung cuộc vận động không được ghi mức đóng tối thiểu, mức đóng bắt buộc hay mức đóng theo hộ.');
  }
}

/** The purpose compared between campaigns: folded, no diacritics, punctuation or extra spaces. */
export function purposeKey(purpose: string): string {
  return searchKey(purpose).trim();
}

export function checkAmount(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw validationError('invalid_amount', `${what} phải là số tiền nguyên dương (đồng), không có phần lẻ.`);
  }
  if (value > MAX_AMOUNT) throw validationError('invalid_amount', `${what} quá lớn: xin kiểm tra lại số đã nhập.`);
  return value;
}

function required(value: unknown, what: string, max: number): string {
  const text = cleanText(typeof value === 'string' ? value : '');
  if (!text) throw validationError('required', `Cần nhập ${what}.`);
  if (text.length > max) throw validationError('too_long', `${what[0]!.toUpperCase()}${what.slice(1)} dài quá ${max} ký tự.`);
  return text;
}

function optional(value: unknown, max: number): string | null {
  const text = cleanText(typeof value === 'string' ? value : '').slice(0, max);
  return text || null;
}

export function validateCampaign(input: CampaignInput & Record<string, unknown>): CampaignInput {
  refuseQuota(input);
  const purpose = required(input.purpose, 'mục đích cuộc vận động', 300);
  if (!isIsoDate(input.startDate) || !isIsoDate(input.endDate)) throw validationError('invalid_date', 'Thời gian vận động không hợp lệ (cần ngày bắt đầu và ngày kết thúc).');
  if (input.endDate < input.startDate) throw validationError('invalid_period', 'Ngày kết thúc không được trước ngày bắt đầu.');
  return {
    unitId: input.unitId,
    purpose,
    description: typeof input.description === 'string' ? input.description.normalize('NFC').trim().slice(0, 5000) || null : null,
    targetAmount: checkAmount(input.targetAmount, 'Số tiền cần vận động'),
    inKindTarget: optional(input.inKindTarget, 500),
    startDate: input.startDate,
    endDate: input.endDate,
  };
}

export function validateContribution(input: ContributionInput, today: string): ContributionInput {
  const kind = input.kind ?? 'money';
  if (kind !== 'money' && kind !== 'in_kind') throw validationError('invalid_kind', 'Hình thức đóng góp phải là tiền hoặc hiện vật.');
  if (!isIsoDate(input.date)) throw validationError('invalid_date', 'Ngày đóng góp không hợp lệ.');
  if (input.date > today) throw validationError('invalid_date', 'Ngày đóng góp không được sau ngày hôm nay.');
  const inKindDescription = optional(input.inKindDescription, 500);
  if (kind === 'in_kind' && !inKindDescription) throw validationError('required', 'Cần mô tả hiện vật đóng góp (ví dụ: 20 bao xi măng).');
  return {
    contributorName: required(input.contributorName, 'họ tên người đóng góp', 120),
    village: required(input.village, 'thôn, khu phố', 120),
    kind,
    amount: checkAmount(input.amount, kind === 'money' ? 'Số tiền đóng góp' : 'Giá trị ước tính của hiện vật'),
    inKindDescription: kind === 'in_kind' ? inKindDescription : null,
    date: input.date,
    receiptNo: required(input.receiptNo, 'số biên nhận', 40),
  };
}

export interface Totals {
  /** Money received. */
  money: number;
  /** Estimated value of what was given in kind. */
  inKindValue: number;
  contributions: number;
  spent: number;
  /** Money received minus money spent (negative when spending was covered from elsewhere). */
  balance: number;
  /** Share of the money target reached, in whole per cent (may exceed 100). */
  progressPercent: number;
}

export function totalsOf(target: number, contributions: ReadonlyArray<{ kind: ContributionKind; amount: number }>, spendings: ReadonlyArray<{ amount: number }>): Totals {
  let money = 0;
  let inKindValue = 0;
  for (const c of contributions) {
    if (c.kind === 'money') money += c.amount;
    else inKindValue += c.amount;
  }
  const spent = spendings.reduce((s, x) => s + x.amount, 0);
  return { money, inKindValue, contributions: contributions.length, spent, balance: money - spent, progressPercent: target > 0 ? Math.floor((money * 100) / target) : 0 };
}

/**
 * A spending entry against what was received: money received only (in-kind gifts are used as they are,
 * not spent as cash). Beyond it, a note is required and the entry is flagged.
 */
export function validateSpending(input: SpendingInput, today: string, received: number, spentSoFar: number): SpendingInput & { overspent: boolean } {
  if (!isIsoDate(input.date)) throw validationError('invalid_date', 'Ngày chi không hợp lệ.');
  if (input.date > today) throw validationError('invalid_date', 'Ngày chi không được sau ngày hôm nay.');
  const amount = checkAmount(input.amount, 'Số tiền chi');
  const purpose = required(input.purpose, 'nội dung chi', 300);
  const note = optional(input.overspendNote, 1000);
  const overspent = spentSoFar + amount > received;
  if (overspent && !note) {
    throw validationError(
      'overspend_note_required',
      `Tổng chi (${formatVnd(spentSoFar + amount)} đồng) vượt số tiền đã nhận (${formatVnd(received)} đồng): cần ghi chú nguồn bù phần chênh lệch (ví dụ: ngân sách xã, tạm ứng) để công khai cùng khoản chi.`,
    );
  }
  return { date: input.date, amount, purpose, overspendNote: overspent ? note : null, overspent };
}

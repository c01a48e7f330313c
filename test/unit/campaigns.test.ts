import { describe, expect, it } from 'vitest';
import {
  formatVnd,
  numberToVietnameseWords,
  parseReceiptCode,
  purposeKey,
  refuseQuota,
  totalsOf,
  validateCampaign,
  validateContribution,
  validateSpending,
  vndInWords,
} from '../../src/domain/campaigns/index.js';
import { DomainError } from '../../src/domain/errors.js';

const codeOf = (work: () => unknown): string => {
  try {
    work();
  } catch (err) {
    if (err instanceof DomainError) return err.code;
    throw err;
  }
  return 'no error';
};

describe('amounts in Vietnamese words', () => {
  it.each([
    [0, 'không'],
    [5, 'năm'],
    [10, 'mười'],
    [15, 'mười lăm'],
    [21, 'hai mươi mốt'],
    [24, 'hai mươi tư'],
    [25, 'hai mươi lăm'],
    [105, 'một trăm linh năm'],
    [110, 'một trăm mười'],
    [111, 'một trăm mười một'],
    [1_000, 'một nghìn'],
    [1_005, 'một nghìn không trăm linh năm'],
    [10_500, 'mười nghìn năm trăm'],
    [500_000, 'năm trăm nghìn'],
    [1_000_000, 'một triệu'],
    [1_005_000, 'một triệu không trăm linh năm nghìn'],
    [1_000_005, 'một triệu không trăm linh năm'],
    [2_350_000, 'hai triệu ba trăm năm mươi nghìn'],
    [1_000_000_000, 'một tỷ'],
    [3_200_000_000, 'ba tỷ hai trăm triệu'],
    [1_000_000_000_000, 'một nghìn tỷ'],
  ])('%i → %s', (n, words) => {
    expect(numberToVietnameseWords(n)).toBe(words);
  });

  it('writes the amount of a receipt with a capital and the unit', () => {
    expect(vndInWords(500_000)).toBe('Năm trăm nghìn đồng');
    expect(vndInWords(1_250_000)).toBe('Một triệu hai trăm năm mươi nghìn đồng');
    expect(formatVnd(1_250_000)).toBe('1.250.000');
    expect(formatVnd(999)).toBe('999');
  });

  it('refuses what is not a whole non-negative amount', () => {
    expect(() => numberToVietnameseWords(-1)).toThrow(RangeError);
    expect(() => numberToVietnameseWords(1.5)).toThrow(RangeError);
  });
});

describe('the voluntary principle', () => {
  const campaign = { unitId: 6, purpose: 'Bê tông hóa đường thôn Phú Lương', targetAmount: 300_000_000, startDate: '2026-11-01', endDate: '2027-01-31' };

  it('accepts a campaign without any minimum', () => {
    expect(validateCampaign({ ...campaign }).purpose).toBe('Bê tông hóa đường thôn Phú Lương');
  });

  it('refuses a minimum or per-household field, and a quota written into the text', () => {
    expect(codeOf(() => validateCampaign({ ...campaign, minimumAmount: 200_000 }))).toBe('campaign_quota');
    expect(codeOf(() => validateCampaign({ ...campaign, perHousehold: 100_000 }))).toBe('campaign_quota');
    expect(codeOf(() => validateCampaign({ ...campaign, description: 'Mức đóng tối thiểu 200.000 đồng/hộ' }))).toBe('campaign_quota');
    expect(codeOf(() => refuseQuota({ purpose: 'Làm đường, mỗi hộ phải đóng 500.000 đồng' }))).toBe('campaign_quota');
    expect(codeOf(() => refuseQuota({ purpose: 'Làm đường', description: 'Đóng góp tùy khả năng mỗi gia đình' }))).toBe('no error');
  });

  it('folds purposes so the same purpose typed differently is the same', () => {
    expect(purposeKey('Bê tông hóa đường thôn Phú Lương')).toBe(purposeKey('  BE TONG HOA duong thon phu luong. '));
    expect(purposeKey('Bê tông hóa đường thôn Phú Lương')).not.toBe(purposeKey('Bê tông hóa đường thôn Phú Hiệp'));
  });

  it('takes amounts as positive whole đồng and a period in order', () => {
    for (const bad of [0, -5, 1.5, Number.NaN, 1e16]) expect(codeOf(() => validateCampaign({ ...campaign, targetAmount: bad }))).toBe('invalid_amount');
    expect(codeOf(() => validateCampaign({ ...campaign, endDate: '2026-10-01' }))).toBe('invalid_period');
    expect(codeOf(() => validateCampaign({ ...campaign, startDate: '2026-02-30' }))).toBe('invalid_date');
  });
});

describe('contributions and spending', () => {
  const today = '2026-11-30';
  const gift = { contributorName: 'Nguyễn Văn An', village: 'Thôn Phú Lương', kind: 'money' as const, amount: 500_000, date: '2026-11-20', receiptNo: '001' };

  it('needs a description for a gift in kind and refuses a date in the future', () => {
    expect(codeOf(() => validateContribution({ ...gift, kind: 'in_kind' }, today))).toBe('required');
    expect(validateContribution({ ...gift, kind: 'in_kind', inKindDescription: '20 bao xi măng' }, today).inKindDescription).toBe('20 bao xi măng');
    expect(codeOf(() => validateContribution({ ...gift, date: '2026-12-01' }, today))).toBe('invalid_date');
    expect(codeOf(() => validateContribution({ ...gift, amount: 0 }, today))).toBe('invalid_amount');
  });

  it('adds money and in-kind values apart, and measures progress on money', () => {
    const totals = totalsOf(1_000_000, [{ kind: 'money', amount: 500_000 }, { kind: 'money', amount: 250_000 }, { kind: 'in_kind', amount: 900_000 }], [{ amount: 300_000 }]);
    expect(totals).toEqual({ money: 750_000, inKindValue: 900_000, contributions: 3, spent: 300_000, balance: 450_000, progressPercent: 75 });
  });

  it('lets spending pass what was received only with a note, and flags it', () => {
    const within = validateSpending({ date: '2026-11-25', amount: 400_000, purpose: 'Mua xi măng' }, today, 750_000, 300_000);
    expect(within.overspent).toBe(false);
    expect(codeOf(() => validateSpending({ date: '2026-11-25', amount: 500_000, purpose: 'Thuê máy trộn' }, today, 750_000, 300_000))).toBe('overspend_note_required');
    const over = validateSpending({ date: '2026-11-25', amount: 500_000, purpose: 'Thuê máy trộn', overspendNote: 'Ngân sách phường bù 50.000 đồng' }, today, 750_000, 300_000);
    expect(over).toMatchObject({ overspent: true, overspendNote: 'Ngân sách phường bù 50.000 đồng' });
  });
});

describe('receipt codes as typed', () => {
  it('reads a code however it is typed, and refuses what cannot be one', () => {
    expect(parseReceiptCode('dg 7k3m q9xt 2b')).toBe('DG-7K3M-Q9XT-2B');
    expect(parseReceiptCode('DG-7K3M-Q9XT-2B')).toBe('DG-7K3M-Q9XT-2B');
    expect(parseReceiptCode('DG-7K3M-Q9XT-2')).toBeNull();
    expect(parseReceiptCode('PA-7K3M-Q9XT-2B')).toBeNull();
    expect(parseReceiptCode('DG-0K3M-Q9XT-2B')).toBeNull();
    expect(parseReceiptCode('000.00.14.H43-211015-0001')).toBeNull();
  });
});

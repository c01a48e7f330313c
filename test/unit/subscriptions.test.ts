import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import {
  TOKEN_SLOTS,
  changesAfter,
  digestKey,
  fillSlots,
  letterKey,
  slotsIn,
  subscriptionOfKey,
  disclosurePublicSince,
  maskEmail,
  plausibleToken,
  subscriberEmail,
  vnMidnight,
  type DisclosureChange,
  type FollowChange,
  type ProgressChange,
} from '../../src/domain/subscriptions/index.js';
import { followFeed, xmlEscape } from '../../src/domain/subscriptions/atom.js';
import { alreadyFollowingLetter, confirmationLetter, digestLetter, type FollowTarget } from '../../src/domain/subscriptions/letters.js';

const plan: FollowTarget = { kind: 'plan', id: 1, name: 'Kế hoạch góp phần cải thiện, nâng cao Chỉ số PAPI năm 2021', path: '/ke-hoach/1' };
const commune: FollowTarget = { kind: 'unit', id: 7, name: 'UBND xã Hòa Xuân Đông', path: '/don-vi/DH.HXD' };
const links = { base: 'https://dondoc.example.vn', unsubscribeToken: 'U'.repeat(43) };

function progress(at: string, overrides: Partial<ProgressChange> = {}): ProgressChange {
  return {
    kind: 'progress',
    at,
    reportId: 3,
    planId: 1,
    planTitle: 'Kế hoạch PAPI 2021',
    unitCode: 'DH.HXD',
    unitName: 'UBND xã Hòa Xuân Đông',
    roundLabel: 'Quý III/2025',
    lines: [
      { entryId: 10, taskId: 50, taskNo: 'II/50', status: 'done', progress: 100, results: 'Niêm yết danh sách hộ nghèo 07 ngày.' },
      { entryId: 11, taskId: 51, taskNo: 'II/51', status: 'in_progress', progress: 40, results: '' },
    ],
    ...overrides,
  };
}

const disclosure = (at: string): DisclosureChange => ({
  kind: 'disclosure',
  at,
  id: 12,
  title: 'Danh sách hộ nghèo năm 2025 <b>',
  categoryLabel: 'Danh sách hộ nghèo, hộ cận nghèo',
  unitName: 'UBND xã Hòa Xuân Đông',
  publishDate: '2025-10-02',
  postingEnd: '2025-10-31',
  summary: 'Niêm yết 30 ngày',
});

describe('subscriber addresses', () => {
  it('keeps an address NFC, trimmed and in lower case', () => {
    expect(subscriberEmail('  Cong.Dan@Example.VN ')).toBe('cong.dan@example.vn');
    expect(subscriberEmail('a+tin-tuc@mail.donghoa.gov.vn')).toBe('a+tin-tuc@mail.donghoa.gov.vn');
  });

  it.each([
    ['', 'email_required'],
    ['   ', 'email_required'],
    [null, 'email_required'],
    ['khong-co-a-cong', 'invalid_email'],
    ['<script>alert(1)</script>@x.vn', 'invalid_email'],
    ["x' OR '1'='1'; --@x.vn", 'invalid_email'],
    ['người.dân@example.vn', 'invalid_email'],
    ['a@b', 'invalid_email'],
    ['a@@b.vn', 'invalid_email'],
    [`${'a'.repeat(65)}@b.vn`, 'invalid_email'],
    [`a@${'b'.repeat(250)}.vn`, 'invalid_email'],
  ])('refuses %j with a Vietnamese message (%s)', (input, code) => {
    let caught: unknown;
    try {
      subscriberEmail(input);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect(caught).toMatchObject({ kind: 'validation', code });
    expect((caught as Error).message).toMatch(/thư điện tử/);
  });

  it('masks an address for the audit log', () => {
    expect(maskEmail('cong.dan@example.vn')).toBe('c***@example.vn');
    expect(maskEmail('x@y.vn')).toBe('x***@y.vn');
    expect(maskEmail('khong-hop-le')).toBe('***');
  });

  it('looks up only tokens of the shape it hands out', () => {
    expect(plausibleToken('A'.repeat(43))).toBe(true);
    expect(plausibleToken('abc_-DEF'.padEnd(43, '0'))).toBe(true);
    expect(plausibleToken('A'.repeat(42))).toBe(false);
    expect(plausibleToken(`${'A'.repeat(42)}'`)).toBe(false);
    expect(plausibleToken(undefined)).toBe(false);
    expect(plausibleToken(['A'.repeat(43)])).toBe(false);
  });
});

describe('changes worth a letter', () => {
  it('a disclosure becomes public at its approval, or at 00:00 in Vietnam of a later publish date', () => {
    expect(vnMidnight('2025-10-02')).toBe('2025-10-01T17:00:00.000Z');
    expect(disclosurePublicSince({ approvedAt: '2025-10-01T03:00:00.000Z', publishDate: '2025-10-01' })).toBe('2025-10-01T03:00:00.000Z');
    expect(disclosurePublicSince({ approvedAt: '2025-10-01T03:00:00.000Z', publishDate: '2025-10-05' })).toBe('2025-10-04T17:00:00.000Z');
    expect(disclosurePublicSince({ approvedAt: null, publishDate: '2025-10-05' })).toBe('2025-10-04T17:00:00.000Z');
  });

  it('takes what is after the watermark and settled by the cut-off, oldest first', () => {
    const changes: FollowChange[] = [progress('2025-10-01T05:00:00.000Z'), disclosure('2025-10-01T03:00:00.000Z'), progress('2025-10-01T02:00:00.000Z'), progress('2025-10-01T09:00:00.000Z')];
    const picked = changesAfter(changes, '2025-10-01T02:00:00.000Z', '2025-10-01T08:00:00.000Z');
    expect(picked.map((c) => c.at)).toEqual(['2025-10-01T03:00:00.000Z', '2025-10-01T05:00:00.000Z']);
    expect(changesAfter(changes, '2025-10-01T09:00:00.000Z', '2025-10-02T00:00:00.000Z')).toEqual([]);
  });

  it('keys a digest by subscription and watermark', () => {
    expect(digestKey(4, '2025-10-01T02:00:00.000Z')).toBe('follow:digest:4:2025-10-01T02:00:00.000Z');
    expect(digestKey(4, 'a')).not.toBe(digestKey(5, 'a'));
  });
});

describe('token slots and letter keys', () => {
  it('a queued letter holds slots, filled with the tokens made when it is sent', () => {
    const l = confirmationLetter(commune, { base: 'https://x.vn', unsubscribeToken: TOKEN_SLOTS.unsubscribe, confirmToken: TOKEN_SLOTS.confirm }, '2025-10-08T03:00:00.000Z');
    expect(slotsIn(l.text)).toEqual(['confirm', 'unsubscribe']);
    expect(slotsIn(JSON.stringify(l.headers))).toEqual(['unsubscribe']);
    const filled = fillSlots(l.text, { confirm: 'C'.repeat(43), unsubscribe: 'U'.repeat(43) });
    expect(filled).toContain(`https://x.vn/theo-doi/xac-nhan?ma=${'C'.repeat(43)}`);
    expect(filled).toContain(`https://x.vn/theo-doi/huy?ma=${'U'.repeat(43)}`);
    expect(slotsIn(filled)).toEqual([]);
    // A slot without a token stays as it is (never an empty link).
    expect(fillSlots(l.text, { unsubscribe: 'u' })).toContain(TOKEN_SLOTS.confirm);
  });

  it('a letter key names its subscription; other keys name none', () => {
    expect(subscriptionOfKey(letterKey('confirm', 42, '2025-10-01T02:00:00.000Z'))).toBe(42);
    expect(subscriptionOfKey(digestKey(7, '2025-10-01T02:00:00.000Z'))).toBe(7);
    expect(subscriptionOfKey('report:1:before:3:to:a@b.vn')).toBeNull();
    expect(subscriptionOfKey('follow:digest:0:x')).toBeNull();
  });
});

describe('letters', () => {
  it('the confirmation letter carries the link, its expiry in dd/mm/yyyy and the unsubscribe link and header', () => {
    const l = confirmationLetter(commune, { ...links, confirmToken: 'C'.repeat(43) }, '2025-10-08T03:00:00.000Z');
    expect(l.subject).toBe('Xác nhận đăng ký theo dõi: UBND xã Hòa Xuân Đông');
    expect(l.text).toContain(`https://dondoc.example.vn/theo-doi/xac-nhan?ma=${'C'.repeat(43)}`);
    expect(l.text).toContain('có hiệu lực đến hết ngày 08/10/2025');
    expect(l.text).toContain(`Ngừng nhận thư: https://dondoc.example.vn/theo-doi/huy?ma=${'U'.repeat(43)}`);
    expect(l.headers).toEqual({ 'List-Unsubscribe': `<https://dondoc.example.vn/theo-doi/huy?ma=${'U'.repeat(43)}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
    expect(() => confirmationLetter(commune, links, '2025-10-08T03:00:00.000Z')).toThrow();
  });

  it('a plan digest names the unit and round, lists the accepted lines and links the unit filter', () => {
    const l = digestLetter(plan, [progress('2025-10-01T18:30:00.000Z')], links);
    expect(l.subject).toBe(`Cập nhật mới: ${plan.name} (1 báo cáo được duyệt)`);
    // 18:30 UTC on 01/10 is 02/10 in Vietnam.
    expect(l.text).toContain('- 02/10/2025: báo cáo Quý III/2025 của UBND xã Hòa Xuân Đông đã được duyệt.');
    expect(l.text).toContain('Nhiệm vụ II/50 — Hoàn thành: Niêm yết danh sách hộ nghèo 07 ngày.');
    expect(l.text).toContain('Nhiệm vụ II/51 — Đang thực hiện 40%');
    expect(l.text).toContain('https://dondoc.example.vn/ke-hoach/1?donVi=DH.HXD');
    expect(l.text).toContain('/theo-doi/huy?ma=');
    expect(l.headers['List-Unsubscribe']).toMatch(/^<https:\/\/dondoc\.example\.vn\/theo-doi\/huy\?ma=U+>$/);
  });

  it('a commune digest counts reports and disclosures and cuts long reports short', () => {
    const lines = Array.from({ length: 12 }, (_, i) => ({ entryId: i, taskId: i, taskNo: `I/${i + 1}`, status: 'done' as const, progress: null, results: 'x'.repeat(400) }));
    const l = digestLetter(commune, [disclosure('2025-10-02T01:00:00.000Z'), progress('2025-10-01T03:00:00.000Z', { lines })], links);
    expect(l.subject).toBe('Cập nhật mới: UBND xã Hòa Xuân Đông (1 báo cáo được duyệt, 1 nội dung công khai mới)');
    expect(l.text).toContain('báo cáo Quý III/2025 (Kế hoạch PAPI 2021) đã được duyệt');
    expect(l.text).toContain('… và 4 nhiệm vụ khác.');
    expect(l.text).not.toContain('x'.repeat(301));
    expect(l.text).toContain('công khai mới — Danh sách hộ nghèo năm 2025 <b> (Danh sách hộ nghèo, hộ cận nghèo, UBND xã Hòa Xuân Đông), niêm yết từ 02/10/2025 đến 31/10/2025.');
    expect(l.text).toContain('https://dondoc.example.vn/cong-khai/12');
  });

  it('the already-following note says so and still lets the reader stop', () => {
    const l = alreadyFollowingLetter(plan, links);
    expect(l.subject).toBe(`Quý ông/bà đã theo dõi: ${plan.name}`);
    expect(l.text).toContain('đã đăng ký và xác nhận từ trước');
    expect(l.text).toContain('/theo-doi/huy?ma=');
  });
});

describe('Atom feed', () => {
  it('one entry per accepted task line and per disclosure, newest first, escaped', () => {
    const xml = followFeed(commune, [progress('2025-10-01T03:00:00.000Z'), disclosure('2025-10-02T01:00:00.000Z')], 'https://dondoc.example.vn', '/don-vi/DH.HXD/atom.xml');
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">')).toBe(true);
    expect(xml.match(/<entry>/g)).toHaveLength(3);
    expect(xml.indexOf('Công khai: Danh sách hộ nghèo năm 2025 &lt;b&gt;')).toBeLessThan(xml.indexOf('Nhiệm vụ II/50'));
    expect(xml).toContain('<title>Nhiệm vụ II/50 — UBND xã Hòa Xuân Đông: Hoàn thành</title>');
    expect(xml).toContain('<summary>Báo cáo Quý III/2025, được duyệt ngày 01/10/2025. Niêm yết danh sách hộ nghèo 07 ngày.</summary>');
    expect(xml).toContain('<link rel="self" href="https://dondoc.example.vn/don-vi/DH.HXD/atom.xml"/>');
    expect(xml).toContain('<updated>2025-10-02T01:00:00.000Z</updated>');
    expect(xml).not.toContain('<b>');
  });

  it('the same changes give the same bytes; an empty feed does not depend on the clock', () => {
    const a = followFeed(plan, [], 'https://x.vn', '/ke-hoach/1/atom.xml');
    expect(a).toBe(followFeed(plan, [], 'https://x.vn', '/ke-hoach/1/atom.xml'));
    expect(a).toContain('<updated>2021-01-01T00:00:00.000Z</updated>');
  });

  it('drops characters XML cannot carry', () => {
    expect(xmlEscape('a\u0000b\u0008c & <d>')).toBe('abc &amp; &lt;d&gt;');
  });
});

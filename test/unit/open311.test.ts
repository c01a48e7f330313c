import { describe, expect, it } from 'vitest';
import { open311Services, parsePlace, splitIds, splitPlace, toOpen311Request, withPlace, type Open311Source } from '../../src/domain/feedback/open311.js';

const source: Open311Source = {
  code: 'PA-7K3M-Q9XT',
  topic: 'moi_truong',
  status: 'in_progress',
  statusLabel: 'Đang xử lý',
  question: 'Cống tắc. [Open311] Địa điểm: Thôn Phú Hòa | Tọa độ: 13.05,109.33 | Ảnh: https://example.vn/a.jpg',
  answer: null,
  rejectReason: null,
  unitName: 'UBND phường Hòa Vinh',
  receivedAt: '2026-08-31T02:00:00.000Z',
  updatedAt: '2026-09-01T02:00:00.000Z',
  dueDate: '2026-09-16',
};

describe('Open311 mapping', () => {
  it('lists every topic as a realtime service without metadata, with its answer days', () => {
    const services = open311Services(() => 7);
    expect(services.map((s) => s.service_code)).toEqual(['thu_tuc', 'dat_dai', 'moi_truong', 'dich_vu_cong', 'thai_do', 'khac']);
    expect(services[0]).toMatchObject({ metadata: false, type: 'realtime', service_name: 'Thủ tục hành chính' });
    expect(services[0]!.description).toContain('7 ngày làm việc');
  });

  it('keeps the place in the text and reads it back; text without a mark is left alone', () => {
    const place = parsePlace({ lat: '13.05', long: '109.33', address_string: 'Thôn | Phú ]Hòa', media_url: 'javascript:alert(1)' });
    expect(place).toEqual({ address: 'Thôn Phú Hòa', lat: 13.05, long: 109.33, mediaUrl: null });
    const stored = withPlace('Cống tắc.', place as Exclude<typeof place, string>);
    expect(splitPlace(stored)).toEqual({ text: 'Cống tắc.', place });
    expect(splitPlace('Không có vị trí')).toEqual({ text: 'Không có vị trí', place: { address: null, lat: null, long: null, mediaUrl: null } });
    expect(withPlace('x', { address: null, lat: null, long: null, mediaUrl: null })).toBe('x');
  });

  it('refuses coordinates out of range or given alone', () => {
    expect(typeof parsePlace({ lat: '91', long: '0' })).toBe('string');
    expect(typeof parsePlace({ lat: '10', long: '181' })).toBe('string');
    expect(typeof parsePlace({ lat: '10' })).toBe('string');
    expect(typeof parsePlace({ lat: '1e3', long: '0' })).toBe('string');
  });

  it('maps an open case with its due and a closed one with its answer as notes', () => {
    const open = toOpen311Request(source);
    expect(open).toMatchObject({ status: 'open', description: 'Cống tắc.', address: 'Thôn Phú Hòa', lat: 13.05, long: 109.33, media_url: 'https://example.vn/a.jpg', expected_datetime: '2026-09-16T17:00:00+07:00', status_notes: 'Đang xử lý' });
    const closed = toOpen311Request({ ...source, status: 'closed', statusLabel: 'Đã kết thúc', answer: 'Đã nạo vét.' });
    expect(closed).toMatchObject({ status: 'closed', status_notes: 'Đã kết thúc: Đã nạo vét.', expected_datetime: null });
    const rejected = toOpen311Request({ ...source, status: 'rejected', statusLabel: 'Không thụ lý', rejectReason: 'Trùng nội dung.' });
    expect(rejected).toMatchObject({ status: 'closed', status_notes: 'Không thụ lý: Trùng nội dung.' });
  });

  it('splits a comma list of ids, refusing empty items and more than 100', () => {
    expect(splitIds('a, b')).toEqual(['a', 'b']);
    expect(splitIds('a,,b')).toBeNull();
    expect(splitIds(Array(101).fill('a').join(','))).toBeNull();
  });
});

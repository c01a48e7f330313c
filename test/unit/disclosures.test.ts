import { describe, expect, it } from 'vitest';
import {
  CATEGORIES,
  DISCLOSURE_CATEGORIES,
  checkTable,
  filterColumns,
  isPublic,
  normalizeClassification,
  objectionOpen,
  parseCsv,
  parseVietnameseNumber,
  personalHeaderKind,
  personalValueKind,
  postingPeriodProblem,
  postingState,
  publicTable,
  registerLine,
  requiredPostingEnd,
  takenDownTooEarly,
  toCsv,
  nextStatus,
  type PostingFacts,
} from '../../src/domain/disclosures/index.js';
import { foldDiacritics } from '../../src/domain/text/normalize.js';

/** A small deterministic generator, so the property-like cases are the same on every run. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const pick = <T,>(r: () => number, xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
const digits = (r: () => number, n: number) => Array.from({ length: n }, () => String(Math.floor(r() * 10))).join('');

const POOR = CATEGORIES.poor_households;

const FORBIDDEN_HEADERS = [
  'Số CCCD',
  'CCCD',
  'Số CMND',
  'CMND/CCCD',
  'Số định danh cá nhân',
  'Số định danh',
  'Căn cước công dân',
  'Điện thoại',
  'Số điện thoại',
  'SĐT',
  'SĐT liên hệ',
  'Ngày sinh',
  'Ngày, tháng, năm sinh',
  'Năm sinh',
  'Dân tộc',
  'Tôn giáo',
  'Hộ chiếu',
  'Di động',
];

const variants = (h: string): string[] => [h, h.toUpperCase(), h.toLowerCase(), foldDiacritics(h), foldDiacritics(h).toUpperCase(), ` ${h}  `, `${h} (*)`, `${h}:`, h.normalize('NFD')];

describe('personal-data headers', () => {
  it.each(FORBIDDEN_HEADERS.flatMap(variants))('drops «%s» from a poor-household list, as personal data', (header) => {
    expect(personalHeaderKind(header)).not.toBeNull();
    const f = filterColumns(POOR, ['Họ và tên chủ hộ', header, 'Thôn', 'Phân loại']);
    expect(f.kept.map((c) => c.key)).toEqual(['household_head', 'village', 'classification']);
    expect(f.dropped).toHaveLength(1);
    expect(f.dropped[0]).toMatchObject({ index: 1, reason: 'personal_data' });
    expect(f.dropped[0]!.message).toMatch(/dữ liệu cá nhân/);
  });

  it.each(DISCLOSURE_CATEGORIES)('drops ID, phone, birth date and ethnicity columns in every category (%s)', (category) => {
    const spec = CATEGORIES[category];
    for (const h of ['Số CCCD', 'SĐT', 'Ngày sinh', 'Dân tộc', 'so dien thoai', 'So dinh danh']) {
      const f = filterColumns(spec, [spec.columns[1]!.label, h]);
      expect(f.kept.map((c) => c.header)).toEqual([spec.columns[1]!.label]);
      expect(f.dropped[0]?.reason).toBe('personal_data');
    }
  });

  it('keeps the allowed columns of a poor-household list written with or without diacritics, in any case', () => {
    const r = rng(7);
    const names = ['Họ và tên chủ hộ', 'Họ tên chủ hộ', 'Chủ hộ', 'Tên chủ hộ'];
    const villages = ['Thôn', 'Khu phố', 'Thôn/khu phố', 'Tổ dân phố', 'Thôn, khu phố'];
    const classes = ['Phân loại', 'Loại hộ', 'Hộ nghèo/hộ cận nghèo', 'Xếp loại'];
    for (let i = 0; i < 200; i++) {
      const style = (s: string) => pick(r, [s, foldDiacritics(s), s.toUpperCase(), foldDiacritics(s).toLowerCase()]);
      const headers = [style(pick(r, names)), style(pick(r, villages)), style(pick(r, classes))];
      const f = filterColumns(POOR, headers);
      expect(f.kept.map((c) => c.key), headers.join('|')).toEqual(['household_head', 'village', 'classification']);
      expect(f.missing).toEqual([]);
    }
  });

  it('drops any other column of a poor-household list (strict), but keeps extra columns of a budget table', () => {
    const poor = filterColumns(POOR, ['Chủ hộ', 'Thôn', 'Phân loại', 'Số nhân khẩu', 'Địa chỉ', 'Ghi chú lạ']);
    expect(poor.kept).toHaveLength(3);
    expect(poor.dropped.map((d) => d.reason)).toEqual(['personal_data', 'personal_data', 'not_allowed']);
    const budget = filterColumns(CATEGORIES.budget, ['Nội dung', 'Dự toán năm', 'Chương', 'Số CCCD']);
    expect(budget.kept.map((c) => c.label)).toEqual(['Nội dung', 'Dự toán năm (đồng)', 'Chương']);
    expect(budget.dropped.map((d) => d.header)).toEqual(['Số CCCD']);
  });

  it('reports missing required columns and duplicate columns', () => {
    const f = filterColumns(POOR, ['Chủ hộ', 'Họ và tên chủ hộ', 'Phân loại']);
    expect(f.missing).toEqual(['Thôn, khu phố']);
    expect(f.dropped[0]).toMatchObject({ reason: 'duplicate', index: 1 });
  });

  it('does not take ordinary headers for personal data', () => {
    for (const h of ['Nội dung', 'Dự toán năm', 'Lũy kế', 'Vị trí, tuyến đường', 'DT (m²)', 'Diện tích', 'Giá đất', 'Tên thủ tục', 'Lĩnh vực', 'Phí, lệ phí', 'Vị trí tuyển dụng', 'Sức khỏe', 'Email nhận hồ sơ']) {
      expect(personalHeaderKind(h, false), h).toBeNull();
    }
    expect(personalHeaderKind('Sức khỏe', true)).toBe('health');
    expect(personalHeaderKind('Thu nhập bình quân', true)).toBe('income');
  });

  it('matches run-together headers', () => {
    expect(personalHeaderKind('SoCCCD')).toBe('id_number');
    expect(personalHeaderKind('sodienthoai')).toBe('phone');
    expect(personalHeaderKind('NGAYSINH')).toBe('birth_date');
  });
});

describe('personal-data values', () => {
  it('refuses ID-like numbers (9 or 12 digits) written in any grouping', () => {
    const r = rng(42);
    for (let i = 0; i < 300; i++) {
      const n = pick(r, [9, 12]);
      const d = (n === 12 ? '0' : '2') + digits(r, n - 1);
      const groups = n === 12 ? [d.slice(0, 3), d.slice(3, 6), d.slice(6, 9), d.slice(9)] : [d.slice(0, 3), d.slice(3, 6), d.slice(6)];
      const written = pick(r, [d, groups.join(' '), groups.join('-'), n === 12 ? groups.join('.') : d]);
      const cell = pick(r, [written, `CCCD ${written}`, `${written} cấp ngày`, `Nguyễn Văn A (${written})`]);
      expect(personalValueKind(cell, 'text', false), cell).toBe('id_number');
      expect(personalValueKind(cell, 'text', true), cell).not.toBeNull();
    }
  });

  it('refuses phone numbers in the Vietnamese ways of writing them', () => {
    const r = rng(3);
    for (let i = 0; i < 300; i++) {
      const mobile = pick(r, ['3', '5', '7', '8', '9']) + digits(r, 8);
      const written = pick(r, [
        `0${mobile}`,
        `0${mobile.slice(0, 3)} ${mobile.slice(3, 6)} ${mobile.slice(6)}`,
        `0${mobile.slice(0, 3)}.${mobile.slice(3, 6)}.${mobile.slice(6)}`,
        `+84 ${mobile}`,
        `+84${mobile}`,
        `84${mobile}`,
        `0${mobile.slice(0, 2)}-${mobile.slice(2, 5)}-${mobile.slice(5)}`,
      ]);
      const cell = pick(r, [written, `ĐT: ${written}`, `gọi ${written} nhé`]);
      expect(personalValueKind(cell, 'text', false), cell).toBe('phone');
    }
    expect(personalValueKind('0257 3861 234', 'text')).toBe('phone');
  });

  it('refuses dates and e-mail addresses in lists of people only', () => {
    expect(personalValueKind('Nguyễn Văn A, sinh 12/03/1965', 'text', true)).toBe('birth_date');
    expect(personalValueKind('a@b.vn', 'text', true)).toBe('email');
    expect(personalValueKind('Hạn nộp 15/12/2025', 'text', false)).toBeNull();
  });

  it('accepts amounts, years, short numbers and ordinary words', () => {
    for (const v of ['1.234.567.890', '123.456.789', '12.500.000', '2025', 'Quý III/2025', 'Thôn Phú Lâm', 'Nguyễn Thị Hoa', '15 ngày làm việc', 'Km 12+300', '45,5']) {
      expect(personalValueKind(v, 'text', false), v).toBeNull();
    }
    for (const v of ['1234567890', '123456789', '12.500.000', '99,5', '84123456789']) expect(personalValueKind(v, 'money', false), v).toBeNull();
    expect(personalValueKind('0905123456', 'money', false)).toBe('phone');
    expect(personalValueKind('012345678901', 'number', false)).toBe('id_number');
  });
});

describe('checking an imported table', () => {
  const grid = (headers: string[], ...rows: string[][]) => ({ headers, rows: rows.map((cells, i) => ({ line: i + 2, cells })) });

  it('keeps the allowed columns, drops the ID column and reports it', () => {
    const checked = checkTable(
      POOR,
      grid(['STT', 'Họ và tên chủ hộ', 'Số CCCD', 'Thôn', 'Phân loại', 'SĐT'], ['1', 'Nguyễn Văn An', '054203001234', 'Phú Lâm', 'hộ nghèo', '0905123456'], ['2', 'Trần Thị Bé', '', 'Phú Lâm', 'Cận nghèo', '']),
    );
    expect(checked.problems).toEqual([]);
    expect(checked.table.columns.map((c) => c.label)).toEqual(['STT', 'Họ và tên chủ hộ', 'Thôn, khu phố', 'Phân loại']);
    expect(checked.table.rows).toEqual([
      ['1', 'Nguyễn Văn An', 'Phú Lâm', 'Hộ nghèo'],
      ['2', 'Trần Thị Bé', 'Phú Lâm', 'Hộ cận nghèo'],
    ]);
    expect(checked.dropped.map((d) => d.header)).toEqual(['Số CCCD', 'SĐT']);
    expect(JSON.stringify(checked.table)).not.toMatch(/054203001234|0905123456/);
  });

  it('refuses an ID number hidden in an allowed column, naming the line and column', () => {
    const checked = checkTable(POOR, grid(['Chủ hộ', 'Thôn', 'Phân loại'], ['Lê Văn C', 'Phú Lâm', 'Hộ nghèo'], ['Lê Văn D 054203009999', 'Phú Lâm', 'Hộ nghèo']));
    expect(checked.problems).toHaveLength(1);
    expect(checked.problems[0]).toMatchObject({ line: 3, code: 'personal_data', personalKind: 'id_number' });
    expect(checked.problems[0]!.message).toMatch(/^Dòng 3, cột A «Họ và tên chủ hộ»/);
    expect(JSON.stringify(checked.table)).not.toContain('054203009999');
  });

  it('refuses an unknown classification and a number that is not a number', () => {
    const poor = checkTable(POOR, grid(['Chủ hộ', 'Thôn', 'Phân loại'], ['A', 'B', 'giàu']));
    expect(poor.problems[0]).toMatchObject({ code: 'invalid_classification', line: 2 });
    const budget = checkTable(CATEGORIES.budget, grid(['Nội dung', 'Dự toán năm'], ['Thu thuế', 'nhiều']));
    expect(budget.problems[0]).toMatchObject({ code: 'not_a_number' });
    expect(budget.problems[0]!.message).toContain('không phải là số');
  });

  it('converts budget amounts written the Vietnamese way', () => {
    const budget = checkTable(CATEGORIES.budget, grid(['Nội dung', 'Dự toán năm', 'Thực hiện quý', 'Tỷ lệ'], ['Thu ngân sách xã', '12.500.000.000', '3 125 000 000', '25,0%']));
    expect(budget.problems).toEqual([]);
    expect(budget.table.rows[0]).toEqual(['Thu ngân sách xã', 12_500_000_000, 3_125_000_000, 25]);
  });

  it('skips empty rows and empty unnamed columns', () => {
    const checked = checkTable(POOR, grid(['Chủ hộ', '', 'Thôn', 'Phân loại'], ['A', '', 'B', 'Hộ nghèo'], ['', '', '', '']));
    expect(checked.table.rows).toHaveLength(1);
    expect(checked.dropped[0]).toMatchObject({ reason: 'empty' });
  });
});

describe('numbers, classifications, CSV', () => {
  it.each([
    ['1.234.567', 1234567],
    ['1,234,567', 1234567],
    ['1 234 567', 1234567],
    ['12,5', 12.5],
    ['12.5', 12.5],
    ['1.234,5', 1234.5],
    ['(1.000)', -1000],
    ['-250', -250],
    ['80%', 80],
    ['3.000.000 đồng', 3000000],
    ['abc', null],
    ['1.2.3', null],
    ['', null],
  ])('parses %s → %s', (text, n) => expect(parseVietnameseNumber(text)).toBe(n));

  it('normalises classifications', () => {
    expect(normalizeClassification('HO NGHEO')).toBe('Hộ nghèo');
    expect(normalizeClassification('hộ cận nghèo')).toBe('Hộ cận nghèo');
    expect(normalizeClassification('khá')).toBeNull();
  });

  it('parses CSV with quotes, semicolons, BOM and CRLF, numbering lines as in the file', () => {
    const g = parseCsv('\uFEFFHọ và tên chủ hộ;Thôn;Phân loại\r\n"Nguyễn Văn ""Ba""";Phú Lâm;Hộ nghèo\r\n\r\n"Trần; Thị";"Phú\nLâm";Hộ cận nghèo\r\n');
    expect(g.headers).toEqual(['Họ và tên chủ hộ', 'Thôn', 'Phân loại']);
    expect(g.rows).toEqual([
      { line: 2, cells: ['Nguyễn Văn "Ba"', 'Phú Lâm', 'Hộ nghèo'] },
      { line: 4, cells: ['Trần; Thị', 'Phú\nLâm', 'Hộ cận nghèo'] },
    ]);
  });

  it('writes CSV that reads back, neutralising formulas', () => {
    const csv = toCsv({ columns: [{ key: 'a', label: 'Nội dung', type: 'text' }, { key: 'b', label: 'Số', type: 'money' }], rows: [['=cmd|x', 1000], ['a, "b"', null]] });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const back = parseCsv(csv);
    expect(back.headers).toEqual(['Nội dung', 'Số']);
    expect(back.rows.map((r) => r.cells)).toEqual([["'=cmd|x", '1000'], ['a, "b"', '']]);
  });
});

describe('publicTable: the second lock at render and export', () => {
  it('drops personal columns and blanks personal cells of a stored table', () => {
    const t = publicTable(POOR, {
      columns: [
        { key: 'household_head', label: 'Họ và tên chủ hộ', type: 'text' },
        { key: 'phone', label: 'Điện thoại', type: 'text' },
        { key: 'village', label: 'Thôn, khu phố', type: 'text' },
        { key: 'col_x', label: 'Ghi chú', type: 'text' },
      ],
      rows: [['Lê A 0905123456', '0905123456', 'Phú Lâm', 'x']],
    });
    expect(t.columns.map((c) => c.key)).toEqual(['household_head', 'village']);
    expect(t.rows).toEqual([[null, 'Phú Lâm']]);
  });
});

describe('posting: states, periods, register', () => {
  const facts = (over: Partial<PostingFacts>): PostingFacts => ({ category: 'budget', status: 'published', publishDate: '2026-01-01', postingEnd: '2026-03-31', takenDownOn: null, ...over });

  it('moves draft → pending → published → taken down, and back to draft on return', () => {
    expect(nextStatus('draft', 'submit')).toBe('pending');
    expect(nextStatus('pending', 'approve')).toBe('published');
    expect(nextStatus('pending', 'return')).toBe('draft');
    expect(nextStatus('published', 'take_down')).toBe('taken_down');
    expect(nextStatus('draft', 'approve')).toBeNull();
    expect(nextStatus('published', 'edit')).toBeNull();
    expect(nextStatus('taken_down', 'take_down')).toBeNull();
  });

  it('is public only while published and inside its posting period', () => {
    expect(isPublic(facts({}), '2026-02-01')).toBe(true);
    expect(isPublic(facts({}), '2026-01-01')).toBe(true);
    expect(isPublic(facts({}), '2026-03-31')).toBe(true);
    expect(isPublic(facts({}), '2026-04-01')).toBe(false);
    expect(isPublic(facts({}), '2025-12-31')).toBe(false);
    expect(isPublic(facts({ status: 'draft' }), '2026-02-01')).toBe(false);
    expect(isPublic(facts({ status: 'pending' }), '2026-02-01')).toBe(false);
    expect(isPublic(facts({ status: 'taken_down', takenDownOn: '2026-01-10' }), '2026-02-01')).toBe(false);
    expect(isPublic(facts({ category: 'procedures', postingEnd: null }), '2030-01-01')).toBe(true);
  });

  it('counts the minimum period from the publish date, inclusive', () => {
    expect(requiredPostingEnd('budget', '2026-01-01', null)).toBe('2026-03-31');
    expect(requiredPostingEnd('recruitment', '2026-01-01', '2026-12-31')).toBe('2026-01-30');
    expect(requiredPostingEnd('land', '2026-01-01', '2030-12-31')).toBe('2030-12-31');
    expect(postingPeriodProblem('budget', '2026-01-01', '2026-03-30')).toMatch(/tối thiểu 90 ngày/);
    expect(postingPeriodProblem('budget', '2026-01-01', '2026-03-31')).toBeNull();
    expect(postingPeriodProblem('land', '2026-01-01', '2025-12-01')).toMatch(/phải sau/);
  });

  it('calls a take-down before the minimum period ends too early', () => {
    expect(takenDownTooEarly(facts({ status: 'taken_down', takenDownOn: '2026-03-31' }))).toBe(true);
    expect(takenDownTooEarly(facts({ status: 'taken_down', takenDownOn: '2026-04-01' }))).toBe(false);
    expect(postingState(facts({ status: 'taken_down', takenDownOn: '2026-01-05' }), '2026-02-01')).toBe('taken_down_early');
    expect(postingState(facts({ status: 'taken_down', takenDownOn: '2026-05-05' }), '2026-06-01')).toBe('taken_down');
    expect(postingState(facts({ publishDate: '2026-05-01', postingEnd: '2026-08-01' }), '2026-02-01')).toBe('scheduled');
  });

  it('opens the objection window of a poor-household list for its days', () => {
    expect(objectionOpen('poor_households', '2026-01-01', '2026-01-03')).toBe(true);
    expect(objectionOpen('poor_households', '2026-01-01', '2026-01-04')).toBe(false);
    expect(objectionOpen('budget', '2026-01-01', '2026-01-02')).toBe(false);
  });

  it('says per category: posted, missing, too early, expired', () => {
    const line = registerLine(
      [
        facts({ category: 'budget' }),
        facts({ category: 'land', status: 'taken_down', publishDate: '2026-01-01', postingEnd: '2030-12-31', takenDownOn: '2026-01-15' }),
        facts({ category: 'recruitment', publishDate: '2025-10-01', postingEnd: '2025-10-30' }),
        facts({ category: 'poor_households', status: 'pending', publishDate: null, postingEnd: null }),
        facts({ category: 'anti_corruption', status: 'draft', publishDate: null, postingEnd: null }),
      ],
      '2026-02-01',
    );
    const by = Object.fromEntries(line.map((c) => [c.category, c]));
    expect(by.budget!.status).toBe('posted');
    expect(by.land!.status).toBe('too_early');
    expect(by.recruitment!.status).toBe('expired');
    expect(by.poor_households).toMatchObject({ status: 'missing', pending: 1 });
    expect(by.anti_corruption).toMatchObject({ status: 'missing', drafts: 1 });
    expect(by.procedures!.status).toBe('missing');
    expect(line).toHaveLength(6);
  });

  it('prefers a posted item to an earlier one taken down too early', () => {
    const line = registerLine(
      [facts({ status: 'taken_down', publishDate: '2026-01-01', takenDownOn: '2026-01-02' }), facts({ publishDate: '2026-01-03', postingEnd: '2026-04-02' })],
      '2026-02-01',
    );
    expect(line.find((c) => c.category === 'budget')).toMatchObject({ status: 'posted', tooEarly: 1, posted: 1 });
  });
});

describe('categories', () => {
  it('gives every category a legal basis, channels, and allowed columns', () => {
    for (const c of DISCLOSURE_CATEGORIES) {
      const spec = CATEGORIES[c];
      expect(spec.legalBasis.length).toBeGreaterThan(0);
      expect(spec.channels.length).toBeGreaterThan(0);
      expect(spec.columns.length).toBeGreaterThan(1);
      for (const col of spec.columns) expect(personalHeaderKind(col.label, spec.personalList), col.label).toBeNull();
    }
    expect(CATEGORIES.poor_households.columns.map((c) => c.label)).toEqual(['STT', 'Họ và tên chủ hộ', 'Thôn, khu phố', 'Phân loại']);
  });
});

describe('locating the header under a title', () => {
  it('skips title lines above the table', () => {
    const checked = checkTable(POOR, {
      headers: ['DANH SÁCH HỘ NGHÈO NĂM 2025'],
      rows: [
        { line: 2, cells: ['(Kèm theo Thông báo số 12/TB-UBND)'] },
        { line: 3, cells: ['STT', 'Họ và tên chủ hộ', 'Thôn', 'Phân loại'] },
        { line: 4, cells: ['1', 'Nguyễn Văn A', 'Phú Lâm', 'Hộ nghèo'] },
      ],
    });
    expect(checked.problems).toEqual([]);
    expect(checked.missing).toEqual([]);
    expect(checked.table.rows).toEqual([['1', 'Nguyễn Văn A', 'Phú Lâm', 'Hộ nghèo']]);
  });
});

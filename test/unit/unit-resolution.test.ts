import { describe, expect, it } from 'vitest';
import { createResolver, namesMatch, type ResolvableUnit } from '../../src/domain/units/resolve.js';
import { DEMO_UNITS } from '../../src/demo/units.js';
import { searchKey } from '../../src/domain/text/normalize.js';

const units: ResolvableUnit[] = DEMO_UNITS.map((d, i) => ({
  id: i + 1, code: d.code, name: d.name, shortName: d.shortName ?? null, aliases: d.aliases ?? [], kind: d.kind,
  parentId: d.parent === null ? null : DEMO_UNITS.findIndex((p) => p.code === d.parent) + 1, validFrom: null, validTo: null,
}));
const idOf = (code: string) => units.find((u) => u.code === code)!.id;
const resolve = createResolver(units, { issuerId: idOf('DH'), onDate: '2021-08-01' });
const unitCode = (text: string) => {
  const r = resolve(text);
  return r.type === 'unit' ? units.find((u) => u.id === r.unitId)!.code : r.type;
};

describe('matching names with abbreviations', () => {
  const t = (s: string) => searchKey(s).split(' ');
  it('spells abbreviations from whole words or initials, "và" optional', () => {
    expect(namesMatch(t('Phòng VH&TT'), t('Phòng Văn hóa và Thông tin'))).toBe(true);
    expect(namesMatch(t('Phòng Lao động-TBXH'), t('Phòng Lao động-TB&XH'))).toBe(true);
    expect(namesMatch(t('UBMTTQVN'), t('Ủy ban Mặt trận Tổ quốc Việt Nam'))).toBe(true);
    expect(namesMatch(t('Phòng Tài nguyên môi trường'), t('Phòng Tài nguyên và Môi trường'))).toBe(true);
    expect(namesMatch(t('Phòng Tư pháp'), t('Phòng Tài chính'))).toBe(false);
    expect(namesMatch(t('Phòng Nội vụ'), t('Phòng Nội vụ Kinh tế'))).toBe(false);
  });
});

describe('resolving the parties of the seed plan', () => {
  it.each([
    ['Phòng Tư pháp', 'DH.TP'],
    ['Văn phòng HĐND&UBND thị xã', 'DH.VP'],
    ['Phòng Văn hoá và Thông tin.', 'DH.VHTT'],
    ['Phòng Văn hóa và thông tin', 'DH.VHTT'],
    ['Phòng VH&TT', 'DH.VHTT'],
    ['Phòng Tài chính- Kế hoạch', 'DH.TCKH'],
    ['Phòng TC-KH', 'DH.TCKH'],
    ['Phòng Lao động-TBXH', 'DH.LDTBXH'],
    ['Phòng Lao động-TB&XH thị xã', 'DH.LDTBXH'],
    ['Phòng Tài nguyên môi trường', 'DH.TNMT'],
    ['Phòng TN&MT', 'DH.TNMT'],
    ['Phòng Quản lý đô thị', 'DH.QLDT'],
    ['Trung tâm Văn hóa-TTTT thị xã', 'DH.TTVHTT'],
    ['Trung tâm Y tế thị xã', 'DH.TTYT'],
    ['Bộ phận một cửa UBND thị xã', 'DH.MC'],
    ['Trung tâm phát triển quỹ đất', 'DH.TTPTQD'],
    ['Chi nhánh điện lực Đông Hòa', 'DH.DL'],
    ['Ủy ban MTTQVN thị xã', 'DH.MTTQ'],
    ['UBMTTQVN thị xã', 'DH.MTTQ'],
    ['Thanh tra thị xã', 'DH.TTR'],
    ['Tòa án nhân dân thị xã', 'DH.TAND'],
    ['UBND phường Hòa Vinh', 'DH.HV'],
    ['xã Hòa Tâm', 'DH.HTA'],
    ['Sở Lao động-TBXH', 'PY.SLDTBXH'],
    ['Sở Giáo dục và đào tạo', 'PY.SGDDT'],
    ['Sở Thông tin và Truyền thông', 'PY.STTTT'],
    ['Thanh tra tỉnh', 'PY.TTT'],
    ['UB.MTTQVN tỉnh', 'PY.MTTQ'],
    ['Sở Nông nghiệp và phát triển nông thôn', 'PY.SNNPTNT'],
  ])('%s → %s', (text, code) => {
    expect(unitCode(text)).toBe(code);
  });

  it('marks province departments as external parties', () => {
    expect(resolve('Sở Nội vụ')).toMatchObject({ type: 'unit', external: true });
    expect(resolve('Phòng Nội vụ')).toMatchObject({ type: 'unit', external: false });
  });

  it('fans "UBND các xã, phường" out to the 10 wards and communes', () => {
    for (const text of ['UBND các xã, phường', 'UBND cấp xã', 'các xã, phường']) {
      const r = resolve(text);
      expect(r.type, text).toBe('group');
      if (r.type === 'group') expect(r.unitIds.map((id) => units.find((u) => u.id === id)!.code).sort()).toEqual(
        ['DH.HHB', 'DH.HHN', 'DH.HHT', 'DH.HTA', 'DH.HTD', 'DH.HTH', 'DH.HV', 'DH.HXD', 'DH.HXN', 'DH.HXT'],
      );
    }
  });

  it('fans "Các cơ quan, đơn vị" out to every agency of the thị xã, and no external body', () => {
    const r = resolve('Các cơ quan, đơn vị');
    expect(r.type).toBe('group');
    if (r.type !== 'group') return;
    const codes = r.unitIds.map((id) => units.find((u) => u.id === id)!.code);
    expect(codes).toContain('DH.NV');
    expect(codes).toContain('DH.DL');
    expect(codes.length).toBe(DEMO_UNITS.filter((u) => u.parent === 'DH' && u.kind === 'agency').length);
    expect(codes.some((c) => c.startsWith('PY'))).toBe(false);
  });

  it('includes mass organisations in "các cơ quan, ban, ngành, đoàn thể thị xã"', () => {
    const r = resolve('Các cơ quan, ban, ngành, đoàn thể thị xã');
    expect(r.type === 'group' && r.unitIds.includes(idOf('DH.MTTQ'))).toBe(true);
  });

  it('reads "UBMTTQVN và các đoàn thể …" as the Front and the mass organisations', () => {
    const r = resolve('UBMTTQVN và các đoàn thể thị xã, các xã, phường');
    expect(r.type === 'group' && r.group).toBe('mass_orgs');
    expect(r.type === 'group' && r.unitIds).toContain(idOf('DH.MTTQ'));
  });

  it('keeps vague mentions as text', () => {
    for (const text of ['Các cơ quan, đơn vị có liên quan', 'các cơ quan liên quan', 'Các sở, ngành liên quan', 'Các trường học', 'thôn, khu phố, tổ dân phố']) {
      expect(resolve(text).type, text).toBe('vague');
    }
  });

  it('never drops an unknown name: it comes back unmatched with suggestions', () => {
    const r = resolve('Phòng Y tế');
    expect(r.type).toBe('unmatched');
    const r2 = resolve('Phòng Văn hóa Thông tin Du lịch');
    expect(r2.type).toBe('unmatched');
    if (r2.type === 'unmatched') expect(r2.suggestions[0]?.name).toBe('Phòng Văn hóa và Thông tin');
  });

  it('ignores units that were not valid on the plan date', () => {
    const later = units.map((u) => (u.code === 'DH.HTA' ? { ...u, validFrom: '2025-07-01' } : u));
    const r = createResolver(later, { issuerId: idOf('DH'), onDate: '2021-08-01' })('UBND các xã, phường');
    expect(r.type === 'group' && r.unitIds.length).toBe(9);
  });
});

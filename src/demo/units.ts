import type { UnitKind } from '../domain/units/unit.js';

/**
 * The demo organisation: UBND tỉnh Phú Yên with the departments the seed plan names (external
 * bodies: named in tasks, never asked to report), and UBND thị xã Đông Hòa with its offices,
 * bodies and 10 wards and communes, as they stood in 2021. Aliases are the spellings the seed uses.
 */
export interface DemoUnit {
  code: string;
  name: string;
  kind: UnitKind;
  parent: string | null;
  shortName?: string;
  aliases?: string[];
}

const PY = 'PY';
const DH = 'DH';

export const DEMO_UNITS: DemoUnit[] = [
  { code: PY, name: 'UBND tỉnh Phú Yên', kind: 'province', parent: null, shortName: 'Phú Yên', aliases: ['Ủy ban nhân dân tỉnh Phú Yên', 'UBND tỉnh'] },
  { code: 'PY.SNV', name: 'Sở Nội vụ', kind: 'external', parent: PY, aliases: ['Sở Nội vụ Phú Yên'] },
  { code: 'PY.STP', name: 'Sở Tư pháp', kind: 'external', parent: PY },
  { code: 'PY.STC', name: 'Sở Tài chính', kind: 'external', parent: PY },
  { code: 'PY.STTTT', name: 'Sở Thông tin và Truyền thông', kind: 'external', parent: PY, aliases: ['Sở TT&TT', 'Sở TTTT'] },
  { code: 'PY.STNMT', name: 'Sở Tài nguyên và Môi trường', kind: 'external', parent: PY, aliases: ['Sở TN&MT', 'Sở TNMT'] },
  { code: 'PY.SLDTBXH', name: 'Sở Lao động - Thương binh và Xã hội', kind: 'external', parent: PY, aliases: ['Sở Lao động-TB&XH', 'Sở Lao động-TBXH', 'Sở LĐ-TB&XH'] },
  { code: 'PY.SYT', name: 'Sở Y tế', kind: 'external', parent: PY },
  { code: 'PY.SGDDT', name: 'Sở Giáo dục và Đào tạo', kind: 'external', parent: PY, aliases: ['Sở GD&ĐT'] },
  { code: 'PY.SNNPTNT', name: 'Sở Nông nghiệp và Phát triển nông thôn', kind: 'external', parent: PY, aliases: ['Sở NN&PTNT'] },
  { code: 'PY.SGTVT', name: 'Sở Giao thông vận tải', kind: 'external', parent: PY, aliases: ['Sở GTVT'] },
  { code: 'PY.SCT', name: 'Sở Công Thương', kind: 'external', parent: PY, aliases: ['Sở Công thương'] },
  { code: 'PY.TTT', name: 'Thanh tra tỉnh', kind: 'external', parent: PY },
  { code: 'PY.MTTQ', name: 'Ủy ban MTTQVN tỉnh', kind: 'external', parent: PY, aliases: ['UBMTTQVN tỉnh', 'UB.MTTQVN tỉnh', 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh'] },

  { code: DH, name: 'UBND thị xã Đông Hòa', kind: 'district', parent: PY, shortName: 'Đông Hòa', aliases: ['Ủy ban nhân dân thị xã Đông Hòa', 'UBND thị xã'] },
  { code: 'DH.VP', name: 'Văn phòng HĐND&UBND thị xã', kind: 'agency', parent: DH, aliases: ['Văn phòng HĐND và UBND thị xã', 'Văn phòng HĐND-UBND', 'VP HĐND&UBND'] },
  { code: 'DH.NV', name: 'Phòng Nội vụ', kind: 'agency', parent: DH, aliases: ['Phòng Nội vụ thị xã'] },
  { code: 'DH.TP', name: 'Phòng Tư pháp', kind: 'agency', parent: DH },
  { code: 'DH.TCKH', name: 'Phòng Tài chính-Kế hoạch', kind: 'agency', parent: DH, aliases: ['Phòng Tài chính - Kế hoạch', 'Phòng TC-KH'] },
  { code: 'DH.TNMT', name: 'Phòng Tài nguyên và Môi trường', kind: 'agency', parent: DH, aliases: ['Phòng TN&MT', 'Phòng Tài nguyên môi trường'] },
  { code: 'DH.LDTBXH', name: 'Phòng Lao động-TB&XH', kind: 'agency', parent: DH, aliases: ['Phòng Lao động - Thương binh và Xã hội', 'Phòng Lao động-TBXH', 'Phòng LĐ-TB&XH'] },
  { code: 'DH.VHTT', name: 'Phòng Văn hóa và Thông tin', kind: 'agency', parent: DH, aliases: ['Phòng VH&TT', 'Phòng VHTT'] },
  { code: 'DH.GDDT', name: 'Phòng Giáo dục và Đào tạo', kind: 'agency', parent: DH, aliases: ['Phòng GD&ĐT'] },
  { code: 'DH.KT', name: 'Phòng Kinh tế', kind: 'agency', parent: DH },
  { code: 'DH.QLDT', name: 'Phòng Quản lý đô thị', kind: 'agency', parent: DH, aliases: ['Phòng QLĐT'] },
  { code: 'DH.TTR', name: 'Thanh tra thị xã', kind: 'agency', parent: DH },
  { code: 'DH.TTYT', name: 'Trung tâm Y tế', kind: 'agency', parent: DH, aliases: ['Trung tâm Y tế thị xã'] },
  { code: 'DH.TTVHTT', name: 'Trung tâm Văn hóa-Thể thao và Truyền thanh', kind: 'agency', parent: DH, aliases: ['Trung tâm Văn hóa-TTTT', 'Trung tâm Văn hóa-TTTT thị xã', 'Trung tâm VH-TT&TT'] },
  { code: 'DH.MC', name: 'Bộ phận Một cửa', kind: 'agency', parent: DH, aliases: ['Bộ phận một cửa UBND thị xã', 'Bộ phận tiếp nhận và trả kết quả'] },
  { code: 'DH.TTPTQD', name: 'Trung tâm Phát triển quỹ đất', kind: 'agency', parent: DH, aliases: ['Trung tâm phát triển quỹ đất'] },
  { code: 'DH.CA', name: 'Công an thị xã', kind: 'agency', parent: DH },
  { code: 'DH.TAND', name: 'Tòa án nhân dân thị xã', kind: 'agency', parent: DH, aliases: ['TAND thị xã'] },
  { code: 'DH.BHXH', name: 'Bảo hiểm xã hội thị xã', kind: 'agency', parent: DH, aliases: ['BHXH thị xã'] },
  { code: 'DH.MTTQ', name: 'Ủy ban MTTQVN thị xã', kind: 'mass_org', parent: DH, aliases: ['UBMTTQVN thị xã', 'Ủy ban Mặt trận Tổ quốc Việt Nam thị xã'] },
  { code: 'DH.DL', name: 'Chi nhánh Điện lực Đông Hòa', kind: 'agency', parent: DH },

  { code: 'DH.HV', name: 'UBND phường Hòa Vinh', kind: 'ward', parent: DH, shortName: 'Hòa Vinh', aliases: ['phường Hòa Vinh'] },
  { code: 'DH.HHB', name: 'UBND phường Hòa Hiệp Bắc', kind: 'ward', parent: DH, shortName: 'Hòa Hiệp Bắc', aliases: ['phường Hòa Hiệp Bắc'] },
  { code: 'DH.HHT', name: 'UBND phường Hòa Hiệp Trung', kind: 'ward', parent: DH, shortName: 'Hòa Hiệp Trung', aliases: ['phường Hòa Hiệp Trung'] },
  { code: 'DH.HHN', name: 'UBND phường Hòa Hiệp Nam', kind: 'ward', parent: DH, shortName: 'Hòa Hiệp Nam', aliases: ['phường Hòa Hiệp Nam'] },
  { code: 'DH.HXT', name: 'UBND phường Hòa Xuân Tây', kind: 'ward', parent: DH, shortName: 'Hòa Xuân Tây', aliases: ['phường Hòa Xuân Tây'] },
  { code: 'DH.HTD', name: 'UBND xã Hòa Tân Đông', kind: 'commune', parent: DH, shortName: 'Hòa Tân Đông', aliases: ['xã Hòa Tân Đông'] },
  { code: 'DH.HTH', name: 'UBND xã Hòa Thành', kind: 'commune', parent: DH, shortName: 'Hòa Thành', aliases: ['xã Hòa Thành'] },
  { code: 'DH.HXD', name: 'UBND xã Hòa Xuân Đông', kind: 'commune', parent: DH, shortName: 'Hòa Xuân Đông', aliases: ['xã Hòa Xuân Đông'] },
  { code: 'DH.HXN', name: 'UBND xã Hòa Xuân Nam', kind: 'commune', parent: DH, shortName: 'Hòa Xuân Nam', aliases: ['xã Hòa Xuân Nam'] },
  { code: 'DH.HTA', name: 'UBND xã Hòa Tâm', kind: 'commune', parent: DH, shortName: 'Hòa Tâm', aliases: ['xã Hòa Tâm'] },
];

/**
 * The demo mailbox of a unit of the thị xã, in the reserved .example domain (nothing is ever delivered):
 * wards and communes by name (hoavinh@donghoa.example.vn), offices by code (nv@donghoa.example.vn).
 * Province departments are named in tasks but never report: no mailbox.
 */
export function demoUnitEmail(unit: DemoUnit): string | null {
  if (unit.code === DH) return 'ubnd@donghoa.example.vn';
  if (!unit.code.startsWith(`${DH}.`)) return null;
  const local =
    (unit.kind === 'ward' || unit.kind === 'commune') && unit.shortName
      ? unit.shortName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').replace(/\s+/g, '').toLowerCase()
      : unit.code.slice(DH.length + 1).toLowerCase();
  return `${local}@donghoa.example.vn`;
}

export interface DemoAccount {
  username: string;
  displayName: string;
  role: 'admin' | 'coordinator' | 'unit_officer' | 'leader' | 'supervisor';
  unit: string | null;
  email: string | null;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'admin', displayName: 'Quản trị hệ thống', role: 'admin', unit: null, email: null },
  { username: 'noivu', displayName: 'Chuyên viên Phòng Nội vụ', role: 'coordinator', unit: 'DH.NV', email: 'noivu.chuyenvien@donghoa.example.vn' },
  { username: 'hoavinh', displayName: 'Công chức UBND phường Hòa Vinh', role: 'unit_officer', unit: 'DH.HV', email: 'congchuc.hoavinh@donghoa.example.vn' },
  { username: 'chutich', displayName: 'Chủ tịch UBND thị xã Đông Hòa', role: 'leader', unit: DH, email: 'chutich@donghoa.example.vn' },
  { username: 'mattran', displayName: 'Ủy ban MTTQVN thị xã', role: 'supervisor', unit: 'DH.MTTQ', email: 'mattran@donghoa.example.vn' },
];

export const DEFAULT_DEMO_PASSWORD = 'dondoc';

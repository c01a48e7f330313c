/** Kinds of unit (PRODUCT.md §3). */
export const UNIT_KINDS = [
  'province',
  'district',
  'commune',
  'ward',
  'agency',
  'mass_org',
  'external',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Kinds that are a level of government: a People's Committee stands at their head. */
export const GOVERNMENT_KINDS: ReadonlySet<UnitKind> = new Set(['province', 'district', 'commune', 'ward']);

/** Vietnamese names of the kinds, for messages and the generated codes. */
export const UNIT_KIND_LABEL_VI: Record<UnitKind, string> = {
  province: 'Tỉnh, thành phố',
  district: 'Huyện, thị xã, thành phố thuộc tỉnh',
  commune: 'Xã',
  ward: 'Phường, thị trấn',
  agency: 'Cơ quan chuyên môn, đơn vị',
  mass_org: 'Mặt trận, đoàn thể',
  external: 'Cơ quan bên ngoài',
};

export interface Unit {
  id: number;
  code: string;
  name: string;
  shortName: string | null;
  kind: UnitKind;
  parentId: number | null;
  aliases: string[];
  validFrom: string | null;
  validTo: string | null;
  successorId: number | null;
  /** The unit's official mailbox, for reminders; null: none. */
  email: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The part of a unit the tree rules need. */
export type UnitNode = Pick<Unit, 'id' | 'parentId' | 'kind'>;

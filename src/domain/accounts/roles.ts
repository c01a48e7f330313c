/** Roles of PRODUCT.md §2. Citizens have no account and no role here. */
export const ROLES = ['admin', 'coordinator', 'unit_officer', 'leader', 'supervisor'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABEL_VI: Record<Role, string> = {
  admin: 'Quản trị hệ thống',
  coordinator: 'Cán bộ điều phối',
  unit_officer: 'Cán bộ đơn vị',
  leader: 'Lãnh đạo',
  supervisor: 'Giám sát',
};

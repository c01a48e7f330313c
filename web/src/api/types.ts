/** Shapes of the /api/v1 resources the staff app uses (see src/server/schemas). */

export const UNIT_KINDS = ['province', 'district', 'commune', 'ward', 'agency', 'mass_org', 'external'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const ROLES = ['admin', 'coordinator', 'unit_officer', 'leader', 'supervisor'] as const;
export type Role = (typeof ROLES)[number];

export interface Unit {
  id: number;
  code: string;
  name: string;
  shortName: string | null;
  kind: UnitKind;
  parentId: number | null;
  aliases: string[];
  /** YYYY-MM-DD, inclusive. */
  validFrom: string | null;
  /** YYYY-MM-DD, the last day the unit is in force. */
  validTo: string | null;
  successorId: number | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface NewUnit {
  name: string;
  kind: UnitKind;
  parentId?: number | null;
  code?: string;
  shortName?: string | null;
  aliases?: string[];
  validFrom?: string | null;
  validTo?: string | null;
}

export type UnitChanges = Partial<NewUnit> & { version: number };

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unitId: number | null;
  active: boolean;
  passwordChangedAt: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  unitId: number | null;
  password: string;
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  unitId?: number | null;
  active?: boolean;
  version: number;
}

export interface Abilities {
  createUnit: boolean;
  updateUnit: boolean;
  mergeUnit: boolean;
  listUsers: boolean;
  createUser: boolean;
  readAudit: boolean;
}

export interface Session {
  user: User;
  csrfToken: string | null;
  abilities: Abilities;
}

export interface ApiToken {
  id: number;
  userId: number;
  name: string;
  tokenPrefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiToken extends ApiToken {
  /** The secret: returned once, never again. */
  token: string;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorId: number | null;
  actorName: string;
  action: string;
  entity: string;
  entityId: string | null;
  /** JSON text or null. */
  before: string | null;
  after: string | null;
  prevHash: string;
  hash: string;
}

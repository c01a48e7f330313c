/** Shapes of the /api/v1 resources the staff app uses (see src/server/schemas). */

// The resource shapes are the domain's own types (type-only imports: no server code reaches the bundle).
export { UNIT_KINDS, type Unit, type UnitKind } from '../../../src/domain/units/unit';
export { ROLES, type Role } from '../../../src/domain/accounts/roles';
export type { User } from '../../../src/domain/accounts/user';
export type { AuditEntry } from '../../../src/domain/audit/chain';
import type { UnitKind } from '../../../src/domain/units/unit';
import type { Role } from '../../../src/domain/accounts/roles';
import type { User } from '../../../src/domain/accounts/user';

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
  updateUser: boolean;
  resetPassword: boolean;
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

import type { Kysely } from 'kysely';
import type { Database, NewUserRow, UserRow } from '../schema.js';
import type { User } from '../../domain/accounts/user.js';
import type { Role } from '../../domain/accounts/roles.js';

export type { User };

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    unitId: row.unitId,
    active: row.active === 1,
    passwordChangedAt: row.passwordChangedAt,
    email: row.email,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/**
 * The units table's revision (count, sum of versions, latest change) as a one-row derived table, so
 * authentication reads it in the same query as the token or session and its user (the same string as
 * `UnitRepository.revision()`).
 */
export function unitsRevisionTable(db: Kysely<Database>) {
  return db
    .selectFrom('units')
    .select((u) => [u.fn.countAll<number | string>().as('unitsN'), u.fn.sum<number | string | null>('version').as('unitsV'), u.fn.max('updatedAt').as('unitsAt')])
    .as('unitsRevision');
}

export function unitsRevisionOf(row: { unitsN: number | string; unitsV: number | string | null; unitsAt: string | null }): string {
  return `${Number(row.unitsN)}:${Number(row.unitsV ?? 0)}:${row.unitsAt ?? ''}`;
}

/** The user columns read with a token or session, prefixed so they do not clash with its own. */
export const USER_COLUMNS = [
  'users.id as uId',
  'users.username as uUsername',
  'users.displayName as uDisplayName',
  'users.role as uRole',
  'users.unitId as uUnitId',
  'users.active as uActive',
  'users.passwordChangedAt as uPasswordChangedAt',
  'users.email as uEmail',
  'users.version as uVersion',
  'users.createdAt as uCreatedAt',
  'users.updatedAt as uUpdatedAt',
] as const;

export function userOfPrefixed(r: {
  uId: number;
  uUsername: string;
  uDisplayName: string;
  uRole: UserRow['role'];
  uUnitId: number | null;
  uActive: number;
  uPasswordChangedAt: string;
  uEmail: string | null;
  uVersion: number;
  uCreatedAt: string;
  uUpdatedAt: string;
}): User {
  return {
    id: r.uId,
    username: r.uUsername,
    displayName: r.uDisplayName,
    role: r.uRole,
    unitId: r.uUnitId,
    active: r.uActive === 1,
    passwordChangedAt: r.uPasswordChangedAt,
    email: r.uEmail,
    version: r.uVersion,
    createdAt: r.uCreatedAt,
    updatedAt: r.uUpdatedAt,
  };
}

export interface UserPatch {
  displayName?: string;
  role?: Role;
  unitId?: number | null;
  active?: boolean;
  searchText?: string;
  email?: string | null;
}

export class UserRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(searchWords: string[] = []): Promise<User[]> {
    let q = this.db.selectFrom('users').selectAll();
    for (const word of searchWords) q = q.where('searchText', 'like', `% ${word}%`);
    return (await q.orderBy('username').execute()).map(toUser);
  }

  async get(id: number): Promise<User | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toUser(row);
  }

  /** The account and its password hash, for signing in only. */
  async getCredentials(username: string): Promise<{ user: User; passwordHash: string } | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
    return row && { user: toUser(row), passwordHash: row.passwordHash };
  }

  async getPasswordHash(id: number): Promise<string | undefined> {
    const row = await this.db.selectFrom('users').select('passwordHash').where('id', '=', id).executeTakeFirst();
    return row?.passwordHash;
  }

  async insert(row: NewUserRow): Promise<User> {
    return toUser(await this.db.insertInto('users').values(row).returningAll().executeTakeFirstOrThrow());
  }

  async update(id: number, expectedVersion: number, patch: UserPatch, now: string): Promise<User | undefined> {
    const { active, ...rest } = patch;
    const row = await this.db
      .updateTable('users')
      .set({
        ...rest,
        ...(active === undefined ? {} : { active: active ? 1 : 0 }),
        version: expectedVersion + 1,
        updatedAt: now,
      })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .returningAll()
      .executeTakeFirst();
    return row && toUser(row);
  }

  async setPasswordHash(id: number, passwordHash: string, now: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set((eb) => ({ passwordHash, passwordChangedAt: now, updatedAt: now, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .execute();
  }
}

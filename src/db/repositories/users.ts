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

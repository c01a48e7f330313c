import type { Kysely } from 'kysely';
import type { ApiTokenRow, Database } from '../schema.js';
import { PreparedQuery } from './prepared.js';
import { unitsRevisionOf, unitsRevisionTable, USER_COLUMNS, userOfPrefixed, type User } from './users.js';

/** A token as its owner sees it: the hash stays in the database. */
export type ApiToken = Omit<ApiTokenRow, 'tokenHash'>;

const PUBLIC_COLUMNS = ['id', 'userId', 'name', 'tokenPrefix', 'createdAt', 'lastUsedAt', 'expiresAt', 'revokedAt'] as const;

const AUTHENTICATE = new PreparedQuery((db, { tokenHash }: { tokenHash: string }) =>
  db
    .selectFrom('apiTokens')
    .innerJoin('users', 'users.id', 'apiTokens.userId')
    .innerJoin(unitsRevisionTable(db), (join) => join.onTrue())
    .select(PUBLIC_COLUMNS.map((c) => `apiTokens.${c}` as const))
    .select(USER_COLUMNS)
    .select(['unitsRevision.unitsN', 'unitsRevision.unitsV', 'unitsRevision.unitsAt'])
    .where('apiTokens.tokenHash', '=', tokenHash),
);

export class ApiTokenRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: Omit<ApiTokenRow, 'id'>): Promise<ApiToken> {
    return this.db.insertInto('apiTokens').values(row).returning(PUBLIC_COLUMNS).executeTakeFirstOrThrow();
  }

  async listForUser(userId: number): Promise<ApiToken[]> {
    return this.db.selectFrom('apiTokens').select(PUBLIC_COLUMNS).where('userId', '=', userId).orderBy('id').execute();
  }

  async get(id: number): Promise<ApiToken | undefined> {
    return this.db.selectFrom('apiTokens').select(PUBLIC_COLUMNS).where('id', '=', id).executeTakeFirst();
  }

  async findByHash(tokenHash: string): Promise<ApiToken | undefined> {
    return this.db.selectFrom('apiTokens').select(PUBLIC_COLUMNS).where('tokenHash', '=', tokenHash).executeTakeFirst();
  }

  /**
   * Authentication in one query: the token, its owner and the units table's revision (for the cached scope).
   * Undefined when no token has this hash.
   */
  async authenticate(tokenHash: string): Promise<{ token: ApiToken; user: User; unitsRevision: string } | undefined> {
    const [row] = await AUTHENTICATE.execute(this.db, { tokenHash });
    if (!row) return undefined;
    const token: ApiToken = {
      id: row.id,
      userId: row.userId,
      name: row.name,
      tokenPrefix: row.tokenPrefix,
      createdAt: row.createdAt,
      lastUsedAt: row.lastUsedAt,
      expiresAt: row.expiresAt,
      revokedAt: row.revokedAt,
    };
    return { token, user: userOfPrefixed(row), unitsRevision: unitsRevisionOf(row) };
  }

  async markUsed(id: number, at: string): Promise<void> {
    await this.db.updateTable('apiTokens').set({ lastUsedAt: at }).where('id', '=', id).execute();
  }

  async revoke(id: number, at: string): Promise<ApiToken | undefined> {
    return this.db
      .updateTable('apiTokens')
      .set({ revokedAt: at })
      .where('id', '=', id)
      .where('revokedAt', 'is', null)
      .returning(PUBLIC_COLUMNS)
      .executeTakeFirst();
  }
}

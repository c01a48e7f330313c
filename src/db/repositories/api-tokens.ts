import type { Kysely } from 'kysely';
import type { ApiTokenRow, Database } from '../schema.js';

/** A token as its owner sees it: the hash stays in the database. */
export type ApiToken = Omit<ApiTokenRow, 'tokenHash'>;

const PUBLIC_COLUMNS = ['id', 'userId', 'name', 'tokenPrefix', 'createdAt', 'lastUsedAt', 'expiresAt', 'revokedAt'] as const;

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

import type { Kysely } from 'kysely';
import type { Database, SessionRow } from '../schema.js';
import { PreparedQuery } from './prepared.js';
import { unitsRevisionOf, unitsRevisionTable, USER_COLUMNS, userOfPrefixed, type User } from './users.js';

const AUTHENTICATE = new PreparedQuery((db, { id }: { id: string }) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.userId')
    .innerJoin(unitsRevisionTable(db), (join) => join.onTrue())
    .selectAll('sessions')
    .select(USER_COLUMNS)
    .select(['unitsRevision.unitsN', 'unitsRevision.unitsV', 'unitsRevision.unitsAt'])
    .where('sessions.id', '=', id),
);

export class SessionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: SessionRow): Promise<void> {
    await this.db.insertInto('sessions').values(row).execute();
  }

  async get(id: string): Promise<SessionRow | undefined> {
    return this.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Authentication in one query: the session, its user and the units table's revision (for the cached scope). */
  async authenticate(id: string): Promise<{ session: SessionRow; user: User; unitsRevision: string } | undefined> {
    const [row] = await AUTHENTICATE.execute(this.db, { id });
    if (!row) return undefined;
    const session: SessionRow = {
      id: row.id,
      userId: row.userId,
      csrfToken: row.csrfToken,
      createdAt: row.createdAt,
      expiresAt: row.expiresAt,
      lastSeenAt: row.lastSeenAt,
      ip: row.ip,
      userAgent: row.userAgent,
    };
    return { session, user: userOfPrefixed(row), unitsRevision: unitsRevisionOf(row) };
  }

  async touch(id: string, lastSeenAt: string, expiresAt: string): Promise<void> {
    await this.db.updateTable('sessions').set({ lastSeenAt, expiresAt }).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  /** All sessions of a user, except possibly the one in use (after a password change). */
  async deleteForUser(userId: number, exceptId?: string): Promise<void> {
    let q = this.db.deleteFrom('sessions').where('userId', '=', userId);
    if (exceptId) q = q.where('id', '!=', exceptId);
    await q.execute();
  }

  async deleteExpired(now: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('expiresAt', '<', now).execute();
  }
}

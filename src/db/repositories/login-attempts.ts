import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** Login attempts live in the database so every app instance sees the same counts. */
export class LoginAttemptRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async record(username: string, ip: string, at: string, success: boolean): Promise<void> {
    await this.db.insertInto('loginAttempts').values({ username, ip, at, success: success ? 1 : 0 }).execute();
  }

  /** Failures for a username since its last success and since `since`, newest first. */
  async recentFailuresForUser(username: string, since: string): Promise<string[]> {
    const lastSuccess = await this.db
      .selectFrom('loginAttempts')
      .select((eb) => eb.fn.max('at').as('at'))
      .where('username', '=', username)
      .where('success', '=', 1)
      .executeTakeFirst();
    const from = lastSuccess?.at && lastSuccess.at > since ? lastSuccess.at : since;
    const rows = await this.db
      .selectFrom('loginAttempts')
      .select('at')
      .where('username', '=', username)
      .where('success', '=', 0)
      .where('at', '>', from)
      .orderBy('at', 'desc')
      .execute();
    return rows.map((r) => r.at);
  }

  async failuresFromIp(ip: string, since: string): Promise<number> {
    const row = await this.db
      .selectFrom('loginAttempts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('ip', '=', ip)
      .where('success', '=', 0)
      .where('at', '>', since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async deleteBefore(at: string): Promise<void> {
    await this.db.deleteFrom('loginAttempts').where('at', '<', at).execute();
  }
}

import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/**
 * Job leases: "instance X runs job J until T". Taking a lease is one atomic statement on either
 * engine — the row is created if missing (ON CONFLICT DO NOTHING), then claimed with a single
 * UPDATE … WHERE expired OR already mine — so of several instances racing, exactly one wins.
 */
export class LeaseRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Takes (or renews) the lease until `until`; false when another holder's lease is still running. */
  async acquire(name: string, holder: string, now: string, until: string): Promise<boolean> {
    await this.db
      .insertInto('jobLeases')
      .values({ name, holder: '', expiresAt: '1970-01-01T00:00:00.000Z' })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const res = await this.db
      .updateTable('jobLeases')
      .set({ holder, expiresAt: until })
      .where('name', '=', name)
      .where((eb) => eb.or([eb('expiresAt', '<', now), eb('holder', '=', holder)]))
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** Gives the lease back early (only if still ours). */
  async release(name: string, holder: string): Promise<void> {
    await this.db
      .updateTable('jobLeases')
      .set({ expiresAt: '1970-01-01T00:00:00.000Z' })
      .where('name', '=', name)
      .where('holder', '=', holder)
      .execute();
  }

  async get(name: string): Promise<{ name: string; holder: string; expiresAt: string } | undefined> {
    return this.db.selectFrom('jobLeases').selectAll().where('name', '=', name).executeTakeFirst();
  }
}

import { sql } from 'kysely';
import type { DatabaseHandle } from '../db/connection.js';

/** Answers whether the database is reachable, for /healthz and load balancers. */
export class HealthService {
  constructor(private readonly database: DatabaseHandle) {}

  async check(): Promise<boolean> {
    try {
      await sql`select 1`.execute(this.database.db);
      return true;
    } catch {
      return false;
    }
  }
}

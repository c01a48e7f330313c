import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { ApiTokenRepository } from './api-tokens.js';
import { AuditRepository } from './audit.js';
import { LoginAttemptRepository } from './login-attempts.js';
import { SessionRepository } from './sessions.js';
import { UnitRepository } from './units.js';
import { UserRepository } from './users.js';

/** Every repository, bound to one executor: the database, or a transaction. */
export function repositories(db: Kysely<Database>) {
  return {
    units: new UnitRepository(db),
    users: new UserRepository(db),
    sessions: new SessionRepository(db),
    apiTokens: new ApiTokenRepository(db),
    loginAttempts: new LoginAttemptRepository(db),
    audit: new AuditRepository(db),
  };
}
export type Repositories = ReturnType<typeof repositories>;

/**
 * What services hold: repositories for reads, and `transaction` for writes, so that a write
 * and its audit entry commit together or not at all.
 */
export interface Store {
  readonly read: Repositories;
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
}

export function createStore(db: Kysely<Database>): Store {
  return {
    read: repositories(db),
    transaction: (work) => db.transaction().execute((trx) => work(repositories(trx))),
  };
}

import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { ApiTokenRepository } from './api-tokens.js';
import { AuditRepository } from './audit.js';
import { CalendarRepository } from './calendar.js';
import { CampaignRepository } from './campaigns.js';
import { DisclosureRepository } from './disclosures.js';
import { ExtensionRepository } from './extensions.js';
import { FeedbackRepository } from './feedback.js';
import { DossierRepository } from './dossiers.js';
import { ReceptionRepository } from './reception.js';
import { LeaseRepository } from './leases.js';
import { LoginAttemptRepository } from './login-attempts.js';
import { NotificationRepository, ReminderQueryRepository } from './notifications.js';
import { OutboxRepository } from './outbox.js';
import { PlanRepository } from './plans.js';
import { PortalRepository } from './portal.js';
import { ReportingRepository } from './reporting.js';
import { SessionRepository } from './sessions.js';
import { StandingRepository } from './standing.js';
import { SubscriptionRepository } from './subscriptions.js';
import { SurveyRepository } from './surveys.js';
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
    plans: new PlanRepository(db),
    reporting: new ReportingRepository(db),
    outbox: new OutboxRepository(db),
    notifications: new NotificationRepository(db),
    leases: new LeaseRepository(db),
    reminders: new ReminderQueryRepository(db),
    standing: new StandingRepository(db),
    extensions: new ExtensionRepository(db),
    disclosures: new DisclosureRepository(db),
    reception: new ReceptionRepository(db),
    dossiers: new DossierRepository(db),
    portal: new PortalRepository(db),
    subscriptions: new SubscriptionRepository(db),
    calendar: new CalendarRepository(db),
    feedback: new FeedbackRepository(db),
    campaigns: new CampaignRepository(db),
    surveys: new SurveyRepository(db),
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

const insideTransaction = new AsyncLocalStorage<true>();

export function createStore(db: Kysely<Database>): Store {
  const read = repositories(db);
  return {
    get read() {
      // On SQLite the transaction holds the only connection: a read outside it, awaited inside it,
      // would wait forever. Fail loudly instead, on both engines, so the mistake shows in any test.
      if (insideTransaction.getStore()) {
        throw new Error('store.read used inside a transaction: use the repositories the transaction passes in');
      }
      return read;
    },
    transaction: (work) => insideTransaction.run(true, () => db.transaction().execute((trx) => work(repositories(trx)))),
  };
}

import type { DatabaseHandle } from '../db/connection.js';
import { createStore } from '../db/repositories/index.js';
import { AccountService } from './account-service.js';
import { ApiTokenService } from './api-token-service.js';
import { AuditService } from './audit-service.js';
import { CalendarService } from './calendar-service.js';
import { AuthService } from './auth-service.js';
import { systemClock, type Clock } from './clock.js';
import { argon2Hasher, type PasswordHasher } from './passwords.js';
import { UnitService } from './unit-service.js';
import { HealthService } from './health-service.js';
import { PlanService } from './plan-service.js';
import { PlanExportService } from './plan-export-service.js';
import { ReportingService } from './reporting-service.js';
import { ConsolidationService } from './consolidation-service.js';
import { EvidenceService } from './evidence-service.js';
import { DashboardService } from './dashboard-service.js';
import { mailConfigFromEnv, mailerFromConfig, type Mailer } from './mailer.js';
import { NotificationService } from './notification-service.js';
import { ReminderService, reminderSettingsFromEnv, type ReminderOptions } from './reminder-service.js';
import { ExtensionService } from './extension-service.js';
import { ScheduleEventService } from './schedule-event-service.js';
import { ReportListService } from './report-list-service.js';
import { CoordinationService } from './coordination-service.js';
import { CampaignService } from './campaign-service.js';
import { DisclosureService } from './disclosure-service.js';
import { PortalService } from './portal-service.js';
import { ReceptionService } from './reception-service.js';
import { DossierService } from './dossier-service.js';
import { SubscriptionService, type FollowOptions } from './subscription-service.js';
import { RegisterImportService } from './register-import-service.js';
import { FeedbackService, type FeedbackOptions } from './feedback-service.js';
import { SurveyService } from './survey-service.js';

export interface ServiceOptions {
  clock?: Clock;
  passwords?: PasswordHasher;
  /** Default: SMTP from SMTP_URL / MAIL_FROM, or none (e-mails wait in the outbox). */
  mailer?: Mailer;
  reminders?: Partial<ReminderOptions>;
  follow?: Partial<FollowOptions>;
  feedback?: FeedbackOptions;
}

/**
 * The composition root: builds every service from the data clients, once. The HTTP routes,
 * the CLI and the jobs receive this object and never construct a repository themselves.
 */
export function createServices(database: DatabaseHandle, options: ServiceOptions = {}) {
  const clock = options.clock ?? systemClock;
  const passwords = options.passwords ?? argon2Hasher;
  const store = createStore(database.db);
  const audit = new AuditService(store, clock);
  const mail = mailConfigFromEnv();
  const mailer = options.mailer ?? mailerFromConfig(mail);
  const reporting = new ReportingService(store, audit, clock);
  // One instance: it keeps the working calendar between requests, and other services count with it.
  const calendar = new CalendarService(store, audit, clock);
  const dossiers = new DossierService(store, audit, clock, () => calendar.calendar());
  return {
    database,
    clock,
    audit,
    health: new HealthService(database),
    auth: new AuthService(store, audit, passwords, clock),
    units: new UnitService(store, audit, clock),
    accounts: new AccountService(store, audit, passwords, clock),
    apiTokens: new ApiTokenService(store, audit, clock),
    plans: new PlanService(store, audit, clock),
    planExport: new PlanExportService(store),
    reporting,
    reportList: new ReportListService(store, clock),
    extensions: new ExtensionService(store, audit, clock),
    scheduleEvents: new ScheduleEventService(store, audit, clock),
    coordination: new CoordinationService(store, audit, clock, reporting),
    consolidation: new ConsolidationService(store, clock),
    evidence: new EvidenceService(store, audit, clock),
    dashboard: new DashboardService(store, clock),
    mailer,
    reminders: new ReminderService(store, audit, clock, mailer, {
      settings: reminderSettingsFromEnv(),
      publicUrl: mail.publicUrl,
      ...options.reminders,
    }),
    notifications: new NotificationService(store, clock),
    disclosures: new DisclosureService(store, audit, clock),
    portal: new PortalService(store, clock),
    // Its own DisclosureService reads the public list (stateless: the same answers as `disclosures`).
    follow: new SubscriptionService(store, audit, clock, new DisclosureService(store, audit, clock), mailer, { publicUrl: mail.publicUrl, ...options.follow }),
    calendar,
    reception: new ReceptionService(store, audit, clock),
    dossiers,
    registerImport: new RegisterImportService(store, dossiers),
    // Answer dues count with the admin-edited working calendar (days off, make-up Saturdays).
    feedback: new FeedbackService(store, audit, clock, { calendar: () => calendar.calendar(), ...options.feedback }),
    campaigns: new CampaignService(store, audit, clock),
    surveys: new SurveyService(store, audit, clock),
  };
}

export type Services = ReturnType<typeof createServices>;

import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { SYSTEM_ACTOR, scopeFor } from '../domain/accounts/actor.js';
import {
  DEFAULT_REMINDER_SETTINGS,
  deadlineWindow,
  reminderEvents,
  reminderSettings,
  reminderText,
  reportLink,
  type ReminderEvent,
  type ReminderSettings,
} from '../domain/reminders/index.js';
import { FOLLOW_MAIL_KINDS } from '../domain/subscriptions/index.js';
import { vnDate } from '../domain/time.js';
import { UnitTree } from '../domain/units/tree.js';
import type { Store } from '../db/repositories/index.js';
import type { NewOutboxRow } from '../db/repositories/outbox.js';
import type { NewNotificationRow } from '../db/repositories/notifications.js';
import type { AuditService } from './audit-service.js';
import type { Clock } from './clock.js';
import type { Mailer } from './mailer.js';

export interface ReminderOptions {
  settings: ReminderSettings;
  /** Base URL for links in e-mails (`https://dondoc.example.vn`); the staff app lives under /app. */
  publicUrl: string;
  /** Who this instance is, in the lease table. */
  holder: string;
  /** How long a pass may hold the lease before another instance may take over. */
  leaseMs: number;
  /** Sending attempts before a message is given up as 'failed'. */
  maxAttempts: number;
  /** Messages sent per pass at most. */
  batchSize: number;
  log: (message: string) => void;
}

export interface ReminderPass {
  /** false: another instance holds the lease; nothing was done. */
  ran: boolean;
  today: string;
  events: ReminderEvent[];
  /** Outbox keys queued by this pass (none when the events were queued before). */
  queued: string[];
  notified: number;
  sent: Array<{ recipient: string; subject: string }>;
  failed: Array<{ recipient: string; subject: string; error: string }>;
  /** Messages still waiting after this pass. */
  pending: number;
}

export const REMINDER_LEASE = 'reminders';

/** Reads REMINDER_DAYS_BEFORE ("3,1"), REMINDER_OVERDUE_EVERY_DAYS, REMINDER_OVERDUE_MAX. */
export function reminderSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ReminderSettings {
  const int = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : Number.parseInt(v, 10));
  const days = env.REMINDER_DAYS_BEFORE?.split(',').map((d) => Number.parseInt(d, 10)).filter((d) => !Number.isNaN(d));
  const every = int(env.REMINDER_OVERDUE_EVERY_DAYS);
  const max = int(env.REMINDER_OVERDUE_MAX);
  return reminderSettings({
    ...(days && days.length ? { daysBefore: days } : {}),
    ...(every !== undefined ? { overdueEveryDays: every } : {}),
    ...(max !== undefined ? { overdueMaxTimes: max } : {}),
  });
}

/**
 * One reminder pass: take the lease, turn today's reminder events into outbox rows (one per e-mail
 * recipient) and notifications (unit officers; for overdue reports also the plan's coordinators) in one
 * transaction, keyed so that no event is ever queued twice; then send what is waiting in the outbox.
 */
export class ReminderService {
  readonly options: ReminderOptions;
  private warnedUnconfigured = false;
  private running = false;

  constructor(
    private readonly store: Store,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly mailer: Mailer,
    options: Partial<ReminderOptions> = {},
  ) {
    this.options = {
      settings: reminderSettings(options.settings ?? DEFAULT_REMINDER_SETTINGS),
      publicUrl: (options.publicUrl ?? 'http://localhost:3000').replace(/\/+$/, ''),
      holder: options.holder ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
      leaseMs: options.leaseMs ?? 5 * 60_000,
      maxAttempts: options.maxAttempts ?? 10,
      batchSize: options.batchSize ?? 200,
      log: options.log ?? ((m) => console.error(m)),
    };
  }

  async runOnce(now: Date = this.clock.now()): Promise<ReminderPass> {
    const today = vnDate(now);
    const pass: ReminderPass = { ran: false, today, events: [], queued: [], notified: 0, sent: [], failed: [], pending: 0 };
    // One pass at a time in this process (the lease is per holder, and this process is one holder) …
    if (this.running) return pass;
    this.running = true;
    try {
      // … and one holder at a time across instances. The lease runs on the service clock (real time),
      // whatever day `now` pretends it is.
      if (!(await this.takeLease())) return pass;
      pass.ran = true;
      try {
        await this.queue(now, pass);
        await this.deliver(pass);
        return pass;
      } finally {
        await this.store.read.leases.release(REMINDER_LEASE, this.options.holder);
      }
    } finally {
      this.running = false;
    }
  }

  private async queue(now: Date, pass: ReminderPass): Promise<void> {
    const read = this.store.read;
    const window = deadlineWindow(pass.today, this.options.settings);
    const rounds = await read.reminders.openRounds(window.from, window.to);
    const reports = await read.reminders.openReports(rounds.map((r) => r.id));
    pass.events = reminderEvents(rounds, reports, pass.today, this.options.settings);
    if (pass.events.length === 0) return;

    const roundById = new Map(rounds.map((r) => [r.id, r]));
    const reportById = new Map(reports.map((r) => [r.id, r]));
    const units = new Map((await read.reminders.units([...new Set(pass.events.map((e) => e.unitId))])).map((u) => [u.id, u]));
    const users = await read.reminders.recipientUsers();
    const tree = new UnitTree(await read.units.nodes());
    const createdAt = now.toISOString();
    const outbox: NewOutboxRow[] = [];
    const notifications: NewNotificationRow[] = [];

    for (const event of pass.events) {
      const round = roundById.get(event.roundId)!;
      const unit = units.get(event.unitId);
      if (!unit) continue;
      const link = reportLink(event.reportId);
      const text = reminderText(event, {
        planTitle: round.planTitle,
        roundLabel: round.label,
        unitName: unit.name,
        reportStatus: reportById.get(event.reportId)!.status,
        link,
        url: `${this.options.publicUrl}/app${link}`,
      });
      const officers = users.filter((u) => u.role === 'unit_officer' && u.unitId === event.unitId);
      const recipients = new Set<string>();
      for (const address of [unit.email, ...officers.map((o) => o.email)]) if (address) recipients.add(address.toLowerCase());
      for (const recipient of recipients) {
        outbox.push({ key: `${event.key}:to:${recipient}`, kind: event.kind, recipient, subject: text.subject, body: text.text, createdAt });
      }
      const notified = [...officers];
      if (event.kind === 'overdue') {
        notified.push(...users.filter((u) => u.role === 'coordinator' && scopeFor('coordinator', u.unitId, tree)?.has(round.planIssuerUnitId)));
      }
      for (const user of notified) {
        notifications.push({ userId: user.id, kind: event.kind, title: text.title, body: text.body, link, key: event.key, createdAt });
      }
    }

    await this.store.transaction(async (repos) => {
      pass.queued = await repos.outbox.enqueue(outbox);
      pass.notified = await repos.notifications.insert(notifications);
      if (pass.queued.length > 0 || pass.notified > 0) {
        await this.audit.record(repos, SYSTEM_ACTOR, {
          action: 'reminder.queue',
          entity: 'outbox',
          entityId: null,
          after: { today: pass.today, queued: pass.queued, notifications: pass.notified },
        });
      }
    });
  }

  private async takeLease(): Promise<boolean> {
    const at = this.clock.now();
    const until = new Date(at.getTime() + this.options.leaseMs).toISOString();
    return this.store.read.leases.acquire(REMINDER_LEASE, this.options.holder, at.toISOString(), until);
  }

  private async deliver(pass: ReminderPass): Promise<void> {
    const read = this.store.read;
    const { maxAttempts, batchSize } = this.options;
    // Citizens' letters are the follow job's (subscription-service.ts), sent with their own headers.
    const due = await read.outbox.due(maxAttempts, batchSize, FOLLOW_MAIL_KINDS);
    if (!this.mailer.configured) {
      if (due.length > 0 && !this.warnedUnconfigured) {
        this.warnedUnconfigured = true;
        this.options.log(`Chưa cấu hình SMTP_URL: ${due.length} thư nhắc hạn đang chờ gửi trong hộp thư đi.`);
      }
      pass.pending = due.length;
      return;
    }
    for (const message of due) {
      // Keep the lease while sending; if it was lost (a very slow server), stop and let the holder go on.
      if (!(await this.takeLease())) break;
      try {
        await this.mailer.send({ to: message.recipient, subject: message.subject, text: message.body });
      } catch (err) {
        const error = (err as Error).message ?? String(err);
        await read.outbox.markFailed(message.id, error, maxAttempts);
        pass.failed.push({ recipient: message.recipient, subject: message.subject, error });
        continue;
      }
      if (await read.outbox.markSent(message.id, this.clock.now().toISOString())) pass.sent.push({ recipient: message.recipient, subject: message.subject });
    }
    pass.pending = (await read.outbox.due(maxAttempts, 10_000, FOLLOW_MAIL_KINDS)).length;
  }
}

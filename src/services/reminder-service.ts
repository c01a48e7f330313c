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
import { OutboxSender, outboxSendOptions, type OutboxSendOptions } from './outbox-sender.js';

export interface ReminderOptions extends OutboxSendOptions {
  settings: ReminderSettings;
  /** Base URL for links in e-mails (`https://dondoc.example.vn`); the staff app lives under /app. */
  publicUrl: string;
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
  private readonly sender: OutboxSender;

  constructor(
    private readonly store: Store,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    mailer: Mailer,
    options: Partial<ReminderOptions> = {},
  ) {
    this.options = {
      settings: reminderSettings(options.settings ?? DEFAULT_REMINDER_SETTINGS),
      publicUrl: (options.publicUrl ?? 'http://localhost:3000').replace(/\/+$/, ''),
      ...outboxSendOptions(options),
    };
    this.sender = new OutboxSender(store, clock, mailer, REMINDER_LEASE, this.options);
  }

  async runOnce(now: Date = this.clock.now()): Promise<ReminderPass> {
    const today = vnDate(now);
    const pass: ReminderPass = { ran: false, today, events: [], queued: [], notified: 0, sent: [], failed: [], pending: 0 };
    pass.ran = await this.sender.exclusive(async () => {
      await this.queue(now, pass);
      await this.deliver(pass);
    });
    return pass;
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

  private async deliver(pass: ReminderPass): Promise<void> {
    const read = this.store.read;
    const delivery = await this.sender.deliver({
      // Citizens' letters are the follow job's (subscription-service.ts), sent with their own headers.
      due: (maxAttempts, limit) => read.outbox.due(maxAttempts, limit, FOLLOW_MAIL_KINDS),
      unconfiguredNote: (count) => `Chưa cấu hình SMTP_URL: ${count} thư nhắc hạn đang chờ gửi trong hộp thư đi.`,
      prepare: async (message) => ({ to: message.recipient, subject: message.subject, text: message.body }),
    });
    pass.sent = delivery.sent.map((m) => ({ recipient: m.recipient, subject: m.subject }));
    pass.failed = delivery.failed.map(({ message: m, error }) => ({ recipient: m.recipient, subject: m.subject, error }));
    pass.pending = delivery.pending;
  }
}

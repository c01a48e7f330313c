import type { FastifyBaseLogger } from 'fastify';
import type { Services } from '../services/index.js';
import { intervalFromEnv, startPeriodic } from './periodic.js';

export const DEFAULT_REMINDER_INTERVAL_MS = 15 * 60_000;
const SETTINGS = { disabledVar: 'REMINDERS_DISABLED', minutesVar: 'REMINDER_INTERVAL_MINUTES', defaultMs: DEFAULT_REMINDER_INTERVAL_MS };

/**
 * Reminder passes every `everyMs` (REMINDER_INTERVAL_MINUTES, default 15; REMINDERS_DISABLED=1 turns
 * them off). Safe on every instance at once: a pass first takes the `reminders` lease in the database,
 * so one instance sends while the others skip, and every event has an idempotency key.
 */
export function reminderIntervalMs(env: NodeJS.ProcessEnv = process.env): number | null {
  return intervalFromEnv(SETTINGS, env);
}

export function startReminders(services: Services, log: FastifyBaseLogger, everyMs: number | null = reminderIntervalMs()): () => void {
  return startPeriodic(
    log,
    'reminders',
    everyMs,
    async () => {
      const pass = await services.reminders.runOnce();
      return pass.ran ? { queued: pass.queued.length, notified: pass.notified, sent: pass.sent.length, failed: pass.failed.length, pending: pass.pending } : null;
    },
    SETTINGS.disabledVar,
  );
}

import type { FastifyBaseLogger } from 'fastify';
import type { Services } from '../services/index.js';

export const DEFAULT_REMINDER_INTERVAL_MS = 15 * 60_000;

/**
 * Reminder passes every `everyMs` (REMINDER_INTERVAL_MINUTES, default 15; REMINDERS_DISABLED=1 turns
 * them off). Safe on every instance at once: a pass first takes the `reminders` lease in the database,
 * so one instance sends while the others skip, and every event has an idempotency key.
 */
export function reminderIntervalMs(env: NodeJS.ProcessEnv = process.env): number | null {
  if (env.REMINDERS_DISABLED === '1' || env.REMINDERS_DISABLED === 'true') return null;
  const minutes = Number.parseFloat(env.REMINDER_INTERVAL_MINUTES ?? '');
  return Number.isFinite(minutes) && minutes > 0 ? Math.round(minutes * 60_000) : DEFAULT_REMINDER_INTERVAL_MS;
}

export function startReminders(services: Services, log: FastifyBaseLogger, everyMs: number | null = reminderIntervalMs()): () => void {
  if (everyMs === null) {
    log.info('reminders disabled (REMINDERS_DISABLED)');
    return () => undefined;
  }
  let running = false;
  const run = async () => {
    if (running) return; // a slow SMTP server: never two passes of one instance at once
    running = true;
    try {
      const pass = await services.reminders.runOnce();
      if (pass.ran && (pass.queued.length > 0 || pass.sent.length > 0 || pass.failed.length > 0)) {
        log.info({ queued: pass.queued.length, notified: pass.notified, sent: pass.sent.length, failed: pass.failed.length, pending: pass.pending }, 'reminders');
      }
    } catch (err) {
      log.warn({ err }, 'reminders failed');
    } finally {
      running = false;
    }
  };
  const first = setTimeout(run, 5_000);
  first.unref();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}

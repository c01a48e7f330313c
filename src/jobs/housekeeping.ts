import type { FastifyBaseLogger } from 'fastify';
import type { Services } from '../services/index.js';

/**
 * Hourly clean-up of expired sessions, old sign-in attempts, and subscriptions left unconfirmed (or
 * unsubscribed) for 7 days. Safe to run on every instance at once: all are idempotent deletes.
 */
export function startHousekeeping(services: Services, log: FastifyBaseLogger, everyMs = 3600_000): () => void {
  const run = () =>
    Promise.all([services.auth.housekeeping(), services.follow.purge()]).catch((err: unknown) => log.warn({ err }, 'housekeeping failed'));
  void run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

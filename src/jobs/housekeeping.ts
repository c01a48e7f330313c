import type { FastifyBaseLogger } from 'fastify';
import type { Services } from '../services/index.js';

/**
 * Hourly clean-up of expired sessions and old sign-in attempts. Safe to run on every instance at
 * once: both are idempotent deletes.
 */
export function startHousekeeping(services: Services, log: FastifyBaseLogger, everyMs = 3600_000): () => void {
  const run = () => services.auth.housekeeping().catch((err: unknown) => log.warn({ err }, 'housekeeping failed'));
  void run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

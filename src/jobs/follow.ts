import type { FastifyBaseLogger } from 'fastify';
import type { Services } from '../services/index.js';

export const DEFAULT_FOLLOW_INTERVAL_MS = 60_000;

/**
 * Citizens' letters every `everyMs` (FOLLOW_INTERVAL_MINUTES, default 1: a confirmation letter should
 * arrive while the reader still waits for it; FOLLOW_DISABLED=1 turns it off). Safe on every instance:
 * a pass takes the `follow` lease, each digest is keyed by its subscription's watermark.
 */
export function followIntervalMs(env: NodeJS.ProcessEnv = process.env): number | null {
  if (env.FOLLOW_DISABLED === '1' || env.FOLLOW_DISABLED === 'true') return null;
  const minutes = Number.parseFloat(env.FOLLOW_INTERVAL_MINUTES ?? '');
  return Number.isFinite(minutes) && minutes > 0 ? Math.round(minutes * 60_000) : DEFAULT_FOLLOW_INTERVAL_MS;
}

export function startFollow(services: Services, log: FastifyBaseLogger, everyMs: number | null = followIntervalMs()): () => void {
  if (everyMs === null) {
    log.info('follow letters disabled (FOLLOW_DISABLED)');
    return () => undefined;
  }
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const pass = await services.follow.runOnce();
      if (pass.ran && (pass.queued.length > 0 || pass.sent.length > 0 || pass.failed.length > 0)) {
        // Counts only: the letters' addresses never reach the log.
        log.info({ queued: pass.queued.length, sent: pass.sent.length, failed: pass.failed.length, pending: pass.pending }, 'follow letters');
      }
    } catch (err) {
      log.warn({ err }, 'follow letters failed');
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

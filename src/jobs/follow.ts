import type { FastifyBaseLogger } from 'fastify';
import type { Services } from '../services/index.js';
import { intervalFromEnv, startPeriodic } from './periodic.js';

export const DEFAULT_FOLLOW_INTERVAL_MS = 60_000;
const SETTINGS = { disabledVar: 'FOLLOW_DISABLED', minutesVar: 'FOLLOW_INTERVAL_MINUTES', defaultMs: DEFAULT_FOLLOW_INTERVAL_MS };

/**
 * Citizens' letters every `everyMs` (FOLLOW_INTERVAL_MINUTES, default 1: a confirmation letter should
 * arrive while the reader still waits for it; FOLLOW_DISABLED=1 turns it off). Safe on every instance:
 * a pass takes the `follow` lease, each digest is keyed by its subscription's watermark.
 */
export function followIntervalMs(env: NodeJS.ProcessEnv = process.env): number | null {
  return intervalFromEnv(SETTINGS, env);
}

export function startFollow(services: Services, log: FastifyBaseLogger, everyMs: number | null = followIntervalMs()): () => void {
  return startPeriodic(
    log,
    'follow letters',
    everyMs,
    async () => {
      const pass = await services.follow.runOnce();
      // Counts only: the letters' addresses never reach the log.
      return pass.ran ? { queued: pass.queued.length, sent: pass.sent.length, failed: pass.failed.length, pending: pass.pending } : null;
    },
    SETTINGS.disabledVar,
  );
}

import type { FastifyBaseLogger } from 'fastify';

/** How a periodic job reads its settings: `<disabled>=1` turns it off, `<minutes>` sets its interval. */
export interface IntervalSettings {
  disabledVar: string;
  minutesVar: string;
  defaultMs: number;
}

/** The job's interval in milliseconds, or null when it is turned off. */
export function intervalFromEnv(settings: IntervalSettings, env: NodeJS.ProcessEnv = process.env): number | null {
  const disabled = env[settings.disabledVar];
  if (disabled === '1' || disabled === 'true') return null;
  const minutes = Number.parseFloat(env[settings.minutesVar] ?? '');
  return Number.isFinite(minutes) && minutes > 0 ? Math.round(minutes * 60_000) : settings.defaultMs;
}

/**
 * What a pass did: counts only (a log line never carries an address or a text). Null, or nothing done
 * (`pending` alone is what still waits, not something done): nothing to log.
 */
export type PassCounts = Record<string, number> | null;

/**
 * Runs `pass` every `everyMs` (first 5 s after start), logging what it did under `name`. One instance never
 * runs two passes at once (a slow SMTP server); several instances are kept apart by the passes' own leases.
 * Returns the function that stops it.
 */
export function startPeriodic(log: FastifyBaseLogger, name: string, everyMs: number | null, pass: () => Promise<PassCounts>, disabledVar: string): () => void {
  if (everyMs === null) {
    log.info(`${name} disabled (${disabledVar})`);
    return () => undefined;
  }
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const counts = await pass();
      if (counts && Object.entries(counts).some(([what, n]) => what !== 'pending' && n > 0)) log.info(counts, name);
    } catch (err) {
      log.warn({ err }, `${name} failed`);
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

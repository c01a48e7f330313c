import { createHash } from 'node:crypto';
import { DomainError } from '../domain/errors.js';
import { formatVi } from '../domain/schedule/calendar.js';
import type { Store } from '../db/repositories/index.js';
import type { Clock } from './clock.js';

/**
 * Rate limits of public forms and code look-ups, counted in the database (`rate_events`) so every app
 * instance sees the same counts. Keys (an IP address…) are stored hashed. A refused request is not counted:
 * a flood holds itself back, and a genuine sender who waits the time the page gives gets through.
 */
export interface Limit {
  bucket: string;
  /** Requests allowed in one window. */
  max: number;
  windowMs: number;
}

export interface Verdict {
  allowed: boolean;
  /** When the next request will be allowed (ISO), when refused. */
  retryAt: string | null;
  retryAfterSeconds: number;
}

export const TOO_MANY_REQUESTS = 'too_many_requests';

const hashKey = (key: string) => createHash('sha256').update(`dondoc-rate:${key}`).digest('hex').slice(0, 32);

/** "sau 14:05 ngày 28/11/2026" at Vietnam's time. */
export function retryWords(retryAt: string): string {
  const local = new Date(Date.parse(retryAt) + 7 * 3600_000).toISOString();
  return `sau ${local.slice(11, 16)} ngày ${formatVi(local.slice(0, 10))}`;
}

export class RateLimiter {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Whether one more request fits, without counting it. */
  async check(limit: Limit, key: string): Promise<Verdict> {
    const now = this.clock.now().getTime();
    const since = new Date(now - limit.windowMs).toISOString();
    const { count, oldest } = await this.store.read.feedback.countEvents(limit.bucket, hashKey(key), since);
    if (count < limit.max) return { allowed: true, retryAt: null, retryAfterSeconds: 0 };
    const retryMs = (oldest ? Date.parse(oldest) : now) + limit.windowMs;
    return { allowed: false, retryAt: new Date(retryMs).toISOString(), retryAfterSeconds: Math.max(1, Math.ceil((retryMs - now) / 1000)) };
  }

  /** Counts one request (and forgets the bucket's events older than the window). */
  async record(limit: Limit, key: string): Promise<void> {
    const now = this.clock.now();
    const hashed = hashKey(key);
    await this.store.transaction(async (repos) => {
      await repos.feedback.pruneEvents(limit.bucket, new Date(now.getTime() - limit.windowMs).toISOString());
      await repos.feedback.addEvent(limit.bucket, hashed, now.toISOString());
    });
  }

  /** Checks, then counts; throws a 429-kind error with the retry time in Vietnamese when over the limit. */
  async take(limit: Limit, key: string): Promise<void> {
    const verdict = await this.check(limit, key);
    if (!verdict.allowed) throw tooMany(verdict);
    await this.record(limit, key);
  }
}

export function tooMany(verdict: Verdict): DomainError {
  return new DomainError(
    'too_many_requests',
    TOO_MANY_REQUESTS,
    `Có quá nhiều yêu cầu từ địa chỉ mạng của bạn trong thời gian ngắn. Xin vui lòng thử lại ${retryWords(verdict.retryAt!)}.`,
    { retryAt: verdict.retryAt, retryAfterSeconds: verdict.retryAfterSeconds },
  );
}

/**
 * Sign-in throttling. After `maxFailures` wrong passwords within `windowMinutes` an account is
 * locked for `lockMinutes` from the last of them; an address that fails too often is slowed down
 * whatever usernames it tries.
 */
export interface LockoutPolicy {
  maxFailures: number;
  windowMinutes: number;
  lockMinutes: number;
  maxFailuresPerIp: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = {
  maxFailures: 5,
  windowMinutes: 15,
  lockMinutes: 15,
  maxFailuresPerIp: 30,
};

/** `failures` are ISO timestamps of failed attempts since the last success, newest first. */
export function lockedUntil(failures: readonly string[], now: Date, policy: LockoutPolicy): Date | null {
  if (failures.length < policy.maxFailures) return null;
  const newest = new Date(failures[0]!);
  const nth = new Date(failures[policy.maxFailures - 1]!);
  if (newest.getTime() - nth.getTime() > policy.windowMinutes * 60_000) return null;
  const until = new Date(newest.getTime() + policy.lockMinutes * 60_000);
  return until > now ? until : null;
}

export function windowStart(now: Date, policy: LockoutPolicy): string {
  return new Date(now.getTime() - Math.max(policy.windowMinutes, policy.lockMinutes) * 60_000).toISOString();
}

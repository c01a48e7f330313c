import { DEMO_PASSWORD } from './app.js';
import { startServer, type RunningServer } from './browser.js';

/**
 * A server clock that runs with real time but can be moved forward: browser tests use it to submit one
 * report before a round's deadline and another after it, in the same round. Session cookies carry no
 * expiry date, so the browser does not notice the shift; sessions idle out after 12 hours of server time.
 */
export function shiftableClock(offsetMs = 0) {
  let offset = offsetMs;
  return {
    now: () => new Date(Date.now() + offset),
    /** Sets the server's time to `at`, from now on running with real time. */
    jumpTo(at: Date) {
      offset = at.getTime() - Date.now();
    },
  };
}
export type ShiftableClock = ReturnType<typeof shiftableClock>;

/** startServer (test/support/browser.ts) with the services on the given clock. */
export function startServerWithClock(clock: { now(): Date }): Promise<RunningServer> {
  return startServer({ services: { clock } });
}

/** A signed-in API session over real HTTP (cookie and CSRF token), for test setup next to a browser. */
export async function apiSession(baseUrl: string, username: string, password = DEMO_PASSWORD) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const call = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: r.status, json: (await r.json()) as unknown };
  };
  return { get: (path: string) => call('GET', path), post: (path: string, body: unknown) => call('POST', path, body) };
}

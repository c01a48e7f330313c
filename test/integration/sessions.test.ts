import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../support/engines.js';
import { createTestApp, type TestApp } from '../support/app.js';

/** A clock the test moves by hand. */
function steppingClock(start: string) {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), advance: (minutes: number) => void (now += minutes * 60_000) };
}

describe.each(engines)('sessions on $name', (engine) => {
  const clock = steppingClock('2026-11-28T01:00:00Z');
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { clock });
  });
  afterAll(async () => t?.close());

  const sessionCount = async () => (await t.db.handle.db.selectFrom('sessions').selectAll().execute()).length;

  it('slides while in use and ends after 12 hours idle; housekeeping removes it', async () => {
    const user = await t.login('noivu');
    clock.advance(11 * 60);
    expect((await user.get('/api/v1/auth/me')).statusCode).toBe(200);
    clock.advance(11 * 60);
    expect((await user.get('/api/v1/auth/me')).statusCode).toBe(200);
    const before = await sessionCount();
    clock.advance(12 * 60 + 1);
    expect((await user.get('/api/v1/auth/me')).statusCode).toBe(401);
    await t.services.auth.housekeeping();
    expect(await sessionCount()).toBe(before - 1);
  });

  it('reports the database in /healthz', async () => {
    expect((await t.app.inject('/healthz')).statusCode).toBe(200);
  });
});

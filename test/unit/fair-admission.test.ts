import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import fairAdmission, { admitPerTurn, DEFAULT_ADMIT_PER_TURN } from '../../src/server/plugins/fair-admission.js';

/** A server whose one route records, for each request, its number and the turn of the event loop it ran in. */
async function recordingServer(perTurn: number) {
  const app = Fastify();
  await app.register(fairAdmission, { perTurn });
  let turn = 0;
  let ticking = true;
  const tick = () => {
    turn++;
    if (ticking) setImmediate(tick);
  };
  setImmediate(tick);
  const seen: Array<{ n: number; turn: number }> = [];
  app.get<{ Querystring: { n: string } }>('/', async (request) => {
    seen.push({ n: Number(request.query.n), turn });
    return { ok: true };
  });
  return { app, seen, stop: () => (ticking = false) };
}

describe('fair admission', () => {
  it('lets at most the given number of requests in per turn of the event loop, in arrival order', async () => {
    const { app, seen, stop } = await recordingServer(3);
    const answers = await Promise.all(Array.from({ length: 10 }, (_, n) => app.inject({ url: `/?n=${n}` })));
    stop();
    expect(answers.every((a) => a.statusCode === 200)).toBe(true);
    expect(seen.map((s) => s.n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const perTurn = new Map<number, number>();
    for (const s of seen) perTurn.set(s.turn, (perTurn.get(s.turn) ?? 0) + 1);
    expect(Math.max(...perTurn.values())).toBeLessThanOrEqual(3);
    expect(perTurn.size).toBeGreaterThanOrEqual(4);
    await app.close();
  });

  it('with 0 lets every request in at once', async () => {
    const { app, seen, stop } = await recordingServer(0);
    await Promise.all(Array.from({ length: 10 }, (_, n) => app.inject({ url: `/?n=${n}` })));
    stop();
    expect(seen).toHaveLength(10);
    expect(new Set(seen.map((s) => s.turn)).size).toBeLessThan(4);
    await app.close();
  });

  it('reads ADMIT_PER_TURN and refuses a value that is not a whole number', () => {
    expect(admitPerTurn({})).toBe(DEFAULT_ADMIT_PER_TURN);
    expect(admitPerTurn({ ADMIT_PER_TURN: '8' })).toBe(8);
    expect(admitPerTurn({ ADMIT_PER_TURN: '0' })).toBe(0);
    expect(() => admitPerTurn({ ADMIT_PER_TURN: 'nhiều' })).toThrow(/ADMIT_PER_TURN phải là số nguyên không âm/);
    expect(() => admitPerTurn({ ADMIT_PER_TURN: '-1' })).toThrow(/ADMIT_PER_TURN/);
  });
});

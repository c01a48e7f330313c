/**
 * Lets requests into their handlers a few at a time per turn of the event loop, in arrival order.
 *
 * Why: Node (libuv 1.46 on Linux) takes one new connection off the listen queue per turn of the loop. On
 * SQLite a request runs synchronously from start to finish, so under a surge one turn can serve hundreds of
 * requests already read (≈300 ms) before the next connection is accepted: with 500 readers, new connections
 * waited in the kernel's queue for up to 10 s and timed out while the server answered every request it had
 * read within 250 ms (bench/portal-load.bench.ts; docs/benchmarks.md "500 concurrent readers"). Gating keeps
 * each turn short, so connections are accepted at once and every reader is served in turn — throughput stays
 * the same, the longest wait fell from 10 s to about 2 s.
 */
import type { FastifyInstance, HookHandlerDoneFunction } from 'fastify';
import fp from 'fastify-plugin';

export interface FairAdmissionOptions {
  /** Requests let in per turn of the event loop (ADMIT_PER_TURN); 0 turns the gate off. */
  perTurn: number;
}

/** The default of ADMIT_PER_TURN: measured best between 2 and 8 with 500 readers on 2 cores. */
export const DEFAULT_ADMIT_PER_TURN = 4;

export function admitPerTurn(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.ADMIT_PER_TURN;
  if (raw === undefined || raw === '') return DEFAULT_ADMIT_PER_TURN;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`ADMIT_PER_TURN phải là số nguyên không âm (đang là "${raw}").`);
  return value;
}

async function fairAdmission(app: FastifyInstance, options: FairAdmissionOptions): Promise<void> {
  const perTurn = options.perTurn;
  if (perTurn === 0) return;
  const waiting: HookHandlerDoneFunction[] = [];
  let scheduled = false;

  const admit = () => {
    scheduled = false;
    for (let i = 0; i < perTurn && waiting.length > 0; i++) waiting.shift()!();
    if (waiting.length > 0) schedule();
  };
  const schedule = () => {
    scheduled = true;
    setImmediate(admit);
  };

  app.addHook('onRequest', (_request, _reply, done) => {
    waiting.push(done);
    if (!scheduled) schedule();
  });
}

export default fp(fairAdmission, { name: 'fair-admission' });

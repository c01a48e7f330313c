/**
 * Closed-loop readers over node:http for bench/portal-load.bench.ts: `connections` readers, each with its own
 * keep-alive connection (an Agent of one socket), sending the next request as soon as the last answer is
 * read, cycling over the same request list from a different starting point. Each request's time runs from
 * the call to the end of its body; a request unanswered after `timeoutMs` is a timeout (its connection is
 * dropped and the reader goes on with a new one).
 */
import http from 'node:http';

export interface ReaderRequest {
  path: string;
  headers?: Record<string, string>;
}

export interface ReadersResult {
  latencies: number[];
  statuses: Map<number, number>;
  errors: number;
  timeouts: number;
  /** Answer times per path. */
  byPath: Map<string, number[]>;
}

export async function runReaders(o: { host: string; port: number; connections: number; seconds: number; timeoutMs: number; requests: readonly ReaderRequest[] }): Promise<ReadersResult> {
  const out: ReadersResult = { latencies: [], statuses: new Map(), errors: 0, timeouts: 0, byPath: new Map() };
  const until = performance.now() + o.seconds * 1000;
  const one = (agent: http.Agent, r: ReaderRequest) =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = http.request({ host: o.host, port: o.port, path: r.path, headers: r.headers ?? {}, agent }, (res) => {
        res.on('data', () => {});
        res.on('end', () => {
          const ms = performance.now() - t0;
          out.latencies.push(ms);
          out.statuses.set(res.statusCode ?? 0, (out.statuses.get(res.statusCode ?? 0) ?? 0) + 1);
          (out.byPath.get(r.path) ?? out.byPath.set(r.path, []).get(r.path)!).push(ms);
          resolve();
        });
        res.on('error', () => {
          out.errors++;
          resolve();
        });
      });
      req.setTimeout(o.timeoutMs, () => {
        out.timeouts++;
        req.destroy(new Error('timeout'));
      });
      req.on('error', (err) => {
        if (err.message !== 'timeout') out.errors++;
        resolve();
      });
      req.end();
    });
  const reader = async (k: number) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    for (let i = k; performance.now() < until; i++) await one(agent, o.requests[i % o.requests.length]!);
    agent.destroy();
  };
  await Promise.all(Array.from({ length: o.connections }, (_, k) => reader(k)));
  return out;
}

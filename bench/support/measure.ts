/** Timing pieces shared by the benchmarks: load average, percentiles, a timed walk of public URLs, a session. */
import { loadavg } from 'node:os';
import type { FastifyInstance } from 'fastify';

/** The machine's load average, printed first by every bench (the figures depend on it). */
export function loadAverage(): string {
  return loadavg().map((l) => l.toFixed(2)).join(' ');
}

/** The q-quantile (0..1) of an ascending list of times. */
export function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;
}

export interface UrlMeasureOptions {
  runs: number;
  /** Warm p95 over this is a failure. */
  targetMs: number;
  /** An HTML page of this many KB or more is a failure; none when unset. */
  pageLimitKb?: number;
  /** The status the first answer must have (default 200). */
  expectedStatus?: (url: string) => number;
  /** Prints the first (cold) request's time too. */
  showCold?: boolean;
  /** Collects one row per URL (for a markdown table at the end). */
  rows?: MeasuredUrl[];
}

export interface MeasuredUrl {
  label: string;
  url: string;
  coldMs: number;
  medianMs: number;
  p95Ms: number;
  kb: number;
  over: boolean;
}

/** The rows as a markdown table: one line per URL. */
export function markdownTable(rows: readonly MeasuredUrl[]): string {
  const lines = ['| data | path | cold (ms) | warm median (ms) | warm p95 (ms) | size (KB) | |', '|---|---|---|---|---|---|---|'];
  for (const r of rows) lines.push(`| ${r.label} | \`${r.url}\` | ${r.coldMs.toFixed(0)} | ${r.medianMs.toFixed(1)} | ${r.p95Ms.toFixed(1)} | ${r.kb.toFixed(1)} | ${r.over ? '**over**' : ''} |`);
  return lines.join('\n');
}

/**
 * Requests each URL once (checking its status), then `runs` times more, through inject without a session;
 * prints median, p95 and size per URL and answers whether any was over its target.
 */
export async function measureUrls(label: string, app: FastifyInstance, urls: string[], o: UrlMeasureOptions): Promise<boolean> {
  let anyOver = false;
  for (const url of urls) {
    const t0 = performance.now();
    const first = await app.inject(url);
    const cold = performance.now() - t0;
    if (first.statusCode !== (o.expectedStatus?.(url) ?? 200)) throw new Error(`${url}: ${first.statusCode}`);
    const times: number[] = [];
    for (let i = 0; i < o.runs; i++) {
      const s = performance.now();
      await app.inject(url);
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    const p95 = percentile(times, 0.95);
    const kb = first.rawPayload.length / 1024;
    const isPage = String(first.headers['content-type']).startsWith('text/html');
    const over = p95 > o.targetMs || (o.pageLimitKb !== undefined && isPage && kb >= o.pageLimitKb);
    anyOver ||= over;
    o.rows?.push({ label, url, coldMs: cold, medianMs: times[times.length >> 1]!, p95Ms: p95, kb, over });
    const timing = o.showCold ? `cold ${cold.toFixed(0)} ms, warm median` : 'median';
    console.log(`${label} ${url}: ${timing} ${times[times.length >> 1]!.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, ${kb.toFixed(1)} KB${over ? `  OVER ${o.targetMs} ms` : ''}`);
  }
  return anyOver;
}

/** Signs `username` in through the API; answers the session cookie header. */
export async function sessionCookie(app: FastifyInstance, username: string, password: string): Promise<string> {
  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode} ${login.body}`);
  return `dondoc_session=${login.cookies.find((c) => c.name === 'dondoc_session')!.value}`;
}

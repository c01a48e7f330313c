import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { admitPerTurn } from './plugins/fair-admission.js';

export interface ServerConfig {
  host: string;
  port: number;
  /** Trust X-Forwarded-* from a reverse proxy (for the client address and https detection). */
  trustProxy: boolean;
  /** The built staff app (vite build output); absent in a bare checkout. */
  webRoot: string | null;
  bodyLimitBytes: number;
  logLevel: string;
  /** Requests let into their handlers per turn of the event loop (plugins/fair-admission.ts); 0: no gate. */
  admitPerTurn: number;
}

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function defaultWebRoot(): string | null {
  const dir = join(projectRoot, 'dist', 'web');
  return existsSync(join(dir, 'index.html')) ? dir : null;
}

export function serverConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    host: process.env.HOST ?? '0.0.0.0',
    port: Number(process.env.PORT ?? 3000),
    trustProxy: process.env.TRUST_PROXY === '1' || process.env.TRUST_PROXY === 'true',
    webRoot: defaultWebRoot(),
    bodyLimitBytes: 1024 * 1024,
    logLevel: process.env.LOG_LEVEL ?? 'info',
    admitPerTurn: admitPerTurn(),
    ...overrides,
  };
}

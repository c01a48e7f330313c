import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { createServices, type Services } from '../../src/services/index.js';
import { loadDemo } from '../../src/demo/load.js';
import type { Clock } from '../../src/services/clock.js';
import type { TestEngine, TestDatabase } from './engines.js';

export const DEMO_PASSWORD = 'P';

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  db: TestDatabase;
  /** Signs in through the API and returns a client that sends the cookie and CSRF token. */
  login(username: string, password?: string): Promise<Client>;
  /** A client with no session at all. */
  anonymous: Client;
  close(): Promise<void>;
}

export interface Client {
  csrfToken: string | null;
  request(opts: InjectOptions & { csrf?: boolean }): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, payload?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

function client(app: FastifyInstance, cookie: string | null, csrfToken: string | null): Client {
  const request = (opts: InjectOptions & { csrf?: boolean }) => {
    const headers: Record<string, string> = { ...(opts.headers as Record<string, string> | undefined) };
    if (cookie) headers.cookie = cookie;
    if (csrfToken && opts.csrf !== false) headers['x-csrf-token'] = csrfToken;
    return app.inject({ ...opts, headers });
  };
  return {
    csrfToken,
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, payload) => request({ method: 'POST', url, ...(payload === undefined ? {} : { payload: payload as object }) }),
    patch: (url, payload, headers) => request({ method: 'PATCH', url, payload: payload as object, ...(headers ? { headers } : {}) }),
    delete: (url) => request({ method: 'DELETE', url }),
  };
}

/** A real app on a real database (either engine) with the demo loaded; requests go through inject(). */
export async function createTestApp(engine: TestEngine, options: { clock?: Clock } = {}): Promise<TestApp> {
  const db = await engine.open();
  const services = createServices(db.handle, options.clock ? { clock: options.clock } : {});
  await loadDemo(services, DEMO_PASSWORD);
  const app = await buildApp(services, { logger: false, webRoot: null });
  await app.ready();
  return {
    app,
    services,
    db,
    anonymous: client(app, null, null),
    async login(username, password = DEMO_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const setCookie = res.cookies.find((c) => c.name === 'dondoc_session');
      return client(app, `dondoc_session=${setCookie!.value}`, (res.json() as { csrfToken: string }).csrfToken);
    },
    async close() {
      await app.close();
      await db.cleanup();
    },
  };
}

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import type { Services } from '../services/index.js';
import { serverConfig, type ServerConfig } from './config.js';
import { errorBody, handleError } from './errors.js';
import { webNotBuiltPage } from './pages.js';
import authPlugin from './plugins/auth.js';
import fairAdmission from './plugins/fair-admission.js';
import { portalNotFound, portalRoutes } from './portal/index.js';
import { sendBadRequest as portalBadRequest } from './portal/respond.js';
import { apiRoutes } from './routes/index.js';
import { open311Routes } from './routes/open311.js';
import { MAX_PLAN_FILE_BYTES } from './routes/plans.js';

export interface RegisteredRoute {
  method: string;
  url: string;
  public: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    registeredRoutes: RegisteredRoute[];
  }
}

/**
 * Builds the HTTP server around the services. Nothing here decides a rule: handlers validate input
 * (JSON schemas), call a service, and shape the reply.
 */
export async function buildApp(services: Services, overrides: Partial<ServerConfig> & { logger?: boolean } = {}): Promise<FastifyInstance> {
  const config = serverConfig(overrides);
  const app = Fastify({
    logger:
      overrides.logger === false
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
          },
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    },
    requestIdHeader: false,
    trustProxy: config.trustProxy,
    bodyLimit: config.bodyLimitBytes,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  });

  // Kept so a test can walk every route and prove that none is open by accident.
  const routes: RegisteredRoute[] = [];
  app.decorate('registeredRoutes', routes);
  app.addHook('onRoute', (route) => {
    // The staff app's shell and bundles are the sign-in page itself: they must load for strangers.
    if (route.url.startsWith('/app/')) route.config = { ...(route.config ?? {}), public: true };
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) routes.push({ method, url: route.url, public: Boolean(route.config?.public) });
  });

  app.setErrorHandler(handleError);
  await app.register(fairAdmission, { perTurn: config.admitPerTurn });
  app.addHook('onSend', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
  });
  // PostgreSQL cannot store U+0000 in text (SQLite can): refuse it up front, the same on both engines.
  app.addHook('preValidation', async (request, reply) => {
    if (containsNul(request.body) || containsNul(request.query)) {
      // A public page answers in HTML; the API in JSON.
      if (request.method === 'GET' && !request.url.startsWith('/api/')) return portalBadRequest(request, reply, 'Địa chỉ chứa ký tự không hợp lệ (ký tự NUL, mã U+0000). Vui lòng nhập lại từ khóa.');
      return reply.status(400).send(errorBody('invalid_input', 'Dữ liệu gửi lên chứa ký tự không hợp lệ (ký tự NUL, mã U+0000).'));
    }
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine sets inline style attributes on components.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    referrerPolicy: { policy: 'same-origin' },
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: MAX_PLAN_FILE_BYTES, files: 1, fields: 20, fieldSize: 1024 * 1024 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Dondoc API', version: '1', description: 'API của Dondoc. Lỗi trả về {"error":{"code","message"}}.' },
    },
  });
  await app.register(authPlugin, { services });

  app.get('/healthz', { config: { public: true }, schema: { hide: true } }, async (_request, reply) =>
    (await services.health.check())
      ? { status: 'ok' }
      : reply.status(503).send({ status: 'error', message: 'Không kết nối được cơ sở dữ liệu.' }),
  );
  for (const url of ['/api/docs', '/api/docs/openapi.json']) {
    app.get(url, { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  }
  await app.register(apiRoutes(services), { prefix: '/api/v1' });

  // Open311 GeoReport v2 for civic apps: public JSON over the feedback cases.
  await app.register(open311Routes(services), { prefix: '/open311/v2' });
  // The public portal (/, /ke-hoach, /cong-khai…): server-rendered pages, see src/server/portal.
  await app.register(portalRoutes(services));

  const indexHtml = config.webRoot ? readFileSync(join(config.webRoot, 'index.html'), 'utf8') : null;
  if (config.webRoot) {
    await app.register(fastifyStatic, {
      root: config.webRoot,
      prefix: '/app/',
      index: false,
      wildcard: false,
      cacheControl: false,
      setHeaders: (res, path) => {
        // Hashed bundle names never change content; the HTML shell must always be fresh.
        res.header('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  const sendApp = (_request: unknown, reply: import('fastify').FastifyReply) =>
    indexHtml
      ? reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').send(indexHtml)
      : reply.status(503).type('text/html; charset=utf-8').send(webNotBuiltPage());
  app.get('/app', { config: { public: true }, schema: { hide: true } }, (_request, reply) => reply.redirect('/app/'));
  app.get('/app/*', { config: { public: true }, schema: { hide: true } }, sendApp);

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/')) {
      return reply.status(404).send(errorBody('not_found', `Không có đường dẫn ${request.method} ${request.url.split('?')[0]}.`));
    }
    return portalNotFound(request, reply);
  });

  return app;
}

function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (value === null || typeof value !== 'object' || depth > 32) return false;
  for (const [key, item] of Object.entries(value)) if (key.includes('\u0000') || containsNul(item, depth + 1)) return true;
  return false;
}

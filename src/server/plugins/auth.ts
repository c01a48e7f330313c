import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Authenticated } from '../../services/auth-service.js';
import type { Services } from '../../services/index.js';
import { errorBody } from '../errors.js';

export const SESSION_COOKIE = 'dondoc_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    auth: Authenticated | null;
  }
  interface FastifyContextConfig {
    /** Routes are closed by default; a route opens itself with `config: { public: true }`. */
    public?: boolean;
  }
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Who is asking: a session cookie or a personal API token. Every route needs a signed-in user
 * unless it says it is public, and every cookie-authenticated write must carry the CSRF token.
 * What the user may do is decided by the policy module inside the services, not here.
 */
async function authPlugin(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { auth } = opts.services;
  app.decorateRequest('auth', null);

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      request.auth = (await auth.fromApiToken(header.slice(7).trim())) ?? null;
      if (!request.auth) {
        return reply.status(401).send(errorBody('invalid_token', 'Mã truy cập không hợp lệ, đã hết hạn hoặc đã bị thu hồi.'));
      }
    } else {
      const cookie = request.cookies[SESSION_COOKIE];
      request.auth = cookie ? ((await auth.fromSession(cookie)) ?? null) : null;
    }

    if (request.routeOptions.config?.public || request.is404) return;
    if (!request.auth) {
      return reply.status(401).send(errorBody('unauthenticated', 'Bạn cần đăng nhập để tiếp tục.'));
    }
    const session = request.auth.session;
    if (session && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameToken(sent, session.csrfToken)) {
        return reply.status(403).send(errorBody('csrf', 'Thiếu hoặc sai mã chống giả mạo yêu cầu (X-CSRF-Token). Hãy tải lại trang.'));
      }
    }
  });
}

export default fp(authPlugin, { name: 'dondoc-auth' });

/** The signed-in user of a non-public route (the hook above guarantees one). */
export function authOf(request: FastifyRequest): Authenticated {
  if (!request.auth) throw new Error('authOf() called on a route without a signed-in user');
  return request.auth;
}

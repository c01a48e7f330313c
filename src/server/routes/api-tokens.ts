import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.js';
import { authOf } from '../plugins/auth.js';
import { CreateTokenBody } from '../schemas/accounts.js';
import { IdParams } from '../schemas/common.js';

export async function apiTokenRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.get('/tokens', { schema: { tags: ['tokens'] } }, async (request) => services.apiTokens.list(authOf(request).actor));

  app.post<{ Body: CreateTokenBody }>('/tokens', { schema: { tags: ['tokens'], body: CreateTokenBody } }, async (request, reply) => {
    const { token, apiToken } = await services.apiTokens.create(authOf(request).actor, request.body.name, request.body.expiresAt ?? null);
    // The secret is shown this once; only its hash is kept.
    return reply.status(201).send({ ...apiToken, token });
  });

  app.delete<{ Params: { id: number } }>('/tokens/:id', { schema: { tags: ['tokens'], params: IdParams } }, async (request) =>
    services.apiTokens.revoke(authOf(request).actor, request.params.id),
  );
}

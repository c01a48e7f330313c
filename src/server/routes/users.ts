import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.js';
import { authOf } from '../plugins/auth.js';
import { CreateUserBody, ResetPasswordBody, UpdateUserBody, UserListQuery } from '../schemas/accounts.js';
import { IdParams, versionFromIfMatch } from '../schemas/common.js';

type Id = { id: number };

export async function userRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.get<{ Querystring: UserListQuery }>('/users', { schema: { tags: ['users'], querystring: UserListQuery } }, async (request) =>
    services.accounts.list(authOf(request).actor, request.query.q),
  );

  app.get<{ Params: Id }>('/users/:id', { schema: { tags: ['users'], params: IdParams } }, async (request) =>
    services.accounts.get(authOf(request).actor, request.params.id),
  );

  app.post<{ Body: CreateUserBody }>('/users', { schema: { tags: ['users'], body: CreateUserBody } }, async (request, reply) => {
    const user = await services.accounts.create(authOf(request).actor, request.body);
    return reply.status(201).header('Location', `/api/v1/users/${user.id}`).send(user);
  });

  app.patch<{ Params: Id; Body: UpdateUserBody }>(
    '/users/:id',
    { schema: { tags: ['users'], params: IdParams, body: UpdateUserBody } },
    async (request) => {
      const { version, ...changes } = request.body;
      const expected = versionFromIfMatch(request.headers['if-match']) ?? version;
      return services.accounts.update(authOf(request).actor, request.params.id, changes, expected);
    },
  );

  app.post<{ Params: Id; Body: ResetPasswordBody }>(
    '/users/:id/password',
    { schema: { tags: ['users'], params: IdParams, body: ResetPasswordBody } },
    async (request, reply) => {
      await services.accounts.resetPassword(authOf(request).actor, request.params.id, request.body.password);
      return reply.status(204).send();
    },
  );
}

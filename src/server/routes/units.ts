import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.js';
import { authOf } from '../plugins/auth.js';
import { IdParams, versionFromIfMatch } from '../schemas/common.js';
import { CreateUnitBody, MergeUnitBody, UnitListQuery, UpdateUnitBody } from '../schemas/units.js';

type Id = { id: number };

export async function unitRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.get<{ Querystring: UnitListQuery }>('/units', { schema: { tags: ['units'], querystring: UnitListQuery } }, async (request) =>
    services.units.list(authOf(request).actor, request.query),
  );

  app.get<{ Params: Id }>('/units/:id', { schema: { tags: ['units'], params: IdParams } }, async (request, reply) => {
    const unit = await services.units.get(authOf(request).actor, request.params.id);
    return reply.header('ETag', `"${unit.version}"`).send(unit);
  });

  app.post<{ Body: CreateUnitBody }>('/units', { schema: { tags: ['units'], body: CreateUnitBody } }, async (request, reply) => {
    const unit = await services.units.create(authOf(request).actor, request.body);
    return reply.status(201).header('Location', `/api/v1/units/${unit.id}`).header('ETag', `"${unit.version}"`).send(unit);
  });

  app.patch<{ Params: Id; Body: UpdateUnitBody }>(
    '/units/:id',
    { schema: { tags: ['units'], params: IdParams, body: UpdateUnitBody } },
    async (request, reply) => {
      const { version, ...changes } = request.body;
      const expected = versionFromIfMatch(request.headers['if-match']) ?? version;
      const unit = await services.units.update(authOf(request).actor, request.params.id, changes, expected);
      return reply.header('ETag', `"${unit.version}"`).send(unit);
    },
  );

  app.post<{ Params: Id; Body: MergeUnitBody }>(
    '/units/:id/merge',
    { schema: { tags: ['units'], params: IdParams, body: MergeUnitBody } },
    async (request) => services.units.merge(authOf(request).actor, request.params.id, request.body.intoId, request.body.date),
  );
}

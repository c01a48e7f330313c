import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.js';
import { authOf } from '../plugins/auth.js';
import { versionFromIfMatch } from '../schemas/common.js';

// Dates and years are checked by the service, so a bad one gets its own Vietnamese sentence.
const YearQuery = Type.Object({ year: Type.Optional(Type.Integer()) }, { additionalProperties: false });
type YearQuery = Static<typeof YearQuery>;

const DateParams = Type.Object({ date: Type.String({ maxLength: 40 }) });
type DateParams = Static<typeof DateParams>;

const OverrideBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('off'), Type.Literal('working')]),
    name: Type.String({ maxLength: 400 }),
    note: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  },
  { additionalProperties: false },
);
type OverrideBody = Static<typeof OverrideBody>;

const DueQuery = Type.Object(
  {
    start: Type.String({ maxLength: 40 }),
    days: Type.Integer({ minimum: 0 }),
    count: Type.Optional(Type.Union([Type.Literal('working'), Type.Literal('calendar')])),
  },
  { additionalProperties: false },
);
type DueQuery = Static<typeof DueQuery>;

/** Issue 6: the working calendar (days off, make-up Saturdays) and explained due dates. */
export async function calendarRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.get<{ Querystring: YearQuery }>('/calendar', { schema: { tags: ['calendar'], querystring: YearQuery } }, async (request) => {
    const year = request.query.year ?? Number(services.clock.now().toISOString().slice(0, 4));
    return services.calendar.year(authOf(request).actor, year);
  });

  app.get<{ Querystring: DueQuery }>('/calendar/due', { schema: { tags: ['calendar'], querystring: DueQuery } }, async (request) => {
    authOf(request);
    const q = request.query;
    return services.calendar.due({ start: q.start, days: q.days, count: q.count ?? 'working' });
  });

  app.put<{ Params: DateParams; Body: OverrideBody }>(
    '/calendar/:date',
    { schema: { tags: ['calendar'], params: DateParams, body: OverrideBody } },
    async (request) =>
      services.calendar.set(
        authOf(request).actor,
        request.params.date,
        { kind: request.body.kind, name: request.body.name, note: request.body.note ?? null },
        versionFromIfMatch(request.headers['if-match']),
      ),
  );

  app.delete<{ Params: DateParams }>('/calendar/:date', { schema: { tags: ['calendar'], params: DateParams } }, async (request, reply) => {
    await services.calendar.clear(authOf(request).actor, request.params.date);
    return reply.status(204).send();
  });
}

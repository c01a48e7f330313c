import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../services/index.js';
import { authOf } from '../plugins/auth.js';
import { IdParams } from '../schemas/common.js';
import {
  ContributionBody,
  DatesBody,
  DecisionBody,
  ExtensionQuery,
  NewExtensionBody,
  ReportListQuery,
  TriggerBody,
} from '../schemas/extensions.js';

type Id = { id: number };

/** A decision or a contribution may be posted with no body at all. */
const emptyBodyIsObject = async (request: FastifyRequest) => {
  request.body ??= {};
};

/**
 * Issue 4, items 1–2 (contracts.md, H5): "my reports", deadline extensions (gia hạn), the schedule
 * events of event and unspecified tasks, and coordinating units' contributions to a round.
 */
export async function extensionRoutes(app: FastifyInstance, services: Services): Promise<void> {
  // ---- my reports ---------------------------------------------------------------------------
  app.get<{ Querystring: ReportListQuery }>('/reports', { schema: { tags: ['reporting'], querystring: ReportListQuery } }, async (request) => {
    const { mine, status, planId } = request.query;
    const items = await services.reportList.list(authOf(request).actor, {
      mine: mine === '1' || mine === 'true',
      ...(status !== undefined ? { status } : {}),
      ...(planId !== undefined ? { planId } : {}),
    });
    return { items };
  });

  // ---- extensions ---------------------------------------------------------------------------
  app.post<{ Body: NewExtensionBody }>('/extensions', { schema: { tags: ['reporting'], body: NewExtensionBody } }, async (request, reply) => {
    const b = request.body;
    const ext = await services.extensions.request(authOf(request).actor, {
      assignmentId: b.assignmentId,
      dueDate: b.dueDate,
      requestedDate: b.requestedDate,
      reason: b.reason ?? '',
    });
    return reply.status(201).header('Location', `/api/v1/extensions/${ext.id}`).send(ext);
  });

  app.get<{ Querystring: ExtensionQuery }>('/extensions', { schema: { tags: ['reporting'], querystring: ExtensionQuery } }, async (request) => ({
    items: await services.extensions.list(authOf(request).actor, request.query),
  }));

  app.get<{ Params: Id }>('/extensions/:id', { schema: { tags: ['reporting'], params: IdParams } }, async (request) =>
    services.extensions.get(authOf(request).actor, request.params.id),
  );

  app.post<{ Params: Id; Body: DecisionBody }>(
    '/extensions/:id/approve',
    { schema: { tags: ['reporting'], params: IdParams, body: DecisionBody }, preValidation: emptyBodyIsObject },
    async (request) => services.extensions.approve(authOf(request).actor, request.params.id, request.body.comment ?? null),
  );

  app.post<{ Params: Id; Body: DecisionBody }>(
    '/extensions/:id/refuse',
    { schema: { tags: ['reporting'], params: IdParams, body: DecisionBody }, preValidation: emptyBodyIsObject },
    async (request) => services.extensions.refuse(authOf(request).actor, request.params.id, request.body.comment ?? null),
  );

  // ---- task schedule events -----------------------------------------------------------------
  app.get<{ Params: Id }>('/tasks/:id/schedule-events', { schema: { tags: ['reporting'], params: IdParams } }, async (request) =>
    services.scheduleEvents.get(authOf(request).actor, request.params.id),
  );

  app.post<{ Params: Id; Body: TriggerBody }>(
    '/tasks/:id/trigger',
    { schema: { tags: ['reporting'], params: IdParams, body: TriggerBody } },
    async (request, reply) => {
      const view = await services.scheduleEvents.recordTrigger(authOf(request).actor, request.params.id, request.body);
      return reply.status(201).send(view);
    },
  );

  app.put<{ Params: Id; Body: DatesBody }>('/tasks/:id/dates', { schema: { tags: ['reporting'], params: IdParams, body: DatesBody } }, async (request) =>
    services.scheduleEvents.setDates(authOf(request).actor, request.params.id, request.body),
  );

  // ---- contributions ------------------------------------------------------------------------
  app.post<{ Params: Id; Body: ContributionBody }>(
    '/rounds/:id/contribution',
    { schema: { tags: ['reporting'], params: IdParams, body: ContributionBody }, preValidation: emptyBodyIsObject },
    async (request, reply) => {
      const { created, report } = await services.coordination.contribute(authOf(request).actor, request.params.id, request.body);
      return reply
        .status(created ? 201 : 200)
        .header('ETag', `"${report.version}"`)
        .header('Location', `/api/v1/reports/${report.id}`)
        .send(report);
    },
  );
}

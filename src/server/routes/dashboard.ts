import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ASSIGNMENT_STATUSES } from '../../domain/reporting/status.js';
import type { Services } from '../../services/index.js';
import { authOf } from '../plugins/auth.js';

const DashboardQuery = Type.Object(
  {
    planId: Type.Integer({ minimum: 1 }),
    /** Days ahead for the upcoming dues; 30 by default. */
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: 366 })),
  },
  { additionalProperties: false },
);
type DashboardQuery = Static<typeof DashboardQuery>;

const AssignmentsQuery = Type.Object(
  {
    planId: Type.Integer({ minimum: 1 }),
    status: Type.Optional(Type.Union(ASSIGNMENT_STATUSES.map((s) => Type.Literal(s)))),
    unitId: Type.Optional(Type.Integer({ minimum: 1 })),
    /** A dimension key; empty for tasks without one. */
    dimension: Type.Optional(Type.String({ maxLength: 64 })),
    taskId: Type.Optional(Type.Integer({ minimum: 1 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  { additionalProperties: false },
);
type AssignmentsQuery = Static<typeof AssignmentsQuery>;

export async function dashboardRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.get<{ Querystring: DashboardQuery }>('/dashboard', { schema: { tags: ['reporting'], querystring: DashboardQuery } }, async (request) =>
    services.dashboard.get(authOf(request).actor, request.query.planId, request.query.days !== undefined ? { horizonDays: request.query.days } : {}),
  );

  /** The plan's lead assignments with their status now, filtered and paged: { total, items }. */
  app.get<{ Querystring: AssignmentsQuery }>('/dashboard/assignments', { schema: { tags: ['reporting'], querystring: AssignmentsQuery } }, async (request) => {
    const { planId, ...filter } = request.query;
    return services.dashboard.assignments(authOf(request).actor, planId, filter);
  });
}

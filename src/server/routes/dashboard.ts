import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
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

export async function dashboardRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.get<{ Querystring: DashboardQuery }>('/dashboard', { schema: { tags: ['reporting'], querystring: DashboardQuery } }, async (request) =>
    services.dashboard.get(authOf(request).actor, request.query.planId, request.query.days !== undefined ? { horizonDays: request.query.days } : {}),
  );
}

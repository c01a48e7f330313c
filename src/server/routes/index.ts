import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.js';
import { errorBody } from '../errors.js';
import { apiTokenRoutes } from './api-tokens.js';
import { auditRoutes } from './audit.js';
import { authRoutes } from './auth.js';
import { campaignRoutes } from './campaigns.js';
import { calendarRoutes } from './calendar.js';
import { deadlineRoutes } from './deadlines.js';
import { unitRoutes } from './units.js';
import { userRoutes } from './users.js';
import { planRoutes } from './plans.js';
import { planExportRoutes } from './plan-export.js';
import { reportingRoutes } from './reporting.js';
import { consolidationRoutes } from './consolidation.js';
import { evidenceRoutes } from './evidence.js';
import { dashboardRoutes } from './dashboard.js';
import { disclosureRoutes } from './disclosures.js';
import { extensionRoutes } from './extensions.js';
import { feedbackRoutes } from './feedback.js';
import { notificationRoutes } from './notifications.js';
import { receptionRoutes } from './reception.js';
import { surveyRoutes } from './surveys.js';

/** Every route of /api/v1, given the services built by the composition root. */
export function apiRoutes(services: Services) {
  return async (api: FastifyInstance): Promise<void> => {
    await authRoutes(api, services);
    await unitRoutes(api, services);
    await userRoutes(api, services);
    await apiTokenRoutes(api, services);
    await auditRoutes(api, services);
    await planRoutes(api, services);
    await planExportRoutes(api, services);
    await reportingRoutes(api, services);
    await consolidationRoutes(api, services);
    await evidenceRoutes(api, services);
    await dashboardRoutes(api, services);
    await disclosureRoutes(api, services);
    await extensionRoutes(api, services);
    await notificationRoutes(api, services);
    await receptionRoutes(api, services);
    await feedbackRoutes(api, services);
    await campaignRoutes(api, services);
    await calendarRoutes(api, services);
    await surveyRoutes(api, services);
    await deadlineRoutes(api);
    api.setNotFoundHandler({}, (request, reply) =>
      reply.status(404).send(errorBody('not_found', `Không có đường dẫn API ${request.method} ${request.url.split('?')[0]}.`)),
    );
  };
}

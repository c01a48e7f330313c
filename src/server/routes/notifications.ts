import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.js';
import { authOf } from '../plugins/auth.js';
import { IdParams } from '../schemas/common.js';
import { NotificationList, NotificationListQuery, NotificationSchema, UnreadCount } from '../schemas/notifications.js';

type Id = { id: number };

/** The signed-in user's own in-app notifications (reminders about report deadlines). */
export async function notificationRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.get<{ Querystring: NotificationListQuery }>(
    '/notifications',
    { schema: { tags: ['notifications'], querystring: NotificationListQuery, response: { 200: NotificationList } } },
    async (request) => {
      const unreadOnly = request.query.unread === '1' || request.query.unread === 'true';
      return services.notifications.list(authOf(request).actor, { unreadOnly, ...(request.query.limit ? { limit: request.query.limit } : {}) });
    },
  );

  app.post<{ Params: Id }>(
    '/notifications/:id/read',
    { schema: { tags: ['notifications'], params: IdParams, response: { 200: NotificationSchema } } },
    async (request) => services.notifications.markRead(authOf(request).actor, request.params.id),
  );

  app.post(
    '/notifications/read-all',
    { schema: { tags: ['notifications'], response: { 200: UnreadCount } } },
    async (request) => services.notifications.markAllRead(authOf(request).actor),
  );
}

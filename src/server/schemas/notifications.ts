import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from './common.js';

export const NotificationSchema = Type.Object({
  id: Type.Integer(),
  /** due_soon | overdue */
  kind: Type.String(),
  title: Type.String(),
  body: Type.String(),
  /** A staff-app path, such as /bao-cao/so/7. */
  link: Nullable(Type.String()),
  createdAt: Type.String(),
  readAt: Nullable(Type.String()),
});

export const NotificationList = Type.Object({
  items: Type.Array(NotificationSchema),
  /** How many of the user's notifications are unread (all of them, not only those listed). */
  unread: Type.Integer(),
});

export const NotificationListQuery = Type.Object(
  {
    /** 1: only unread ones. */
    unread: Type.Optional(Type.Union([Type.Literal('0'), Type.Literal('1'), Type.Literal('true'), Type.Literal('false')])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type NotificationListQuery = Static<typeof NotificationListQuery>;

export const UnreadCount = Type.Object({ unread: Type.Integer() });

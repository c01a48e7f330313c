import type { Actor } from '../domain/accounts/actor.js';
import { notFound } from '../domain/errors.js';
import { authorize } from '../domain/policies/index.js';
import type { Store } from '../db/repositories/index.js';
import type { NotificationRow } from '../db/repositories/notifications.js';
import type { Clock } from './clock.js';

export interface NotificationView {
  id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

const view = (n: NotificationRow): NotificationView => ({
  id: n.id,
  kind: n.kind,
  title: n.title,
  body: n.body,
  link: n.link,
  createdAt: n.createdAt,
  readAt: n.readAt,
});

/** The signed-in user's own in-app notifications. Marking read is not audited: it changes nothing shared. */
export class NotificationService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, options: { unreadOnly?: boolean; limit?: number } = {}): Promise<{ items: NotificationView[]; unread: number }> {
    const userId = ownerOf(actor);
    authorize(actor, 'list', 'Notification', { userId });
    const [rows, unread] = await Promise.all([
      this.store.read.notifications.list(userId, { unreadOnly: options.unreadOnly ?? false, limit: Math.min(options.limit ?? 50, 200) }),
      this.store.read.notifications.unreadCount(userId),
    ]);
    return { items: rows.map(view), unread };
  }

  async markRead(actor: Actor, id: number): Promise<NotificationView> {
    return this.store.transaction(async (repos) => {
      const found = await repos.notifications.get(id);
      // Another user's notification is answered like a missing one: its existence is nobody else's business.
      if (!found || found.userId !== actor.id) throw notFound(`Không tìm thấy thông báo có mã số ${id}.`);
      authorize(actor, 'update', 'Notification', found);
      await repos.notifications.markRead(id, this.clock.now().toISOString());
      return view((await repos.notifications.get(id))!);
    });
  }

  async markAllRead(actor: Actor): Promise<{ unread: number }> {
    const userId = ownerOf(actor);
    authorize(actor, 'update', 'Notification', { userId });
    await this.store.transaction((repos) => repos.notifications.markAllRead(userId, this.clock.now().toISOString()));
    return { unread: 0 };
  }
}

function ownerOf(actor: Actor): number {
  // The system actor has no inbox; authorize() then refuses it.
  return actor.id ?? -1;
}

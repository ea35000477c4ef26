/** The caller's in-app notifications: list (newest first, with the unread count) and read marks. */
import type { NotificationDto, NotificationPage, NotificationQuery } from '@guatu/contracts';
import type { Db } from '../db/connect.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../policies/actor.ts';
import * as repo from '../repositories/notification.repository.ts';

const dto = (r: repo.NotificationRow): NotificationDto => ({
  id: r.id,
  kind: r.kind,
  params: JSON.parse(r.params) as NotificationDto['params'],
  link: r.link,
  createdAt: r.createdAt,
  readAt: r.readAt,
});

export async function listMyNotifications(
  db: Db,
  actor: Actor,
  q: NotificationQuery,
): Promise<NotificationPage> {
  const { items, total, unread } = await repo.findNotifications(db, actor.id, q);
  return { items: items.map(dto), total, unread };
}

/** Only one's own: another user's id answers 404, as a missing one does. */
export async function markRead(db: Db, actor: Actor, id: number, now: Date): Promise<void> {
  if (!(await repo.markNotificationRead(db, actor.id, id, now.toISOString())))
    throw new AppError('not_found', { entity: 'notification' });
}

export async function markAllRead(db: Db, actor: Actor, now: Date): Promise<{ updated: number }> {
  return { updated: await repo.markAllNotificationsRead(db, actor.id, now.toISOString()) };
}

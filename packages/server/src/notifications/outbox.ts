/**
 * The notification outbox. `enqueueNotification` writes one row per recipient with the caller's
 * `db` — pass the transaction of the change that causes the notification, so that both commit or
 * neither does. The deliver-notifications job (./deliver.job.ts) moves the rows into the in-app list.
 */
import type { Db } from '../db/connect.ts';
import { insertOutbox } from '../repositories/notification.repository.ts';
import type { NotificationInput } from './types.ts';

export async function enqueueNotification(
  db: Db,
  n: NotificationInput,
  now: Date = new Date(),
): Promise<void> {
  if (!/^[a-z][a-z0-9_.-]{0,63}$/.test(n.kind)) throw new Error(`notification kind "${n.kind}" is not a key`);
  if (n.link !== undefined && !/^\/(?!\/)/.test(n.link))
    throw new Error(`notification link "${n.link}" is not a path of the web app`);
  const params = JSON.stringify(n.params ?? {});
  const createdAt = now.toISOString();
  const userIds = [...new Set(n.userIds)];
  await insertOutbox(
    db,
    userIds.map((userId) => ({ userId, kind: n.kind, params, link: n.link ?? null, createdAt })),
  );
}

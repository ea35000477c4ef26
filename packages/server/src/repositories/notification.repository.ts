/**
 * SQL of notifications: the outbox (written in the caller's transaction), its delivery into the
 * in-app list with every attempt recorded, and the reader's list, unread count and read marks.
 */
import type { Selectable } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { NotificationOutboxTable, NotificationTable } from '../db/schema.ts';

export type OutboxRow = Selectable<NotificationOutboxTable>;
export type NotificationRow = Selectable<NotificationTable>;

export async function insertOutbox(
  db: Db,
  rows: { userId: number; kind: string; params: string; link: string | null; createdAt: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('notificationOutbox')
    .values(
      rows.map((r, i) => ({
        ...r,
        status: 'pending',
        nextAttemptAt: r.createdAt,
        // A group robot gets the notification once, however many recipients: on the first row.
        webhookStatus: i === 0 ? 'pending' : null,
        webhookNextAt: i === 0 ? r.createdAt : null,
      })),
    )
    .execute();
}

/** Rows whose group-robot message is due, oldest first. */
export async function findDueWebhooks(db: Db, nowIso: string, limit: number): Promise<OutboxRow[]> {
  return db
    .selectFrom('notificationOutbox')
    .selectAll()
    .where('webhookStatus', '=', 'pending')
    .where((eb) => eb.or([eb('webhookAttempts', '=', 0), eb('webhookNextAt', '<=', nowIso)]))
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * The outcome of one group-robot round for a row: each channel's attempt recorded, the row `sent`,
 * retried at `nextAt`, `failed` (given up) or `skipped` (no robot configured).
 */
export async function recordWebhookRound(
  db: Db,
  v: {
    id: number;
    at: string;
    status: 'sent' | 'pending' | 'failed' | 'skipped';
    nextAt: string | null;
    attempts: { channel: string; error: string | null }[];
  },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('notificationOutbox')
      .set((eb) => ({
        webhookStatus: v.status,
        webhookNextAt: v.nextAt,
        webhookAttempts: v.attempts.length > 0 ? eb('webhookAttempts', '+', 1) : eb.ref('webhookAttempts'),
      }))
      .where('id', '=', v.id)
      .execute();
    if (v.attempts.length > 0)
      await trx
        .insertInto('notificationDeliveries')
        .values(
          v.attempts.map((a) => ({
            outboxId: v.id,
            channel: a.channel,
            attemptedAt: v.at,
            ok: a.error === null ? 1 : 0,
            error: a.error,
          })),
        )
        .execute();
  });
}

/** Pending rows never tried or whose retry time has come, oldest first. */
export async function findDueOutbox(db: Db, nowIso: string, limit: number): Promise<OutboxRow[]> {
  return (
    db
      .selectFrom('notificationOutbox')
      .selectAll()
      .where('status', '=', 'pending')
      // A fresh row is due at once, whatever the clock of the app server that wrote it.
      .where((eb) => eb.or([eb('attempts', '=', 0), eb('nextAttemptAt', '<=', nowIso)]))
      .orderBy('id')
      .limit(limit)
      .execute()
  );
}

/** In one transaction: the in-app notification (once per outbox row), the row delivered, the attempt. */
export async function deliverInApp(trx: Db, row: OutboxRow, at: string): Promise<void> {
  await trx
    .insertInto('notifications')
    .values({
      userId: row.userId,
      outboxId: row.id,
      kind: row.kind,
      params: row.params,
      link: row.link,
      createdAt: row.createdAt,
      readAt: null,
    })
    .onConflict((oc) => oc.column('outboxId').doNothing())
    .execute();
  await trx
    .updateTable('notificationOutbox')
    .set((eb) => ({
      status: 'delivered',
      deliveredAt: at,
      nextAttemptAt: null,
      attempts: eb('attempts', '+', 1),
      lastError: null,
    }))
    .where('id', '=', row.id)
    .execute();
  await trx
    .insertInto('notificationDeliveries')
    .values({ outboxId: row.id, channel: 'in_app', attemptedAt: at, ok: 1, error: null })
    .execute();
}

/** A failed attempt: counted, recorded, retried at `nextAttemptAt` or given up (null). */
export async function recordOutboxFailure(
  db: Db,
  v: { id: number; at: string; error: string; nextAttemptAt: string | null },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('notificationOutbox')
      .set((eb) => ({
        status: v.nextAttemptAt === null ? 'failed' : 'pending',
        nextAttemptAt: v.nextAttemptAt,
        attempts: eb('attempts', '+', 1),
        lastError: v.error,
      }))
      .where('id', '=', v.id)
      .execute();
    await trx
      .insertInto('notificationDeliveries')
      .values({ outboxId: v.id, channel: 'in_app', attemptedAt: v.at, ok: 0, error: v.error })
      .execute();
  });
}

export async function findOutboxRows(db: Db): Promise<OutboxRow[]> {
  return db.selectFrom('notificationOutbox').selectAll().orderBy('id').execute();
}

export async function findDeliveries(db: Db, outboxId: number) {
  return db
    .selectFrom('notificationDeliveries')
    .selectAll()
    .where('outboxId', '=', outboxId)
    .orderBy('id')
    .execute();
}

/** A user's notifications, newest first, with the total and the unread count. */
export async function findNotifications(
  db: Db,
  userId: number,
  q: { page: number; pageSize: number; unreadOnly: boolean },
): Promise<{ items: NotificationRow[]; total: number; unread: number }> {
  const mine = db.selectFrom('notifications').where('userId', '=', userId);
  const listed = q.unreadOnly ? mine.where('readAt', 'is', null) : mine;
  const [counts] = await mine
    .select((eb) => [
      eb.fn.countAll<number>().as('all'),
      eb.fn.count<number>('id').filterWhere('readAt', 'is', null).as('unread'),
    ])
    .execute();
  const items = await listed
    .selectAll()
    .orderBy('id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  const all = Number(counts?.all ?? 0);
  const unread = Number(counts?.unread ?? 0);
  return { items, total: q.unreadOnly ? unread : all, unread };
}

/** Marks one of the user's notifications read (kept if already read); false when not the user's. */
export async function markNotificationRead(db: Db, userId: number, id: number, at: string): Promise<boolean> {
  const row = await db
    .selectFrom('notifications')
    .select(['id', 'readAt'])
    .where('id', '=', id)
    .where('userId', '=', userId)
    .executeTakeFirst();
  if (!row) return false;
  if (row.readAt === null)
    await db
      .updateTable('notifications')
      .set({ readAt: at })
      .where('id', '=', id)
      .where('userId', '=', userId)
      .where('readAt', 'is', null)
      .execute();
  return true;
}

export async function markAllNotificationsRead(db: Db, userId: number, at: string): Promise<number> {
  const res = await db
    .updateTable('notifications')
    .set({ readAt: at })
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

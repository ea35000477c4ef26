/**
 * deliver-notifications: every minute, moves due outbox rows into the recipients' in-app lists.
 * Each attempt is recorded in notification_deliveries; a failed row is retried after 1, 2, 4 …
 * 60 minutes and given up (status 'failed', kept) after MAX_DELIVERY_ATTEMPTS.
 */
import type { JobDefinition } from '../jobs/types.ts';
import * as repo from '../repositories/notification.repository.ts';

export const MAX_DELIVERY_ATTEMPTS = 8;
const BATCH = 500;

/** Minutes before the next attempt after the n-th failed one. */
export const deliveryRetryMinutes = (attempts: number) => Math.min(60, 2 ** Math.max(0, attempts - 1));

export const deliverNotificationsJob: JobDefinition = {
  name: 'deliver-notifications',
  schedule: '* * * * *',
  run: async ({ db, now, log }) => {
    const at = now.toISOString();
    let delivered = 0;
    let failed = 0;
    let gaveUp = 0;
    for (const row of await repo.findDueOutbox(db, at, BATCH)) {
      try {
        await db.transaction().execute((trx) => repo.deliverInApp(trx, row, at));
        delivered++;
      } catch (err) {
        const error = (err instanceof Error ? err.message : String(err)).slice(0, 1000);
        const attempts = row.attempts + 1;
        const last = attempts >= MAX_DELIVERY_ATTEMPTS;
        const nextAttemptAt = last
          ? null
          : new Date(now.getTime() + deliveryRetryMinutes(attempts) * 60_000).toISOString();
        await repo.recordOutboxFailure(db, { id: row.id, at, error, nextAttemptAt });
        failed++;
        if (last) {
          gaveUp++;
          log(`notification ${row.id} (${row.kind} → user ${row.userId}) given up: ${error}`);
        }
      }
    }
    return { delivered, failed, gaveUp };
  },
};

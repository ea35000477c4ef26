/**
 * deliver-notifications: every minute, moves due outbox rows into the recipients' in-app lists,
 * and sends each notification once to the configured group robots (./webhooks.ts). Each attempt
 * is recorded in notification_deliveries; a failed one is retried after 1, 2, 4 … 60 minutes and
 * given up (status 'failed', kept) after MAX_DELIVERY_ATTEMPTS.
 */
import type { JobDefinition } from '../jobs/types.ts';
import * as repo from '../repositories/notification.repository.ts';
import { sendWebhook, webhookTargets, webhookText } from './webhooks.ts';

export const MAX_DELIVERY_ATTEMPTS = 8;
const BATCH = 500;

/** Minutes before the next attempt after the n-th failed one. */
export const deliveryRetryMinutes = (attempts: number) => Math.min(60, 2 ** Math.max(0, attempts - 1));

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 1000);

export const deliverNotificationsJob: JobDefinition = {
  name: 'deliver-notifications',
  schedule: '* * * * *',
  run: async ({ db, config, now, log }) => {
    const at = now.toISOString();
    const retryAt = (attempts: number) =>
      attempts >= MAX_DELIVERY_ATTEMPTS
        ? null
        : new Date(now.getTime() + deliveryRetryMinutes(attempts) * 60_000).toISOString();
    let delivered = 0;
    let failed = 0;
    let gaveUp = 0;
    for (const row of await repo.findDueOutbox(db, at, BATCH)) {
      try {
        await db.transaction().execute((trx) => repo.deliverInApp(trx, row, at));
        delivered++;
      } catch (err) {
        const error = messageOf(err);
        const nextAttemptAt = retryAt(row.attempts + 1);
        await repo.recordOutboxFailure(db, { id: row.id, at, error, nextAttemptAt });
        failed++;
        if (nextAttemptAt === null) {
          gaveUp++;
          log(`notification ${row.id} (${row.kind} → user ${row.userId}) given up: ${error}`);
        }
      }
    }

    let webhookSent = 0;
    let webhookFailed = 0;
    const targets = webhookTargets(config);
    for (const row of await repo.findDueWebhooks(db, at, BATCH)) {
      if (targets.length === 0) {
        await repo.recordWebhookRound(db, { id: row.id, at, status: 'skipped', nextAt: null, attempts: [] });
        continue;
      }
      const done = new Set(
        (await repo.findDeliveries(db, row.id)).filter((d) => d.ok === 1).map((d) => d.channel),
      );
      const text = webhookText({ kind: row.kind, params: JSON.parse(row.params) as Record<string, string> });
      const attempts: { channel: string; error: string | null }[] = [];
      for (const target of targets.filter((t) => !done.has(t.channel))) {
        try {
          await sendWebhook(target, text);
          attempts.push({ channel: target.channel, error: null });
          webhookSent++;
        } catch (err) {
          attempts.push({ channel: target.channel, error: messageOf(err) });
          webhookFailed++;
        }
      }
      const allSent = attempts.every((a) => a.error === null);
      const nextAt = allSent ? null : retryAt(row.webhookAttempts + 1);
      const status = allSent ? 'sent' : nextAt === null ? 'failed' : 'pending';
      if (status === 'failed') log(`notification ${row.id}: group robot given up`);
      await repo.recordWebhookRound(db, { id: row.id, at, status, nextAt, attempts });
    }
    return { delivered, failed, gaveUp, webhookSent, webhookFailed };
  },
};

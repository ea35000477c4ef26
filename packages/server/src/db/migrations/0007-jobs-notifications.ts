import type { Kysely } from 'kysely';
import type { Engine } from '../connect.ts';

// Durable background jobs (one row per job of the catalogue, claimed by one runner at a time: FOR
// UPDATE SKIP LOCKED on PostgreSQL, then a lease in locked_by/locked_until), their run history,
// and notifications: an outbox written in the transaction of the change that causes it, moved by
// the deliver-notifications job into the in-app list, each delivery attempt recorded.
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations must not depend on the current schema type */
export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  const idCol = (t: any) =>
    engine === 'postgres'
      ? t.addColumn('id', 'serial', (c: any) => c.primaryKey())
      : t.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement());

  await idCol(db.schema.createTable('jobs'))
    .addColumn('name', 'text', (c: any) => c.notNull().unique())
    .addColumn('schedule', 'text')
    .addColumn('next_run_at', 'text')
    .addColumn('requested_at', 'text')
    .addColumn('requested_by', 'integer', (c: any) => c.references('users.id'))
    .addColumn('last_run_at', 'text')
    .addColumn('last_finished_at', 'text')
    .addColumn('last_status', 'text')
    .addColumn('last_error', 'text')
    .addColumn('failures', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('total_failures', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('attempts', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .addColumn('version', 'integer', (c: any) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('jobs_next_run').on('jobs').column('next_run_at').execute();

  await idCol(db.schema.createTable('job_runs'))
    .addColumn('job', 'text', (c: any) => c.notNull())
    .addColumn('runner', 'text', (c: any) => c.notNull())
    .addColumn('attempt', 'integer', (c: any) => c.notNull())
    .addColumn('started_at', 'text', (c: any) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('status', 'text', (c: any) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('job_runs_job').on('job_runs').columns(['job', 'id']).execute();

  // No foreign key on the recipient: a bad id must not roll back the change that notifies; the
  // delivery fails instead, is retried, and gives up recorded.
  await idCol(db.schema.createTable('notification_outbox'))
    .addColumn('user_id', 'integer', (c: any) => c.notNull())
    .addColumn('kind', 'text', (c: any) => c.notNull())
    .addColumn('params', 'text', (c: any) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('status', 'text', (c: any) => c.notNull())
    .addColumn('next_attempt_at', 'text')
    .addColumn('delivered_at', 'text')
    .addColumn('attempts', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    // Group-robot webhooks (WeCom, DingTalk) when configured: one message per notification, however
    // many recipients; 'pending' | 'sent' | 'failed' (given up) | 'skipped' (no webhook configured).
    .addColumn('webhook_status', 'text')
    .addColumn('webhook_attempts', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('webhook_next_at', 'text')
    .execute();
  await db.schema
    .createIndex('notification_outbox_webhook')
    .on('notification_outbox')
    .columns(['webhook_status', 'webhook_next_at'])
    .execute();
  await db.schema
    .createIndex('notification_outbox_pending')
    .on('notification_outbox')
    .columns(['status', 'next_attempt_at'])
    .execute();

  await idCol(db.schema.createTable('notification_deliveries'))
    .addColumn('outbox_id', 'integer', (c: any) =>
      c.notNull().references('notification_outbox.id').onDelete('cascade'),
    )
    .addColumn('channel', 'text', (c: any) => c.notNull())
    .addColumn('attempted_at', 'text', (c: any) => c.notNull())
    .addColumn('ok', 'integer', (c: any) => c.notNull())
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createIndex('notification_deliveries_outbox')
    .on('notification_deliveries')
    .column('outbox_id')
    .execute();

  await idCol(db.schema.createTable('notifications'))
    .addColumn('user_id', 'integer', (c: any) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('outbox_id', 'integer', (c: any) => c.unique())
    .addColumn('kind', 'text', (c: any) => c.notNull())
    .addColumn('params', 'text', (c: any) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'id']).execute();
  await db.schema
    .createIndex('notifications_user_unread')
    .on('notifications')
    .columns(['user_id', 'read_at'])
    .execute();
}

import {
  jobInfo,
  jobList,
  jobNameParams,
  notificationIdParams,
  notificationPage,
  notificationQuery,
  notificationsReadAll,
  okBody,
} from '@guatu/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app.ts';
import * as jobs from '../services/jobs.service.ts';
import * as notifications from '../services/notifications.service.ts';

/** The caller's in-app notifications, and 后台任务 (background jobs) for the root region's admin. */
export const jobsNotificationsRoutes =
  ({ handle }: AppDeps, now: () => Date): FastifyPluginAsyncZod =>
  async (app) => {
    const db = handle.db;
    app.get(
      '/notifications',
      {
        schema: {
          tags: ['notifications'],
          summary: '我的通知 My notifications, newest first, with the unread count',
          querystring: notificationQuery,
          response: { 200: notificationPage },
        },
      },
      async (req) => notifications.listMyNotifications(db, req.actor, req.query),
    );
    app.post(
      '/notifications/read-all',
      {
        schema: {
          tags: ['notifications'],
          summary: '全部已读 Mark all my notifications read',
          response: { 200: notificationsReadAll },
        },
      },
      async (req) => notifications.markAllRead(db, req.actor, now()),
    );
    app.post(
      '/notifications/:id/read',
      {
        schema: {
          tags: ['notifications'],
          summary: '标为已读 Mark one of my notifications read (another user’s → 404)',
          params: notificationIdParams,
          response: { 200: okBody },
        },
      },
      async (req) => {
        await notifications.markRead(db, req.actor, req.params.id, now());
        return { ok: true as const };
      },
    );
    app.get(
      '/admin/jobs',
      {
        schema: {
          tags: ['admin'],
          summary:
            '后台任务 Background jobs: schedule, next and last run, failures, recent runs (root admin)',
          response: { 200: jobList },
        },
      },
      async (req) => jobs.listJobs(db, req.actor, now()),
    );
    app.post(
      '/admin/jobs/:name/run',
      {
        schema: {
          tags: ['admin'],
          summary: '立即运行 Run a job at the next poll of a runner (root admin, audited)',
          params: jobNameParams,
          response: { 202: jobInfo },
        },
      },
      async (req, reply) =>
        reply.status(202).send(await jobs.requestRunNow(db, req.actor, req.params.name, now())),
    );
  };

import { id, projectContactPhone, userPhone } from '@guatu/contracts';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app.ts';
import * as personal from '../services/personal-data.service.ts';

const params = z.strictObject({ id });

/** The whole phone numbers, each view audited; never cached. */
export const personalDataRoutes =
  ({ handle }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const db = handle.db;
    app.get(
      '/projects/:id/contact-phone',
      {
        schema: {
          tags: ['projects'],
          summary: '查看联系电话明文（记入审计） A project contact phone in full (audited)',
          params,
          response: { 200: projectContactPhone },
        },
      },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        return personal.viewProjectContactPhone(db, req.actor, req.params.id);
      },
    );
    app.get(
      '/users/:id/phone',
      {
        schema: {
          tags: ['admin'],
          summary: '查看用户电话明文（记入审计） A user phone in full (audited)',
          params,
          response: { 200: userPhone },
        },
      },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        return personal.viewUserPhone(db, req.actor, req.params.id);
      },
    );
  };

import { publicStatus } from '@guatu/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app.ts';
import { isLoopbackRequest } from '../auth/loopback.ts';
import { publicStatus as readStatus } from '../services/accounts.service.ts';

export const accountsRoutes =
  ({ handle }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/status',
      {
        config: { public: true },
        schema: {
          tags: ['auth'],
          summary: '演示环境 Whether demo accounts exist (the banner); the demo password only from loopback',
          response: { 200: publicStatus },
        },
      },
      async (req) => readStatus(handle.db, isLoopbackRequest(req)),
    );
  };

import { divisionList, divisionQuery, setupInput, setupResult, setupStatus } from '@guatu/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app.ts';
import * as setup from '../services/setup.service.ts';

/** 初始化：选择本级行政区 — setting the deployment up from the official divisions (issue 9, item 1). */
export const setupRoutes =
  ({ handle }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const db = handle.db;
    app.get(
      '/setup/status',
      {
        schema: {
          tags: ['setup'],
          summary:
            '初始化状态 Whether the deployment is set up from the divisions, and whether the caller may',
          response: { 200: setupStatus },
        },
      },
      async (req) => setup.setupStatus(db, req.actor),
    );
    app.get(
      '/setup/divisions',
      {
        schema: {
          tags: ['setup'],
          summary:
            '行政区划 The official divisions: children of `parent` (none: the provinces), or a search `q`',
          querystring: divisionQuery,
          response: { 200: divisionList },
        },
      },
      async (req) => setup.listDivisions(req.actor, req.query),
    );
    app.post(
      '/setup',
      {
        schema: {
          tags: ['setup'],
          summary:
            '初始化 Set the deployment up as a province, city or county (code or name): the root becomes it, its subtree down to the towns is created',
          body: setupInput,
          response: { 200: setupResult },
        },
      },
      async (req) => setup.setUpDeployment(db, req.actor, req.body),
    );
    app.post(
      '/setup/divisions',
      {
        schema: {
          tags: ['setup'],
          summary: '添加行政区划 Add a division and its subtree under the region of its parent division',
          body: setupInput,
          response: { 200: setupResult },
        },
      },
      async (req) => setup.addDivision(db, req.actor, req.body),
    );
  };

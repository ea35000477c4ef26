import { warningRules, warningRulesUpdate } from '@guatu/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app.ts';
import * as rules from '../services/warning-rules.service.ts';

/** 预警规则: the stage-warning thresholds, read by every logged-in user, set by the admin. */
export const warningRulesRoutes =
  ({ handle }: AppDeps, now: () => Date): FastifyPluginAsyncZod =>
  async (app) => {
    const db = handle.db;
    const tags = ['schedule'];
    app.get(
      '/warning-rules',
      { schema: { tags, summary: '预警规则 The stage-warning thresholds', response: { 200: warningRules } } },
      async () => rules.getWarningRules(db),
    );
    app.put(
      '/warning-rules',
      {
        schema: {
          tags,
          summary: '修改预警规则 Set the stage-warning thresholds (admin; stale version → 409)',
          body: warningRulesUpdate,
          response: { 200: warningRules },
        },
      },
      async (req) => rules.updateWarningRules(db, req.actor, req.body, now()),
    );
  };

import { settingsRegionQuery, warningRules, warningRulesUpdate } from '@guatu/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app.ts';
import * as rules from '../services/warning-rules.service.ts';

/** 预警规则: the stage-warning thresholds, per region (inherited down the tree), read by every logged-in user, set by the admin. */
export const warningRulesRoutes =
  ({ handle }: AppDeps, now: () => Date): FastifyPluginAsyncZod =>
  async (app) => {
    const db = handle.db;
    const tags = ['schedule'];
    app.get(
      '/warning-rules',
      {
        schema: {
          tags,
          summary: '预警规则 The stage-warning thresholds in force in a region (default: yours)',
          querystring: settingsRegionQuery,
          response: { 200: warningRules },
        },
      },
      async (req) => rules.getWarningRules(db, req.actor, req.query.regionId),
    );
    app.put(
      '/warning-rules',
      {
        schema: {
          tags,
          summary: '修改预警规则 Set a region’s own stage-warning thresholds (admin; stale version → 409)',
          querystring: settingsRegionQuery,
          body: warningRulesUpdate,
          response: { 200: warningRules },
        },
      },
      async (req) => rules.updateWarningRules(db, req.actor, req.body, now(), req.query.regionId),
    );
    app.delete(
      '/warning-rules',
      {
        schema: {
          tags,
          summary: '恢复继承 Delete a region’s own thresholds: it inherits again',
          querystring: settingsRegionQuery,
          response: { 200: warningRules },
        },
      },
      async (req) => rules.deleteWarningRulesOverride(db, req.actor, req.query.regionId),
    );
  };

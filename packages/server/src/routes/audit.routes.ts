import {
  auditActors,
  auditExportQuery,
  auditPage,
  auditQuery,
  auditStats,
  auditStatsQuery,
  auditVerifyResult,
  securityEventPage,
  securityEventQuery,
} from '@guatu/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app.ts';
import * as audit from '../services/audit.service.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The audit log for the auditor (list, statistics, export, chain check) and security events. */
export const auditRoutes =
  ({ handle, config }: AppDeps, now: () => Date): FastifyPluginAsyncZod =>
  async (app) => {
    const db = handle.db;
    const tags = ['audit'];

    app.get(
      '/audit',
      {
        schema: {
          tags,
          summary: '审计日志（仅审计员）',
          querystring: auditQuery,
          response: { 200: auditPage },
        },
      },
      async (req) => audit.listAudit(db, req.actor, req.query),
    );
    app.get(
      '/audit/actors',
      { schema: { tags, summary: '审计日志中的操作人（用户选择）', response: { 200: auditActors } } },
      async (req) => audit.auditActors(db, req.actor),
    );
    app.get(
      '/audit/stats',
      {
        schema: {
          tags,
          summary: '审计统计 Counts by action, actor, outcome and day',
          querystring: auditStatsQuery,
          response: { 200: auditStats },
        },
      },
      async (req) => audit.auditStatistics(db, req.actor, req.query),
    );
    app.get(
      '/audit/export.xlsx',
      {
        schema: {
          tags,
          summary: '导出审计日志 The filtered rows as .xlsx (audited)',
          querystring: auditExportQuery,
        },
      },
      async (req, reply) => {
        const file = await audit.exportAudit(db, req.actor, req.query, now());
        return reply
          .header('Content-Type', XLSX_TYPE)
          .header(
            'Content-Disposition',
            `attachment; filename="audit.xlsx"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
          )
          .send(file.data);
      },
    );
    app.get(
      '/audit/verify',
      {
        schema: {
          tags,
          summary: '校验审计链 Verify the tamper-evident chain (archives, then live rows)',
          response: { 200: auditVerifyResult },
        },
      },
      async (req) => audit.verifyForAuditor(db, req.actor, config.dataDir),
    );
    app.get(
      '/security-events',
      {
        schema: {
          tags: ['security'],
          summary: '安全事件（仅安全管理员）',
          querystring: securityEventQuery,
          response: { 200: securityEventPage },
        },
      },
      async (req) => audit.listSecurityEvents(db, req.actor, req.query),
    );
  };

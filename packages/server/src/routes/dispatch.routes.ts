import {
  dispatchReport,
  dispatchReportAccept,
  dispatchReportDraft,
  dispatchReportReturn,
  dispatchReportSubmit,
  dispatchReportVersionList,
  dispatchFigures,
  dispatchFiguresQuery,
  dispatchRound,
  dispatchRoundChange,
  dispatchRoundCreate,
  dispatchRoundList,
  dispatchRoundQuery,
  dispatchTable,
  dispatchTableQuery,
  id,
} from '@guatu/contracts';
import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app.ts';
import * as reports from '../services/dispatch-report.service.ts';
import * as review from '../services/dispatch-review.service.ts';
import * as figures from '../services/dispatch-figures.service.ts';
import * as dispatch from '../services/dispatch.service.ts';
import * as tables from '../services/dispatch-table.service.ts';

const params = z.strictObject({ id });

/** A reply for JSON the service encoded already (kept answers: past the response serializer). */
const sendJson = (reply: FastifyReply) => reply.type('application/json; charset=utf-8');
const reportParams = z.strictObject({ id, projectId: id });

/** 一月一调度: the monthly dispatch rounds and their dispatch table (调度表). */
export const dispatchRoutes =
  ({ handle }: AppDeps, now: () => Date): FastifyPluginAsyncZod =>
  async (app) => {
    const db = handle.db;
    app.get(
      '/dispatch/rounds',
      {
        schema: {
          tags: ['dispatch'],
          summary: '调度轮次 The dispatch rounds of a year in scope',
          querystring: dispatchRoundQuery,
          response: { 200: dispatchRoundList },
        },
      },
      async (req) => dispatch.listRounds(db, req.actor, req.query, now()),
    );
    app.post(
      '/dispatch/rounds',
      {
        schema: {
          tags: ['dispatch'],
          summary: '发起调度 Open the round of a month',
          body: dispatchRoundCreate,
          response: { 201: dispatchRound },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await dispatch.createRound(db, req.actor, req.body, now())),
    );
    app.get(
      '/dispatch/rounds/:id',
      { schema: { tags: ['dispatch'], summary: '调度轮次', params, response: { 200: dispatchRound } } },
      async (req) => dispatch.getRound(db, req.actor, req.params.id, now()),
    );
    app.post(
      '/dispatch/rounds/:id/close',
      {
        schema: {
          tags: ['dispatch'],
          summary: '关闭调度 Close a round by hand',
          params,
          body: dispatchRoundChange,
          response: { 200: dispatchRound },
        },
      },
      async (req) => dispatch.closeRound(db, req.actor, req.params.id, req.body, now()),
    );
    app.post(
      '/dispatch/rounds/:id/reopen',
      {
        schema: {
          tags: ['dispatch'],
          summary: '重新开放调度 Reopen a round by hand',
          params,
          body: dispatchRoundChange,
          response: { 200: dispatchRound },
        },
      },
      async (req) => dispatch.reopenRound(db, req.actor, req.params.id, req.body, now()),
    );
    app.get(
      '/dispatch/rounds/:id/table',
      {
        schema: {
          tags: ['dispatch'],
          summary: '调度表 The round’s dispatch table with totals (one page of rows with page/pageSize)',
          params,
          querystring: dispatchTableQuery,
          response: { 200: dispatchTable },
        },
      },
      // The kept table's JSON, made once per state of the round (dispatch-table.service.ts roundTableJson).
      async (req, reply) =>
        sendJson(reply).send(await tables.roundTableJson(db, req.actor, req.params.id, now(), req.query)),
    );
    app.get(
      '/dispatch/rounds/:id/figures',
      {
        schema: {
          tags: ['dispatch'],
          summary:
            '调度统计 The round’s counts, year to date, pace (序时进度) and warnings, overall and by level, town, leader or department',
          params,
          querystring: dispatchFiguresQuery,
          response: { 200: dispatchFigures },
        },
      },
      async (req, reply) =>
        sendJson(reply).send(await figures.roundFiguresJson(db, req.actor, req.params.id, req.query, now())),
    );
    app.get(
      '/dispatch/rounds/:id/table.xlsx',
      {
        schema: {
          tags: ['dispatch'],
          summary: '导出调度表 The round’s dispatch table as .xlsx (print-ready; audited)',
          params,
        },
      },
      async (req, reply) => {
        const file = await tables.exportRoundTable(db, req.actor, req.params.id, now());
        return reply
          .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header(
            'Content-Disposition',
            `attachment; filename="dispatch.xlsx"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
          )
          .send(file.data);
      },
    );
    app.get(
      '/dispatch/rounds/:id/reports/:projectId',
      {
        schema: {
          tags: ['dispatch'],
          summary: '调度填报 A project’s report in a round',
          params: reportParams,
          response: { 200: dispatchReport },
        },
      },
      async (req) => reports.getReport(db, req.actor, req.params.id, req.params.projectId),
    );
    app.put(
      '/dispatch/rounds/:id/reports/:projectId',
      {
        schema: {
          tags: ['dispatch'],
          summary: '保存草稿 Save a report draft (idempotency key: the same draft twice is stored once)',
          params: reportParams,
          body: dispatchReportDraft,
          response: { 200: dispatchReport },
        },
      },
      async (req) => reports.saveDraft(db, req.actor, req.params.id, req.params.projectId, req.body, now()),
    );
    app.post(
      '/dispatch/rounds/:id/reports/:projectId/submit',
      {
        schema: {
          tags: ['dispatch'],
          summary:
            '提交填报 Submit a report (late after the deadline; the same submission twice is stored once)',
          params: reportParams,
          body: dispatchReportSubmit,
          response: { 200: dispatchReport },
        },
      },
      async (req) =>
        reports.submitReport(db, req.actor, req.params.id, req.params.projectId, req.body, now()),
    );
    app.post(
      '/dispatch/rounds/:id/reports/:projectId/accept',
      {
        schema: {
          tags: ['dispatch'],
          summary: '通过 Accept a submitted report',
          params: reportParams,
          body: dispatchReportAccept,
          response: { 200: dispatchReport },
        },
      },
      async (req) => review.acceptReport(db, req.actor, req.params.id, req.params.projectId, req.body, now()),
    );
    app.post(
      '/dispatch/rounds/:id/reports/:projectId/return',
      {
        schema: {
          tags: ['dispatch'],
          summary: '退回 Return a submitted report to the task force with a reason',
          params: reportParams,
          body: dispatchReportReturn,
          response: { 200: dispatchReport },
        },
      },
      async (req) => review.returnReport(db, req.actor, req.params.id, req.params.projectId, req.body, now()),
    );
    app.get(
      '/dispatch/rounds/:id/reports/:projectId/versions',
      {
        schema: {
          tags: ['dispatch'],
          summary: '历次版本 Every kept version of a report (submissions, acceptance, returns)',
          params: reportParams,
          response: { 200: dispatchReportVersionList },
        },
      },
      async (req) => reports.reportVersions(db, req.actor, req.params.id, req.params.projectId),
    );
  };

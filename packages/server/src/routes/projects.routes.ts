import {
  id,
  ledgerPage,
  ledgerQuery,
  ledgerSummary,
  project,
  projectArchive,
  projectCreate,
  projectUpdate,
  summaryQuery,
  yearsResponse,
} from '@guatu/contracts';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app.ts';
import * as projects from '../services/projects.service.ts';
import { keptQueryValidator } from './kept-query.ts';

const params = z.strictObject({ id });

export const projectRoutes =
  ({ handle }: AppDeps, now: () => Date): FastifyPluginAsyncZod =>
  async (app) => {
    const db = handle.db;
    const tags = ['projects'];

    app.get(
      '/projects/years',
      {
        schema: {
          tags,
          summary: '有重点项目清单的年度 Years with a key-project list',
          response: { 200: yearsResponse },
        },
      },
      async (req) => projects.ledgerYears(db, req.actor, now()),
    );
    app.get(
      '/projects',
      {
        schema: {
          tags,
          summary: '项目台账 The ledger of one year',
          querystring: ledgerQuery,
          response: { 200: ledgerPage },
        },
        // The same few querystrings again and again: each one's parse kept (kept-query.ts).
        validatorCompiler: keptQueryValidator,
      },
      // The busiest read: its rows are built field by field from the portfolio index (ledgerRowOf)
      // and sent as JSON bytes kept per row, past the zod serializer (ledger-page-bytes.ts;
      // portfolio.api.test.ts checks the rows against the SQL rows and the contract, and
      // ledger-list-requests.api.test.ts the bytes and headers).
      async (req, reply) =>
        reply
          .type('application/json; charset=utf-8')
          .send((await projects.listLedgerBytes(db, req.actor, req.query, now())) as never),
    );
    app.get(
      '/projects/summary',
      {
        schema: {
          tags,
          summary: '台账汇总 Ledger summary',
          querystring: summaryQuery,
          response: { 200: ledgerSummary },
        },
      },
      async (req) => projects.ledgerSummary(db, req.actor, req.query, now()),
    );
    app.get(
      '/projects/:id',
      { schema: { tags, summary: '项目详情 A project', params, response: { 200: project } } },
      async (req) => projects.getProject(db, req.actor, req.params.id, now()),
    );
    app.post(
      '/projects',
      {
        schema: {
          tags,
          summary: '新建项目 Create a project',
          body: projectCreate,
          response: { 201: project },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await projects.createProject(db, req.actor, req.body, now())),
    );
    app.patch(
      '/projects/:id',
      {
        schema: {
          tags,
          summary: '编辑项目 Edit a project (stale version → 409)',
          params,
          body: projectUpdate as unknown as z.ZodObject,
          response: { 200: project },
        },
      },
      async (req) => projects.updateProject(db, req.actor, req.params.id, req.body as never, now()),
    );
    app.post(
      '/projects/:id/archive',
      {
        schema: {
          tags,
          summary: '归档/恢复 Archive or restore',
          params,
          body: projectArchive,
          response: { 200: project },
        },
      },
      async (req) => projects.archiveProject(db, req.actor, req.params.id, req.body, now()),
    );
  };

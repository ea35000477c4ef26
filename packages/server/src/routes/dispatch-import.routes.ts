import fastifyMultipart from '@fastify/multipart';
import {
  dispatchImportCommitRequest,
  dispatchImportPreview,
  dispatchImportPreviewRequest,
  dispatchImportResult,
  dispatchImportSessionParams,
  id,
  okBody,
} from '@guatu/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app.ts';
import * as dispatchImport from '../services/dispatch-import.service.ts';
import { IMPORT_FILE_LIMIT } from './ledger-excel.routes.ts';
import { readUploadedFile } from './upload-file.ts';

const roundParams = z.strictObject({ id });

/** 导入调度表: a filled dispatch table into a round (upload → preview → commit or discard). */
export const dispatchImportRoutes =
  ({ handle }: AppDeps, now: () => Date): FastifyPluginAsyncZod =>
  async (app) => {
    const db = handle.db;
    const tags = ['dispatch'];
    await app.register(fastifyMultipart, {
      ...({ defParamCharset: 'utf8' } as object),
      limits: { fileSize: IMPORT_FILE_LIMIT, files: 1, fields: 10, parts: 20 },
    });

    app.post(
      '/dispatch/rounds/:id/import',
      {
        schema: {
          tags,
          summary:
            '导入调度表 Upload a filled dispatch table (.xlsx/.csv, multipart field "file", ≤ 20 MB): a session with its preview',
          params: roundParams,
          response: { 201: dispatchImportPreview },
        },
      },
      async (req, reply) => {
        const file = await readUploadedFile(req, '20 MB', 'dispatch.xlsx');
        return reply
          .status(201)
          .send(await dispatchImport.uploadDispatchTable(db, req.actor, req.params.id, file, now()));
      },
    );
    app.post(
      '/dispatch/rounds/:id/import/:sessionId/preview',
      {
        schema: {
          tags,
          summary: '调度表导入预览 The preview again under a confirmed column mapping',
          params: dispatchImportSessionParams,
          body: dispatchImportPreviewRequest,
          response: { 200: dispatchImportPreview },
        },
      },
      async (req) =>
        dispatchImport.previewDispatchImport(
          db,
          req.actor,
          req.params.id,
          req.params.sessionId,
          req.body,
          now(),
        ),
    );
    app.post(
      '/dispatch/rounds/:id/import/:sessionId/commit',
      {
        schema: {
          tags,
          summary:
            '确认导入调度表 Commit in one transaction (any error row → 422, nothing written; conflicts only with overwrite)',
          params: dispatchImportSessionParams,
          body: dispatchImportCommitRequest,
          response: { 200: dispatchImportResult },
        },
      },
      async (req) =>
        dispatchImport.commitDispatchImport(
          db,
          req.actor,
          req.params.id,
          req.params.sessionId,
          req.body,
          now(),
        ),
    );
    app.delete(
      '/dispatch/rounds/:id/import/:sessionId',
      {
        schema: {
          tags,
          summary: '放弃导入 Discard an import session',
          params: dispatchImportSessionParams,
          response: { 200: okBody },
        },
      },
      async (req) => {
        await dispatchImport.discardDispatchImport(db, req.actor, req.params.id, req.params.sessionId, now());
        return { ok: true as const };
      },
    );
  };

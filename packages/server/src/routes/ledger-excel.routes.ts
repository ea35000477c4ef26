import fastifyMultipart from '@fastify/multipart';
import {
  exportTemplateQuery,
  id,
  importCommitRequest,
  importCommitResult,
  importPreview,
  importPreviewRequest,
  importTemplate,
  importTemplateList,
  importTemplateSave,
  importUpload,
  ledgerExportQuery,
  okBody,
} from '@guatu/contracts';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app.ts';
import { prewarmParseWorker } from '../excel/parse-off-thread.ts';
import { DEFAULT_UPLOAD_LIMITS } from '../excel/upload-limits.ts';
import { exportBlankTemplate, exportLedger, type ExportFile } from '../services/ledger-export.service.ts';
import * as ledgerImport from '../services/ledger-import.service.ts';
import { readUploadedFile } from './upload-file.ts';
import { sendXlsx } from './xlsx-download.ts';

/** The upload limit of a ledger file. */
export const IMPORT_FILE_LIMIT = 20 * 1024 * 1024;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const uploadParams = z.strictObject({ uploadId: z.string().min(10).max(64) });
const templateParams = z.strictObject({ id });

function sendFile(reply: FastifyReply, file: ExportFile) {
  return reply
    .header('Content-Type', XLSX_TYPE)
    .header(
      'Content-Disposition',
      `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    )
    .send(file.data);
}

/** Excel import (upload → preview → commit, templates) and export of the ledger. */
export const ledgerExcelRoutes =
  ({ handle }: AppDeps, now: () => Date): FastifyPluginAsyncZod =>
  async (app) => {
    const db = handle.db;
    const tags = ['ledger excel'];
    // Boot a parse worker a few seconds after the server listens rather than on the first upload
    // (not while the start and its first requests need the cores: issue 11; not under the tests:
    // every test file builds apps and would boot one for nothing; the uploads there boot their own).
    if (!process.env.VITEST)
      app.addHook('onListen', async () => {
        setTimeout(() => prewarmParseWorker(DEFAULT_UPLOAD_LIMITS.workerHeapMb), 3000).unref();
      });
    await app.register(fastifyMultipart, {
      ...({ defParamCharset: 'utf8' } as object),
      limits: { fileSize: IMPORT_FILE_LIMIT, files: 1, fields: 10, parts: 20 },
    });

    app.post(
      '/projects/import',
      {
        schema: {
          tags,
          summary:
            '上传台账 Upload a ledger (.xlsx/.csv, multipart field "file", ≤ 20 MB): sheets and detected mapping',
          response: { 201: importUpload },
        },
      },
      async (req, reply) => {
        const file = await readUploadedFile(req, '20 MB', 'ledger.xlsx');
        return reply.status(201).send(await ledgerImport.uploadLedger(db, req.actor, file, now()));
      },
    );
    app.post(
      '/projects/import/:uploadId/preview',
      {
        schema: {
          tags,
          summary: '导入预览 Preview an upload with the confirmed sheet, year and mapping',
          params: uploadParams,
          body: importPreviewRequest,
          response: { 200: importPreview },
        },
      },
      async (req) => ledgerImport.previewImport(db, req.actor, req.params.uploadId, req.body, now()),
    );
    app.post(
      '/projects/import/:uploadId/commit',
      {
        schema: {
          tags,
          summary: '确认导入 Commit an upload in one transaction (any error row → 422, nothing written)',
          params: uploadParams,
          body: importCommitRequest,
          response: { 200: importCommitResult },
        },
      },
      async (req) => ledgerImport.commitImport(db, req.actor, req.params.uploadId, req.body, now()),
    );
    app.get(
      '/projects/import/templates',
      {
        schema: { tags, summary: '导入模板 My saved column mappings', response: { 200: importTemplateList } },
      },
      async (req) => ({ items: await ledgerImport.listTemplates(db, req.actor) }),
    );
    app.post(
      '/projects/import/templates',
      {
        schema: {
          tags,
          summary: '保存导入模板 Save a column mapping by name',
          body: importTemplateSave,
          response: { 201: importTemplate },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await ledgerImport.saveTemplate(db, req.actor, req.body, now())),
    );
    app.delete(
      '/projects/import/templates/:id',
      {
        schema: {
          tags,
          summary: '删除导入模板 Delete a template',
          params: templateParams,
          response: { 200: okBody },
        },
      },
      async (req) => {
        await ledgerImport.removeTemplate(db, req.actor, req.params.id);
        return { ok: true as const };
      },
    );
    app.get(
      '/projects/export',
      {
        schema: {
          tags,
          summary: '导出台账 The ledger as .xlsx (same filters as GET /api/projects)',
          querystring: ledgerExportQuery,
        },
      },
      async (req, reply) => sendXlsx(reply, await exportLedger(db, req.actor, req.query, now())),
    );
    app.get(
      '/projects/export/template',
      {
        schema: { tags, summary: '空白台账模板 A blank ledger to fill in', querystring: exportTemplateQuery },
      },
      async (req, reply) => sendFile(reply, await exportBlankTemplate(req.actor, req.query.year, now())),
    );
  };

import fastifyMultipart from '@fastify/multipart';
import {
  attachment,
  attachmentIdParams,
  attachmentList,
  okBody,
  projectAttachmentParams,
} from '@guatu/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app.ts';
import { AppError } from '../errors.ts';
import * as attachments from '../services/attachments.service.ts';
import { fileStoreOf } from '../storage/index.ts';

/** `Content-Disposition` naming the file in UTF-8 (RFC 6266/5987) with an ASCII fallback. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Attachments: upload to and list of a project's, download and delete of one. */
export const attachmentsRoutes =
  ({ handle, config }: AppDeps, now: () => Date): FastifyPluginAsyncZod =>
  async (app) => {
    const db = handle.db;
    const store = fileStoreOf(config);
    const maxBytes = config.maxAttachmentMb * 1024 * 1024;
    const tags = ['attachments'];
    await app.register(fastifyMultipart, {
      ...({ defParamCharset: 'utf8' } as object),
      // One byte past the limit reaches the store, which refuses it (413) and removes what it wrote.
      limits: { fileSize: maxBytes + 1, files: 1, fields: 5, parts: 10 },
      throwFileSizeLimit: false,
    });

    app.post(
      '/projects/:id/attachments',
      {
        schema: {
          tags,
          summary: `上传附件 Attach a file to a project (multipart field "file"; JPEG/PNG/WebP/HEIC/PDF/xlsx/docx by content; ≤ GUATU_MAX_ATTACHMENT_MB, default 20 MB)`,
          params: projectAttachmentParams,
          response: { 201: attachment },
        },
      },
      async (req, reply) => {
        try {
          const file = await req.file().catch(() => {
            throw new AppError('attachment_no_file');
          });
          if (!file) throw new AppError('attachment_no_file');
          const created = await attachments.addAttachment(
            db,
            store,
            req.actor,
            'project',
            req.params.id,
            { fileName: file.filename, stream: file.file, maxBytes },
            now(),
          );
          return await reply.status(201).send(created);
        } catch (err) {
          // Refused before the client finished sending (too large, out of scope): the rest of the
          // body is not read, so the connection closes after the answer instead of waiting on it.
          if (!req.raw.complete) reply.header('connection', 'close');
          throw err;
        }
      },
    );

    app.get(
      '/projects/:id/attachments',
      {
        schema: {
          tags,
          summary: '项目附件 The attachments of a project, oldest first',
          params: projectAttachmentParams,
          response: { 200: attachmentList },
        },
      },
      async (req) => attachments.listAttachments(db, req.actor, 'project', req.params.id),
    );

    app.get(
      '/attachments/:id',
      {
        schema: {
          tags,
          summary: '下载附件 The file itself, with its type (404 outside the owner’s scope)',
          params: attachmentIdParams,
        },
      },
      async (req, reply) => {
        const { attachment: a, stream } = await attachments.openAttachment(
          db,
          store,
          req.actor,
          req.params.id,
        );
        return reply
          .header('Content-Type', a.mime)
          .header('Content-Length', String(a.size))
          .header('Content-Disposition', contentDisposition(a.fileName))
          .header('X-Content-Type-Options', 'nosniff')
          .header('Cache-Control', 'private, no-store')
          .send(stream);
      },
    );

    app.delete(
      '/attachments/:id',
      {
        schema: {
          tags,
          summary: '删除附件 Delete an attachment (its uploader, or an admin over its owner)',
          params: attachmentIdParams,
          response: { 200: okBody },
        },
      },
      async (req) => {
        await attachments.deleteAttachment(db, req.actor, req.params.id, now());
        return { ok: true as const };
      },
    );
  };

import fastifyMultipart from '@fastify/multipart';
import {
  dispatchPhoto,
  dispatchPhotoClientKey,
  dispatchPhotoList,
  dispatchPhotoParams,
  dispatchPhotoReportParams,
} from '@guatu/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app.ts';
import { AppError } from '../errors.ts';
import * as photos from '../services/dispatch-photos.service.ts';
import { fileStoreOf } from '../storage/index.ts';

/** Photos of a dispatch report (一月一调度): upload, list, the display copy and thumbnail, delete. */
export const dispatchPhotosRoutes =
  ({ handle, config }: AppDeps, now: () => Date): FastifyPluginAsyncZod =>
  async (app) => {
    const db = handle.db;
    const store = fileStoreOf(config);
    const maxBytes = config.maxAttachmentMb * 1024 * 1024;
    const tags = ['dispatch'];
    await app.register(fastifyMultipart, {
      ...({ defParamCharset: 'utf8' } as object),
      // One byte past the limit reaches the service, which refuses it (413).
      limits: { fileSize: maxBytes + 1, files: 1, fields: 5, parts: 10, fieldSize: 200 },
      throwFileSizeLimit: false,
    });

    app.post(
      '/dispatch/rounds/:id/reports/:projectId/photos',
      {
        schema: {
          tags,
          summary:
            '上传调度照片 Add a photo to a saved report (multipart: file "file", JPEG/PNG/WebP/HEIC by content, ' +
            '≤ GUATU_MAX_ATTACHMENT_MB; optional field "clientKey", a UUID: the same key again answers 200 ' +
            'with the photo stored before)',
          params: dispatchPhotoReportParams,
          response: { 200: dispatchPhoto, 201: dispatchPhoto },
        },
      },
      async (req, reply) => {
        try {
          if (!req.isMultipart()) throw new AppError('attachment_no_file');
          let file: { fileName: string; data: Buffer } | null = null;
          let clientKey: string | null = null;
          for await (const part of req.parts()) {
            if (part.type === 'file') {
              if (part.fieldname !== 'file' || file) {
                part.file.resume();
                continue;
              }
              file = { fileName: part.filename, data: await part.toBuffer() };
            } else if (
              part.fieldname === 'clientKey' &&
              typeof part.value === 'string' &&
              part.value !== ''
            ) {
              const parsed = dispatchPhotoClientKey.safeParse(part.value);
              if (!parsed.success)
                throw new AppError('validation', {}, [{ path: 'body.clientKey', message: 'UUID' }]);
              clientKey = parsed.data;
            }
          }
          if (!file) throw new AppError('attachment_no_file');
          const { photo, created } = await photos.addReportPhotoWithStatus(
            db,
            store,
            req.actor,
            {
              roundId: req.params.id,
              projectId: req.params.projectId,
              fileName: file.fileName,
              data: file.data,
              clientKey,
              maxBytes,
            },
            now(),
          );
          return await reply.status(created ? 201 : 200).send(photo);
        } catch (err) {
          if (!req.raw.complete) reply.header('connection', 'close');
          throw err;
        }
      },
    );

    app.get(
      '/dispatch/rounds/:id/reports/:projectId/photos',
      {
        schema: {
          tags,
          summary: '调度照片 The photos of a report, oldest first',
          params: dispatchPhotoReportParams,
          response: { 200: dispatchPhotoList },
        },
      },
      async (req) => photos.listReportPhotos(db, req.actor, req.params.id, req.params.projectId, now()),
    );

    for (const which of ['thumbnail', 'display'] as const)
      app.get(
        `/dispatch/photos/:photoId/${which}`,
        {
          schema: {
            tags,
            summary:
              which === 'thumbnail'
                ? '照片缩略图 The photo’s thumbnail (≈320 px JPEG; 404 outside the report’s scope)'
                : '照片大图 The photo’s display copy (≈1600 px JPEG; 404 outside the report’s scope)',
            params: dispatchPhotoParams,
          },
        },
        async (req, reply) => {
          const stream = await photos.openPhotoImage(db, store, req.actor, req.params.photoId, which);
          return reply
            .header('Content-Type', 'image/jpeg')
            .header('X-Content-Type-Options', 'nosniff')
            .header('Cache-Control', 'private, no-store')
            .send(stream);
        },
      );

    app.delete(
      '/dispatch/photos/:photoId',
      {
        schema: {
          tags,
          summary:
            '删除调度照片 Delete a photo while its report is editable (its uploader, or the round’s admin)',
          params: dispatchPhotoParams,
        },
      },
      async (req, reply) => {
        await photos.deleteReportPhoto(db, req.actor, req.params.photoId, now());
        return reply.status(204).send();
      },
    );
  };

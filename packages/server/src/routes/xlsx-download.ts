import { PassThrough } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { XLSX_STREAM_BUFFER, type XlsxDownload } from '../excel/xlsx-stream.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Sends an authorised export as it is written (chunked). A failure before the first byte is an
 * ordinary error answer; after it, the stream is destroyed and Fastify closes the connection
 * without the final chunk, so the client sees a failed download rather than a short file.
 */
export function sendXlsx(reply: FastifyReply, file: XlsxDownload): FastifyReply {
  const out = new PassThrough({ highWaterMark: XLSX_STREAM_BUFFER });
  file.write(out).catch((err: unknown) => {
    if (!out.destroyed) reply.log.error({ err, file: file.asciiName }, 'xlsx export failed midway');
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return reply
    .header('Content-Type', XLSX_TYPE)
    .header(
      'Content-Disposition',
      `attachment; filename="${file.asciiName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    )
    .send(out);
}

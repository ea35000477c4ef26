import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

/**
 * The one file of a multipart upload (field "file"), read whole within the route's multipart limits:
 * no file → 400 no_file, over the limit → 413 too_large (`limit` as the message names it), not
 * multipart → 400 not_multipart. Used by the ledger import and the dispatch table import.
 */
export async function readUploadedFile(
  req: FastifyRequest,
  limit: string,
  fallbackName: string,
): Promise<{ data: Buffer; fileName: string }> {
  try {
    const file = await req.file();
    if (!file) throw new AppError('bad_request', { detail: '请选择要上传的文件', reason: 'no_file' });
    const fileName = file.filename || fallbackName;
    return { data: await file.toBuffer(), fileName };
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE' || (err as { statusCode?: number }).statusCode === 413)
      throw new AppError('too_large', { limit });
    throw new AppError('bad_request', {
      detail: '请以 multipart/form-data 上传文件（字段名 file）',
      reason: 'not_multipart',
    });
  }
}

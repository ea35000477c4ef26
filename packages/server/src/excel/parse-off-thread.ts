/**
 * Runs the spreadsheet parse in a worker thread with a capped heap and a time limit, so that a
 * hostile upload can neither block the event loop (/api/health and every other request go on)
 * nor exhaust the server's heap: at worst the worker dies and the upload gets a 413/422.
 * At most two parses run at once (each may use its whole heap); a few more wait their turn.
 * A worker serves one file and is terminated (its heap goes with it); loading exceljs through
 * tsx takes a worker ~0.5 s, so one spare is kept booted (unref'd) for the next upload.
 */
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../errors.ts';
import type { MessageKey } from '../messages.ts';
import type { SheetGrid } from './read-spreadsheet.ts';
import type { UploadLimits } from './upload-limits.ts';

const MAX_PARALLEL = 2;
const MAX_WAITING = 16;
const WORKER_URL = new URL('./parse-worker.mjs', import.meta.url);

/** The refusals a worker may answer with; anything else from it is a damaged file. */
const WORKER_CODES = new Set<string>([
  'not_spreadsheet',
  'encrypted_file',
  'corrupt_file',
  'legacy_xls',
  'too_large',
  'upload_size_mismatch',
  'upload_too_many_entries',
  'upload_unpacked_too_large',
  'upload_compression_ratio',
  'upload_too_many_rows',
  'upload_too_many_cells',
  'upload_line_too_long',
  'upload_parse_memory',
  'upload_parse_timeout',
] satisfies Array<ErrorCode & MessageKey>);

let spare: { worker: Worker; heapMb: number } | null = null;

function spawn(heapMb: number): Worker {
  return new Worker(WORKER_URL, {
    resourceLimits: { maxOldGenerationSizeMb: heapMb },
  });
}

/** A booting or booted worker with this heap cap: the spare when it fits, else a new one. */
function takeWorker(heapMb: number): Worker {
  const s = spare;
  spare = null;
  if (s && s.heapMb === heapMb) return (s.worker.ref(), s.worker);
  if (s) void s.worker.terminate();
  return spawn(heapMb);
}

function keepSpare(heapMb: number) {
  if (spare) return;
  const worker = spawn(heapMb);
  worker.unref();
  // A spare that dies (it should not) is simply forgotten; the next upload boots its own.
  const forget = () => {
    if (spare?.worker === worker) spare = null;
  };
  worker.on('error', forget);
  worker.on('exit', forget);
  spare = { worker, heapMb };
}

/** Boots the spare parse worker ahead of the first upload (at server start). */
export function prewarmParseWorker(heapMb: number) {
  keepSpare(heapMb);
}

let running = 0;
const waiting: Array<() => void> = [];

async function slot(): Promise<() => void> {
  if (running >= MAX_PARALLEL) {
    if (waiting.length >= MAX_WAITING) throw new AppError('rate_limited');
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

type Reply = { sheets: SheetGrid[] } | { error: { code: string; params: Record<string, string | number> } };

export async function parseOffThread(
  buf: Buffer,
  fileName: string,
  limits: UploadLimits,
): Promise<SheetGrid[]> {
  const release = await slot();
  try {
    return await new Promise<SheetGrid[]>((resolve, reject) => {
      const worker = takeWorker(limits.workerHeapMb);
      worker.removeAllListeners();
      const data = new Uint8Array(buf);
      worker.postMessage({ data, fileName, limits }, [data.buffer]);
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        void worker.terminate();
        fn();
      };
      const timer = setTimeout(
        () =>
          settle(() =>
            reject(new AppError('upload_parse_timeout', { limit: Math.ceil(limits.timeoutMs / 1000) })),
          ),
        limits.timeoutMs,
      );
      worker.on('message', (reply: Reply) =>
        settle(() => {
          if ('sheets' in reply) return resolve(reply.sheets);
          const code = WORKER_CODES.has(reply.error.code) ? reply.error.code : 'corrupt_file';
          reject(new AppError(code as ErrorCode & MessageKey, reply.error.params));
        }),
      );
      worker.on('error', (err: Error & { code?: string }) =>
        settle(() =>
          reject(
            err.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? new AppError('upload_parse_memory', { limit: `${limits.workerHeapMb} MB` })
              : err,
          ),
        ),
      );
      worker.on('exit', (code) =>
        settle(() => reject(new Error(`the spreadsheet parse worker exited (${code}) without an answer`))),
      );
    });
  } finally {
    release();
    keepSpare(limits.workerHeapMb);
  }
}

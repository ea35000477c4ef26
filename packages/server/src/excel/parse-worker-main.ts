// The parse worker's body: parses the one file it is sent within the budgets and posts back the
// sheets or the refusal. A worker serves one file and is then terminated. Started through
// parse-worker.mjs from the TypeScript sources (tsx, vitest, the CLI), or built by
// scripts/build-server.mjs into packages/server/dist/parse-worker.mjs beside the built server.
import { parentPort } from 'node:worker_threads';
import { parseSpreadsheet } from './read-spreadsheet.ts';

type Job = {
  data: ArrayBuffer | Uint8Array;
  fileName: string;
  limits: Parameters<typeof parseSpreadsheet>[2];
};

parentPort?.once('message', async ({ data, fileName, limits }: Job) => {
  try {
    const sheets = await parseSpreadsheet(Buffer.from(data as ArrayBuffer), fileName, limits);
    parentPort?.postMessage({ sheets });
  } catch (err) {
    const code = err && typeof err === 'object' && 'code' in err && 'params' in err ? err.code : null;
    parentPort?.postMessage({
      error: code
        ? { code, params: (err as { params: unknown }).params }
        : // An engine limit inside exceljs (string or array length) is the file's size, not a bug.
          { code: err instanceof RangeError ? 'upload_parse_memory' : 'corrupt_file', params: {} },
    });
  }
});

// A spare worker waits for its file: load exceljs meanwhile (a hostile file never needs it).
import('exceljs').catch(() => {});

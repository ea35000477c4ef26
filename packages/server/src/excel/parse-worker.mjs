// The parse worker's entry (plain JS, so that Node can start it whether the server runs from its
// TypeScript sources through tsx, under vitest or from the CLI): it loads read-spreadsheet.ts
// through tsx's API, then parses the one file it is sent within the budgets and posts back the
// sheets or the refusal. A worker serves one file and is then terminated.
import { parentPort } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const { parseSpreadsheet } = await tsImport('./read-spreadsheet.ts', import.meta.url);

parentPort.once('message', async ({ data, fileName, limits }) => {
  try {
    const sheets = await parseSpreadsheet(Buffer.from(data), fileName, limits);
    parentPort.postMessage({ sheets });
  } catch (err) {
    const code = err && typeof err === 'object' && 'code' in err && 'params' in err ? err.code : null;
    parentPort.postMessage({
      error: code
        ? { code, params: err.params }
        : // An engine limit inside exceljs (string or array length) is the file's size, not a bug.
          { code: err instanceof RangeError ? 'upload_parse_memory' : 'corrupt_file', params: {} },
    });
  }
});

// A spare worker waits for its file: load exceljs meanwhile (a hostile file never needs it).
import('exceljs').catch(() => {});

// The parse worker's entry when the server runs from its TypeScript sources (tsx, vitest, the
// CLI): plain JS, so that Node can start it, loading the body (parse-worker-main.ts) through
// tsx's API. The built server (scripts/build-server.mjs) has its own bundled parse-worker.mjs.
import { tsImport } from 'tsx/esm/api';

await tsImport('./parse-worker-main.ts', import.meta.url);

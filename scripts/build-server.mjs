#!/usr/bin/env node
// Builds the server once (issue 11: start-up) instead of transpiling it through tsx at every start:
// packages/server/src/cli.ts → packages/server/dist/cli.mjs and the spreadsheet parse worker →
// packages/server/dist/parse-worker.mjs, with the workspace packages (@guatu/domain, contracts)
// bundled in and every other package left to node_modules. `npm start` runs it when the server's
// sources are newer than the build; `node scripts/build-server.mjs` builds by hand.
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'packages/server/dist');

/** Only the workspace packages are bundled: the rest (native, large or data-carrying) stay external. */
const externals = {
  name: 'externals',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@guatu/') ? undefined : { path: args.path, external: true },
    );
  },
};

export async function buildServer() {
  const started = Date.now();
  await build({
    entryPoints: {
      cli: path.join(root, 'packages/server/src/cli.ts'),
      'parse-worker': path.join(root, 'packages/server/src/excel/parse-worker-main.ts'),
    },
    outdir: out,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    plugins: [externals],
  });
  return Date.now() - started;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const ms = await buildServer();
  console.log(`[guatu] server built into packages/server/dist in ${ms} ms`);
}

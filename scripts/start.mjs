#!/usr/bin/env node
// `npm start`: build the web app and the server when they are missing or older than their sources,
// then serve from the built server (packages/server/dist/cli.mjs: no TypeScript transpiled at start),
// in this process.
// GUATU_SKIP_BUILD=1 builds nothing; a server build older than its sources is then run from the
// sources through tsx instead, never stale.
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'packages/web/dist/index.html');

function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist') continue;
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

const sources = ['packages/web', 'packages/contracts/src', 'packages/domain/src'].map((d) =>
  path.join(root, d),
);
const stale = !fs.existsSync(dist) || Math.max(...sources.map(newest)) > fs.statSync(dist).mtimeMs;
if (stale && process.env.GUATU_SKIP_BUILD !== '1') {
  console.log('[guatu] building the web app (packages/web) …');
  const r = spawnSync('npm', ['run', 'build', '-w', 'packages/web'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const serverDist = path.join(root, 'packages/server/dist/cli.mjs');
const serverSources = ['packages/server/src', 'packages/contracts/src', 'packages/domain/src'].map((d) =>
  path.join(root, d),
);
// The build's own scripts too: a changed loader or bundle layout is a stale build.
const buildScripts = ['scripts/build-server.mjs', 'scripts/server-loader.mjs'].map((f) => path.join(root, f));
const serverStale = () =>
  !fs.existsSync(serverDist) ||
  Math.max(...serverSources.map(newest), ...buildScripts.map((f) => fs.statSync(f).mtimeMs)) >
    fs.statSync(serverDist).mtimeMs;
if (serverStale() && process.env.GUATU_SKIP_BUILD !== '1') {
  const { buildServer } = await import('./build-server.mjs');
  const ms = await buildServer();
  console.log(`[guatu] server built into packages/server/dist in ${ms} ms`);
}

if (serverStale()) {
  // GUATU_SKIP_BUILD=1 with a stale build: the sources through tsx, in a process of their own.
  const tsx = path.join(root, 'node_modules/tsx/dist/cli.mjs');
  const child = spawn(process.execPath, [tsx, path.join(root, 'packages/server/src/cli.ts'), 'serve'], {
    cwd: root,
    stdio: 'inherit',
    env: process.env,
  });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  // The built server in this process (not a second node started: issue 11, start-up), as
  // `node packages/server/dist/cli.mjs serve` from the repository's root; it handles SIGINT and
  // SIGTERM itself.
  process.chdir(root);
  process.argv = [process.argv[0], serverDist, 'serve'];
  await import(pathToFileURL(serverDist).href);
}

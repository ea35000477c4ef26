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
const webDist = path.join(root, 'packages/web/dist/index.html');
const serverDist = path.join(root, 'packages/server/dist/cli.mjs');

/**
 * The newest modification time of the files and folders under `dir` (node_modules and dist aside).
 * A folder's own time counts, so a source file added, removed or renamed is a change too; not that
 * of a folder holding node_modules or dist (packages/web), which an install or a build changes.
 */
function newest(dir) {
  let t = 0;
  let holdsBuilt = false;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const name = e.name;
    if (name === 'node_modules' || name === 'dist') {
      holdsBuilt = true;
      continue;
    }
    // Plain joins and comparisons: this runs once per start on cold code, where path.join and
    // Math.max over ~640 entries cost ~5 ms more (issue 11: start-up).
    const p = `${dir}/${name}`;
    const m = e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs;
    if (m > t) t = m;
  }
  if (!holdsBuilt) {
    const m = fs.statSync(dir).mtimeMs;
    if (m > t) t = m;
  }
  return t;
}

// Each source folder walked once (contracts and domain serve both builds): the check is a few
// hundred stats, ~10 ms, on every start (issue 11: start-up).
const walked = new Map();
const newestOf = (dirs) =>
  Math.max(
    ...dirs.map((d) => {
      if (!walked.has(d)) walked.set(d, newest(path.join(root, d)));
      return walked.get(d);
    }),
  );
const mtime = (file) => fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? null;
const shared = ['packages/contracts/src', 'packages/domain/src'];

const webBuilt = mtime(webDist);
const webStale = webBuilt === null || newestOf(['packages/web', ...shared]) > webBuilt;
if (webStale && process.env.GUATU_SKIP_BUILD !== '1') {
  console.log('[guatu] building the web app (packages/web) …');
  const r = spawnSync('npm', ['run', 'build', '-w', 'packages/web'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// The build's own scripts too: a changed loader or bundle layout is a stale build.
const buildScripts = ['scripts/build-server.mjs', 'scripts/server-loader.mjs'].map((f) => path.join(root, f));
const serverStale = () => {
  const built = mtime(serverDist);
  return (
    built === null ||
    Math.max(newestOf(['packages/server/src', ...shared]), ...buildScripts.map((f) => mtime(f) ?? 0)) > built
  );
};
let runSources = serverStale();
if (runSources && process.env.GUATU_SKIP_BUILD !== '1') {
  const { buildServer } = await import('./build-server.mjs');
  const ms = await buildServer();
  console.log(`[guatu] server built into packages/server/dist in ${ms} ms`);
  walked.clear(); // a source changed while it built is run from the sources
  runSources = serverStale();
}

if (runSources) {
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

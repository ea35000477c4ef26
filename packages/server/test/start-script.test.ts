/**
 * `npm start` (scripts/start.mjs, issue 11: start-up) on a repository of its own in a temporary
 * folder, with a stand-in server build (packages/server/dist/cli.mjs answering its label) and a
 * stand-in builder: a current build is served as it is; a build older than a source (or than a
 * build script) is never served — it is built first, or (GUATU_SKIP_BUILD=1) the sources are run
 * through tsx; nothing built yet is built first; SIGTERM stops the server it runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** A built server that answers its label, as `serve` from a build would. */
const builtServer = (label: string) => `import http from 'node:http';
console.log('[fake] loaded ${label}');
console.log('[fake] serving ${label}');
const server = http.createServer((_q, s) => s.end('${label}')).listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => { console.log('[fake] stopped ${label}'); server.close(() => process.exit(0)); });
`;

const FUTURE = Date.now() / 1000 + 3600;

/** A repository with a current build: sources (files and folders) an hour ago, builds a minute ago. */
function makeRepo(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'guatu-start-'));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  fs.copyFileSync(path.join(repo, 'scripts/start.mjs'), path.join(root, 'start.mjs.tmp'));
  write('scripts/start.mjs', fs.readFileSync(path.join(root, 'start.mjs.tmp'), 'utf8'));
  fs.rmSync(path.join(root, 'start.mjs.tmp'));
  write('scripts/server-loader.mjs', '// the loader\n');
  // The builder writes "build 2", dated after every source (even one dated in the future).
  write(
    'scripts/build-server.mjs',
    `import fs from 'node:fs';
import path from 'node:path';
export async function buildServer() {
  const out = path.join(import.meta.dirname, '../packages/server/dist/cli.mjs');
  fs.writeFileSync(out, ${JSON.stringify(builtServer('build 2'))});
  fs.utimesSync(out, ${FUTURE + 60}, ${FUTURE + 60});
  return 1;
}
`,
  );
  for (const f of [
    'packages/web/src/main.ts',
    'packages/contracts/src/index.ts',
    'packages/domain/src/index.ts',
    'packages/server/src/app.ts',
  ])
    write(f, 'export {};\n');
  write(
    'packages/server/src/cli.ts',
    `import http from 'node:http';
console.log('[fake] serving sources');
http.createServer((_q, s) => s.end('sources')).listen(Number(process.env.PORT), '127.0.0.1');
`,
  );
  const hourAgo = Date.now() / 1000 - 3600;
  const date = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) date(p);
      fs.utimesSync(p, hourAgo, hourAgo);
    }
  };
  date(root);
  write('packages/web/dist/index.html', '<!doctype html>\n');
  write('packages/server/dist/cli.mjs', builtServer('build 1'));
  // The builds a minute ago: a folder a test changes now is newer than them, whatever the clock's grain.
  const minuteAgo = Date.now() / 1000 - 60;
  for (const f of ['packages/web/dist/index.html', 'packages/server/dist/cli.mjs'])
    fs.utimesSync(path.join(root, f), minuteAgo, minuteAgo);
  // tsx for GUATU_SKIP_BUILD=1 with a stale build.
  fs.symlinkSync(path.join(repo, 'node_modules'), path.join(root, 'node_modules'));
  return root;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const started: { child: ChildProcess; root: string }[] = [];
afterEach(async () => {
  for (const { child, root } of started.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(root, { recursive: true, force: true });
  }
});

/** `node scripts/start.mjs` in `root` until it answers: its answer, output and process. */
async function start(root: string, env: Record<string, string> = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, 'scripts/start.mjs')], {
    cwd: root,
    env: { ...process.env, GUATU_SKIP_BUILD: '', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push({ child, root });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  for (let i = 0; ; i++) {
    const body = await fetch(`http://127.0.0.1:${port}/`).then(
      (r) => r.text(),
      () => null,
    );
    if (body !== null) return { body, output: () => output, child };
    if (i > 600 || child.exitCode !== null) throw new Error(`no answer:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('npm start (scripts/start.mjs)', () => {
  it('serves a current build as it is', async () => {
    const s = await start(makeRepo());
    expect(s.body).toBe('build 1');
    expect(s.output()).toBe('[fake] loaded build 1\n[fake] serving build 1\n');
  });

  it('never serves a build older than a source: it builds first and serves the new one', async () => {
    const root = makeRepo();
    fs.utimesSync(path.join(root, 'packages/server/src/app.ts'), FUTURE, FUTURE);
    const s = await start(root);
    expect(s.body).toBe('build 2');
    expect(s.output()).toBe(
      '[guatu] server built into packages/server/dist in 1 ms\n[fake] loaded build 2\n[fake] serving build 2\n',
    );
    const exited = new Promise<number | null>((r) => s.child.once('exit', (code) => r(code)));
    s.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(s.output()).toContain('[fake] stopped build 2\n');
  }, 60_000);

  it('a changed build script is a stale build too', async () => {
    const root = makeRepo();
    fs.utimesSync(path.join(root, 'scripts/server-loader.mjs'), FUTURE, FUTURE);
    expect((await start(root)).body).toBe('build 2');
  }, 60_000);

  it('GUATU_SKIP_BUILD=1 with a stale build: the sources through tsx, not the build', async () => {
    const root = makeRepo();
    fs.utimesSync(path.join(root, 'packages/contracts/src/index.ts'), FUTURE, FUTURE);
    const s = await start(root, { GUATU_SKIP_BUILD: '1' });
    expect(s.body).toBe('sources');
    expect(s.output()).not.toContain('serving build 1');
  }, 60_000);

  it('GUATU_SKIP_BUILD=1 with a web build older than its sources serves the server build as it is', async () => {
    const root = makeRepo();
    fs.utimesSync(path.join(root, 'packages/web/src/main.ts'), FUTURE, FUTURE);
    const s = await start(root, { GUATU_SKIP_BUILD: '1' });
    expect(s.body).toBe('build 1');
    expect(s.output()).toBe('[fake] loaded build 1\n[fake] serving build 1\n');
  });

  it('a source file added after the build (dated long before it) is a stale build: its folder changed', async () => {
    const root = makeRepo();
    const added = path.join(root, 'packages/server/src/added.ts');
    fs.writeFileSync(added, 'export {};\n');
    fs.utimesSync(added, 0, 0);
    expect((await start(root)).body).toBe('build 2');
  }, 60_000);

  it('a source file removed after the build is a stale build', async () => {
    const root = makeRepo();
    fs.rmSync(path.join(root, 'packages/server/src/app.ts'));
    expect((await start(root)).body).toBe('build 2');
  }, 60_000);

  it('nothing built yet: built before anything is loaded', async () => {
    const root = makeRepo();
    fs.rmSync(path.join(root, 'packages/server/dist'), { recursive: true });
    fs.mkdirSync(path.join(root, 'packages/server/dist'));
    const s = await start(root);
    expect(s.body).toBe('build 2');
    expect(s.output()).toBe(
      '[guatu] server built into packages/server/dist in 1 ms\n[fake] loaded build 2\n[fake] serving build 2\n',
    );
  }, 60_000);
});

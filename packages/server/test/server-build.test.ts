/**
 * The built server (issue 11, item 3: start-up): scripts/build-server.mjs writes one CommonJS
 * bundle in ASCII only (read as Latin-1) and the loader cli.mjs; `serve` from it answers, writes
 * V8's code cache when it stops, and the next start uses that cache; a stack trace through the
 * bundle names the TypeScript source.
 */
import { spawn } from 'node:child_process';
import { isAscii } from 'node:buffer';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
// Inside the repository (node_modules resolve from there), git-ignored (.tmp/), this run's own.
const outdir = path.join(root, 'packages/server/.tmp', `server-build-${process.pid}`);
const cli = path.join(outdir, 'cli.mjs');

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

/** `serve` from the build on a data dir until /api/health answers; then `check`; then SIGTERM. */
async function serveOnce(
  dataDir: string,
  check: (base: string) => Promise<void>,
  nodeArgs: string[] = [],
): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, cli, 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      GUATU_DATA_DIR: dataDir,
      GUATU_DEMO: '0',
      GUATU_MFA_REQUIRED: '0',
      GUATU_ADMIN_PASSWORD: 'Bench@12345',
      GUATU_DEBUG_CODE_CACHE: '1',
      DATABASE_URL: '',
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      const ok = await fetch(`${base}/api/health`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) break;
      if (i > 1200 || child.exitCode !== null) throw new Error(`no start:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await check(base);
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
  return output;
}

describe('the built server', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guatu-server-build-'));
    const { buildServer } = (await import(
      pathToFileURL(path.join(root, 'scripts/build-server.mjs')).href
    )) as {
      buildServer: (o: { outdir: string }) => Promise<number>;
    };
    await buildServer({ outdir });
  }, 300_000);
  afterAll(() => {
    fs.rmSync(outdir, { recursive: true, force: true });
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('is one CommonJS bundle in ASCII only, its loader and the parse worker', () => {
    expect(fs.readdirSync(outdir).sort()).toEqual([
      'cli.mjs',
      'parse-worker.mjs',
      'parse-worker.mjs.map',
      'server.cjs',
      'server.cjs.map',
    ]);
    expect(isAscii(fs.readFileSync(path.join(outdir, 'server.cjs')))).toBe(true);
  });

  it("defers the router's compiled matchers, Fastify's default compilers and some modules to their first use", () => {
    const bundle = fs.readFileSync(path.join(outdir, 'server.cjs'), 'latin1');
    // find-my-way patched (scripts/build-server.mjs, PATCHES): not bundled as it is with a warning.
    expect(bundle).toContain('function matchPrefixUntilCompiled(');
    expect(bundle).toContain('_createParamsObject: createParamsObjectOnFirstUse');
    expect(bundle).toContain('function getHandlerMatchingConstraintsOnFirstUse(');
    // Fastify's default Ajv and fast-json-stringify compilers, and @fastify/static's glob.
    expect(bundle).toContain('function buildValidatorOnFirstUse(');
    expect(bundle).toContain('function buildSerializerOnFirstUse(');
    expect(bundle).toContain('get sm2() {');
    expect(bundle).toContain('var send = Object.defineProperties((...args) => loadSend()(...args), {');
    // better-sqlite3's JavaScript bundled, its addon loaded from node_modules.
    expect(bundle).not.toContain('require("better-sqlite3")');
    expect(bundle).toContain('return require("better-sqlite3/build/Release/better_sqlite3.node");');
    expect(bundle).toContain('var Ref = (...args) => require_');
    expect(
      bundle.match(
        /var yaml\w* = \{ stringify: \(\.\.\.args\) => require_\w+\(\)\.stringify\(\.\.\.args\) \};/g,
      ),
    ).toHaveLength(2);
    expect(bundle).toContain('var Address6 = function(...args) {');
    expect(bundle).toMatch(/var glob = \(\.\.\.args\) => require_\w+\(\)\.glob\(\.\.\.args\);/);
    for (const id of ['node:http2', 'node:https', 'node:dns'])
      expect(bundle).toContain(`require("lazy:${id}")`);
    expect(bundle).not.toMatch(/require\("(node:)?http2"\)/);
  });

  it('serves, writes the code cache when it stops, and the next start uses it', async () => {
    const first = await serveOnce(dataDir, async (base) => {
      const docs = await fetch(`${base}/api/docs/json`);
      expect(docs.status).toBe(200);
      expect(((await docs.json()) as { info: { title: string } }).info.title).toBe('Guatu 挂图 API');
      // yaml, loaded by this first request for it (scripts/build-server.mjs, PATCHES).
      const yaml = await fetch(`${base}/api/docs/yaml`);
      expect(yaml.status).toBe(200);
      expect(await yaml.text()).toMatch(/^openapi: 3\.\d+\.\d+\n[\s\S]*title: Guatu 挂图 API/);
    });
    expect(first).toContain('[guatu] code cache none');
    const caches = fs.readdirSync(outdir).filter((f) => f.endsWith('.v8-cache'));
    expect(caches).toHaveLength(1);
    const second = await serveOnce(dataDir, async (base) => {
      const res = await fetch(`${base}/api/projects`);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
      // The router before and after its prefix matchers are compiled (16 lookups of a node): a
      // route with a parameter is found (401 without a session), a near miss is not (404).
      for (let i = 0; i < 20; i++) {
        const codes = await Promise.all(
          ['/api/health', '/api/projects/123', '/api/projectsx', '/api/projects/123/nope'].map(
            async (url) => (await fetch(`${base}${url}`)).status,
          ),
        );
        expect(codes).toEqual([200, 401, 404, 404]);
      }
    });
    expect(second).toContain('[guatu] code cache used');
    // Node started with other flags (e.g. a heap size in NODE_OPTIONS, or node's own flags) keeps
    // a cache of its own beside it, so that two ways of starting do not reject and rewrite each
    // other's cache.
    const health = async (base: string) => expect((await fetch(`${base}/api/health`)).status).toBe(200);
    const otherFlags = ['--min-semi-space-size=16'];
    expect(await serveOnce(dataDir, health, otherFlags)).toContain('[guatu] code cache none');
    expect(fs.readdirSync(outdir).filter((f) => f.endsWith('.v8-cache'))).toHaveLength(2);
    expect(await serveOnce(dataDir, health, otherFlags)).toContain('[guatu] code cache used');
    expect(await serveOnce(dataDir, health)).toContain('[guatu] code cache used');
  }, 300_000);

  it('names the TypeScript source, line and column in a stack trace through a bundle', async () => {
    // The loader beside a small bundle of its own whose code throws on line 3 of its source.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guatu-loader-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'boom.ts'),
        "export function boom(): never {\n  // the third line throws\n  throw new Error('boom');\n}\nboom();\n",
      );
      const { buildSync } = await import('esbuild');
      buildSync({
        entryPoints: [path.join(dir, 'boom.ts')],
        outfile: path.join(dir, 'server.cjs'),
        format: 'cjs',
        platform: 'node',
        bundle: true,
        sourcemap: true,
        logLevel: 'silent',
      });
      fs.copyFileSync(path.join(root, 'scripts/server-loader.mjs'), path.join(dir, 'cli.mjs'));
      const stderr = await new Promise<string>((resolve) => {
        const child = spawn(process.execPath, [path.join(dir, 'cli.mjs')], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let s = '';
        child.stderr.on('data', (d: Buffer) => (s += d.toString()));
        child.on('exit', () => resolve(s));
      });
      expect(stderr).toContain('Error: boom');
      expect(stderr).toContain(`at boom (${path.join(dir, 'boom.ts')}:3:9)`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

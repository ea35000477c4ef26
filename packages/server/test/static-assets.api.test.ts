// The built web app as the server sends it: precompressed siblings (.br/.gz written by the Vite
// build) chosen by Accept-Encoding, immutable caching for hashed assets, no-cache for index.html,
// and the SPA fallback for client routes while /api stays JSON.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, describeEngines, type TestContext } from './harness.ts';

const INDEX = `<!doctype html><html lang="zh-CN"><head><meta charset="UTF-8"><title>挂图作战</title></head><body><div id="root"></div><script type="module" src="/assets/app-abc123.js"></script></body></html>\n`;
// Large enough to be worth compressing (send skips compression for tiny files: not relied on).
const APP_JS = `export const greeting = ${JSON.stringify('挂图作战 '.repeat(400))};\nconsole.log(greeting);\n`;

function fakeDist(): { dir: string; br: Buffer; gz: Buffer } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guatu-dist-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), INDEX);
  const js = Buffer.from(APP_JS);
  const br = zlib.brotliCompressSync(js);
  const gz = zlib.gzipSync(js, { level: 9 });
  fs.writeFileSync(path.join(dir, 'assets/app-abc123.js'), js);
  fs.writeFileSync(path.join(dir, 'assets/app-abc123.js.br'), br);
  fs.writeFileSync(path.join(dir, 'assets/app-abc123.js.gz'), gz);
  return { dir, br, gz };
}

describeEngines('static assets', (engine) => {
  let ctx: TestContext;
  let dist: ReturnType<typeof fakeDist>;
  beforeAll(async () => {
    dist = fakeDist();
    ctx = await createTestContext(engine, { webDist: dist.dir });
  });
  afterAll(async () => {
    await ctx.close();
    fs.rmSync(dist.dir, { recursive: true, force: true });
  });

  const get = (url: string, acceptEncoding?: string) =>
    ctx.app.inject({
      method: 'GET',
      url,
      headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
    });

  it('sends the brotli sibling, byte for byte, when the request accepts br', async () => {
    const res = await get('/assets/app-abc123.js', 'gzip, deflate, br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.rawPayload.equals(dist.br)).toBe(true);
    expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(APP_JS);
  });

  it('sends the gzip sibling when the request accepts gzip only', async () => {
    const res = await get('/assets/app-abc123.js', 'gzip');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.rawPayload.equals(dist.gz)).toBe(true);
  });

  it('sends the file itself (identity) when the request accepts no encoding', async () => {
    for (const accept of [undefined, 'identity']) {
      const res = await get('/assets/app-abc123.js', accept);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.payload).toBe(APP_JS);
    }
  });

  it('lets browsers keep hashed assets for a year, and revalidate index.html every time', async () => {
    for (const accept of ['br', 'gzip', undefined]) {
      const asset = await get('/assets/app-abc123.js', accept);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
    const index = await get('/index.html', 'br');
    expect(index.statusCode).toBe(200);
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.payload).toBe(INDEX);
  });

  it('answers a client route with index.html (no-cache), and an unknown API path with JSON 404', async () => {
    const page = await get('/projects/123', 'gzip, br');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.payload).toBe(INDEX);

    const api = await get('/api/unknown', 'gzip, br');
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toMatch(/^application\/json/);
    expect(api.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    expect(api.headers['cache-control']).not.toMatch(/immutable/);
  });

  it('serves a chunk written after the server started (a rebuild), and a missing chunk as a 404, never index.html', async () => {
    // The file list is not frozen at start: a lazy page's chunk from a later build is found.
    const late = `export const late = ${JSON.stringify('后来的页面 '.repeat(300))};\n`;
    fs.writeFileSync(path.join(dist.dir, 'assets/late-page-d4e5f6.js'), late);
    fs.writeFileSync(path.join(dist.dir, 'assets/late-page-d4e5f6.js.br'), zlib.brotliCompressSync(late));
    const res = await get('/assets/late-page-d4e5f6.js', 'gzip, deflate, br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(res.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(late);
    // Without a .gz sibling the file itself goes out for a gzip-only client.
    const plain = await get('/assets/late-page-d4e5f6.js', 'gzip');
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.payload).toBe(late);

    // A chunk that is gone (replaced by a rebuild) fails the import at once: JSON 404, not the page.
    for (const accept of ['gzip, deflate, br', undefined]) {
      const gone = await get('/assets/old-page-000000.js', accept);
      expect(gone.statusCode).toBe(404);
      expect(gone.headers['content-type']).toMatch(/^application\/json/);
      expect(gone.payload).not.toContain('<!doctype html>');
    }
  });
});

// The real build (packages/web/dist, when it has been built): every file the Vite manifest names
// answers 200 with its type, in brotli, gzip or identity as the request accepts.
const webDist = path.resolve(import.meta.dirname, '../../web/dist');
const manifestFile = path.join(webDist, '.vite/manifest.json');
const hasBuild = fs.existsSync(manifestFile);
// Under CI (scripts/test.sh builds the web app first) a missing build is a failure, not a skip.
const ciMode = ['true', '1', 'yes'].includes(process.env.CI ?? '');
describeEngines('static assets of the web build', (engine) => {
  let ctx: TestContext;
  let copy: string;
  let files: string[];
  beforeAll(async () => {
    if (!hasBuild) return;
    // A copy: another build may replace dist/ while this runs.
    copy = fs.mkdtempSync(path.join(os.tmpdir(), 'guatu-dist-copy-'));
    fs.cpSync(webDist, copy, { recursive: true });
    const manifest = JSON.parse(fs.readFileSync(path.join(copy, '.vite/manifest.json'), 'utf8')) as Record<
      string,
      { file: string; css?: string[] }
    >;
    files = [...new Set(Object.values(manifest).flatMap((c) => [c.file, ...(c.css ?? [])]))];
    ctx = await createTestContext(engine, { webDist: copy });
  });
  afterAll(async () => {
    if (!hasBuild) return;
    await ctx.close();
    fs.rmSync(copy, { recursive: true, force: true });
  });

  it.skipIf(!hasBuild && !ciMode)(
    'answers every chunk of the manifest with 200, its type and the encoding asked for',
    async () => {
      expect(hasBuild, `no web build at ${manifestFile}: run npm run build first`).toBe(true);
      expect(files.length).toBeGreaterThan(1);
      for (const file of files) {
        const body = fs.readFileSync(path.join(copy, file));
        const type = file.endsWith('.css') ? /^text\/css/ : /^text\/javascript|^application\/javascript/;
        for (const [accept, encoding, sibling] of [
          ['gzip, deflate, br', 'br', '.br'],
          ['gzip', 'gzip', '.gz'],
          [undefined, undefined, ''],
        ] as const) {
          const res = await ctx.app.inject({
            method: 'GET',
            url: `/${file}`,
            headers: accept === undefined ? {} : { 'accept-encoding': accept },
          });
          expect(res.statusCode, file).toBe(200);
          expect(res.headers['content-type'], file).toMatch(type);
          expect(res.headers['cache-control'], file).toBe('public, max-age=31536000, immutable');
          // Tiny chunks have no sibling (not smaller): the file itself goes out, unencoded.
          const hasSibling = sibling !== '' && fs.existsSync(path.join(copy, file + sibling));
          expect(res.headers['content-encoding'], file).toBe(hasSibling ? encoding : undefined);
          const decoded =
            res.headers['content-encoding'] === 'br'
              ? zlib.brotliDecompressSync(res.rawPayload)
              : res.headers['content-encoding'] === 'gzip'
                ? zlib.gunzipSync(res.rawPayload)
                : res.rawPayload;
          expect(decoded.equals(body), file).toBe(true);
        }
      }
    },
  );
});

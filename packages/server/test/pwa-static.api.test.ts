// The installable app (issue 10, item 3): the service worker, the web manifest and the icons are sent
// from the web build at the paths the browser asks for (not the SPA page), revalidated every time,
// under the same CSP; a missing one is a JSON 404, never index.html (a worker script must be JS).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, describeEngines, type TestContext } from './harness.ts';

const INDEX = `<!doctype html><html lang="zh-CN"><head><title>挂图作战</title><link rel="manifest" href="/manifest.webmanifest"></head><body></body></html>\n`;
const SW = `self.addEventListener('install', () => self.skipWaiting());\n`;
const MANIFEST = JSON.stringify({ name: '挂图作战 Guatu', start_url: '/dispatch/my', display: 'standalone' });
// The PNG signature and a few bytes: enough for the type.
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

function fakeDist(withPwa: boolean): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guatu-pwa-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), INDEX);
  if (withPwa) {
    fs.mkdirSync(path.join(dir, 'icons'));
    fs.writeFileSync(path.join(dir, 'sw.js'), SW);
    fs.writeFileSync(path.join(dir, 'manifest.webmanifest'), MANIFEST);
    fs.writeFileSync(path.join(dir, 'icons/pwa-192.png'), PNG);
  }
  return dir;
}

describeEngines('PWA files of the web build', (engine) => {
  let ctx: TestContext;
  let bare: TestContext;
  const dirs: string[] = [];
  beforeAll(async () => {
    dirs.push(fakeDist(true), fakeDist(false));
    ctx = await createTestContext(engine, { webDist: dirs[0] });
    bare = await createTestContext(engine, { webDist: dirs[1] });
  });
  afterAll(async () => {
    await ctx.close();
    await bare.close();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('sends the service worker as JavaScript from the root, revalidated, under the CSP', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/sw.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.payload).toBe(SW);
    // Same-origin worker and manifest fall under default-src / script-src 'self': nothing widened.
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/worker-src|unsafe-eval/);
    // Its scope is its folder, the site root: no Service-Worker-Allowed needed.
    expect(res.headers['service-worker-allowed']).toBeUndefined();
  });

  it('sends the manifest as a web manifest and the icons as PNG', async () => {
    const manifest = await ctx.app.inject({ method: 'GET', url: '/manifest.webmanifest' });
    expect(manifest.statusCode).toBe(200);
    expect(manifest.headers['content-type']).toMatch(/^application\/manifest\+json/);
    expect(manifest.headers['cache-control']).toBe('no-cache');
    expect(manifest.json()).toEqual({
      name: '挂图作战 Guatu',
      start_url: '/dispatch/my',
      display: 'standalone',
    });
    const icon = await ctx.app.inject({ method: 'GET', url: '/icons/pwa-192.png' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toBe('image/png');
    expect(icon.rawPayload.equals(PNG)).toBe(true);
  });

  it('answers a missing worker, manifest or icon with a JSON 404, never the SPA page', async () => {
    for (const [app, url] of [
      [bare.app, '/sw.js'],
      [bare.app, '/manifest.webmanifest'],
      [bare.app, '/icons/pwa-192.png'],
      [ctx.app, '/icons/none.png'],
    ] as const) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.payload).not.toContain('<!doctype html>');
    }
    // Client routes still get the page.
    const page = await ctx.app.inject({ method: 'GET', url: '/dispatch/my' });
    expect(page.statusCode).toBe(200);
    expect(page.payload).toBe(INDEX);
  });
});

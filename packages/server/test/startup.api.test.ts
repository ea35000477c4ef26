/**
 * Start-up (issue 11, item 3): what the server no longer does at start still answers when first
 * needed — Swagger UI and the OpenAPI document under /api/docs (set up by the first request for
 * them, docs-ui.ts), the packages loaded on first use (lazy-packages.ts: qrcode, sharp, exifr, pg),
 * the built-in holiday calendar computed on first use.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { qrDataUrl } from '../src/auth/totp.ts';
import { loadExifr, loadPg, loadQrcode, loadSharp } from '../src/lazy-packages.ts';
import { builtInLastYear } from '../src/services/calendar.service.ts';
import { createTestContext, describeEngines, type TestContext } from './harness.ts';

describeEngines('start-up: work deferred to its first use', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(engine, {}, { demo: false });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('serves Swagger UI under /api/docs on the first requests for it, without a session, several at once', async () => {
    const get = (url: string) => ctx.app.inject({ method: 'GET', url });
    // Four first requests at once share one set-up.
    const [page, slash, css, json] = await Promise.all([
      get('/api/docs'),
      get('/api/docs/'),
      get('/api/docs/static/swagger-ui.css'),
      get('/api/docs/json'),
    ]);
    for (const res of [page, slash]) {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('swagger-initializer.js');
    }
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    expect(css.body.length).toBeGreaterThan(10_000);
    expect(json.statusCode).toBe(200);
    const doc = json.json() as { openapi: string; info: { title: string }; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe('Guatu 挂图 API');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/projects', '/api/health']),
    );
    // The docs' own routes are not documented.
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/api/docs'))).toEqual([]);

    const init = await get('/api/docs/static/swagger-initializer.js');
    expect(init.statusCode).toBe(200);
    expect(init.body).toContain('"docExpansion":"list"');
    const yaml = await get('/api/docs/yaml');
    expect(yaml.statusCode).toBe(200);
    expect(yaml.body).toContain('title: Guatu 挂图 API');
    // The app's own security headers are kept on these answers.
    expect(init.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers a missing page under /api/docs with the app’s typed 404', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/docs/static/nope.js',
      headers: { 'accept-language': 'en-US' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('loads each deferred package once, on first use', async () => {
    const [a, b] = await Promise.all([loadQrcode(), loadQrcode()]);
    expect(a).toBe(b);
    expect(typeof a.toDataURL).toBe('function');
    expect(await qrDataUrl('otpauth://totp/Guatu:admin?secret=JBSWY3DPEHPK3PXP')).toMatch(
      /^data:image\/png;base64,/,
    );
    expect(typeof (await loadSharp())).toBe('function');
    expect(typeof (await loadExifr()).parse).toBe('function');
    expect(typeof (await loadPg()).Pool).toBe('function');
    expect(await loadSharp()).toBe(await loadSharp());
  });

  it('computes the built-in holiday calendar on first use: every announced year', () => {
    expect(builtInLastYear()).toBeGreaterThanOrEqual(2026);
    expect(builtInLastYear()).toBe(builtInLastYear());
  });
});

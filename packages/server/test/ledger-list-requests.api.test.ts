/**
 * GET /api/projects with its per-request work cut (issue 11): the page written as kept JSON bytes,
 * the querystring's parse kept per distinct querystring, the fixed headers and HSTS in one hook,
 * the NUL check over the URL's parts only when the URL holds %00. The same answers, headers and
 * refusals as before, asked once and again.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  call,
  createTestContext,
  describeEngines,
  loginAdmin,
  type Session,
  type TestContext,
} from './harness.ts';

describeEngines('ledger list requests', (engine) => {
  let ctx: TestContext;
  let admin: Session;
  beforeAll(async () => {
    ctx = await createTestContext(engine);
    admin = await loginAdmin(ctx.app);
  });
  afterAll(() => ctx.close());

  const errorOf = (res: Awaited<ReturnType<typeof call>>) =>
    res.json() as { error: { code: string; details?: { path: string }[] } };

  it('a page is the same bytes and headers each time, its JSON the LedgerPage', async () => {
    const url = '/api/projects?year=2023&page=2&pageSize=7&sort=totalInvestment&order=desc';
    const first = await call(ctx.app, admin, 'GET', url);
    const again = await call(ctx.app, admin, 'GET', url);
    expect(first.statusCode).toBe(200);
    expect(again.body).toBe(first.body);
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(first.headers['content-length']).toBe(String(first.rawPayload.length));
    expect(first.headers['cache-control']).toBe('no-store');
    expect(first.headers['x-content-type-options']).toBe('nosniff');
    expect(first.headers['content-security-policy']).toContain("default-src 'self'");
    expect(first.headers['strict-transport-security']).toBeUndefined(); // plain HTTP, no trusted proxy
    const page = first.json() as { year: number; items: { totalInvestment: number }[]; total: number };
    expect(Object.keys(page)).toEqual(['year', 'items', 'total', 'page', 'pageSize']);
    expect(page).toMatchObject({ year: 2023, page: 2, pageSize: 7 });
    expect(page.items).toHaveLength(7);
    const money = page.items.map((r) => r.totalInvestment);
    expect(money).toEqual([...money].sort((a, b) => b - a));
    // The same query written in another key order: the same answer.
    const reordered = await call(
      ctx.app,
      admin,
      'GET',
      '/api/projects?order=desc&sort=totalInvestment&pageSize=7&page=2&year=2023',
    );
    expect(reordered.body).toBe(first.body);
  });

  it('a bad querystring is refused the same way each time; a good one after it still answers', async () => {
    for (const bad of ['pageSize=0', 'sort=bogus', 'year=2023&year=2024', 'unknown=1', 'page=2147483648']) {
      const one = await call(ctx.app, admin, 'GET', `/api/projects?${bad}`);
      const two = await call(ctx.app, admin, 'GET', `/api/projects?${bad}`);
      expect(one.statusCode, bad).toBe(400);
      expect(errorOf(one).error.code).toBe('validation');
      expect(two.statusCode).toBe(400);
      expect(two.body).toBe(one.body);
    }
    const ok = await call(ctx.app, admin, 'GET', '/api/projects?pageSize=1');
    expect(ok.statusCode).toBe(200);
    expect((ok.json() as { pageSize: number; items: unknown[] }).items).toHaveLength(1);
  });

  it('a NUL (%00) in the querystring or the path → 400 naming where, each time', async () => {
    for (let round = 0; round < 2; round++) {
      const q = await call(ctx.app, admin, 'GET', '/api/projects?year=2023&q=a%00b');
      expect(q.statusCode).toBe(400);
      expect(errorOf(q).error.details?.map((d) => d.path)).toEqual(['querystring.q']);
      const p = await call(ctx.app, admin, 'GET', '/api/projects/1%00');
      expect(p.statusCode).toBe(400);
      expect(errorOf(p).error.details?.map((d) => d.path)).toEqual(['params.id']);
    }
    // %2500 is the text "%00", not a NUL: a search that finds nothing.
    const text = await call(ctx.app, admin, 'GET', '/api/projects?year=2023&q=%2500');
    expect(text.statusCode).toBe(200);
    expect((text.json() as { total: number }).total).toBe(0);
  });
});

/**
 * GUATU_TRUST_PROXY (issue 7, hole 4): X-Forwarded-For and X-Forwarded-Proto are believed only from
 * the listed proxies. Before, any client's fresh X-Forwarded-For escaped the login rate limit and
 * wrote a forged IP into the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { parseTrustProxy } from '../src/proxy.ts';
import { createTestContext, DEMO_PASSWORD, describeEngines, type TestContext } from './harness.ts';

const LIMIT = 3;

/** The newest audit row's IP column, after a failed login of an existing user. */
async function lastAuditIp(ctx: TestContext): Promise<string | null> {
  const row = await ctx.handle.db
    .selectFrom('auditLog')
    .select(['ip', 'action'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  expect(row.action).toMatch(/login/);
  return row.ip;
}

describe('GUATU_TRUST_PROXY parsing', () => {
  it('is empty (trust no proxy) by default, and lists IPs and CIDRs', () => {
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(loadConfig({ GUATU_TRUST_PROXY: '' }).trustProxy).toEqual([]);
    expect(loadConfig({ GUATU_TRUST_PROXY: ' 127.0.0.1, 10.0.0.0/8 ,::1,fd00::/8' }).trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
      'fd00::/8',
    ]);
    expect(parseTrustProxy('loopback')).toEqual(['loopback']);
  });
  it('refuses "trust everyone" and malformed entries with a message naming the entry', () => {
    for (const bad of ['true', '*', '10.0.0.0/33', 'proxy.example.com', '1.2.3'])
      expect(() => parseTrustProxy(bad)).toThrow(`GUATU_TRUST_PROXY: "${bad}"`);
  });
});

describeEngines('trusted proxies', (engine) => {
  describe('no proxy trusted (the default)', () => {
    let ctx: TestContext;
    beforeAll(async () => {
      ctx = await createTestContext(engine, { loginRateLimitPerMinute: LIMIT });
    });
    afterAll(() => ctx.close());

    it('a forged X-Forwarded-For neither escapes the login rate limit nor reaches the audit row', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < LIMIT + 2; i++) {
        const res = await ctx.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: '192.0.2.10',
          headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
          payload: { username: 'nobody-here', password: 'wrong' },
        });
        statuses.push(res.statusCode);
        if (res.statusCode === 429) expect(res.json().error.code).toBe('rate_limited');
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      // The limit is per real peer address: another client is not blocked by the first one.
      const other = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '192.0.2.11',
        headers: { 'x-forwarded-for': '192.0.2.10' },
        payload: { username: 'viewer', password: 'wrong' },
      });
      expect(other.statusCode).toBe(401);
      expect(await lastAuditIp(ctx)).toBe('192.0.2.11');
    });

    it('a forged X-Forwarded-Proto gives neither a Secure cookie nor HSTS', async () => {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-proto': 'https' },
        payload: { username: 'viewer', password: DEMO_PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      const setCookie = String(res.headers['set-cookie']);
      expect(setCookie).toContain('guatu_session=');
      expect(setCookie).not.toMatch(/;\s*Secure/i);
      expect(res.headers['strict-transport-security']).toBeUndefined();
    });
  });

  describe('GUATU_TRUST_PROXY=127.0.0.1', () => {
    let ctx: TestContext;
    beforeAll(async () => {
      ctx = await createTestContext(engine, {
        loginRateLimitPerMinute: LIMIT,
        trustProxy: parseTrustProxy('127.0.0.1'),
      });
    });
    afterAll(() => ctx.close());

    it("the proxy's X-Forwarded-For is the client IP: in the audit row and as the rate-limit key", async () => {
      const viaProxy = (client: string, username = 'nobody-here') =>
        ctx.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: '127.0.0.1',
          headers: { 'x-forwarded-for': `198.51.100.99, ${client}` },
          payload: { username, password: 'wrong' },
        });
      const a = [];
      for (let i = 0; i < LIMIT + 1; i++) a.push((await viaProxy('203.0.113.50')).statusCode);
      expect(a).toEqual([401, 401, 401, 429]);
      // A different client behind the same proxy has its own budget.
      expect((await viaProxy('203.0.113.51', 'viewer')).statusCode).toBe(401);
      // The rightmost untrusted address is the client (198.51.100.99 was written by the client itself).
      expect(await lastAuditIp(ctx)).toBe('203.0.113.51');
    });

    it('the header is still ignored from a peer that is not the proxy', async () => {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '192.0.2.77',
        headers: { 'x-forwarded-for': '203.0.113.60' },
        payload: { username: 'viewer', password: 'wrong' },
      });
      expect(res.statusCode).toBe(401);
      expect(await lastAuditIp(ctx)).toBe('192.0.2.77');
    });

    it('X-Forwarded-Proto: https from the proxy → Secure cookie and HSTS', async () => {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-proto': 'https' },
        payload: { username: 'viewer', password: DEMO_PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      expect(String(res.headers['set-cookie'])).toMatch(/guatu_session=[^;]+;.*Secure/i);
      expect(res.headers['strict-transport-security']).toBe('max-age=15552000; includeSubDomains');
      const plain = await ctx.app.inject({ method: 'GET', url: '/api/health', remoteAddress: '127.0.0.1' });
      expect(plain.headers['strict-transport-security']).toBeUndefined();
      const https = await ctx.app.inject({
        method: 'GET',
        url: '/api/health',
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(https.headers['strict-transport-security']).toBe('max-age=15552000; includeSubDomains');
    });
  });
});

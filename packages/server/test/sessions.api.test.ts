/**
 * Sessions (issue 7, item 7): the sliding idle window, the absolute lifetime, Secure cookies and
 * HSTS over HTTPS through a trusted proxy, `Cache-Control: no-store`, and the purge job.
 * Time moves on ctx.clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../src/services/auth.service.ts';
import { purgeExpiredSessionsJob } from '../src/services/purge-expired-sessions.job.ts';
import { jobCatalogue } from '../src/jobs/catalogue.ts';
import {
  call,
  createTestContext,
  DEMO_PASSWORD,
  describeEngines,
  login,
  type TestContext,
} from './harness.ts';

describeEngines('sessions', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(engine);
  });
  afterAll(() => ctx.close());

  const me = (cookie: string) => ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
  const advanceSeconds = (s: number) => ctx.clock.advanceMinutes(s / 60);

  it('requests every 25 minutes for 3 hours keep a 30-minute-idle session alive', async () => {
    const s = await login(ctx.app, 'leader1');
    for (let i = 1; i <= 7; i++) {
      ctx.clock.advanceMinutes(25);
      const res = await me(s.cookie);
      expect(res.statusCode, `request ${i} at ${i * 25} min`).toBe(200);
    }
    // 175 minutes so far; 25 more: 3 hours and 20 minutes in, still alive.
    ctx.clock.advanceMinutes(25);
    expect((await call(ctx.app, s, 'GET', '/api/projects?pageSize=1')).statusCode).toBe(200);
  });

  it('the idle time counts from the last request, not from a write made up to a minute earlier', async () => {
    // Before: last_seen_at was only written after 60 s of idleness, so a request 59 s after login
    // was not recorded and the session died 29.5 minutes after that request.
    const s = await login(ctx.app, 'leader2');
    advanceSeconds(59);
    expect((await me(s.cookie)).statusCode).toBe(200);
    ctx.clock.advanceMinutes(29.5);
    expect((await me(s.cookie)).statusCode).toBe(200);
  });

  it('31 minutes of silence end the session', async () => {
    const s = await login(ctx.app, 'leader3');
    ctx.clock.advanceMinutes(10);
    expect((await me(s.cookie)).statusCode).toBe(200);
    ctx.clock.advanceMinutes(31);
    const res = await me(s.cookie);
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({
      code: 'session_expired',
      message: '长时间未操作，会话已过期，请重新登录',
    });
    expect((await me(s.cookie)).json().error.code).toBe('unauthenticated'); // deleted, not revived
  });

  it('after 12 hours an active session ends regardless; the answer says when', async () => {
    const s = await login(ctx.app, 'leader4');
    const first = await me(s.cookie);
    const expiresAt = first.json().sessionExpiresAt as string;
    expect(Date.parse(expiresAt) - ctx.clock.now.getTime()).toBe(12 * 3_600_000);
    for (let i = 1; i <= 35; i++) {
      ctx.clock.advanceMinutes(20); // 11 h 40 min at the end of the loop
      expect((await me(s.cookie)).statusCode, `at ${i * 20} min`).toBe(200);
    }
    ctx.clock.advanceMinutes(21); // 12 h 01 min after login, 21 minutes after the last request
    const res = await me(s.cookie);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('session_expired');
    // A fresh login works.
    expect((await me((await login(ctx.app, 'leader4')).cookie)).statusCode).toBe(200);
  });

  it('answers with Cache-Control: no-store on sign-in, /auth/me and project data', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'leader5', password: DEMO_PASSWORD },
    });
    expect(res.headers['cache-control']).toBe('no-store');
    const s = await login(ctx.app, 'fgj');
    expect((await me(s.cookie)).headers['cache-control']).toBe('no-store');
    const list = await call(ctx.app, s, 'GET', '/api/projects?pageSize=1');
    expect(list.headers['cache-control']).toBe('no-store');
    const id = (list.json() as { items: Array<{ id: number }> }).items[0]!.id;
    const detail = await call(ctx.app, s, 'GET', `/api/projects/${id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.headers['cache-control']).toBe('no-store');
    // Errors too (a 401 tells whether a cookie is still good).
    expect((await me('guatu_session=nope')).headers['cache-control']).toBe('no-store');
  });

  it('over plain HTTP: no Secure cookie and no HSTS, whatever X-Forwarded-Proto says (no proxy trusted)', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'leader5', password: DEMO_PASSWORD },
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['set-cookie'])).not.toMatch(/;\s*Secure/i);
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('the purge job deletes exactly the sessions past the idle limit or the 12 hours, and stale code steps', async () => {
    expect(jobCatalogue.map((j) => j.name)).toContain('purge-expired-sessions');
    const tokenOf = (cookie: string) => hashToken(cookie.slice('guatu_session='.length));
    const fresh = await login(ctx.app, 'tf01');
    const idle = await login(ctx.app, 'tf02');
    const old = await login(ctx.app, 'tf03');
    const now = ctx.clock.now;
    const iso = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();
    const db = ctx.handle.db;
    await db
      .updateTable('sessions')
      .set({ lastSeenAt: iso(31) })
      .where('tokenHash', '=', tokenOf(idle.cookie))
      .execute();
    // Opened 12 h 01 min ago, used a minute ago.
    await db
      .updateTable('sessions')
      .set({ createdAt: iso(12 * 60 + 1), lastSeenAt: iso(1) })
      .where('tokenHash', '=', tokenOf(old.cookie))
      .execute();
    // Everything else the suite left is older too: count what must stay.
    const all = await db.selectFrom('sessions').select(['tokenHash', 'createdAt', 'lastSeenAt']).execute();
    const keep = all
      .filter((r) => r.lastSeenAt >= iso(30) && r.createdAt >= iso(12 * 60))
      .map((r) => r.tokenHash);
    expect(keep).toContain(tokenOf(fresh.cookie));
    // A pending second-factor login past its five minutes.
    const admin = ctx.ids.users.get('leader1')!;
    await db
      .insertInto('mfaChallenges')
      .values({ tokenHash: 'stale', userId: admin, createdAt: iso(6), expiresAt: iso(1), attempts: 0 })
      .execute();
    await db
      .insertInto('mfaChallenges')
      .values({ tokenHash: 'pending', userId: admin, createdAt: iso(1), expiresAt: iso(-4), attempts: 0 })
      .execute();

    const summary = await purgeExpiredSessionsJob.run({ db, config: ctx.config, now, log: () => {} });
    expect(summary).toEqual({ sessions: all.length - keep.length, challenges: 1 });
    const left = (await db.selectFrom('sessions').select('tokenHash').execute()).map((r) => r.tokenHash);
    expect(left.sort()).toEqual([...keep].sort());
    expect(left).not.toContain(tokenOf(idle.cookie));
    expect(left).not.toContain(tokenOf(old.cookie));
    expect((await me(fresh.cookie)).statusCode).toBe(200);
    const challenges = await db.selectFrom('mfaChallenges').select('tokenHash').execute();
    expect(challenges.map((c) => c.tokenHash)).toEqual(['pending']);
  });
});

describeEngines('sessions behind a trusted proxy', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    // app.inject connects from 127.0.0.1: that is the proxy here.
    ctx = await createTestContext(engine, { trustProxy: ['127.0.0.1'] });
  });
  afterAll(() => ctx.close());

  const loginVia = (proto: string | null) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'leader1', password: DEMO_PASSWORD },
      headers: proto ? { 'x-forwarded-proto': proto } : {},
    });

  describe('HTTPS terminated by the proxy', () => {
    it('sets a Secure session cookie and HSTS', async () => {
      const res = await loginVia('https');
      expect(res.statusCode).toBe(200);
      expect(String(res.headers['set-cookie'])).toMatch(/^guatu_session=[^;]+;.*;\s*Secure/i);
      expect(res.cookies.find((c) => c.name === 'guatu_session')!.secure).toBe(true);
      expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
      const cookie = `guatu_session=${res.cookies[0]!.value}`;
      const who = await ctx.app.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: { cookie, 'x-forwarded-proto': 'https' },
      });
      expect(who.headers['strict-transport-security']).toMatch(/^max-age=/);
      expect(who.headers['cache-control']).toBe('no-store');
    });

    it('plain HTTP through the same proxy: neither', async () => {
      const res = await loginVia('http');
      expect(String(res.headers['set-cookie'])).not.toMatch(/Secure/i);
      expect(res.headers['strict-transport-security']).toBeUndefined();
      const none = await loginVia(null);
      expect(String(none.headers['set-cookie'])).not.toMatch(/Secure/i);
    });
  });
});

/**
 * Logging in and staying logged in: credentials, lockout, idle timeout, logout, the cookie,
 * changing one's password, and the audit trail of it all. Time moves on `ctx.clock`.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  call,
  createTestContext,
  DEMO_PASSWORD,
  describeEngines,
  login,
  type TestContext,
} from './harness.ts';

type AuditItem = {
  action: string;
  entity: string;
  entityId: string | null;
  actorName: string | null;
  after: Record<string, unknown> | null;
};

describeEngines('auth API', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(engine);
  });
  afterAll(() => ctx.close());

  const attempt = (username: string, password: string, headers: Record<string, string> = {}) =>
    ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers });
  const me = (cookie: string) => ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
  /** The audit rows of one action about one user, newest first (the auditor logs in fresh: the clock moves). */
  async function audit(qs: string): Promise<AuditItem[]> {
    const auditor = await login(ctx.app, 'auditor');
    const res = await call(ctx.app, auditor, 'GET', `/api/audit?pageSize=500&${qs}`);
    expect(res.statusCode).toBe(200);
    return (res.json() as { items: AuditItem[] }).items;
  }

  it('logs in with the right password: the user, the CSRF token, an HttpOnly SameSite=Lax cookie', async () => {
    const res = await attempt('leader1', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      user: { username: string; displayName: string; roles: string[] };
      csrfToken: string;
      idleTimeoutMinutes: number;
    };
    expect(body.user).toMatchObject({ username: 'leader1', displayName: '张建国', roles: ['leader'] });
    expect(body.csrfToken.length).toBeGreaterThanOrEqual(16);
    expect(body.idleTimeoutMinutes).toBe(30);
    // Neither the password nor its hash (the answer names passwordExpiresAt, mustChangePassword).
    expect(JSON.stringify(body)).not.toContain(DEMO_PASSWORD);
    expect(JSON.stringify(body)).not.toMatch(/hash|scrypt/i);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^guatu_session=[^;]{20,};/);
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Lax/i);
    expect(setCookie).toMatch(/;\s*Path=\//i);
    const cookie = res.cookies.find((c) => c.name === 'guatu_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const who = await me(`guatu_session=${cookie.value}`);
    expect(who.statusCode).toBe(200);
    expect(who.json().user.username).toBe('leader1');
    expect(who.json().csrfToken).toBe(body.csrfToken);
    // The username is trimmed, as typed into a form.
    expect((await attempt('  leader1 ', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('a wrong password and an unknown user get the same 401 and message', async () => {
    const wrong = await attempt('leader2', 'Wrong#Pass1');
    const unknown = await attempt('no-such-user', 'Wrong#Pass1');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error).toMatchObject({ code: 'invalid_credentials', message: '用户名或密码错误' });
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const en = await attempt('no-such-user', 'x', { 'accept-language': 'en-US' });
    expect(en.json().error.message).toBe('Wrong username or password');
    // Case matters: the password of another case is wrong.
    expect((await attempt('leader2', DEMO_PASSWORD.toUpperCase())).statusCode).toBe(401);
    expect((await attempt('leader2', DEMO_PASSWORD)).statusCode).toBe(200); // resets the count
    const failed = await audit('action=login_failed');
    expect(failed.some((a) => a.entity === 'session' && a.after?.username === 'no-such-user')).toBe(true);
    expect(
      failed.some((a) => a.entity === 'user' && a.entityId === String(ctx.ids.users.get('leader2'))),
    ).toBe(true);
  });

  it('5 failed logins lock the account for 15 minutes, even against the right password', async () => {
    const user = 'leader3';
    for (let i = 1; i <= 4; i++) {
      const res = await attempt(user, `Wrong#Pass${i}`);
      expect(res.statusCode, `attempt ${i}`).toBe(401);
      expect(res.json().error.code).toBe('invalid_credentials');
    }
    const fifth = await attempt(user, 'Wrong#Pass5');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.code).toBe('locked');
    expect(fifth.json().error.message).toMatch(/账号已锁定至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    const right = await attempt(user, DEMO_PASSWORD);
    expect(right.statusCode).toBe(423);
    expect(right.json().error.code).toBe('locked');
    expect(right.headers['set-cookie']).toBeUndefined();
    ctx.clock.advanceMinutes(14);
    expect((await attempt(user, DEMO_PASSWORD)).statusCode).toBe(423);
    ctx.clock.advanceMinutes(1.5);
    const after = await attempt(user, DEMO_PASSWORD);
    expect(after.statusCode).toBe(200);
    expect(after.json().user.username).toBe(user);
    // The count starts over: one more wrong password is a plain 401, not another lock.
    expect((await attempt(user, 'Wrong#Pass6')).statusCode).toBe(401);
    expect((await attempt(user, DEMO_PASSWORD)).statusCode).toBe(200);

    const id = String(ctx.ids.users.get(user));
    const locked = (await audit('action=account_locked')).filter((a) => a.entityId === id);
    expect(locked).toHaveLength(1);
    expect(locked[0]!.after).toMatchObject({ failedLogins: 5 });
    expect((await audit('action=login_failed&entity=user')).filter((a) => a.entityId === id)).toHaveLength(5);
    expect(
      (await audit('action=login&entity=session')).filter((a) => a.entityId === id).length,
    ).toBeGreaterThanOrEqual(2);
  });

  it('the session expires after 30 idle minutes; activity keeps it alive', async () => {
    const s = await login(ctx.app, 'leader4');
    ctx.clock.advanceMinutes(29);
    expect((await me(s.cookie)).statusCode).toBe(200);
    ctx.clock.advanceMinutes(29); // 58 minutes since login, 29 since the last request
    expect((await me(s.cookie)).statusCode).toBe(200);
    const write = await call(ctx.app, s, 'POST', '/api/auth/password', {
      currentPassword: 'x',
      newPassword: 'y',
    });
    expect(write.statusCode).toBe(403); // a live session: the wrong current password is the answer
    ctx.clock.advanceMinutes(31);
    const expired = await me(s.cookie);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error).toMatchObject({
      code: 'session_expired',
      message: '长时间未操作，会话已过期，请重新登录',
    });
    // Gone for good: coming back does not revive it.
    expect((await me(s.cookie)).statusCode).toBe(401);
    expect((await call(ctx.app, s, 'GET', '/api/projects')).statusCode).toBe(401);
    // Logging in again works.
    expect((await me((await login(ctx.app, 'leader4')).cookie)).statusCode).toBe(200);
  });

  it('logout ends the session and clears the cookie', async () => {
    const s = await login(ctx.app, 'leader5');
    const other = await login(ctx.app, 'leader5'); // a second browser
    const res = await call(ctx.app, s, 'POST', '/api/auth/logout');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect(String(res.headers['set-cookie'])).toMatch(/guatu_session=;.*Expires=Thu, 01 Jan 1970/i);
    const after = await me(s.cookie);
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('unauthenticated');
    expect((await call(ctx.app, s, 'POST', '/api/auth/logout')).statusCode).toBe(401);
    expect((await me(other.cookie)).statusCode).toBe(200);
    const rows = (await audit('action=logout')).filter(
      (a) => a.entityId === String(ctx.ids.users.get('leader5')),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.actorName).toBe('陈晓燕');
  });

  it("changing one's password enforces the policy and the current password", async () => {
    const s = await login(ctx.app, 'leader6');
    const second = await login(ctx.app, 'leader6');
    const change = (currentPassword: string, newPassword: string, headers: Record<string, string> = {}) =>
      call(ctx.app, s, 'POST', '/api/auth/password', { currentPassword, newPassword }, headers);
    for (const weak of ['abcdefgh', 'Abc1!', 'ABCDEFGH12', 'xleader6X1!', '密码密码密码密码']) {
      const res = await change(DEMO_PASSWORD, weak);
      expect(res.statusCode, weak).toBe(400);
      expect(res.json().error.code).toBe('password_policy');
      expect(res.json().error.message).toContain('至少 8 位');
    }
    const en = await change(DEMO_PASSWORD, 'abcdefgh', { 'accept-language': 'en-US' });
    expect(en.json().error.message).toMatch(/^Passwords need at least 8 characters/);
    const wrong = await change('Not#MyPassword1', 'Str0ng#Pass');
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error).toMatchObject({ code: 'wrong_password', message: '当前密码不正确' });
    expect((await attempt('leader6', 'Str0ng#Pass')).statusCode).toBe(401); // nothing changed

    const ok = await change(DEMO_PASSWORD, 'Str0ng#Pass');
    expect(ok.statusCode).toBe(200);
    expect((await me(s.cookie)).statusCode).toBe(200); // this session stays
    expect((await me(second.cookie)).statusCode).toBe(401); // the other one ends
    expect((await attempt('leader6', DEMO_PASSWORD)).statusCode).toBe(401);
    expect((await attempt('leader6', 'Str0ng#Pass')).statusCode).toBe(200);
    const rows = (await audit('action=password_changed')).filter(
      (a) => a.entityId === String(ctx.ids.users.get('leader6')),
    );
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain('Str0ng#Pass');
  });

  it('the admin logs in with the first-run password; the audit log records logins', async () => {
    const s = await login(ctx.app, 'admin', ADMIN_PASSWORD);
    // 三员分立: the setup admin holds the admin role only.
    expect((await me(s.cookie)).json().user.roles).toEqual(['admin']);
    const logins = await audit(`action=login&actorId=${ctx.ids.users.get('auditor') ?? 0}`);
    expect(logins.length).toBeGreaterThan(0);
    expect(logins.every((a) => a.action === 'login' && a.actorName === '审计员')).toBe(true);
  });

  it('the OpenAPI document explains the session cookie and the X-CSRF-Token header', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as {
      info: { description: string };
      components: { securitySchemes: Record<string, { name: string; in: string }> };
      paths: Record<string, unknown>;
    };
    expect(doc.info.description).toContain('X-CSRF-Token');
    expect(doc.components.securitySchemes.csrf).toMatchObject({ in: 'header', name: 'X-CSRF-Token' });
    expect(doc.components.securitySchemes.session).toMatchObject({ in: 'cookie', name: 'guatu_session' });
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/projects', '/api/audit']),
    );
  });
});

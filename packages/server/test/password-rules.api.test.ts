/**
 * Password rules (issue 7, item 9): common passwords and the last 5 refused wherever a password
 * is set, the maximum age (90 days) with a warning 7 days before, and at expiry a forced change.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  call,
  createTestContext,
  DEMO_PASSWORD,
  describeEngines,
  login,
  type TestContext,
} from './harness.ts';

describeEngines('password rules', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(engine);
  });
  afterAll(() => ctx.close());

  const attempt = (username: string, password: string) =>
    ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

  it('refuses common passwords, with the reason, in both languages', async () => {
    const s = await login(ctx.app, 'leader1');
    for (const common of ['Admin@123', 'P@ssw0rd', 'Woaini1314!', 'Zhang@1990', '1qaz@WSX', 'Qwer1234!']) {
      const res = await call(ctx.app, s, 'POST', '/api/auth/password', {
        currentPassword: DEMO_PASSWORD,
        newPassword: common,
      });
      expect(res.statusCode, common).toBe(400);
      expect(res.json().error).toMatchObject({
        code: 'password_common',
        message: '该密码过于常见，容易被猜中，请换一个',
        details: { reason: 'common' },
      });
    }
    const en = await call(
      ctx.app,
      s,
      'POST',
      '/api/auth/password',
      { currentPassword: DEMO_PASSWORD, newPassword: 'Admin@123' },
      { 'accept-language': 'en-US' },
    );
    expect(en.json().error.message).toBe('This password is too common and easy to guess; choose another one');
    // The security administrator cannot give one to a new account either.
    const sec = await login(ctx.app, 'secadmin');
    const created = await call(ctx.app, sec, 'POST', '/api/users', {
      username: 'weak-user',
      displayName: '弱口令',
      password: 'Admin@123',
      roles: ['viewer'],
      regionId: (await call(ctx.app, sec, 'GET', '/api/auth/me')).json().user.regionId,
    });
    expect(created.statusCode).toBe(400);
    expect(created.json().error.code).toBe('password_common');
  });

  it('refuses the last 5 passwords (the current one included) and accepts the 6th-last', async () => {
    const s = await login(ctx.app, 'leader2');
    const change = (currentPassword: string, newPassword: string) =>
      call(ctx.app, s, 'POST', '/api/auth/password', { currentPassword, newPassword });
    const used = ['Rotate#A1x9', 'Rotate#B2y8', 'Rotate#C3z7', 'Rotate#D4w6', 'Rotate#E5v5'];
    let current = DEMO_PASSWORD;
    for (const next of used) {
      const res = await change(current, next);
      expect(res.statusCode, next).toBe(200);
      current = next;
    }
    // History: Guatu@2023 (6th-last), then A…E; E is the current one.
    for (const old of used) {
      const res = await change(current, old);
      expect(res.statusCode, old).toBe(400);
      expect(res.json().error).toMatchObject({
        code: 'password_reused',
        message: '不能使用最近 5 次用过的密码',
        details: { reason: 'reused' },
      });
    }
    expect((await change(current, DEMO_PASSWORD)).statusCode).toBe(200);
    expect((await attempt('leader2', DEMO_PASSWORD)).statusCode).toBe(200);
    // And a reset by the security administrator is held to the same rule.
    const sec = await login(ctx.app, 'secadmin');
    const id = ctx.ids.users.get('leader2')!;
    const user = await call(ctx.app, sec, 'GET', `/api/users?q=leader2`);
    const version = (user.json() as { items: Array<{ id: number; version: number }> }).items.find(
      (u) => u.id === id,
    )!.version;
    const reset = await call(ctx.app, sec, 'PATCH', `/api/users/${id}`, { version, password: 'Rotate#D4w6' });
    expect(reset.statusCode).toBe(400);
    expect(reset.json().error.code).toBe('password_reused');
  });

  it('warns 7 days before the 90 days are up; at expiry the next login must change the password', async () => {
    // A real account (demo accounts are exempt): created by the security administrator, its
    // printed password changed at first login.
    const sec = await login(ctx.app, 'secadmin');
    const created = await call(ctx.app, sec, 'POST', '/api/users', {
      username: 'pw-ager',
      displayName: '到期测试',
      password: 'Initial#Pw77',
      roles: ['viewer'],
      regionId: (await call(ctx.app, sec, 'GET', '/api/auth/me')).json().user.regionId,
    });
    expect(created.statusCode).toBe(201);
    const s0 = await login(ctx.app, 'pw-ager', 'Initial#Pw77');
    const PW = 'Second#Pw88';
    expect(
      (
        await call(ctx.app, s0, 'POST', '/api/auth/password', {
          currentPassword: 'Initial#Pw77',
          newPassword: PW,
        })
      ).statusCode,
    ).toBe(200);
    const first = await attempt('pw-ager', PW);
    const expiresAt = first.json().passwordExpiresAt as string;
    const setAt = await ctx.handle.db
      .selectFrom('users')
      .select(['passwordChangedAt', 'createdAt'])
      .where('username', '=', 'pw-ager')
      .executeTakeFirstOrThrow();
    expect(Date.parse(expiresAt) - Date.parse(setAt.passwordChangedAt ?? setAt.createdAt)).toBe(
      90 * 86_400_000,
    );
    expect(first.json().passwordExpiresSoon).toBe(false);
    expect(first.json().user.mustChangePassword).toBe(false);

    // Six days before expiry: a warning, nothing forced.
    ctx.clock.now = new Date(Date.parse(expiresAt) - 6 * 86_400_000);
    const soon = await attempt('pw-ager', PW);
    expect(soon.json()).toMatchObject({ passwordExpiresSoon: true, passwordExpiresAt: expiresAt });
    expect(soon.json().user.mustChangePassword).toBe(false);

    // Past expiry: the session opened may only change the password.
    ctx.clock.now = new Date(Date.parse(expiresAt) + 60_000);
    const s = await login(ctx.app, 'pw-ager', PW);
    const me = await call(ctx.app, s, 'GET', '/api/auth/me');
    expect(me.json().user.mustChangePassword).toBe(true);
    const projects = await call(ctx.app, s, 'GET', '/api/projects');
    expect(projects.statusCode).toBe(403);
    expect(projects.json().error.code).toBe('password_change_required');
    // The same password again is refused; a new one frees the session and restarts the 90 days.
    const same = await call(ctx.app, s, 'POST', '/api/auth/password', {
      currentPassword: PW,
      newPassword: PW,
    });
    expect(same.json().error.code).toBe('password_reused');
    const ok = await call(ctx.app, s, 'POST', '/api/auth/password', {
      currentPassword: PW,
      newPassword: 'Fresh#Pass90',
    });
    expect(ok.statusCode).toBe(200);
    expect((await call(ctx.app, s, 'GET', '/api/projects?pageSize=1')).statusCode).toBe(200);
    const after = await call(ctx.app, s, 'GET', '/api/auth/me');
    expect(after.json().passwordExpiresAt).toBe(
      new Date(ctx.clock.now.getTime() + 90 * 86_400_000).toISOString(),
    );
    expect(after.json().passwordExpiresSoon).toBe(false);
    expect(after.json().user.mustChangePassword).toBe(false);
    // A demo account, as old, is not forced (one published password, loopback-only).
    const demo = await attempt('leader3', DEMO_PASSWORD);
    expect(demo.json().user.mustChangePassword).toBe(false);
    expect(demo.json().passwordExpiresAt).toBeNull();
  });
});

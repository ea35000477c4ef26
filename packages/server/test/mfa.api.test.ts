/**
 * Two factors (issue 7, item 8): an officer enrols before anything else, logs in with password +
 * TOTP code, wrong codes count toward the lockout, recovery codes work once, the security
 * administrator resets a lost factor; optional for the others; GUATU_MFA_REQUIRED=0.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { totpCode } from '../src/auth/totp.ts';
import {
  ADMIN_PASSWORD,
  call,
  createTestContext,
  currentCode,
  DEMO_PASSWORD,
  describeEngines,
  enrolledSecret,
  forgetSecret,
  login,
  type Session,
  type TestContext,
} from './harness.ts';

type AuditItem = { action: string; entityId: string | null; actorName: string | null; after: unknown };

describeEngines('two factors (TOTP)', (engine) => {
  let ctx: TestContext;
  // Each test on its own fresh database (enrolments, lockouts and the audit log are shared state):
  // any test passes alone and in any order; those that need an enrolled admin call enrolAdmin().
  beforeEach(async () => {
    ctx = await createTestContext(engine);
  });
  afterEach(() => ctx.close());

  const attempt = (username: string, password: string) =>
    ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  const verify = (mfaToken: string, code: string) =>
    ctx.app.inject({ method: 'POST', url: '/api/auth/mfa/verify', payload: { mfaToken, code } });
  const sessionOf = (res: {
    cookies: Array<{ name: string; value: string }>;
    json: () => unknown;
  }): Session => ({
    cookie: `guatu_session=${res.cookies.find((c) => c.name === 'guatu_session')!.value}`,
    csrf: (res.json() as { csrfToken: string }).csrfToken,
    username: '',
  });
  async function audit(qs: string): Promise<AuditItem[]> {
    const auditor = await login(ctx.app, 'auditor');
    const res = await call(ctx.app, auditor, 'GET', `/api/audit?pageSize=500&${qs}`);
    expect(res.statusCode).toBe(200);
    return (res.json() as { items: AuditItem[] }).items;
  }
  const failedLogins = async (username: string) =>
    (
      await ctx.handle.db
        .selectFrom('users')
        .select('failedLogins')
        .where('username', '=', username)
        .executeTakeFirstOrThrow()
    ).failedLogins;

  let adminSecret = '';
  let adminRecoveryCodes: string[] = [];
  /** The admin enrols his second factor through the API (as the first test shows in detail). */
  async function enrolAdmin(): Promise<void> {
    const s = sessionOf(await attempt('admin', ADMIN_PASSWORD));
    const setup = await call(ctx.app, s, 'POST', '/api/auth/mfa/setup');
    expect(setup.statusCode).toBe(200);
    adminSecret = (setup.json() as { secret: string }).secret;
    const ok = await call(ctx.app, s, 'POST', '/api/auth/mfa/activate', {
      code: await totpCode(adminSecret, ctx.clock.now),
    });
    expect(ok.statusCode).toBe(200);
    adminRecoveryCodes = (ok.json() as { recoveryCodes: string[] }).recoveryCodes;
    // A code is accepted once: the next login takes the next step's code (half a minute on).
    ctx.clock.advanceMinutes(0.5);
  }

  it('an officer without a second factor reaches nothing but enrolment', async () => {
    const res = await attempt('admin', ADMIN_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      mfaSetupRequired: true,
      mfaEnabled: false,
      user: { username: 'admin' },
    });
    const s = sessionOf(res);
    const projects = await call(ctx.app, s, 'GET', '/api/projects');
    expect(projects.statusCode).toBe(403);
    expect(projects.json().error).toMatchObject({
      code: 'mfa_setup_required',
      message: '请先完成双因素认证绑定',
    });
    expect((await call(ctx.app, s, 'GET', '/api/users')).json().error.code).toBe('mfa_setup_required');
    expect((await call(ctx.app, s, 'GET', '/api/auth/me')).statusCode).toBe(200);
    const status = await call(ctx.app, s, 'GET', '/api/auth/mfa');
    expect(status.json()).toEqual({ enabled: false, required: true, enabledAt: null, recoveryCodesLeft: 0 });

    // Enrolment: the secret, its otpauth URI and QR code; a wrong code does not activate it.
    const setup = await call(ctx.app, s, 'POST', '/api/auth/mfa/setup');
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUri, qrDataUrl } = setup.json() as Record<string, string>;
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(otpauthUri).toBe(`otpauth://totp/Guatu:admin?secret=${secret}&issuer=Guatu`);
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]{100,}/);
    const code = await totpCode(secret!, ctx.clock.now);
    const wrong = await call(ctx.app, s, 'POST', '/api/auth/mfa/activate', {
      code: code === '000000' ? '111111' : '000000',
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('mfa_invalid_code');
    expect((await call(ctx.app, s, 'GET', '/api/projects')).statusCode).toBe(403);

    const ok = await call(ctx.app, s, 'POST', '/api/auth/mfa/activate', { code });
    expect(ok.statusCode).toBe(200);
    const { recoveryCodes } = ok.json() as { recoveryCodes: string[] };
    expect(recoveryCodes).toHaveLength(10);
    for (const c of recoveryCodes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(new Set(recoveryCodes).size).toBe(10);
    // The same session is now a full one.
    expect((await call(ctx.app, s, 'GET', '/api/projects?pageSize=1')).statusCode).toBe(200);
    expect((await call(ctx.app, s, 'GET', '/api/auth/me')).json()).toMatchObject({
      mfaSetupRequired: false,
      mfaEnabled: true,
    });
    // Setting up again while enrolled is refused (the security admin resets a lost one).
    expect((await call(ctx.app, s, 'POST', '/api/auth/mfa/setup')).json().error.code).toBe('mfa_state');
    // Stored hashed: no recovery code in the table.
    const stored = await ctx.handle.db.selectFrom('mfaRecoveryCodes').select('codeHash').execute();
    expect(stored.map((r) => r.codeHash).join()).not.toContain(recoveryCodes[0]!.replace('-', ''));
    // The TOTP secret is stored sealed with the personal-data key (SM4 here), never in plain.
    const row = await ctx.handle.db.selectFrom('userMfa').selectAll().executeTakeFirstOrThrow();
    expect(row.secret).toMatch(/^sm4:v1:/);
    expect(row.secret).not.toContain(secret);
    expect(row.pendingSecret).toBeNull();
  });

  it('then the password alone gives no session but a code step; wrong codes count toward the lockout', async () => {
    await enrolAdmin();
    const res = await attempt('admin', ADMIN_PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { mfaRequired: boolean; mfaToken: string; expiresInSeconds: number };
    expect(body).toMatchObject({ mfaRequired: true, expiresInSeconds: 300 });
    expect(Object.keys(body).sort()).toEqual(['expiresInSeconds', 'mfaRequired', 'mfaToken']);
    expect(res.cookies.find((c) => c.name === 'guatu_session')).toBeUndefined();

    const right = await totpCode(adminSecret, ctx.clock.now);
    const bad = right === '123456' ? '654321' : '123456';
    const wrong = await verify(body.mfaToken, bad);
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toMatchObject({ code: 'mfa_invalid_code', message: '验证码错误或已过期' });
    expect(await failedLogins('admin')).toBe(1);
    // A code of a minute ago, outside the ±30 s window, is wrong too.
    const stale = await totpCode(adminSecret, new Date(ctx.clock.now.getTime() - 90_000));
    const staleTried = stale !== right;
    if (staleTried) expect((await verify(body.mfaToken, stale)).statusCode).toBe(401);

    const ok = await verify(body.mfaToken, right);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      user: { username: 'admin' },
      mfaEnabled: true,
      mfaSetupRequired: false,
    });
    expect((await call(ctx.app, sessionOf(ok), 'GET', '/api/projects?pageSize=1')).statusCode).toBe(200);
    expect(await failedLogins('admin')).toBe(0);
    // The token opens one session only.
    expect((await verify(body.mfaToken, right)).json().error.code).toBe('mfa_token_invalid');

    const failed = (await audit('action=mfa_failed')).filter(
      (a) => a.entityId === String(ctx.ids.users.get('admin') ?? ''),
    );
    expect(failed).toHaveLength(staleTried ? 2 : 1); // this login's wrong code (and the stale one)
  });

  it('five wrong codes lock the account like five wrong passwords', async () => {
    await enrolAdmin();
    const res = await attempt('admin', ADMIN_PASSWORD);
    const { mfaToken } = res.json() as { mfaToken: string };
    const right = await totpCode(adminSecret, ctx.clock.now);
    const bad = right === '123456' ? '654321' : '123456';
    for (let i = 1; i <= 4; i++) expect((await verify(mfaToken, bad)).statusCode, `try ${i}`).toBe(401);
    const fifth = await verify(mfaToken, bad);
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.code).toBe('locked');
    // Locked: even the right password is refused, and the right code too.
    expect((await attempt('admin', ADMIN_PASSWORD)).statusCode).toBe(423);
    ctx.clock.advanceMinutes(16);
    expect((await attempt('admin', ADMIN_PASSWORD)).json().mfaRequired).toBe(true);
  });

  it('the code step expires after 5 minutes', async () => {
    await enrolAdmin();
    const { mfaToken } = (await attempt('admin', ADMIN_PASSWORD)).json() as { mfaToken: string };
    ctx.clock.advanceMinutes(6);
    const res = await verify(mfaToken, await totpCode(adminSecret, ctx.clock.now));
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('mfa_token_invalid');
  });

  it('a recovery code logs in once', async () => {
    await enrolAdmin();
    const codes = adminRecoveryCodes;
    const first = (await attempt('admin', ADMIN_PASSWORD)).json() as { mfaToken: string };
    const ok = await verify(first.mfaToken, codes[3]!.toUpperCase()); // case and dash do not matter
    expect(ok.statusCode).toBe(200);
    const s = sessionOf(ok);
    expect((await call(ctx.app, s, 'GET', '/api/auth/mfa')).json()).toMatchObject({
      enabled: true,
      required: true,
      recoveryCodesLeft: 9,
    });
    const again = (await attempt('admin', ADMIN_PASSWORD)).json() as { mfaToken: string };
    const reused = await verify(again.mfaToken, codes[3]!);
    expect(reused.statusCode).toBe(401);
    expect(reused.json().error.code).toBe('mfa_invalid_code');
    expect((await verify(again.mfaToken, codes[4]!.replace('-', ''))).statusCode).toBe(200);
    const used = (await audit('action=recovery_code_used')).filter(
      (a) => a.entityId === String(ctx.ids.users.get('admin') ?? ''),
    );
    expect(used).toHaveLength(2);
    expect(used.map((u) => u.after)).toEqual([{ left: 8 }, { left: 9 }]);
    // Officers cannot turn the factor off.
    const off = await call(ctx.app, s, 'POST', '/api/auth/mfa/disable', { password: ADMIN_PASSWORD });
    expect(off.statusCode).toBe(403);
    expect(off.json().error.code).toBe('mfa_officer_required');
  });

  it('the security administrator resets a lost second factor; nobody else can', async () => {
    await enrolAdmin();
    const adminId = (
      await ctx.handle.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'admin')
        .executeTakeFirstOrThrow()
    ).id;
    const first = (await attempt('admin', ADMIN_PASSWORD)).json() as { mfaToken: string };
    const adminSession = sessionOf(await verify(first.mfaToken, await totpCode(adminSecret, ctx.clock.now)));
    const leader = await login(ctx.app, 'leader1');
    expect((await call(ctx.app, leader, 'POST', `/api/users/${adminId}/mfa/reset`)).statusCode).toBe(403);
    expect((await call(ctx.app, adminSession, 'POST', `/api/users/${adminId}/mfa/reset`)).statusCode).toBe(
      403,
    );

    const sec = await login(ctx.app, 'secadmin'); // the harness enrols secadmin's own factor
    expect(enrolledSecret(ctx.app, 'secadmin')).toBeTruthy();
    const res = await call(ctx.app, sec, 'POST', `/api/users/${adminId}/mfa/reset`);
    expect(res.statusCode).toBe(200);
    // The admin's sessions end; the next login asks for enrolment again.
    expect((await call(ctx.app, adminSession, 'GET', '/api/auth/me')).statusCode).toBe(401);
    const again = await attempt('admin', ADMIN_PASSWORD);
    expect(again.json()).toMatchObject({ mfaSetupRequired: true });
    const rows = (await audit('action=mfa_reset')).filter((a) => a.entityId === String(adminId));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.actorName).toBe(
      (await call(ctx.app, sec, 'GET', '/api/auth/me')).json().user.displayName,
    );
    // Not one's own.
    const secId = (await call(ctx.app, sec, 'GET', '/api/auth/me')).json().user.id;
    expect((await call(ctx.app, sec, 'POST', `/api/users/${secId}/mfa/reset`)).statusCode).toBe(403);
    // Enrolled: the admin, the security admin and the auditor (who reads this log).
    expect((await audit('action=mfa_enrolled')).map((a) => a.entityId).sort()).toEqual(
      ['admin', 'secadmin', 'auditor'].map((u) => String(ctx.ids.users.get(u))).sort(),
    );
  });

  it('the harness logs officers in through their second factor', async () => {
    forgetSecret(ctx.app, 'admin');
    const s = await login(ctx.app, 'admin', ADMIN_PASSWORD); // enrols again
    expect((await call(ctx.app, s, 'GET', '/api/projects?pageSize=1')).statusCode).toBe(200);
    const again = await login(ctx.app, 'admin', ADMIN_PASSWORD); // now with a code
    expect((await call(ctx.app, again, 'GET', '/api/auth/me')).json().mfaEnabled).toBe(true);
    expect(await currentCode(ctx.app, 'admin')).toMatch(/^\d{6}$/);
  });

  it('demo accounts (users.demo = 1, loopback-only) are exempt, even the demo county admin', async () => {
    const res = await attempt('fgj', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ mfaSetupRequired: false, user: { roles: ['admin'] } });
    expect((await call(ctx.app, sessionOf(res), 'GET', '/api/projects?pageSize=1')).statusCode).toBe(200);
  });

  it('optional for everyone else: a leader turns it on, logs in with it, turns it off with the password', async () => {
    const s = await login(ctx.app, 'leader2');
    expect((await call(ctx.app, s, 'GET', '/api/auth/me')).json()).toMatchObject({
      mfaSetupRequired: false,
      mfaEnabled: false,
    });
    expect((await call(ctx.app, s, 'GET', '/api/auth/mfa')).json()).toMatchObject({
      enabled: false,
      required: false,
    });
    const { secret } = (await call(ctx.app, s, 'POST', '/api/auth/mfa/setup')).json() as { secret: string };
    const activated = await call(ctx.app, s, 'POST', '/api/auth/mfa/activate', {
      code: await totpCode(secret, ctx.clock.now),
    });
    expect(activated.statusCode).toBe(200);
    ctx.clock.advanceMinutes(0.5); // the activation's code is used up: the next step's code
    const pending = (await attempt('leader2', DEMO_PASSWORD)).json() as {
      mfaRequired: boolean;
      mfaToken: string;
    };
    expect(pending.mfaRequired).toBe(true);
    const s2 = sessionOf(await verify(pending.mfaToken, await totpCode(secret, ctx.clock.now)));
    // New recovery codes need the password; the old ones stop working.
    const old = (activated.json() as { recoveryCodes: string[] }).recoveryCodes;
    expect(
      (await call(ctx.app, s2, 'POST', '/api/auth/mfa/recovery-codes', { password: 'wrong#Pass1' }))
        .statusCode,
    ).toBe(403);
    const regen = await call(ctx.app, s2, 'POST', '/api/auth/mfa/recovery-codes', {
      password: DEMO_PASSWORD,
    });
    expect((regen.json() as { recoveryCodes: string[] }).recoveryCodes).toHaveLength(10);
    const p2 = (await attempt('leader2', DEMO_PASSWORD)).json() as { mfaToken: string };
    expect((await verify(p2.mfaToken, old[0]!)).statusCode).toBe(401);

    const wrongPw = await call(ctx.app, s2, 'POST', '/api/auth/mfa/disable', { password: 'Not#Mine123' });
    expect(wrongPw.json().error.code).toBe('wrong_password');
    expect(
      (await call(ctx.app, s2, 'POST', '/api/auth/mfa/disable', { password: DEMO_PASSWORD })).statusCode,
    ).toBe(200);
    const plain = await attempt('leader2', DEMO_PASSWORD);
    expect(plain.json().mfaRequired).toBeUndefined();
    expect(plain.json().user.username).toBe('leader2');
    expect((await audit('action=mfa_disabled')).length).toBe(1);
  });
});

describeEngines('two factors turned off (GUATU_MFA_REQUIRED=0)', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(engine, { mfaRequired: false });
  });
  afterAll(() => ctx.close());

  it('an officer gets a full session with the password alone', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: ADMIN_PASSWORD },
    });
    expect(res.json()).toMatchObject({ mfaSetupRequired: false, mfaEnabled: false });
    const cookie = `guatu_session=${res.cookies[0]!.value}`;
    const projects = await ctx.app.inject({
      method: 'GET',
      url: '/api/projects?pageSize=1',
      headers: { cookie },
    });
    expect(projects.statusCode).toBe(200);
  });
});

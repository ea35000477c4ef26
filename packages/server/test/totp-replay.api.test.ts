/**
 * TOTP replay (issue 7's known gap): a code is accepted once. The user's last accepted time step
 * is kept (user_mfa.totp_last_step); a code of that step or an earlier one — even inside the ±30 s
 * window — is refused as mfa_invalid_code and counted as a failure like a wrong code; the next
 * step's code is accepted. The activation's code is used up too.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { totpCode, totpStepOf } from '../src/auth/totp.ts';
import {
  ADMIN_PASSWORD,
  call,
  createTestContext,
  describeEngines,
  login,
  type Session,
  type TestContext,
} from './harness.ts';

describeEngines('TOTP codes are accepted once', (engine) => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await createTestContext(engine);
  });
  afterEach(() => ctx.close());

  const attempt = async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: ADMIN_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    return (res.json() as { mfaToken: string }).mfaToken;
  };
  const verify = (mfaToken: string, code: string) =>
    ctx.app.inject({ method: 'POST', url: '/api/auth/mfa/verify', payload: { mfaToken, code } });
  const adminRow = () =>
    ctx.handle.db
      .selectFrom('users')
      .innerJoin('userMfa', 'userMfa.userId', 'users.id')
      .select(['users.failedLogins', 'userMfa.totpLastStep'])
      .where('users.username', '=', 'admin')
      .executeTakeFirstOrThrow();
  const failedAudits = async () =>
    (await ctx.handle.db.selectFrom('auditLog').select('after').where('action', '=', 'mfa_failed').execute())
      .length;
  const codeAt = (secret: string, secondsFromNow: number) =>
    totpCode(secret, new Date(ctx.clock.now.getTime() + secondsFromNow * 1000));

  /** The admin enrols through the API with the code of the current step. */
  async function enrol(): Promise<{ secret: string; activationCode: string }> {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: ADMIN_PASSWORD },
    });
    const c = res.cookies.find((x) => x.name === 'guatu_session')!;
    const s: Session = {
      cookie: `guatu_session=${c.value}`,
      csrf: (res.json() as { csrfToken: string }).csrfToken,
      username: 'admin',
    };
    const { secret } = (await call(ctx.app, s, 'POST', '/api/auth/mfa/setup')).json() as { secret: string };
    const activationCode = await codeAt(secret, 0);
    const ok = await call(ctx.app, s, 'POST', '/api/auth/mfa/activate', { code: activationCode });
    expect(ok.statusCode).toBe(200);
    return { secret, activationCode };
  }

  it('the same code twice: the second is refused and counted; the next step’s code is accepted', async () => {
    // Mid-step, so that "now" and "30 s on" are two steps.
    ctx.clock.now = new Date(totpStepOf(ctx.clock.now) * 30_000 + 10_000);
    const { secret, activationCode } = await enrol();
    const activationStep = totpStepOf(ctx.clock.now);
    expect((await adminRow()).totpLastStep).toBe(activationStep);

    // The activation's code, replayed at once as a login code: refused, counted.
    const replayed = await verify(await attempt(), activationCode);
    expect(replayed.statusCode).toBe(401);
    expect(replayed.json().error).toMatchObject({ code: 'mfa_invalid_code', message: '验证码错误或已过期' });
    expect(await adminRow()).toEqual({ failedLogins: 1, totpLastStep: activationStep });
    expect(await failedAudits()).toBe(1);

    // Half a minute on: the new step's code opens a session once.
    ctx.clock.advanceMinutes(0.5);
    const code = await codeAt(secret, 0);
    const first = await verify(await attempt(), code);
    expect(first.statusCode).toBe(200);
    expect(await adminRow()).toEqual({ failedLogins: 0, totpLastStep: activationStep + 1 });
    const second = await verify(await attempt(), code);
    expect(second.statusCode).toBe(401);
    expect(second.json().error.code).toBe('mfa_invalid_code');
    expect(await adminRow()).toEqual({ failedLogins: 1, totpLastStep: activationStep + 1 });
    // The step before, still inside the ±30 s window, is refused too (earlier than the last used).
    expect(await codeAt(secret, -30)).toBe(activationCode);
    const earlier = await verify(await attempt(), activationCode);
    expect(earlier.statusCode).toBe(401);
    expect((await adminRow()).failedLogins).toBe(2);
    expect(await failedAudits()).toBe(3);

    // The next step's code is accepted (and clears the failures).
    ctx.clock.advanceMinutes(0.5);
    const next = await codeAt(secret, 0);
    expect(next).not.toBe(code);
    const ok = await verify(await attempt(), next);
    expect(ok.statusCode).toBe(200);
    expect(await adminRow()).toEqual({ failedLogins: 0, totpLastStep: activationStep + 2 });
  });

  it('a code of the step after the clock (a fast phone) uses up the current step’s code too', async () => {
    ctx.clock.now = new Date(totpStepOf(ctx.clock.now) * 30_000 + 10_000);
    const { secret } = await enrol();
    ctx.clock.advanceMinutes(0.5);
    const ahead = await codeAt(secret, 30);
    const current = await codeAt(secret, 0);
    expect((await verify(await attempt(), ahead)).statusCode).toBe(200);
    const late = await verify(await attempt(), current);
    expect(late.statusCode).toBe(401);
    expect(late.json().error.code).toBe('mfa_invalid_code');
  });

  it('two logins sent at once with one code: one session, one refusal', async () => {
    ctx.clock.now = new Date(totpStepOf(ctx.clock.now) * 30_000 + 10_000);
    const { secret } = await enrol();
    ctx.clock.advanceMinutes(0.5);
    const code = await codeAt(secret, 0);
    const [a, b] = [await attempt(), await attempt()];
    const answers = await Promise.all([verify(a, code), verify(b, code)]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 401]);
    expect(answers.find((r) => r.statusCode === 401)!.json().error.code).toBe('mfa_invalid_code');
    expect((await adminRow()).failedLogins).toBe(1);
  });

  it('the harness logs an officer in five times at one instant, moving the clock to the next steps', async () => {
    const start = ctx.clock.now.getTime();
    for (let i = 0; i < 5; i++) {
      const s = await login(ctx.app, 'admin', ADMIN_PASSWORD);
      expect((await call(ctx.app, s, 'GET', '/api/auth/me')).statusCode).toBe(200);
    }
    // Enrolment and two logins at one instant (steps −1, 0, +1); two more: at most 90 s later.
    expect(ctx.clock.now.getTime() - start).toBeLessThanOrEqual(90_000);
    expect((await adminRow()).failedLogins).toBe(0);
  });
});

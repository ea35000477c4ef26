/**
 * Security events for the security administrator (issue 7 item 13): a lockout, a role change, a
 * password reset, a burst of denied requests and a failed audit-chain check each make an event,
 * shown by GET /api/security-events (security admin only) and notified to the security admins.
 */
import type { SecurityEventPage } from '@guatu/contracts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyAndRecord } from '../src/services/audit.service.ts';
import {
  call,
  createTestContext,
  describeEngines,
  login,
  loginAdmin,
  type Session,
  type TestContext,
} from './harness.ts';
import { buildUser } from './factories.ts';

describeEngines('security events', (engine) => {
  let ctx: TestContext;
  let secadmin: Session;
  let secId: number;

  beforeAll(async () => {
    ctx = await createTestContext(engine);
    secadmin = await login(ctx.app, 'secadmin');
    secId = (await call(ctx.app, secadmin, 'GET', '/api/auth/me')).json().user.id as number;
  });
  afterAll(() => ctx.close());

  const events = async (qs = '') => {
    const res = await call(ctx.app, secadmin, 'GET', `/api/security-events?pageSize=100${qs}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as SecurityEventPage;
  };
  const outbox = (kind: string) =>
    ctx.handle.db
      .selectFrom('notificationOutbox')
      .selectAll()
      .where('userId', '=', secId)
      .where('kind', '=', 'security_event')
      .orderBy('id')
      .execute()
      .then((rows) => rows.filter((r) => (JSON.parse(r.params) as { event: string }).event === kind));
  const userId = (username: string) => ctx.ids.users.get(username)!;

  it('5 failed sign-ins → an account_locked event and a notification to the security admin', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'viewer', password: 'Wrong#pass2026' },
        remoteAddress: '192.0.2.44',
      });
      expect(res.statusCode).toBe(i < 4 ? 401 : 423);
    }
    // (Another test locks accounts of its own: the viewer's lock is the one of this test.)
    const page = {
      items: (await events('&kind=account_locked')).items.filter((e) => e.userId === userId('viewer')),
    };
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      kind: 'account_locked',
      userId: userId('viewer'),
      ip: '192.0.2.44',
    });
    expect(page.items[0]!.userName).toBeTruthy();
    expect(page.items[0]!.details).toMatchObject({ failedLogins: 5 });
    const notes = (await outbox('account_locked')).filter(
      (n) => (JSON.parse(n.params) as { user: string }).user === page.items[0]!.userName,
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ link: '/admin/security-events' });
    expect(JSON.parse(notes[0]!.params)).toEqual({
      event: 'account_locked',
      user: page.items[0]!.userName,
      ip: '192.0.2.44',
    });
  });

  it('a role change and a password reset → events naming the user and who did it', async () => {
    const id = userId('mayor');
    const list = (await call(ctx.app, secadmin, 'GET', '/api/users?q=mayor')).json() as {
      items: Array<{ id: number; version: number; roles: string[]; displayName: string }>;
    };
    const u = list.items.find((x) => x.id === id)!;
    const roles = u.roles.includes('viewer') ? u.roles.filter((r) => r !== 'viewer') : [...u.roles, 'viewer'];
    const res = await call(ctx.app, secadmin, 'PATCH', `/api/users/${id}`, { version: u.version, roles });
    expect(res.statusCode, res.body).toBe(200);
    const changed = (await events('&kind=role_changed')).items;
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ kind: 'role_changed', userId: id, userName: u.displayName });
    expect(changed[0]!.details).toEqual({
      before: [...u.roles].sort(),
      after: [...roles].sort(),
      by: '安全管理员',
    });
    expect(await outbox('role_changed')).toHaveLength(1);

    const version = (res.json() as { version: number }).version;
    const reset = await call(ctx.app, secadmin, 'PATCH', `/api/users/${id}`, {
      version,
      password: 'Reset#Guatu2026x',
    });
    expect(reset.statusCode, reset.body).toBe(200);
    const resets = (await events('&kind=password_reset')).items;
    expect(resets).toHaveLength(1);
    expect(resets[0]).toMatchObject({ userId: id, details: { by: '安全管理员' } });
    // A plain edit without a role or password change is no event.
    const before = (await events()).total;
    const v2 = (reset.json() as { version: number }).version;
    const plain = await call(ctx.app, secadmin, 'PATCH', `/api/users/${id}`, {
      version: v2,
      displayName: '市长（改）',
    });
    expect(plain.statusCode, plain.body).toBe(200);
    expect((await events()).total).toBe(before);
  });

  it('10 denied requests within 5 minutes → one denied_burst event', async () => {
    const fgj = await login(ctx.app, 'fgj');
    for (let i = 0; i < 9; i++) expect((await call(ctx.app, fgj, 'GET', '/api/audit')).statusCode).toBe(403);
    expect((await events('&kind=denied_burst')).total).toBe(0);
    expect((await call(ctx.app, fgj, 'GET', '/api/audit')).statusCode).toBe(403);
    const burst = (await events('&kind=denied_burst')).items;
    expect(burst).toHaveLength(1);
    expect(burst[0]).toMatchObject({
      kind: 'denied_burst',
      userId: userId('fgj'),
      ip: '127.0.0.1',
      details: { count: 10, minutes: 5, by: 'user' },
    });
    // More in the same window: still one event, one notification.
    for (let i = 0; i < 3; i++) await call(ctx.app, fgj, 'GET', '/api/audit');
    expect((await events('&kind=denied_burst')).total).toBe(1);
    expect(await outbox('denied_burst')).toHaveLength(1);
  });

  it('a failed audit-chain check → an audit_chain_broken event', async () => {
    const row = await ctx.handle.db
      .selectFrom('auditLog')
      .select(['id', 'after'])
      .orderBy('seq')
      .limit(1)
      .offset(3)
      .executeTakeFirstOrThrow();
    await ctx.handle.db.updateTable('auditLog').set({ after: '{"x":1}' }).where('id', '=', row.id).execute();
    const result = await verifyAndRecord(ctx.handle.db, null, ctx.config.dataDir);
    expect(result.ok).toBe(false);
    const broken = (await events('&kind=audit_chain_broken')).items;
    expect(broken).toHaveLength(1);
    expect(broken[0]!.details).toMatchObject({
      ok: false,
      broken: { id: Number(row.id), reason: 'content_changed' },
    });
    expect(await outbox('audit_chain_broken')).toHaveLength(1);
    await ctx.handle.db.updateTable('auditLog').set({ after: row.after }).where('id', '=', row.id).execute();
  });

  it('newest first, and only the security admin reads them', async () => {
    // Two events of its own, a second apart: two new accounts locked one after the other.
    const locked: number[] = [];
    for (const [n, u] of [
      await buildUser(ctx, { login: false }),
      await buildUser(ctx, { login: false }),
    ].entries()) {
      for (let i = 0; i < 5; i++)
        await ctx.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: u.username, password: 'Wrong#pass2026' },
          remoteAddress: `192.0.2.${51 + n}`, // an address of each: no burst from one address
        });
      locked.push(u.id);
      ctx.clock.advanceMinutes(1);
    }
    const all = (await events()).items;
    expect(all.slice(0, 2).map((e) => [e.kind, e.userId])).toEqual([
      ['account_locked', locked[1]],
      ['account_locked', locked[0]],
    ]);
    expect(all.map((e) => e.at)).toEqual(
      all
        .map((e) => e.at)
        .sort()
        .reverse(),
    );
    for (const s of [
      await loginAdmin(ctx.app),
      await login(ctx.app, 'auditor'),
      // An account of its own: a 403 of fgj would count toward the burst another test provokes.
      (await buildUser(ctx, { roles: ['viewer'] })).session!,
    ]) {
      // From another address: these 403s must not count toward a burst from 127.0.0.1.
      const res = await ctx.app.inject({
        method: 'GET',
        url: '/api/security-events',
        headers: { cookie: s.cookie },
        remoteAddress: '198.51.100.9',
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('security_admin_only');
    }
  });
});

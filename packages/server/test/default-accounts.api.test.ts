/**
 * Default accounts (issue 7, hole 5 and the end of hole 1): the setup creates admin, secadmin and
 * auditor with one role each; a bootstrap password must pass the policy; a generated one is printed
 * once and must be changed at first login; demo accounts log in only from loopback unless
 * GUATU_DEMO_ACCOUNTS=1, the banner knows they exist, and `demo --remove` deletes them with the
 * demo's data. Usernames are unique whatever their case.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { User } from '@guatu/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { AppError } from '../src/errors.ts';
import { translate } from '../src/messages.ts';
import { prepareDatabase } from '../src/runtime.ts';
import { ensureSetupAccounts } from '../src/seed/bootstrap.ts';
import { removeDemo } from '../src/services/accounts.service.ts';
import {
  ADMIN_PASSWORD,
  call,
  createTestContext,
  DEMO_PASSWORD,
  describeEngines,
  login,
  loginAdmin,
  type Session,
  type TestContext,
} from './harness.ts';

const loginFrom = (ctx: TestContext, remoteAddress: string, username: string, password = DEMO_PASSWORD) =>
  ctx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress,
    payload: { username, password },
  });

describeEngines('default accounts', (engine) => {
  let ctx: TestContext;
  let secadmin: Session;

  beforeAll(async () => {
    ctx = await createTestContext(engine);
    secadmin = await login(ctx.app, 'secadmin');
  });
  afterAll(() => ctx.close());

  const users = async (q: string): Promise<User[]> => {
    const res = await call(ctx.app, secadmin, 'GET', `/api/users?q=${q}&pageSize=100`);
    expect(res.statusCode).toBe(200);
    return (res.json() as { items: User[] }).items;
  };

  it('the setup created admin, secadmin and auditor at the root region, one officer role each, not demo', async () => {
    const all = await users('');
    const root = all.find((u) => u.username === 'admin')!.regionId;
    const setup = ['admin', 'secadmin', 'auditor'].map((n) => all.find((u) => u.username === n)!);
    expect(setup.map((u) => [u.username, u.roles, u.displayName, u.demo, u.regionId])).toEqual([
      ['admin', ['admin'], '系统管理员', false, root],
      ['secadmin', ['security_admin'], '安全管理员', false, root],
      ['auditor', ['auditor'], '审计员', false, root],
    ]);
    // No other account holds an officer role beside another role; the demo brings no secadmin/auditor of its own.
    for (const u of all)
      if (u.roles.some((r) => ['admin', 'security_admin', 'auditor'].includes(r)))
        expect(u.roles, u.username).toHaveLength(1);
    expect(all.filter((u) => u.roles.includes('security_admin')).map((u) => u.username)).toEqual([
      'secadmin',
    ]);
    expect(all.filter((u) => u.roles.includes('auditor')).map((u) => u.username)).toEqual(['auditor']);
    expect(all.find((u) => u.username === 'leader1')!.demo).toBe(true);
  });

  it('a bootstrap password that fails the policy is refused with the variable named (GUATU_ADMIN_PASSWORD=admin)', async () => {
    for (const [passwords, variable] of [
      [{ admin: 'admin', secadmin: null, auditor: null }, 'GUATU_ADMIN_PASSWORD'],
      [{ admin: null, secadmin: 'secadmin2026', auditor: null }, 'GUATU_SECADMIN_PASSWORD'],
      [{ admin: null, secadmin: null, auditor: 'Auditor#2026' }, 'GUATU_AUDITOR_PASSWORD'],
    ] as const) {
      const err = await ensureSetupAccounts(ctx.handle.db, passwords).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('setup_password');
      expect(translate('setup_password', 'zh-CN', (err as AppError).params)).toContain(variable);
    }
  });

  if (engine === 'sqlite')
    it('a start with GUATU_ADMIN_PASSWORD=admin stops; a start without passwords prints three, each to be changed at first login', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guatu-setup-'));
      try {
        // The context's config (its personal-data key: the codec is process-wide) on a new data directory.
        const base = { ...ctx.config, dataDir: dir, databaseUrl: null, loadDemo: false };
        const weak = await prepareDatabase({ ...base, adminPassword: 'admin' }, () => {}).catch(
          (e: unknown) => e,
        );
        expect((weak as AppError).code).toBe('setup_password');
        const lines: string[] = [];
        const handle = await prepareDatabase(base, (s) => lines.push(s));
        const printed = new Map(
          lines.flatMap((l) => {
            const m = /\] \S+ (admin|secadmin|auditor) \/ (\S+)$/.exec(l);
            return m ? [[m[1]!, m[2]!] as const] : [];
          }),
        );
        expect([...printed.keys()]).toEqual(['admin', 'secadmin', 'auditor']);
        const app = await buildApp({ handle, config: { ...base, logLevel: 'silent', mfaRequired: false } });
        for (const [username, password] of printed) {
          const res = await app.inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: { username, password },
          });
          expect(res.statusCode, username).toBe(200);
          const cookie = `guatu_session=${res.cookies.find((c) => c.name === 'guatu_session')!.value}`;
          const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
          expect(me.json().user.mustChangePassword).toBe(true);
          const other = await app.inject({ method: 'GET', url: '/api/regions', headers: { cookie } });
          expect(other.statusCode).toBe(403);
          expect(other.json().error.code).toBe('password_change_required');
        }
        // A second start creates nothing and prints no password.
        await app.close();
        await handle.db.destroy();
        const again: string[] = [];
        const h2 = await prepareDatabase(base, (s) => again.push(s));
        expect(again.some((l) => l.includes(' / '))).toBe(false);
        await h2.db.destroy();
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

  describe('demo accounts', () => {
    it('log in from loopback, not from 10.1.2.3 (403 demo_remote) nor through a proxy header', async () => {
      expect((await loginFrom(ctx, '127.0.0.1', 'leader1')).statusCode).toBe(200);
      expect((await loginFrom(ctx, '::1', 'leader1')).statusCode).toBe(200);
      const remote = await loginFrom(ctx, '10.1.2.3', 'leader1');
      expect(remote.statusCode).toBe(403);
      expect(remote.json().error.code).toBe('demo_remote');
      expect(remote.json().error.message).toContain('GUATU_DEMO_ACCOUNTS=1');
      expect(remote.cookies.find((c) => c.name === 'guatu_session')).toBeUndefined();
      const proxied = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'x-forwarded-for': '203.0.113.9' },
        payload: { username: 'leader1', password: DEMO_PASSWORD },
      });
      expect(proxied.statusCode).toBe(403);
      expect(proxied.json().error.code).toBe('demo_remote');
      // A wrong password from afar is the usual 401 (the refusal does not reveal a demo account).
      expect((await loginFrom(ctx, '10.1.2.3', 'leader1', 'Wrong#Pass2026')).statusCode).toBe(401);
      // A setup account is not a demo account: it logs in from anywhere.
      expect((await loginFrom(ctx, '10.1.2.3', 'secadmin')).statusCode).toBe(200);
    });

    it('log in from 10.1.2.3 with GUATU_DEMO_ACCOUNTS=1', async () => {
      expect(loadConfig({ GUATU_DEMO_ACCOUNTS: '1' }).demoAccountsRemote).toBe(true);
      expect(loadConfig({}).demoAccountsRemote).toBe(false);
      ctx.config.demoAccountsRemote = true;
      try {
        expect((await loginFrom(ctx, '10.1.2.3', 'leader1')).statusCode).toBe(200);
      } finally {
        ctx.config.demoAccountsRemote = false;
      }
      expect((await loginFrom(ctx, '10.1.2.3', 'leader1')).statusCode).toBe(403);
    });

    it('GET /api/status says demo: true, with the password hint only for loopback', async () => {
      const local = await ctx.app.inject({ method: 'GET', url: '/api/status' });
      expect(local.statusCode).toBe(200);
      expect(local.json()).toEqual({ demo: true, demoPasswordHint: DEMO_PASSWORD });
      const remote = await ctx.app.inject({ method: 'GET', url: '/api/status', remoteAddress: '10.1.2.3' });
      expect(remote.json()).toEqual({ demo: true, demoPasswordHint: null });
    });
  });

  describe('usernames are unique whatever their case', () => {
    it('creating Admin when admin exists → 409 duplicate; login as ADMIN works', async () => {
      const root = (await users('admin')).find((u) => u.username === 'admin')!.regionId;
      const res = await call(ctx.app, secadmin, 'POST', '/api/users', {
        username: 'Admin',
        displayName: '冒名',
        password: 'Other#Name2026',
        roles: ['viewer'],
        regionId: root,
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('duplicate');
      expect((await users('dmin')).filter((u) => u.username.toLowerCase() === 'admin')).toHaveLength(1);
      const upper = await login(ctx.app, 'ADMIN', ADMIN_PASSWORD);
      const me = await call(ctx.app, upper, 'GET', '/api/auth/me');
      expect(me.json().user.username).toBe('admin');
      const mixed = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'SecAdmin', password: DEMO_PASSWORD },
      });
      expect(mixed.statusCode).toBe(200);
    });

    it('the database refuses a case variant too (unique index on lower(username))', async () => {
      const now = new Date().toISOString();
      const err = await ctx.handle.db
        .insertInto('users')
        .values({
          username: 'AUDITOR',
          displayName: 'x',
          passwordHash: 'x',
          roles: '["viewer"]',
          regionId: ctx.ids.regions.get('laoling')!,
          departmentId: null,
          phone: null,
          active: 1,
          failedLogins: 0,
          lockedUntil: null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        })
        .execute()
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
    });
  });
});

describeEngines('demo --remove', (engine) => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestContext(engine);
  });
  afterAll(() => ctx.close());

  it('deletes the demo accounts and data in one go, keeps the setup accounts and what was made outside the demo', async () => {
    const admin = await loginAdmin(ctx.app);
    const secadmin = await login(ctx.app, 'secadmin');
    const town = ctx.ids.regions.get('town-zhuji')!;
    // Made outside the demo: a project in a demo town led by a demo leader, and an account there.
    const made = await call(ctx.app, admin, 'POST', '/api/projects', {
      name: '非演示项目',
      nature: 'new',
      regionId: town,
      totalInvestment: 5_000_000,
      leaderId: ctx.ids.people.get('leader1'),
      years: [{ year: 2023, level: 'county', category: 'reserve', annualPlan: 1_000_000 }],
    });
    expect(made.statusCode).toBe(201);
    const projectId = (made.json() as { id: number }).id;
    const account = await call(ctx.app, secadmin, 'POST', '/api/users', {
      username: 'real-town',
      displayName: '真实镇用户',
      password: 'Real#Town2026',
      roles: ['town'],
      regionId: town,
    });
    expect(account.statusCode).toBe(201);
    const leaderSession = await login(ctx.app, 'leader1');

    const removed = await removeDemo(ctx.handle, null);
    expect(removed.users).toBe(ctx.ids.users.size - 3);
    expect(removed.projects).toBe(ctx.ids.projects.size);

    const db = ctx.handle.db;
    const count = async (t: 'users' | 'projects' | 'demoRows' | 'projectYears' | 'sessions') =>
      Number(
        (
          await db
            .selectFrom(t)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const demoUsers = await db.selectFrom('users').select('id').where('demo', '=', 1).execute();
    expect(demoUsers).toHaveLength(0);
    expect(await count('demoRows')).toBe(0);
    const left = await db.selectFrom('users').select('username').orderBy('username').execute();
    expect(left.map((u) => u.username)).toEqual(['admin', 'auditor', 'real-town', 'secadmin']);
    const projects = await db.selectFrom('projects').select(['id', 'leaderId', 'regionId']).execute();
    expect(projects).toEqual([{ id: projectId, leaderId: null, regionId: town }]);
    expect(await count('projectYears')).toBe(1);
    // The town (used) and its ancestors stay; an unused demo town and department are gone.
    const regions = (await db.selectFrom('regions').select('name').execute()).map((r) => r.name);
    expect(regions).toEqual(expect.arrayContaining(['山东省', '德州市', '乐陵市', '朱集镇']));
    expect(regions).not.toContain('杨安镇');
    expect(regions).not.toContain('宁津县');
    expect(await db.selectFrom('departments').select('id').execute()).toHaveLength(0);
    // The demo's sessions ended with its accounts; the banner is gone.
    expect((await call(ctx.app, leaderSession, 'GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await loginFrom(ctx, '127.0.0.1', 'leader1')).statusCode).toBe(401);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/status' })).json()).toEqual({
      demo: false,
      demoPasswordHint: null,
    });
    // The setup accounts still work, and the kept project is still there for the admin.
    const again = await loginAdmin(ctx.app);
    expect((await call(ctx.app, again, 'GET', `/api/projects/${projectId}`)).statusCode).toBe(200);
    // One audit row says what went.
    const audit = await db.selectFrom('auditLog').selectAll().where('action', '=', 'demo_removed').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ users: removed.users, projects: removed.projects });
  });
});

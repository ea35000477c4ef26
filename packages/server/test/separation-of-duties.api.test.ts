/**
 * 三员分立 (issue 7, hole 1): the system administrator, the security administrator and the auditor
 * are exclusive roles; only the security administrator manages accounts, roles and passwords;
 * nobody changes his own roles; the auditor reads the log of the other two. Each repro of the issue
 * is refused with its code and changes nothing.
 */
import type { User } from '@guatu/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../src/errors.ts';
import { systemActor } from '../src/policies/actor.ts';
import { findRootRegion } from '../src/repositories/region.repository.ts';
import { createUser } from '../src/services/admin.service.ts';
import {
  call,
  createTestContext,
  DEMO_PASSWORD,
  describeEngines,
  login,
  loginAdmin,
  type Session,
  type TestContext,
} from './harness.ts';

type AuditItem = { action: string; entity: string; entityId: string | null; actorName: string | null };

describeEngines('三员分立 separation of duties', (engine) => {
  let ctx: TestContext;
  let admin: Session;
  let secadmin: Session;
  let auditor: Session;
  let laoling: number;
  const id = (u: string) => ctx.ids.users.get(u)!;

  // Each test on its own fresh database (accounts and the audit log are shared state): any test
  // passes alone and in any order.
  beforeEach(async () => {
    ctx = await createTestContext(engine);
    admin = await loginAdmin(ctx.app);
    secadmin = await login(ctx.app, 'secadmin');
    auditor = await login(ctx.app, 'auditor');
    laoling = ctx.ids.regions.get('laoling')!;
  });
  afterEach(() => ctx.close());

  /** The stored account, read by the security administrator. */
  const reread = async (username: string): Promise<User> => {
    const res = await call(ctx.app, secadmin, 'GET', `/api/users?q=${username}&pageSize=100`);
    expect(res.statusCode).toBe(200);
    return (res.json() as { items: User[] }).items.find((u) => u.username === username)!;
  };
  const auditRows = async (qs: string): Promise<AuditItem[]> => {
    const res = await call(ctx.app, auditor, 'GET', `/api/audit?pageSize=200&${qs}`);
    expect(res.statusCode).toBe(200);
    return (res.json() as { items: AuditItem[] }).items;
  };

  describe('the repros of the issue are refused', () => {
    it('the admin cannot give himself the auditor role (403 forbidden) and still reads no audit log', async () => {
      const before = await reread('admin');
      const res = await call(ctx.app, admin, 'PATCH', `/api/users/${id('admin')}`, {
        roles: ['admin', 'auditor'],
        version: before.version,
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
      const after = await reread('admin');
      expect(after.roles).toEqual(['admin']);
      expect(after.version).toBe(before.version);
      const audit = await call(ctx.app, admin, 'GET', '/api/audit');
      expect(audit.statusCode).toBe(403);
      expect(audit.json().error.code).toBe('audit_auditor_only');
    });

    it('the security admin cannot give himself admin (403 own_roles), alone or beside his role', async () => {
      const before = await reread('secadmin');
      for (const roles of [['admin'], ['security_admin', 'admin']]) {
        const res = await call(ctx.app, secadmin, 'PATCH', `/api/users/${id('secadmin')}`, {
          roles,
          version: before.version,
        });
        expect(res.statusCode, roles.join()).toBe(403);
        expect(res.json().error.code).toBe('own_roles');
      }
      const after = await reread('secadmin');
      expect(after.roles).toEqual(['security_admin']);
      expect(after.version).toBe(before.version);
      // …so he still cannot edit a project.
      const project = ctx.ids.projects.values().next().value!;
      const edit = await call(ctx.app, secadmin, 'GET', `/api/projects/${project}`);
      expect(edit.statusCode).toBe(403);
    });

    it('the admin cannot reset the auditor password (403 forbidden); the auditor still logs in with his own', async () => {
      const before = await reread('auditor');
      const res = await call(ctx.app, admin, 'PATCH', `/api/users/${id('auditor')}`, {
        password: 'Taken#Over2026',
        version: before.version,
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
      const after = await reread('auditor');
      expect(after.version).toBe(before.version);
      expect(after.mustChangePassword).toBe(false);
      const attempt = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'auditor', password: 'Taken#Over2026' },
      });
      expect(attempt.statusCode).toBe(401);
      await login(ctx.app, 'auditor', DEMO_PASSWORD);
    });

    it('the security admin cannot create one account holding admin + security_admin + auditor (400 roles_exclusive)', async () => {
      const res = await call(ctx.app, secadmin, 'POST', '/api/users', {
        username: 'all-three',
        displayName: '三合一',
        password: 'Three#Roles2026',
        roles: ['admin', 'security_admin', 'auditor'],
        regionId: laoling,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('roles_exclusive');
      expect(res.json().error.message).toContain('三员分立');
      expect(await reread('all-three')).toBeUndefined();
    });

    it('an officer role beside a business role is refused too, on create and on edit', async () => {
      const res = await call(ctx.app, secadmin, 'POST', '/api/users', {
        username: 'leader-auditor',
        displayName: '领导兼审计',
        password: 'Mixed#Roles2026',
        roles: ['leader', 'auditor'],
        regionId: laoling,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('roles_exclusive');
      const leader = await reread('leader3');
      const edit = await call(ctx.app, secadmin, 'PATCH', `/api/users/${leader.id}`, {
        roles: ['leader', 'admin'],
        version: leader.version,
      });
      expect(edit.statusCode).toBe(400);
      expect(edit.json().error.code).toBe('roles_exclusive');
      expect((await reread('leader3')).roles).toEqual(['leader']);
    });

    it('the CLI create-user applies the same exclusivity', async () => {
      const root = (await findRootRegion(ctx.handle.db))!;
      const input = {
        username: 'cli-two',
        displayName: 'CLI',
        password: 'Cli#Roles2026',
        roles: ['admin' as const, 'auditor' as const],
        regionId: root.id,
        departmentId: null,
        phone: null,
      };
      const err = await createUser(ctx.handle.db, systemActor(root.id, root.path), input, new Date()).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('roles_exclusive');
    });
  });

  describe('only the security administrator manages accounts', () => {
    it('the admin neither lists, creates nor edits accounts', async () => {
      expect((await call(ctx.app, admin, 'GET', '/api/users')).statusCode).toBe(403);
      const create = await call(ctx.app, admin, 'POST', '/api/users', {
        username: 'by-admin',
        displayName: '管理员建',
        password: 'ByAdmin#2026x',
        roles: ['viewer'],
        regionId: laoling,
      });
      expect(create.statusCode).toBe(403);
      expect(create.json().error.code).toBe('forbidden');
      const viewer = await reread('viewer');
      const deactivate = await call(ctx.app, admin, 'PATCH', `/api/users/${viewer.id}`, {
        active: false,
        version: viewer.version,
      });
      expect(deactivate.statusCode).toBe(403);
      expect((await reread('viewer')).active).toBe(true);
      // The county admin (fgj) neither.
      const fgj = await login(ctx.app, 'fgj');
      expect((await call(ctx.app, fgj, 'GET', '/api/users')).statusCode).toBe(403);
    });

    it('the security admin creates a leader account; its first login may only change the password', async () => {
      const res = await call(ctx.app, secadmin, 'POST', '/api/users', {
        username: 'new-leader',
        displayName: '新领导',
        password: 'First#Pass2026',
        roles: ['leader'],
        regionId: laoling,
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ roles: ['leader'], mustChangePassword: true, demo: false });
      const s = await login(ctx.app, 'new-leader', 'First#Pass2026');
      const me = await call(ctx.app, s, 'GET', '/api/auth/me');
      expect(me.statusCode).toBe(200);
      expect(me.json().user.mustChangePassword).toBe(true);
      const blocked = await call(ctx.app, s, 'GET', '/api/projects?year=2023');
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json().error.code).toBe('password_change_required');
      const changed = await call(ctx.app, s, 'POST', '/api/auth/password', {
        currentPassword: 'First#Pass2026',
        newPassword: 'Own#Choice2026',
      });
      expect(changed.statusCode).toBe(200);
      expect((await call(ctx.app, s, 'GET', '/api/auth/me')).json().user.mustChangePassword).toBe(false);
      expect((await call(ctx.app, s, 'GET', '/api/projects?year=2023')).statusCode).toBe(200);
      expect((await reread('new-leader')).mustChangePassword).toBe(false);
    });

    it("the security admin resets a user's password: the flag is set and the user may only change it", async () => {
      const created = await call(ctx.app, secadmin, 'POST', '/api/users', {
        username: 'new-leader',
        displayName: '新领导',
        password: 'First#Pass2026',
        roles: ['leader'],
        regionId: laoling,
      });
      expect(created.statusCode).toBe(201);
      const target = await reread('new-leader');
      const res = await call(ctx.app, secadmin, 'PATCH', `/api/users/${target.id}`, {
        password: 'Reset#Pass2026',
        version: target.version,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().mustChangePassword).toBe(true);
      const s = await login(ctx.app, 'new-leader', 'Reset#Pass2026');
      expect((await call(ctx.app, s, 'GET', '/api/auth/me')).statusCode).toBe(200);
      const blocked = await call(ctx.app, s, 'GET', '/api/lookups');
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json().error.code).toBe('password_change_required');
      const write = await call(ctx.app, s, 'PATCH', `/api/projects/${[...ctx.ids.projects.values()][0]}`, {
        version: 1,
      });
      expect(write.statusCode).toBe(403);
      expect(write.json().error.code).toBe('password_change_required');
      const changed = await call(ctx.app, s, 'POST', '/api/auth/password', {
        currentPassword: 'Reset#Pass2026',
        newPassword: 'Mine#Again2026',
      });
      expect(changed.statusCode).toBe(200);
      expect((await call(ctx.app, s, 'GET', '/api/lookups')).statusCode).toBe(200);
      // The logout also works while the flag is set (checked on a fresh reset).
      const again = await reread('new-leader');
      await call(ctx.app, secadmin, 'PATCH', `/api/users/${again.id}`, {
        password: 'Reset#Two2026',
        version: again.version,
      });
      const s2 = await login(ctx.app, 'new-leader', 'Reset#Two2026');
      expect((await call(ctx.app, s2, 'POST', '/api/auth/logout')).statusCode).toBe(200);
    });

    it('a demo account reset keeps no forced change (demo accounts are loopback-only and bannered)', async () => {
      const demo = await reread('leader4');
      expect(demo.demo).toBe(true);
      const res = await call(ctx.app, secadmin, 'PATCH', `/api/users/${demo.id}`, {
        password: 'Demo#Reset2026',
        version: demo.version,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().mustChangePassword).toBe(false);
      const s = await login(ctx.app, 'leader4', 'Demo#Reset2026');
      expect((await call(ctx.app, s, 'GET', '/api/lookups')).statusCode).toBe(200);
    });

    it('the security admin cannot deactivate himself nor reset his own password (403 own_account)', async () => {
      const me = await reread('secadmin');
      for (const body of [{ active: false }, { password: 'Self#Reset2026' }]) {
        const res = await call(ctx.app, secadmin, 'PATCH', `/api/users/${me.id}`, {
          ...body,
          version: me.version,
        });
        expect(res.statusCode, JSON.stringify(body)).toBe(403);
        expect(res.json().error.code).toBe('own_account');
      }
      const after = await reread('secadmin');
      expect(after).toMatchObject({ active: true, version: me.version, mustChangePassword: false });
      // His own display name he may edit (roles sent unchanged are no change).
      const rename = await call(ctx.app, secadmin, 'PATCH', `/api/users/${me.id}`, {
        displayName: '安全管理员',
        roles: ['security_admin'],
        version: me.version,
      });
      expect(rename.statusCode).toBe(200);
    });

    it('the security admin manages the auditor account (unlock, reset), and the auditor sees it all in the log', async () => {
      // The security admin creates an account, resets a password and unlocks the auditor; the admin
      // tries to make himself auditor and is refused.
      const created = await call(ctx.app, secadmin, 'POST', '/api/users', {
        username: 'log-leader',
        displayName: '日志领导',
        password: 'First#Pass2026',
        roles: ['leader'],
        regionId: laoling,
      });
      expect(created.statusCode).toBe(201);
      const leader4 = await reread('leader4');
      const reset = await call(ctx.app, secadmin, 'PATCH', `/api/users/${leader4.id}`, {
        password: 'Demo#Reset2026',
        version: leader4.version,
      });
      expect(reset.statusCode).toBe(200);
      const target = await reread('auditor');
      const res = await call(ctx.app, secadmin, 'PATCH', `/api/users/${target.id}`, {
        unlock: true,
        version: target.version,
      });
      expect(res.statusCode).toBe(200);
      const adminSelf = await reread('admin');
      const refused = await call(ctx.app, admin, 'PATCH', `/api/users/${id('admin')}`, {
        roles: ['admin', 'auditor'],
        version: adminSelf.version,
      });
      expect(refused.statusCode).toBe(403);
      const rows = await auditRows(`entity=user&actorId=${id('secadmin')}`);
      expect(rows.map((r) => `${r.action}:${r.entityId}`).sort()).toEqual(
        [
          `mfa_enrolled:${id('secadmin')}`, // his own second factor, at his first login (beforeEach)
          `create:${created.json().id}`,
          `update_password_reset:${leader4.id}`,
          `unlock:${target.id}`,
        ].sort(),
      );
      expect(new Set(rows.map((r) => r.actorName))).toEqual(
        new Set([(await reread('secadmin')).displayName]),
      );
      // The admin's refused attempt left nothing; his logins are in the log.
      const adminRows = await auditRows(`actorId=${id('admin')}`);
      expect(adminRows.some((r) => r.action === 'login')).toBe(true);
      const accountWrites = ['create', 'update', 'update_password_reset', 'unlock'];
      expect(adminRows.some((r) => r.entity === 'user' && accountWrites.includes(r.action))).toBe(false);
    });

    it('the auditor still reads the log; the admin and the security admin do not', async () => {
      expect((await call(ctx.app, auditor, 'GET', '/api/audit')).statusCode).toBe(200);
      for (const s of [admin, secadmin]) {
        const res = await call(ctx.app, s, 'GET', '/api/audit');
        expect(res.statusCode).toBe(403);
        expect(res.json().error.code).toBe('audit_auditor_only');
      }
    });
  });
});

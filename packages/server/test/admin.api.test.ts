/**
 * The administration endpoints: users (create, edit, reset, unlock, deactivate), regions and
 * departments, and the append-only audit log that records every one of those writes.
 */
import type { Department, Region, User } from '@guatu/contracts';
import { buildLaolingDemo } from '@guatu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { buildDepartment, buildUser } from './factories.ts';

/** The names of the demo's 2023 projects in one town, as the ledger should list them. */
const demo2023In = (townKey: string) =>
  buildLaolingDemo()
    .projects.filter((p) => p.regionKey === townKey && p.years.some((y) => y.year === 2023))
    .map((p) => p.name)
    .sort();

type AuditItem = {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};

describeEngines('admin API', (engine) => {
  let ctx: TestContext;
  let admin: Session;
  let secadmin: Session;
  let laoling: number;

  beforeAll(async () => {
    ctx = await createTestContext(engine);
    admin = await loginAdmin(ctx.app);
    secadmin = await login(ctx.app, 'secadmin');
    laoling = ctx.ids.regions.get('laoling')!;
  });
  afterAll(() => ctx.close());

  const auditFor = async (qs: string) => {
    const auditor = await login(ctx.app, 'auditor');
    const res = await call(ctx.app, auditor, 'GET', `/api/audit?pageSize=500&${qs}`);
    expect(res.statusCode).toBe(200);
    return res.json() as { items: AuditItem[]; total: number };
  };
  const newUser = (username: string, extra: Record<string, unknown> = {}) => ({
    username,
    displayName: `测试${username}`,
    password: 'Test#2023ab',
    roles: ['viewer'],
    regionId: laoling,
    ...extra,
  });
  const attempt = (username: string, password: string) =>
    ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  /** Logs a new account in and changes the password its creator chose, as the first login must. */
  const firstLogin = async (username: string) => {
    const s = await login(ctx.app, username, 'Test#2023ab');
    const changed = await call(ctx.app, s, 'POST', '/api/auth/password', {
      currentPassword: 'Test#2023ab',
      newPassword: 'Own#Choice2026',
    });
    expect(changed.statusCode).toBe(200);
    return s;
  };

  describe('users', () => {
    it('creates a user (password policy enforced, duplicate username → 409)', async () => {
      for (const weak of ['abcdefgh', 'Short1!', 'alllowercase1', 'Xnew-user1Y!']) {
        const res = await call(
          ctx.app,
          secadmin,
          'POST',
          '/api/users',
          newUser('new-user1', { password: weak }),
        );
        expect(res.statusCode, weak).toBe(400);
        expect(res.json().error.code).toBe('password_policy');
      }
      const res = await call(
        ctx.app,
        secadmin,
        'POST',
        '/api/users',
        newUser('new-user1', { roles: ['leader', 'task_force'], phone: '13800000000' }),
      );
      expect(res.statusCode).toBe(201);
      const u = res.json() as User;
      expect(u).toMatchObject({
        username: 'new-user1',
        displayName: '测试new-user1',
        roles: ['leader', 'task_force'],
        regionName: '乐陵市',
        active: true,
        locked: false,
        version: 1,
        // Answers carry phones masked (personal data); the whole number is GET /api/users/:id/phone.
        phone: '138****0000',
      });
      expect(JSON.stringify(u)).not.toMatch(/"password"|passwordHash|Test#2023ab/i);
      // A password the security admin chose is changed by its owner at first login (三员分立).
      expect(u.mustChangePassword).toBe(true);
      expect((await attempt('new-user1', 'Test#2023ab')).statusCode).toBe(200);

      const dup = await call(ctx.app, secadmin, 'POST', '/api/users', newUser('leader1'));
      expect(dup.statusCode).toBe(409);
      expect(dup.json().error).toMatchObject({ code: 'duplicate', message: '用户名“leader1”已存在' });
      const listed = (await call(ctx.app, secadmin, 'GET', '/api/users?q=new-user1')).json() as {
        items: User[];
        total: number;
      };
      expect(listed.total).toBe(1);
      for (const bad of [
        newUser('ab'),
        newUser('has space'),
        newUser('ok-name', { roles: [] }),
        newUser('ok-name', { roles: ['superuser'] }),
        newUser('ok-name', { regionId: 999_999 }),
        newUser('ok-name', { departmentId: 999_999 }),
        { ...newUser('ok-name'), isAdmin: true },
      ]) {
        const r = await call(ctx.app, secadmin, 'POST', '/api/users', bad);
        expect(r.statusCode, JSON.stringify(bad)).toBe(400);
      }
      expect((await call(ctx.app, secadmin, 'GET', '/api/users?q=ok-name')).json().total).toBe(0);

      const audit = await auditFor(`entity=user&entityId=${u.id}&action=create`);
      expect(audit.items).toHaveLength(1);
      expect(audit.items[0]!.actorName).toBe('安全管理员');
      expect(audit.items[0]!.after).toMatchObject({ username: 'new-user1', roles: ['leader', 'task_force'] });
      expect(JSON.stringify(audit.items[0])).not.toMatch(/passwordHash|Test#2023ab/);
    });

    it('edits a user with its version; a stale version → 409 and the newer edit stays', async () => {
      const u = (await call(ctx.app, secadmin, 'POST', '/api/users', newUser('edit-me'))).json() as User;
      const ok = await call(ctx.app, secadmin, 'PATCH', `/api/users/${u.id}`, {
        version: 1,
        displayName: '改名一',
        roles: ['town'],
        regionId: ctx.ids.regions.get('town-zhuji'),
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({
        displayName: '改名一',
        roles: ['town'],
        regionName: '朱集镇',
        version: 2,
      });
      const stale = await call(ctx.app, secadmin, 'PATCH', `/api/users/${u.id}`, {
        version: 1,
        displayName: '改名二',
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('version_conflict');
      const now = (await call(ctx.app, secadmin, 'GET', '/api/users?q=edit-me')).json().items[0] as User;
      expect(now).toMatchObject({ displayName: '改名一', version: 2 });
      // The new scope is in force at the next login (after the forced change of the first password).
      const s = await firstLogin('edit-me');
      const rows = (await call(ctx.app, s, 'GET', '/api/projects?year=2023&pageSize=500')).json() as {
        items: Array<{ name: string; regionName: string }>;
      };
      expect(rows.items.map((r) => r.name).sort()).toEqual(demo2023In('town-zhuji'));
      expect(new Set(rows.items.map((r) => r.regionName))).toEqual(new Set(['朱集镇']));
      expect(
        (await call(ctx.app, secadmin, 'PATCH', '/api/users/999999', { version: 1, displayName: 'x' }))
          .statusCode,
      ).toBe(404);

      const audit = await auditFor(`entity=user&entityId=${u.id}&action=update`);
      expect(audit.items).toHaveLength(1);
      expect(audit.items[0]!.before).toMatchObject({
        displayName: '测试edit-me',
        roles: ['viewer'],
        regionName: '乐陵市',
      });
      expect(audit.items[0]!.after).toMatchObject({
        displayName: '改名一',
        roles: ['town'],
        regionName: '朱集镇',
      });
    });

    it("resetting a password enforces the policy and ends the user's sessions", async () => {
      const u = (await call(ctx.app, secadmin, 'POST', '/api/users', newUser('reset-me'))).json() as User;
      const s1 = await login(ctx.app, 'reset-me', 'Test#2023ab');
      const s2 = await login(ctx.app, 'reset-me', 'Test#2023ab');
      const weak = await call(ctx.app, secadmin, 'PATCH', `/api/users/${u.id}`, {
        version: 1,
        password: 'abcdefgh',
      });
      expect(weak.statusCode).toBe(400);
      expect(weak.json().error.code).toBe('password_policy');
      expect((await call(ctx.app, s1, 'GET', '/api/auth/me')).statusCode).toBe(200);
      const res = await call(ctx.app, secadmin, 'PATCH', `/api/users/${u.id}`, {
        version: 1,
        password: 'Reset#2023x',
      });
      expect(res.statusCode).toBe(200);
      for (const s of [s1, s2]) expect((await call(ctx.app, s, 'GET', '/api/auth/me')).statusCode).toBe(401);
      expect((await attempt('reset-me', 'Test#2023ab')).statusCode).toBe(401);
      expect((await attempt('reset-me', 'Reset#2023x')).statusCode).toBe(200);
      // The admin's own session is untouched.
      expect((await call(ctx.app, secadmin, 'GET', '/api/auth/me')).statusCode).toBe(200);
      const audit = await auditFor(`entity=user&entityId=${u.id}&action=update_password_reset`);
      expect(audit.items).toHaveLength(1);
      expect(JSON.stringify(audit.items[0])).not.toMatch(/Reset#2023x|passwordHash/);
    });

    it('unlock clears a lockout at once', async () => {
      const u = (await call(ctx.app, secadmin, 'POST', '/api/users', newUser('lock-me'))).json() as User;
      for (let i = 0; i < 5; i++) await attempt('lock-me', `Wrong#${i}abc`);
      expect((await attempt('lock-me', 'Test#2023ab')).statusCode).toBe(423);
      const listed = (await call(ctx.app, secadmin, 'GET', '/api/users?q=lock-me')).json().items[0] as User;
      expect(listed.locked).toBe(true);
      expect(listed.version).toBe(1); // failed logins are not edits
      const res = await call(ctx.app, secadmin, 'PATCH', `/api/users/${u.id}`, { version: 1, unlock: true });
      expect(res.statusCode).toBe(200);
      expect((res.json() as User).locked).toBe(false);
      expect((await attempt('lock-me', 'Test#2023ab')).statusCode).toBe(200);
      const audit = await auditFor(`entity=user&entityId=${u.id}&action=unlock`);
      expect(audit.items).toHaveLength(1);
      expect(audit.items[0]!.actorName).toBe('安全管理员');
    });

    it('deactivating blocks login and ends sessions; reactivating restores it', async () => {
      const u = (await call(ctx.app, secadmin, 'POST', '/api/users', newUser('stop-me'))).json() as User;
      const s = await login(ctx.app, 'stop-me', 'Test#2023ab');
      const res = await call(ctx.app, secadmin, 'PATCH', `/api/users/${u.id}`, { version: 1, active: false });
      expect(res.statusCode).toBe(200);
      expect((res.json() as User).active).toBe(false);
      expect((await call(ctx.app, s, 'GET', '/api/auth/me')).statusCode).toBe(401);
      const refused = await attempt('stop-me', 'Test#2023ab');
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error).toMatchObject({ code: 'inactive', message: '账号已停用，请联系管理员' });
      expect(refused.headers['set-cookie']).toBeUndefined();
      const back = await call(ctx.app, secadmin, 'PATCH', `/api/users/${u.id}`, { version: 2, active: true });
      expect(back.statusCode).toBe(200);
      expect((await attempt('stop-me', 'Test#2023ab')).statusCode).toBe(200);
      const audit = await auditFor(`entity=user&entityId=${u.id}&action=update`);
      expect(audit.items.map((a) => [a.before?.active, a.after?.active])).toEqual([
        [false, true],
        [true, false],
      ]);
    });
  });

  describe('regions', () => {
    it('adds a town under 乐陵市; the level must fit the parent', async () => {
      const res = await call(ctx.app, admin, 'POST', '/api/regions', {
        parentId: laoling,
        name: '新城街道',
        level: 'town',
        code: '371481999',
      });
      expect(res.statusCode).toBe(201);
      const r = res.json() as Region;
      expect(r).toMatchObject({
        parentId: laoling,
        name: '新城街道',
        level: 'town',
        code: '371481999',
        version: 1,
      });
      const listed = (await call(ctx.app, admin, 'GET', '/api/regions')).json().items as Region[];
      expect(listed.find((x) => x.id === r.id)?.name).toBe('新城街道');

      const city = await call(ctx.app, admin, 'POST', '/api/regions', {
        parentId: laoling,
        name: '错层市',
        level: 'city',
      });
      expect(city.statusCode).toBe(400);
      expect(city.json().error).toMatchObject({
        code: 'region_level',
        message: '区划层级不正确：county下只能建town',
      });
      const county = await call(ctx.app, admin, 'POST', '/api/regions', {
        parentId: laoling,
        name: '错层县',
        level: 'county',
      });
      expect(county.statusCode).toBe(400);
      const belowTown = await call(ctx.app, admin, 'POST', '/api/regions', {
        parentId: r.id,
        name: '村',
        level: 'town',
      });
      expect(belowTown.statusCode).toBe(400);
      expect(belowTown.json().error.code).toBe('region_level');
      expect(
        (await call(ctx.app, admin, 'POST', '/api/regions', { parentId: 999_999, name: 'x', level: 'town' }))
          .statusCode,
      ).toBe(400);
      const names = ((await call(ctx.app, admin, 'GET', '/api/regions')).json().items as Region[]).map(
        (x) => x.name,
      );
      expect(names.filter((n) => n.startsWith('错层') || n === '村')).toEqual([]);

      // The new town is usable at once: a user there sees its (empty) ledger.
      const townUser = await call(
        ctx.app,
        secadmin,
        'POST',
        '/api/users',
        newUser('xincheng', { roles: ['town'], regionId: r.id }),
      );
      expect(townUser.statusCode).toBe(201);
      const s = await firstLogin('xincheng');
      expect((await call(ctx.app, s, 'GET', '/api/projects?year=2023')).json().total).toBe(0);

      const audit = await auditFor(`entity=region&entityId=${r.id}`);
      expect(audit.items.map((a) => a.action)).toEqual(['create']);
      expect(audit.items[0]!.after).toMatchObject({ name: '新城街道', level: 'town' });
    });

    it('renames with the version; stale → 409', async () => {
      const town = ctx.ids.regions.get('town-dasun')!;
      const res = await call(ctx.app, admin, 'PATCH', `/api/regions/${town}`, {
        version: 1,
        name: '大孙乡（改）',
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: town, name: '大孙乡（改）', version: 2, level: 'town' });
      const stale = await call(ctx.app, admin, 'PATCH', `/api/regions/${town}`, {
        version: 1,
        name: '大孙乡（再改）',
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('version_conflict');
      expect(
        (await call(ctx.app, admin, 'PATCH', `/api/regions/${town}`, { version: 2, name: '' })).statusCode,
      ).toBe(400);
      expect(
        (await call(ctx.app, admin, 'PATCH', `/api/regions/${town}`, { version: 2, level: 'city' }))
          .statusCode,
      ).toBe(400);
      // The ledger shows the new name.
      const rows = (
        await call(ctx.app, admin, 'GET', `/api/projects?year=2023&regionId=${town}&pageSize=500`)
      ).json() as { items: Array<{ name: string; regionName: string }> };
      expect(rows.items.map((x) => x.name).sort()).toEqual(demo2023In('town-dasun'));
      expect(rows.items.every((x) => x.regionName === '大孙乡（改）')).toBe(true);
      const audit = await auditFor(`entity=region&entityId=${town}&action=update`);
      expect(audit.items).toHaveLength(1);
      expect(audit.items[0]!.before).toMatchObject({ name: '大孙乡', version: 1 });
      expect(audit.items[0]!.after).toMatchObject({ name: '大孙乡（改）', version: 2 });
    });
  });

  describe('departments', () => {
    it('adds, refuses a duplicate, renames (also refusing a duplicate name)', async () => {
      const res = await call(ctx.app, admin, 'POST', '/api/departments', {
        regionId: laoling,
        name: '审计局',
      });
      expect(res.statusCode).toBe(201);
      const d = res.json() as Department;
      expect(d).toMatchObject({ regionId: laoling, regionName: '乐陵市', name: '审计局', version: 1 });
      const dup = await call(ctx.app, admin, 'POST', '/api/departments', {
        regionId: laoling,
        name: '审计局',
      });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().error).toMatchObject({ code: 'duplicate', message: '部门“审计局”已存在' });
      // The same name in another county is another department.
      const nj = await call(ctx.app, admin, 'POST', '/api/departments', {
        regionId: ctx.ids.regions.get('ningjin'),
        name: '审计局',
      });
      expect(nj.statusCode).toBe(201);

      const renamed = await call(ctx.app, admin, 'PATCH', `/api/departments/${d.id}`, {
        version: 1,
        name: '审计局（改）',
      });
      expect(renamed.statusCode).toBe(200);
      expect(renamed.json()).toMatchObject({ id: d.id, name: '审计局（改）', version: 2 });
      const stale = await call(ctx.app, admin, 'PATCH', `/api/departments/${d.id}`, {
        version: 1,
        name: '审计局（又改）',
      });
      expect(stale.statusCode).toBe(409);
      const clash = await call(ctx.app, admin, 'PATCH', `/api/departments/${d.id}`, {
        version: 2,
        name: '自然资源局',
      });
      expect(clash.statusCode).toBe(409);
      expect(clash.json().error.code).toBe('duplicate');
      const listed = (await call(ctx.app, admin, 'GET', '/api/departments')).json().items as Department[];
      expect(listed.filter((x) => x.regionId === laoling && x.name === '自然资源局')).toHaveLength(1);
      expect(listed.find((x) => x.id === d.id)?.name).toBe('审计局（改）');

      const audit = await auditFor(`entity=department&entityId=${d.id}`);
      expect(audit.items.map((a) => a.action)).toEqual(['update', 'create']);
      expect(audit.items[0]!.before).toMatchObject({ name: '审计局' });
      expect(audit.items[0]!.after).toMatchObject({ name: '审计局（改）' });
      expect(audit.items[1]!.after).toMatchObject({ name: '审计局' });
    });
  });

  describe('the audit log', () => {
    it('filters by entity, actor, action and date', async () => {
      // The writes this test filters for, its own: two departments (each in a new county) by the
      // admin, and an account created, reset and unlocked by the security admin.
      const depts = [await buildDepartment(ctx), await buildDepartment(ctx)];
      // A viewer: no person to link, so the security admin's writes on it are exactly these three.
      const u = (await buildUser(ctx, { login: false, roles: ['viewer'] })).user;
      const reset = await call(ctx.app, secadmin, 'PATCH', `/api/users/${u.id}`, {
        version: u.version,
        password: 'Reset#2023x',
      });
      expect(reset.statusCode, reset.body).toBe(200);
      for (let i = 0; i < 5; i++) await attempt(u.username, `Wrong#${i}abc`);
      const unlock = await call(ctx.app, secadmin, 'PATCH', `/api/users/${u.id}`, {
        version: (reset.json() as User).version,
        unlock: true,
      });
      expect(unlock.statusCode, unlock.body).toBe(200);
      const keys = (items: AuditItem[]) => items.map((a) => `${a.entity}#${a.entityId}:${a.action}`);
      const mine = [
        ...depts.flatMap((d) => [`region#${d.regionId}:create`, `department#${d.id}:create`]),
        `user#${u.id}:create`,
        `user#${u.id}:update_password_reset`,
        `user#${u.id}:unlock`,
      ];

      const all = await auditFor('');
      expect(keys(all.items)).toEqual(expect.arrayContaining(mine));
      const adminId = (await call(ctx.app, admin, 'GET', '/api/auth/me')).json().user.id as number;
      const byActor = await auditFor(`actorId=${adminId}`);
      expect(keys(byActor.items)).toEqual(expect.arrayContaining(mine.slice(0, 4)));
      expect(byActor.items.every((a) => a.actorId === adminId && a.actorName === '系统管理员')).toBe(true);
      const secId = ctx.ids.users.get('secadmin')!;
      const bySec = await auditFor(`actorId=${secId}&entity=user`);
      expect(bySec.items.filter((a) => a.entityId === String(u.id)).map((a) => a.action)).toEqual([
        'unlock',
        'update_password_reset',
        'create',
      ]);
      expect(bySec.items.every((a) => a.actorId === secId && a.entity === 'user')).toBe(true);
      const regionRows = await auditFor('entity=region');
      expect(keys(regionRows.items)).toEqual(
        expect.arrayContaining(mine.filter((k) => k.startsWith('region'))),
      );
      expect(regionRows.items.every((a) => a.entity === 'region')).toBe(true);
      const creates = await auditFor('action=create&entity=department');
      expect(creates.items.every((a) => a.action === 'create' && a.entity === 'department')).toBe(true);
      expect(keys(creates.items)).toEqual(
        expect.arrayContaining(mine.filter((k) => k.startsWith('department'))),
      );

      // Dates: the rows are stamped with the time of writing.
      const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
      const around = await auditFor(`entity=department&from=${day(-1)}&to=${day(1)}`);
      expect(around.total).toBe((await auditFor('entity=department')).total);
      expect((await auditFor(`entity=department&to=${day(-2)}`)).total).toBe(0);
      expect((await auditFor(`entity=department&from=${day(2)}`)).total).toBe(0);
      expect(all.items.every((a) => !Number.isNaN(Date.parse(a.at)))).toBe(true);
      // Newest first, and paged.
      const ids = all.items.map((a) => a.id);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      const auditor = await login(ctx.app, 'auditor'); // (a login is itself audited: read the pages after it)
      const p1 = (await call(ctx.app, auditor, 'GET', '/api/audit?pageSize=10&page=1')).json() as {
        items: AuditItem[];
      };
      const p2 = (await call(ctx.app, auditor, 'GET', '/api/audit?pageSize=5&page=2')).json() as {
        items: AuditItem[];
      };
      expect(p1.items).toHaveLength(10);
      // Each query is itself audited: p1's own 'audit_query' row is now the newest, shifting p2 by one.
      expect(p2.items.map((a) => a.id)).toEqual(p1.items.slice(4, 9).map((a) => a.id));
      expect((await call(ctx.app, auditor, 'GET', '/api/audit?from=yesterday')).statusCode).toBe(400);
    });

    it('only the auditor reads it', async () => {
      for (const s of [admin, secadmin, await login(ctx.app, 'fgj'), await login(ctx.app, 'mayor')]) {
        const res = await call(ctx.app, s, 'GET', '/api/audit');
        expect(res.statusCode).toBe(403);
        expect(res.json().error.code).toBe('audit_auditor_only');
      }
      const en = await call(ctx.app, admin, 'GET', '/api/audit', undefined, { 'accept-language': 'en-US' });
      expect(en.json().error.message).toBe('Only the auditor may read the audit log (separation of duties)');
    });

    it('no route edits or deletes audit rows', async () => {
      const auditor = await login(ctx.app, 'auditor');
      const first = (await auditFor('')).items.at(-1)!;
      for (const s of [auditor, admin]) {
        for (const method of ['PATCH', 'PUT', 'DELETE'] as const) {
          for (const url of [`/api/audit/${first.id}`, '/api/audit']) {
            const res = await call(
              ctx.app,
              s,
              method,
              url,
              method === 'DELETE' ? undefined : { action: 'forged' },
            );
            expect(res.statusCode, `${method} ${url}`).toBe(404);
          }
        }
        expect(
          (await call(ctx.app, s, 'POST', '/api/audit', { action: 'forged', entity: 'user' })).statusCode,
        ).toBe(404);
      }
      const again = (await auditFor('')).items.at(-1)!;
      expect(again).toEqual(first);
      expect((await auditFor('action=forged')).total).toBe(0);
    });
  });

  it('a demo login still works after all this (the demo password is untouched)', async () => {
    expect((await attempt('viewer', DEMO_PASSWORD)).statusCode).toBe(200);
  });
});

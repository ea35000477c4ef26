/**
 * The authorisation matrix of the ledger (policies/project.policy.ts) and of the admin endpoints,
 * checked through the HTTP API as each role's demo user. Expectations come from the demo dataset
 * itself (who leads, who is in which 专班, which town, which department), not from the server.
 */
import type { LedgerPage, LedgerSummary, Project, YearsResponse } from '@guatu/contracts';
import { buildLaolingDemo, type DemoProject, type Role } from '@guatu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createTestContext,
  describeEngines,
  login,
  loginAdmin,
  TEST_TODAY,
  type Session,
  type TestContext,
} from './harness.ts';

// The demo as the harness seeds it: lived to the test date (a department in charge may have changed since 2023).
const demo = buildLaolingDemo(TEST_TODAY);

/** The roles under test, each with the user that holds it and the demo projects it may read. */
type Actor =
  | 'admin@山东省'
  | 'admin@乐陵市'
  | 'admin@宁津县'
  | 'security_admin'
  | 'auditor'
  | 'city_leader'
  | 'viewer'
  | 'town'
  | 'department'
  | 'leader'
  | 'task_force';

// Created by the security admin with `first`, changed to `password` at the first login (三员分立).
const NJ_ADMIN = { username: 'nj-admin', first: 'Ningjin#2023', password: 'Ningjin#2026x' };
const NJ_PROJECT = '宁津县授权测试项目';
/**
 * The year of the projects the POST cells of the matrix create (in any order relative to the list
 * tests): no demo project is on its list, so the lists compare the years other than it.
 */
const NEW_PROJECT_YEAR = 2021;
if (demo.projects.some((p) => p.years.some((y) => y.year === NEW_PROJECT_YEAR)))
  throw new Error(`the demo has a ${NEW_PROJECT_YEAR} list: pick another year for the matrix's new projects`);

const actors: Record<
  Actor,
  { username: string; role: Role; sees: (p: DemoProject) => boolean; seesNingjin: boolean }
> = {
  'admin@山东省': { username: 'admin', role: 'admin', sees: () => true, seesNingjin: true },
  'admin@乐陵市': { username: 'fgj', role: 'admin', sees: () => true, seesNingjin: false },
  'admin@宁津县': { username: NJ_ADMIN.username, role: 'admin', sees: () => false, seesNingjin: true },
  security_admin: { username: 'secadmin', role: 'security_admin', sees: () => false, seesNingjin: false },
  auditor: { username: 'auditor', role: 'auditor', sees: () => false, seesNingjin: false },
  city_leader: { username: 'mayor', role: 'city_leader', sees: () => true, seesNingjin: false },
  viewer: { username: 'viewer', role: 'viewer', sees: () => true, seesNingjin: false },
  town: {
    username: 'town-zhuji',
    role: 'town',
    sees: (p) => p.regionKey === 'town-zhuji',
    seesNingjin: false,
  },
  department: {
    username: 'dept-zrzy',
    role: 'department',
    sees: (p) => p.departmentKey === 'zrzy',
    seesNingjin: false,
  },
  leader: {
    username: 'leader1',
    role: 'leader',
    sees: (p) => p.leaderUsername === 'leader1',
    seesNingjin: false,
  },
  task_force: {
    username: 'tf01',
    role: 'task_force',
    sees: (p) => p.taskForceUsernames.includes('tf01'),
    seesNingjin: false,
  },
};
const actorNames = Object.keys(actors) as Actor[];
const noLedger: Actor[] = ['security_admin', 'auditor'];

/** Names of the 2023 ledger an actor should see: demo projects plus the 宁津 project created below. */
function expected2023(a: Actor): string[] {
  const names = demo.projects
    .filter((p) => p.years.some((y) => y.year === 2023) && actors[a].sees(p))
    .map((p) => p.name);
  if (actors[a].seesNingjin) names.push(NJ_PROJECT);
  return names.sort();
}
function expectedYears(a: Actor): number[] {
  const ys = new Set<number>();
  for (const p of demo.projects) if (actors[a].sees(p)) p.years.forEach((y) => ys.add(y.year));
  if (actors[a].seesNingjin) ys.add(2023);
  return [...ys].sort((x, y) => y - x);
}

/** A project for each actor that it may read ('in') and one it may not ('out'); null where none exists. */
function pickProjects(a: Actor): { in: string | null; out: string | null } {
  const d2023 = demo.projects.filter((p) => p.years.some((y) => y.year === 2023));
  const firstIn = d2023.find((p) => actors[a].sees(p))?.name ?? (actors[a].seesNingjin ? NJ_PROJECT : null);
  const firstOut = d2023.find((p) => !actors[a].sees(p))?.name ?? (actors[a].seesNingjin ? null : NJ_PROJECT);
  if (a === 'admin@山东省') return { in: firstIn, out: null }; // the root admin's scope is everything
  if (noLedger.includes(a)) return { in: d2023[0]!.name, out: NJ_PROJECT }; // "in" its region, yet no ledger
  return { in: firstIn, out: firstOut };
}

type Endpoint = 'GET /projects/:id' | 'PATCH /projects/:id' | 'POST /projects/:id/archive' | 'POST /projects';
type Cell = { actor: Actor; endpoint: Endpoint; scope: 'in' | 'out'; status: number; code?: string };

/**
 * The matrix of single-project endpoints. "in" = a project (for POST, a region) inside what the
 * actor may read; "out" = outside it (0 = no such project: the root admin's scope is everything,
 * and creating is refused to non-admins whatever the region). Reading roles that may not edit
 * get 403 even in scope.
 */
// prettier-ignore
const table: Array<[Actor, Endpoint, number, string | null, number, string | null]> = [
  // actor            endpoint                        in   in code        out  out code
  ['admin@山东省',       'GET /projects/:id',           200, null,           0, null],
  ['admin@山东省',       'PATCH /projects/:id',         200, null,           0, null],
  ['admin@山东省',       'POST /projects/:id/archive',  200, null,           0, null],
  ['admin@山东省',       'POST /projects',              201, null,           0, null],
  ['admin@乐陵市',       'GET /projects/:id',           200, null,         403, 'forbidden'],
  ['admin@乐陵市',       'PATCH /projects/:id',         200, null,         403, 'forbidden'],
  ['admin@乐陵市',       'POST /projects/:id/archive',  200, null,         403, 'forbidden'],
  ['admin@乐陵市',       'POST /projects',              201, null,         403, 'out_of_scope_region'],
  ['admin@宁津县',       'GET /projects/:id',           200, null,         403, 'forbidden'],
  ['admin@宁津县',       'PATCH /projects/:id',         200, null,         403, 'forbidden'],
  ['admin@宁津县',       'POST /projects/:id/archive',  200, null,         403, 'forbidden'],
  ['admin@宁津县',       'POST /projects',              201, null,         403, 'out_of_scope_region'],
  ['security_admin',  'GET /projects/:id',           403, 'forbidden',  403, 'forbidden'],
  ['security_admin',  'PATCH /projects/:id',         403, 'forbidden',  403, 'forbidden'],
  ['security_admin',  'POST /projects/:id/archive',  403, 'forbidden',  403, 'forbidden'],
  ['security_admin',  'POST /projects',              403, 'forbidden',    0, null],
  ['auditor',         'GET /projects/:id',           403, 'forbidden',  403, 'forbidden'],
  ['auditor',         'PATCH /projects/:id',         403, 'forbidden',  403, 'forbidden'],
  ['auditor',         'POST /projects/:id/archive',  403, 'forbidden',  403, 'forbidden'],
  ['auditor',         'POST /projects',              403, 'forbidden',    0, null],
  ['city_leader',     'GET /projects/:id',           200, null,         403, 'forbidden'],
  ['city_leader',     'PATCH /projects/:id',         403, 'forbidden',  403, 'forbidden'],
  ['city_leader',     'POST /projects/:id/archive',  403, 'forbidden',  403, 'forbidden'],
  ['city_leader',     'POST /projects',              403, 'forbidden',    0, null],
  ['viewer',          'GET /projects/:id',           200, null,         403, 'forbidden'],
  ['viewer',          'PATCH /projects/:id',         403, 'forbidden',  403, 'forbidden'],
  ['viewer',          'POST /projects/:id/archive',  403, 'forbidden',  403, 'forbidden'],
  ['viewer',          'POST /projects',              403, 'forbidden',    0, null],
  ['town',            'GET /projects/:id',           200, null,         403, 'forbidden'],
  ['town',            'PATCH /projects/:id',         403, 'forbidden',  403, 'forbidden'],
  ['town',            'POST /projects/:id/archive',  403, 'forbidden',  403, 'forbidden'],
  ['town',            'POST /projects',              403, 'forbidden',    0, null],
  ['department',      'GET /projects/:id',           200, null,         403, 'forbidden'],
  ['department',      'PATCH /projects/:id',         403, 'forbidden',  403, 'forbidden'],
  ['department',      'POST /projects/:id/archive',  403, 'forbidden',  403, 'forbidden'],
  ['department',      'POST /projects',              403, 'forbidden',    0, null],
  ['leader',          'GET /projects/:id',           200, null,         403, 'forbidden'],
  ['leader',          'PATCH /projects/:id',         200, null,         403, 'forbidden'],
  ['leader',          'POST /projects/:id/archive',  403, 'forbidden',  403, 'forbidden'],
  ['leader',          'POST /projects',              403, 'forbidden',    0, null],
  ['task_force',      'GET /projects/:id',           200, null,         403, 'forbidden'],
  ['task_force',      'PATCH /projects/:id',         200, null,         403, 'forbidden'],
  ['task_force',      'POST /projects/:id/archive',  403, 'forbidden',  403, 'forbidden'],
  ['task_force',      'POST /projects',              403, 'forbidden',    0, null],
];
const matrix: Cell[] = table.flatMap(([actor, endpoint, inStatus, inCode, outStatus, outCode]): Cell[] => [
  { actor, endpoint, scope: 'in', status: inStatus, ...(inCode ? { code: inCode } : {}) },
  ...(outStatus ? [{ actor, endpoint, scope: 'out' as const, status: outStatus, code: outCode! }] : []),
]);

describeEngines('authorization matrix', (engine) => {
  let ctx: TestContext;
  const sessions = new Map<Actor, Session>();
  const projectIds = new Map<string, number>();
  let root: Session;
  let secadmin: Session;

  const as = (a: Actor) => sessions.get(a)!;
  const regionId = (key: string) => ctx.ids.regions.get(key)!;
  const projectId = (name: string) => projectIds.get(name) ?? ctx.ids.projects.get(name)!;
  const version = async (id: number) =>
    ((await call(ctx.app, root, 'GET', `/api/projects/${id}`)).json() as Project).version;
  const newProject = (region: number, name: string) => ({
    name,
    nature: 'new',
    regionId: region,
    totalInvestment: 1_000_000,
    years: [{ year: NEW_PROJECT_YEAR, level: 'county', category: 'reserve', annualPlan: 100_000 }],
  });

  beforeAll(async () => {
    ctx = await createTestContext(engine);
    root = await loginAdmin(ctx.app);
    secadmin = await login(ctx.app, 'secadmin');
    const nj = await call(ctx.app, secadmin, 'POST', '/api/users', {
      username: NJ_ADMIN.username,
      displayName: '宁津县管理员',
      password: NJ_ADMIN.first,
      roles: ['admin'],
      regionId: regionId('ningjin'),
    });
    expect(nj.statusCode).toBe(201);
    const first = await login(ctx.app, NJ_ADMIN.username, NJ_ADMIN.first);
    const changed = await call(ctx.app, first, 'POST', '/api/auth/password', {
      currentPassword: NJ_ADMIN.first,
      newPassword: NJ_ADMIN.password,
    });
    expect(changed.statusCode).toBe(200);
    const njProject = await call(ctx.app, root, 'POST', '/api/projects', {
      ...newProject(regionId('ningjin-jincheng'), NJ_PROJECT),
      years: [{ year: 2023, level: 'county', category: 'implementation', annualPlan: 1_000_000 }],
    });
    expect(njProject.statusCode).toBe(201);
    projectIds.set(NJ_PROJECT, (njProject.json() as Project).id);
    for (const a of actorNames)
      sessions.set(
        a,
        a === 'admin@山东省'
          ? root
          : await login(ctx.app, actors[a].username, a === 'admin@宁津县' ? NJ_ADMIN.password : undefined),
      );
  });
  afterAll(() => ctx.close());

  it('logs every actor in with the role it stands for (security_admin and auditor hold nothing else)', async () => {
    for (const a of actorNames) {
      const me = (await call(ctx.app, as(a), 'GET', '/api/auth/me')).json() as { user: { roles: Role[] } };
      if (a === 'admin@山东省') expect(me.user.roles).toContain('admin');
      else expect(me.user.roles, a).toEqual([actors[a].role]);
    }
  });

  describe('lists: exactly the in-scope rows', () => {
    it.each(actorNames)('%s: GET /api/projects, /summary and /years', async (a) => {
      const list = await call(ctx.app, as(a), 'GET', '/api/projects?year=2023&pageSize=500');
      const summary = await call(ctx.app, as(a), 'GET', '/api/projects/summary?year=2023');
      const years = await call(ctx.app, as(a), 'GET', '/api/projects/years');
      if (noLedger.includes(a)) {
        for (const res of [list, summary, years]) {
          expect(res.statusCode).toBe(403);
          expect(res.json().error.code).toBe('forbidden');
        }
        return;
      }
      const want = expected2023(a);
      expect(list.statusCode).toBe(200);
      const page = list.json() as LedgerPage;
      expect(page.total).toBe(want.length);
      expect(page.items.map((r) => r.name).sort()).toEqual(want);
      expect(summary.statusCode).toBe(200);
      expect((summary.json() as LedgerSummary).projects).toBe(want.length);
      expect(years.statusCode).toBe(200);
      const listed = (years.json() as YearsResponse).years;
      expect(listed.filter((y) => y !== NEW_PROJECT_YEAR)).toEqual(expectedYears(a));
    });

    it('the scoped counts are the demo facts (leader1, tf01, 朱集镇, 自然资源局, 宁津县)', async () => {
      const total = async (a: Actor) =>
        ((await call(ctx.app, as(a), 'GET', '/api/projects?year=2023&pageSize=1')).json() as LedgerPage)
          .total;
      const d2023 = demo.projects.filter((p) => p.years.some((y) => y.year === 2023));
      // (The demo gives each of these some projects and 朱集镇 not all, else the counts prove nothing.)
      expect(d2023.some((p) => p.leaderUsername === 'leader1')).toBe(true);
      expect(await total('leader')).toBe(d2023.filter((p) => p.leaderUsername === 'leader1').length);
      const zhuji = d2023.filter((p) => p.regionKey === 'town-zhuji').length;
      expect([zhuji > 0, zhuji < d2023.length]).toEqual([true, true]);
      expect(await total('town')).toBe(zhuji);
      const rows = (
        await call(ctx.app, as('town'), 'GET', '/api/projects?year=2023&pageSize=500')
      ).json() as LedgerPage;
      expect(new Set(rows.items.map((r) => r.regionName))).toEqual(new Set(['朱集镇']));
      expect(await total('task_force')).toBe(
        d2023.filter((p) => p.taskForceUsernames.includes('tf01')).length,
      );
      expect(d2023.some((p) => p.taskForceUsernames.includes('tf01'))).toBe(true);
      expect(await total('department')).toBe(d2023.filter((p) => p.departmentKey === 'zrzy').length);
      // The 宁津 admin sees its own project and none of 乐陵's 103.
      const nj = (
        await call(ctx.app, as('admin@宁津县'), 'GET', '/api/projects?year=2023&pageSize=500')
      ).json() as LedgerPage;
      expect(nj.items.map((r) => r.name)).toEqual([NJ_PROJECT]);
      expect(await total('admin@乐陵市')).toBe(103);
      expect(await total('admin@山东省')).toBe(104);
    });

    it('a filter never widens the scope', async () => {
      const count = async (a: Actor, qs: string) =>
        (
          (
            await call(ctx.app, as(a), 'GET', `/api/projects?year=2023&pageSize=500&${qs}`)
          ).json() as LedgerPage
        ).total;
      expect(await count('town', `regionId=${regionId('town-shizhong')}`)).toBe(0);
      expect(await count('town', `regionId=${regionId('laoling')}`)).toBe(await count('town', ''));
      expect(await count('leader', `leaderId=${ctx.ids.people.get('leader2')}`)).toBe(0);
      expect(await count('admin@宁津县', `regionId=${regionId('laoling')}`)).toBe(0);
      expect(await count('department', `departmentId=${ctx.ids.departments.get('zjj')}`)).toBe(0);
    });
  });

  describe('single projects: the matrix', () => {
    it('every actor has a project in and out of its scope where the policy allows one', () => {
      for (const a of actorNames) {
        const p = pickProjects(a);
        expect(p.in, a).not.toBeNull();
        if (a !== 'admin@山东省') expect(p.out, a).not.toBeNull();
      }
    });

    it.each(matrix.map((c) => [c.actor, c.endpoint, c.scope, c.status, c.code ?? '-'] as const))(
      '%s | %s | %s scope → %i %s',
      async (a, endpoint, scope, status, code) => {
        const s = as(a);
        if (endpoint === 'POST /projects') {
          const homeRegion: Record<string, string> = {
            'admin@山东省': 'town-shizhong',
            'admin@乐陵市': 'town-zhuji',
            'admin@宁津县': 'ningjin-jincheng',
            town: 'town-zhuji',
          };
          const inRegion = homeRegion[a] ?? 'laoling';
          const outRegion = a === 'admin@宁津县' ? 'town-zhuji' : 'ningjin-jincheng';
          const name = `授权测试新建-${a}-${scope}`;
          const res = await call(
            ctx.app,
            s,
            'POST',
            '/api/projects',
            newProject(regionId(scope === 'in' ? inRegion : outRegion), name),
          );
          expect(res.statusCode).toBe(status);
          if (status === 201) {
            expect((res.json() as Project).name).toBe(name);
            expect(
              (
                await call(
                  ctx.app,
                  s,
                  'GET',
                  `/api/projects?year=${NEW_PROJECT_YEAR}&q=${encodeURIComponent(name)}`,
                )
              ).json().total,
            ).toBe(1);
          } else {
            expect(res.json().error.code).toBe(code);
            const seen = (
              await call(
                ctx.app,
                root,
                'GET',
                `/api/projects?year=${NEW_PROJECT_YEAR}&q=${encodeURIComponent(name)}`,
              )
            ).json();
            expect(seen.total).toBe(0);
          }
          return;
        }
        const picked = pickProjects(a)[scope]!;
        const id = projectId(picked);
        const before = await call(ctx.app, root, 'GET', `/api/projects/${id}`);
        const v = (before.json() as Project).version;
        let res;
        if (endpoint === 'GET /projects/:id') res = await call(ctx.app, s, 'GET', `/api/projects/${id}`);
        else if (endpoint === 'PATCH /projects/:id')
          res = await call(ctx.app, s, 'PATCH', `/api/projects/${id}`, { version: v, notes: `备注 by ${a}` });
        else
          res = await call(ctx.app, s, 'POST', `/api/projects/${id}/archive`, { version: v, archived: true });
        expect(res.statusCode).toBe(status);
        const after = (await call(ctx.app, root, 'GET', `/api/projects/${id}`)).json() as Project;
        if (status === 200) {
          if (endpoint === 'GET /projects/:id') expect((res.json() as Project).name).toBe(picked);
          if (endpoint === 'PATCH /projects/:id') expect(after.notes).toBe(`备注 by ${a}`);
          if (endpoint === 'POST /projects/:id/archive') {
            expect(after.archived).toBe(true);
            // Put it back so the other cells see the ledger unchanged.
            const restore = await call(ctx.app, s, 'POST', `/api/projects/${id}/archive`, {
              version: after.version,
              archived: false,
            });
            expect(restore.statusCode).toBe(200);
          }
        } else {
          expect(res.json().error.code).toBe(code);
          expect(after.version).toBe(v); // nothing changed
          expect(after.archived).toBe(false);
        }
      },
    );

    it('an unknown id is 404 for a reader, 403 for a role without ledger access', async () => {
      for (const a of actorNames) {
        const res = await call(ctx.app, as(a), 'GET', '/api/projects/999999');
        const patch = await call(ctx.app, as(a), 'PATCH', '/api/projects/999999', { version: 1, notes: 'x' });
        const expected = noLedger.includes(a) ? 403 : 404;
        expect(res.statusCode, a).toBe(expected);
        expect(patch.statusCode, a).toBe(expected);
      }
    });
  });

  describe('leader and task force: progress fields only', () => {
    const tfProject = () => pickProjects('task_force').in!;

    it('a task-force member edits the notes of its project, but not who answers for it', async () => {
      const id = projectId(tfProject());
      let v = await version(id);
      const ok = await call(ctx.app, as('task_force'), 'PATCH', `/api/projects/${id}`, {
        version: v,
        notes: '专班更新：主体封顶',
      });
      expect(ok.statusCode).toBe(200);
      expect((ok.json() as Project).notes).toBe('专班更新：主体封顶');
      expect((ok.json() as Project).updatedByName).toBe('周振华');
      v = (ok.json() as Project).version;
      const before = (await call(ctx.app, root, 'GET', `/api/projects/${id}`)).json() as Project;
      const forbidden: Array<[string, unknown]> = [
        ['leaderId', ctx.ids.people.get('leader2')],
        ['leaderId', null],
        ['taskForceIds', [ctx.ids.people.get('tf01')]],
        ['departmentId', ctx.ids.departments.get('zjj')],
        ['regionId', regionId('town-shizhong')],
        ['years', [{ year: 2024, level: 'county', category: 'reserve', annualPlan: 1 }]],
      ];
      for (const [field, value] of forbidden) {
        const res = await call(ctx.app, as('task_force'), 'PATCH', `/api/projects/${id}`, {
          version: v,
          notes: '夹带修改',
          [field]: value,
        });
        expect(res.statusCode, field).toBe(403);
        expect(res.json().error.code).toBe('forbidden_fields');
        expect(res.json().error.message).toContain(field);
      }
      const after = (await call(ctx.app, root, 'GET', `/api/projects/${id}`)).json() as Project;
      expect(after).toEqual(before);
    });

    it('the leader edits its project but may not hand it to another leader', async () => {
      const id = projectId(pickProjects('leader').in!);
      const v = await version(id);
      const res = await call(ctx.app, as('leader'), 'PATCH', `/api/projects/${id}`, {
        version: v,
        leaderId: ctx.ids.people.get('leader2'),
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden_fields');
      const ok = await call(ctx.app, as('leader'), 'PATCH', `/api/projects/${id}`, {
        version: v,
        actualStart: '2023-05',
      });
      expect(ok.statusCode).toBe(200);
      expect((ok.json() as Project).leaderId).toBe(ctx.ids.people.get('leader1'));
      expect((ok.json() as Project).actualStart).toBe('2023-05');
    });

    it('an admin in scope may change the responsibility fields', async () => {
      const id = projectId(pickProjects('leader').in!);
      const v = await version(id);
      const res = await call(ctx.app, as('admin@乐陵市'), 'PATCH', `/api/projects/${id}`, {
        version: v,
        leaderId: ctx.ids.people.get('leader2'),
      });
      expect(res.statusCode).toBe(200);
      expect((res.json() as Project).leaderName).toBe('李红梅');
      // leader1 no longer reaches it; leader2 does.
      expect((await call(ctx.app, as('leader'), 'GET', `/api/projects/${id}`)).statusCode).toBe(403);
      const l2 = await login(ctx.app, 'leader2');
      expect((await call(ctx.app, l2, 'GET', `/api/projects/${id}`)).statusCode).toBe(200);
      const back = await call(ctx.app, root, 'PATCH', `/api/projects/${id}`, {
        version: (res.json() as Project).version,
        leaderId: ctx.ids.people.get('leader1'),
      });
      expect(back.statusCode).toBe(200);
    });
  });

  describe('without a session or a CSRF token', () => {
    const ledgerCalls = (id: number): Array<['GET' | 'POST' | 'PATCH', string, unknown?]> => [
      ['GET', '/api/projects'],
      ['GET', '/api/projects/summary'],
      ['GET', '/api/projects/years'],
      ['GET', `/api/projects/${id}`],
      ['POST', '/api/projects', newProject(1, '无会话')],
      ['PATCH', `/api/projects/${id}`, { version: 1, notes: '无会话' }],
      ['POST', `/api/projects/${id}/archive`, { version: 1, archived: true }],
    ];
    const adminCalls: Array<['GET' | 'POST' | 'PATCH', string, unknown?]> = [
      ['GET', '/api/users'],
      [
        'POST',
        '/api/users',
        { username: 'nobody', displayName: 'x', password: 'Abcdef1!', roles: ['viewer'], regionId: 1 },
      ],
      ['PATCH', '/api/users/1', { version: 1, displayName: 'x' }],
      ['GET', '/api/regions'],
      ['POST', '/api/regions', { parentId: 1, name: 'x', level: 'city' }],
      ['PATCH', '/api/regions/1', { version: 1, name: 'x' }],
      ['GET', '/api/departments'],
      ['POST', '/api/departments', { regionId: 1, name: 'x' }],
      ['PATCH', '/api/departments/1', { version: 1, name: 'x' }],
      ['GET', '/api/audit'],
      ['GET', '/api/lookups'],
      ['GET', '/api/auth/me'],
      ['POST', '/api/auth/logout'],
      ['POST', '/api/auth/password', { currentPassword: 'a', newPassword: 'b' }],
    ];

    it('no cookie → 401 on every endpoint', async () => {
      const id = projectId(pickProjects('leader').in!);
      for (const [method, url, body] of [...ledgerCalls(id), ...adminCalls]) {
        const res = await call(ctx.app, null, method, url, body);
        expect(res.statusCode, `${method} ${url}`).toBe(401);
        expect(res.json().error.code).toBe('unauthenticated');
      }
      const forged = await call(ctx.app, null, 'GET', '/api/projects', undefined, {
        cookie: 'guatu_session=forged',
      });
      expect(forged.statusCode).toBe(401);
    });

    it('a cookie but no X-CSRF-Token → 403 csrf on every write, and nothing is written', async () => {
      const id = projectId(pickProjects('leader').in!);
      const before = (await call(ctx.app, root, 'GET', `/api/projects/${id}`)).json() as Project;
      const writes = [...ledgerCalls(id), ...adminCalls].filter(([m]) => m !== 'GET');
      for (const [method, url, body] of writes) {
        const res = await ctx.app.inject({
          method,
          url,
          payload: body as never,
          headers: { cookie: root.cookie },
        });
        expect(res.statusCode, `${method} ${url}`).toBe(403);
        expect(res.json().error.code).toBe('csrf');
        const wrong = await ctx.app.inject({
          method,
          url,
          payload: body as never,
          headers: {
            cookie: root.cookie,
            'x-csrf-token': `${root.csrf.slice(0, -1)}${root.csrf.endsWith('x') ? 'y' : 'x'}`,
          },
        });
        expect(wrong.statusCode, `${method} ${url} wrong token`).toBe(403);
      }
      // Another user's token does not pass either.
      const res = await call(
        ctx.app,
        root,
        'PATCH',
        `/api/projects/${id}`,
        { version: before.version, notes: 'x' },
        {
          'x-csrf-token': as('viewer').csrf,
        },
      );
      expect(res.statusCode).toBe(403);
      expect((await call(ctx.app, root, 'GET', `/api/projects/${id}`)).json()).toEqual(before);
      // The session survived the refused logout.
      expect((await call(ctx.app, root, 'GET', '/api/auth/me')).statusCode).toBe(200);
    });
  });

  describe('admin endpoints and the audit log by role', () => {
    type AdminEndpoint =
      | 'GET /users'
      | 'POST /users'
      | 'PATCH /users/:id'
      | 'POST /regions'
      | 'PATCH /regions/:id'
      | 'POST /departments'
      | 'PATCH /departments/:id'
      | 'GET /audit';
    // prettier-ignore
    const ok = { 'GET /users': 200, 'POST /users': 201, 'PATCH /users/:id': 200, 'POST /regions': 201, 'PATCH /regions/:id': 200, 'POST /departments': 201, 'PATCH /departments/:id': 200, 'GET /audit': 200 } as const;
    const X = 403;
    // prettier-ignore
    //                       users: GET  POST PATCH  regions: POST PATCH  depts: POST PATCH  audit
    const table: Record<Actor, [number, number, number, number, number, number, number, number]> = {
      // 三员分立: accounts are the security admin's alone; data (regions, departments) the admins'.
      'admin@山东省':   [X, X, X, 201, 200, 201, 200, X],
      'admin@乐陵市':   [X, X, X, 201, 200, 201, 200, X],
      'admin@宁津县':   [X, X, X, 201, 200, 201, 200, X],
      security_admin: [200, 201, 200, X, X, X, X, X],
      auditor:        [X, X, X, X, X, X, X, 200],
      city_leader:    [X, X, X, X, X, X, X, X],
      viewer:         [X, X, X, X, X, X, X, X],
      town:           [X, X, X, X, X, X, X, X],
      department:     [X, X, X, X, X, X, X, X],
      leader:         [X, X, X, X, X, X, X, X],
      task_force:     [X, X, X, X, X, X, X, X],
    };
    const endpoints = Object.keys(ok) as AdminEndpoint[];
    const cells = actorNames.flatMap((a) => endpoints.map((e, i) => [a, e, table[a][i]!] as const));

    it.each(cells)('%s | %s → %i', async (a, endpoint, status) => {
      const s = as(a);
      // Each actor works in its own region: the 宁津 admin in 宁津县, everyone else in 乐陵市.
      const home = a === 'admin@宁津县' ? 'ningjin' : 'laoling';
      const tag = `${actorNames.indexOf(a)}`;
      let res;
      switch (endpoint) {
        case 'GET /users':
          res = await call(ctx.app, s, 'GET', '/api/users');
          break;
        case 'POST /users':
          res = await call(ctx.app, s, 'POST', '/api/users', {
            username: `matrix-u${tag}`,
            displayName: `矩阵用户${tag}`,
            password: 'Matrix#2023',
            roles: ['viewer'],
            regionId: regionId(home),
          });
          break;
        case 'PATCH /users/:id': {
          const created = await call(ctx.app, secadmin, 'POST', '/api/users', {
            username: `matrix-p${tag}`,
            displayName: `矩阵被改${tag}`,
            password: 'Matrix#2023',
            roles: ['viewer'],
            regionId: regionId(home),
          });
          res = await call(ctx.app, s, 'PATCH', `/api/users/${created.json().id}`, {
            version: 1,
            displayName: `已改${tag}`,
          });
          break;
        }
        case 'POST /regions':
          res = await call(ctx.app, s, 'POST', '/api/regions', {
            parentId: regionId(home),
            name: `矩阵镇${tag}`,
            level: 'town',
          });
          break;
        case 'PATCH /regions/:id': {
          const created = await call(ctx.app, root, 'POST', '/api/regions', {
            parentId: regionId(home),
            name: `矩阵乡${tag}`,
            level: 'town',
          });
          res = await call(ctx.app, s, 'PATCH', `/api/regions/${created.json().id}`, {
            version: 1,
            name: `矩阵乡${tag}改`,
          });
          break;
        }
        case 'POST /departments':
          res = await call(ctx.app, s, 'POST', '/api/departments', {
            regionId: regionId(home),
            name: `矩阵局${tag}`,
          });
          break;
        case 'PATCH /departments/:id': {
          const created = await call(ctx.app, root, 'POST', '/api/departments', {
            regionId: regionId(home),
            name: `矩阵办${tag}`,
          });
          res = await call(ctx.app, s, 'PATCH', `/api/departments/${created.json().id}`, {
            version: 1,
            name: `矩阵办${tag}改`,
          });
          break;
        }
        case 'GET /audit':
          res = await call(ctx.app, s, 'GET', '/api/audit');
          break;
      }
      expect(res.statusCode).toBe(status);
      if (status === ok[endpoint] && endpoint === 'GET /users') {
        // Users are listed within the caller's region only.
        const names = (res.json() as { items: Array<{ regionName: string }> }).items.map((u) => u.regionName);
        if (a === 'admin@宁津县') expect(new Set(names)).toEqual(new Set(['宁津县']));
      }
      if (status === 403) {
        expect(res.json().error.code).toBe(endpoint === 'GET /audit' ? 'audit_auditor_only' : 'forbidden');
      }
    });

    it('the setup admin (admin only) is refused the audit log with the separation-of-duties message', async () => {
      const res = await call(ctx.app, root, 'GET', '/api/audit');
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({
        code: 'audit_auditor_only',
        message: '审计日志仅审计员可查看（三员分立）',
      });
    });

    it('an admin cannot reach users, regions or departments outside its region', async () => {
      const nj = as('admin@宁津县');
      const fgjId = ctx.ids.users.get('fgj')!;
      // An admin manages no account at all (三员分立) …
      const njEdit = await call(ctx.app, nj, 'PATCH', `/api/users/${fgjId}`, {
        version: 1,
        displayName: '篡改',
      });
      expect(njEdit.statusCode).toBe(403);
      expect(njEdit.json().error.code).toBe('forbidden');
      // … and a county security admin only those of his county.
      const secLaoling = await call(ctx.app, secadmin, 'POST', '/api/users', {
        username: 'sec-laoling',
        displayName: '乐陵安全管理员',
        password: 'SecLaoling#2023',
        roles: ['security_admin'],
        regionId: regionId('laoling'),
      });
      expect(secLaoling.statusCode).toBe(201);
      const firstSec = await login(ctx.app, 'sec-laoling', 'SecLaoling#2023');
      await call(ctx.app, firstSec, 'POST', '/api/auth/password', {
        currentPassword: 'SecLaoling#2023',
        newPassword: 'SecLaoling#2026x',
      });
      const countySec = firstSec;
      const njAdminId = (await call(ctx.app, nj, 'GET', '/api/auth/me')).json().user.id as number;
      expect(
        (
          await call(ctx.app, countySec, 'PATCH', `/api/users/${njAdminId}`, {
            version: 1,
            displayName: '篡改',
          })
        ).statusCode,
      ).toBe(404);
      const crossUser = await call(ctx.app, countySec, 'POST', '/api/users', {
        username: 'laoling-into-nj',
        displayName: '越权',
        password: 'Matrix#2023',
        roles: ['viewer'],
        regionId: regionId('ningjin'),
      });
      expect(crossUser.statusCode).toBe(403);
      expect(crossUser.json().error.code).toBe('out_of_scope_region');
      const crossRegion = await call(ctx.app, nj, 'POST', '/api/regions', {
        parentId: regionId('laoling'),
        name: '越权镇',
        level: 'town',
      });
      expect(crossRegion.statusCode).toBe(403);
      expect(
        (
          await call(ctx.app, nj, 'PATCH', `/api/regions/${regionId('laoling')}`, {
            version: 1,
            name: '越权',
          })
        ).statusCode,
      ).toBe(404);
      const zrzy = ctx.ids.departments.get('zrzy')!;
      expect(
        (await call(ctx.app, nj, 'PATCH', `/api/departments/${zrzy}`, { version: 1, name: '越权' }))
          .statusCode,
      ).toBe(404);
      const laoling = (await call(ctx.app, root, 'GET', '/api/regions'))
        .json()
        .items.find((r: { id: number }) => r.id === regionId('laoling'));
      expect(laoling.name).toBe('乐陵市');
      // The county security admin cannot create accounts in 宁津 either way.
      const sec = await call(ctx.app, countySec, 'POST', '/api/users', {
        username: 'sec-into-ningjin',
        displayName: '越权',
        password: 'Matrix#2023',
        roles: ['viewer'],
        regionId: regionId('ningjin-jincheng'),
      });
      expect(sec.statusCode).toBe(403);
    });
  });
});

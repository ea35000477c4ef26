/**
 * Issue 7, hole 6: input that used to end in a 500. Concurrent creates with the same unique key
 * (both engines let two requests past the service's duplicate check; the loser's INSERT failed in
 * the database), a `version` beyond the int4 column (PostgreSQL), and JSON nested 10,000 deep
 * (even without a session). bad-input.api.test.ts covers the one-at-a-time cases.
 */
import type { Project } from '@guatu/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createTestContext,
  describeEngines,
  login,
  loginAdmin,
  type Session,
  type TestContext,
} from './harness.ts';

type Res = Awaited<ReturnType<typeof call>>;
const CJK = /[\u4e00-\u9fff]/;

/** Exactly one 2xx, every other answer 409 `duplicate` quoting the value in Chinese, with the field and value as params for the client; never a 500. */
function oneWinner(results: Res[], message: string, params: { field: string; value: string }) {
  const statuses = results.map((r) => r.statusCode);
  expect(
    statuses.filter((s) => s >= 500),
    results.map((r) => r.body.slice(0, 200)).join('\n'),
  ).toEqual([]);
  expect(statuses.filter((s) => s >= 200 && s < 300)).toHaveLength(1);
  const losers = results.filter((r) => r.statusCode !== 200 && r.statusCode !== 201);
  expect(losers).toHaveLength(results.length - 1);
  for (const r of losers) {
    expect(r.statusCode).toBe(409);
    expect(r.json().error).toEqual({ code: 'duplicate', message, params });
  }
}

describeEngines('hostile input', (engine) => {
  let ctx: TestContext;
  let admin: Session;
  let secadmin: Session;
  let laoling: number;
  let town: number;

  const count = async (
    table: 'users' | 'projects' | 'departments' | 'calendarYears',
    where: [string, unknown],
  ) =>
    Number(
      (
        await ctx.handle.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .where(where[0] as never, '=', where[1] as never)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const audits = async (entity: string) =>
    Number(
      (
        await ctx.handle.db
          .selectFrom('auditLog')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('entity', '=', entity)
          .where('action', '=', 'create')
          .executeTakeFirstOrThrow()
      ).n,
    );
  const newProject = (extra: Record<string, unknown> = {}) => ({
    name: '并发测试项目',
    nature: 'new',
    regionId: town,
    totalInvestment: 10_000_000,
    years: [{ year: 2023, level: 'county', category: 'reserve', annualPlan: 1_000_000 }],
    ...extra,
  });
  const many = <T>(n: number, f: () => Promise<T>) => Promise.all(Array.from({ length: n }, f));

  beforeAll(async () => {
    ctx = await createTestContext(engine);
    admin = await loginAdmin(ctx.app);
    secadmin = await login(ctx.app, 'secadmin');
    laoling = ctx.ids.regions.get('laoling')!;
    town = ctx.ids.regions.get('town-zhuji')!;
  });
  afterAll(() => ctx.close());

  describe('concurrent creates with the same unique key → one 201, the rest 409 duplicate', () => {
    it('username', async () => {
      const body = {
        username: 'race-user',
        displayName: '并发用户',
        password: 'Race#2026xyz',
        roles: ['viewer'],
        regionId: laoling,
      };
      oneWinner(
        await many(5, () => call(ctx.app, secadmin, 'POST', '/api/users', body)),
        '用户名“race-user”已存在',
        { field: 'username', value: 'race-user' },
      );
      expect(await count('users', ['username', 'race-user'])).toBe(1);
      const en = await call(ctx.app, secadmin, 'POST', '/api/users', body, { 'accept-language': 'en-US' });
      expect(en.json().error.message).toBe('Username "race-user" already exists');
    });

    it('project code', async () => {
      const code = '2611-371481-04-01-424242';
      const before = await audits('project');
      oneWinner(
        await many(5, () => call(ctx.app, admin, 'POST', '/api/projects', newProject({ code }))),
        `项目代码“${code}”已存在`,
        { field: 'code', value: code },
      );
      expect(await count('projects', ['code', code])).toBe(1);
      expect(await audits('project')).toBe(before + 1);
    });

    it('department name in a region', async () => {
      const body = { regionId: laoling, name: '并发审计局' };
      const before = await audits('department');
      oneWinner(
        await many(5, () => call(ctx.app, admin, 'POST', '/api/departments', body)),
        '部门“并发审计局”已存在',
        { field: 'department', value: '并发审计局' },
      );
      expect(await count('departments', ['name', '并发审计局'])).toBe(1);
      expect(await audits('department')).toBe(before + 1);
    });

    it('import-template name (a save replaces its own name; concurrent saves never 500 nor double)', async () => {
      const body = { name: '并发模板', columns: [{ label: '项目名称', field: 'name' }] };
      const results = await many(5, () =>
        call(ctx.app, admin, 'POST', '/api/projects/import/templates', body),
      );
      for (const r of results) {
        expect([201, 409], r.body).toContain(r.statusCode);
        if (r.statusCode === 409)
          expect(r.json().error).toEqual({
            code: 'duplicate',
            message: '导入模板“并发模板”已存在',
            params: { field: 'template', value: '并发模板' },
          });
      }
      expect(results.filter((r) => r.statusCode === 201).length).toBeGreaterThanOrEqual(1);
      const list = (await call(ctx.app, admin, 'GET', '/api/projects/import/templates')).json() as {
        items: Array<{ name: string }>;
      };
      expect(list.items.filter((t) => t.name === '并发模板')).toHaveLength(1);
    });

    it('calendar year', async () => {
      const cal = (await call(ctx.app, admin, 'GET', '/api/calendar')).json() as { lastYear: number };
      const year = cal.lastYear + 1;
      const body = { year, holidays: [`${year}-01-01`], workdays: [] };
      oneWinner(
        await many(4, () => call(ctx.app, admin, 'POST', '/api/calendar/years', body)),
        `日历年份“${year}”已存在`,
        { field: 'calendarYear', value: String(year) },
      );
      expect(await count('calendarYears', ['year', year])).toBe(1);
      expect(await audits('calendar_year')).toBe(1);
      expect(
        ((await call(ctx.app, admin, 'GET', '/api/calendar')).json() as { lastYear: number }).lastYear,
      ).toBe(year);
    });

    it('baseline name of a project', async () => {
      const pid = ctx.ids.projects.get('中国农批乐陵农产品智慧物流园项目')!;
      const before = await audits('project_baseline');
      oneWinner(
        await many(5, () =>
          call(ctx.app, admin, 'POST', `/api/projects/${pid}/baselines`, { name: '并发基线' }),
        ),
        '基线名称“并发基线”已存在',
        { field: 'baseline', value: '并发基线' },
      );
      const s = (await call(ctx.app, admin, 'GET', `/api/projects/${pid}/schedule`)).json() as {
        baselines: Array<{ name: string }>;
      };
      expect(s.baselines.filter((b) => b.name === '并发基线')).toHaveLength(1);
      expect(await audits('project_baseline')).toBe(before + 1);
    });

    it('the first stage write of a project (its plan row created twice at once) → one 200, the rest 409 version_conflict', async () => {
      const created = await call(
        ctx.app,
        admin,
        'POST',
        '/api/projects',
        newProject({ name: '首次写工序并发', plannedStart: '2026-03-01', plannedFinish: '2027-06-30' }),
      );
      expect(created.statusCode, created.body).toBe(201);
      const pid = (created.json() as Project).id;
      const s = (await call(ctx.app, admin, 'GET', `/api/projects/${pid}/schedule`)).json() as {
        version: number;
        stages: Array<{ key: string }>;
      };
      expect(s.version).toBe(1);
      const stage = s.stages[0]!.key;
      const results = await many(5, () =>
        call(ctx.app, admin, 'PUT', `/api/projects/${pid}/stages/${stage}`, { note: '并发', version: 1 }),
      );
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409, 409]);
      for (const r of results.filter((x) => x.statusCode === 409)) {
        expect(r.json().error.code).toBe('version_conflict');
        expect(r.json().error.message).toContain('系统管理员');
      }
      const after = (await call(ctx.app, admin, 'GET', `/api/projects/${pid}/schedule`)).json() as {
        version: number;
      };
      expect(after.version).toBe(2);
      const stageAudits = await ctx.handle.db
        .selectFrom('auditLog')
        .select('entityId')
        .where('entity', '=', 'project_stage')
        .where('entityId', '=', `${pid}:${stage}`)
        .execute();
      expect(stageAudits).toHaveLength(1);
    });
  });

  describe('integers beyond their column → 400 naming the field', () => {
    it('version 2^31 and 2^53 on every versioned write; money beyond 2^53', async () => {
      const pid = ctx.ids.projects.get('中国农批乐陵农产品智慧物流园项目')!;
      const before = (await call(ctx.app, admin, 'GET', `/api/projects/${pid}`)).json() as Project;
      const dept = (
        (await call(ctx.app, admin, 'GET', '/api/departments')).json() as { items: Array<{ id: number }> }
      ).items[0]!.id;
      for (const v of [2 ** 31, 2 ** 31 - 1, 2 ** 53, 2 ** 63]) {
        for (const [method, url, body] of [
          ['PATCH', `/api/projects/${pid}`, { version: v, notes: 'x' }],
          ['POST', `/api/projects/${pid}/archive`, { version: v, archived: true }],
          ['PUT', `/api/projects/${pid}/stages/signing`, { version: v, note: 'x' }],
          ['PATCH', `/api/departments/${dept}`, { version: v, name: '改名' }],
        ] as const) {
          const res = await call(ctx.app, admin, method, url, body);
          expect(res.statusCode, `${method} ${url} ${v}: ${res.body}`).toBe(400);
          expect(res.json().error.code).toBe('validation');
          expect(JSON.stringify(res.json().error.details)).toContain('body.version');
        }
      }
      // The largest accepted version is an ordinary stale version.
      const stale = await call(ctx.app, admin, 'PATCH', `/api/projects/${pid}`, {
        version: 2 ** 31 - 2,
        notes: 'x',
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('version_conflict');
      const money = await call(ctx.app, admin, 'PATCH', `/api/projects/${pid}`, {
        version: before.version,
        totalInvestment: 2 ** 53,
      });
      expect(money.statusCode).toBe(400);
      expect(JSON.stringify(money.json().error.details)).toContain('body.totalInvestment');
      expect((await call(ctx.app, admin, 'GET', `/api/projects/${pid}`)).json()).toEqual(before);
    });
  });

  describe('JSON nested 10,000 deep → 400, and the server goes on', () => {
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

    it('on the login, without a session', async () => {
      for (const payload of [
        `{"username":${deep(10_000)},"password":"x"}`,
        `{"username":"admin","password":"x","extra":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`,
        deep(100_000),
      ]) {
        const res = await ctx.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload,
          headers: { 'content-type': 'application/json' },
        });
        expect(res.statusCode, res.body.slice(0, 200)).toBe(400);
        expect(res.json().error.code).toBe('validation');
        expect(res.json().error.message).toMatch(CJK);
        expect(res.json().error.details).toEqual([
          { path: 'body', message: 'JSON nested deeper than 32 levels' },
        ]);
      }
      expect((await ctx.app.inject({ method: 'GET', url: '/api/health' })).json()).toEqual({
        ok: true,
        database: engine,
      });
    });

    it('on an authenticated PATCH; brackets inside strings are text, not nesting', async () => {
      const pid = ctx.ids.projects.get('中国农批乐陵农产品智慧物流园项目')!;
      const p = (await call(ctx.app, admin, 'GET', `/api/projects/${pid}`)).json() as Project;
      const res = await ctx.app.inject({
        method: 'PATCH',
        url: `/api/projects/${pid}`,
        payload: `{"version":${p.version},"notes":${deep(10_000)}}`,
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('validation');
      expect((await call(ctx.app, admin, 'GET', `/api/projects/${pid}`)).json()).toEqual(p);
      const notes = `[[[{{"\\"${'['.repeat(3000)}`;
      const ok = await call(ctx.app, admin, 'PATCH', `/api/projects/${pid}`, { version: p.version, notes });
      expect(ok.statusCode, ok.body.slice(0, 200)).toBe(200);
      expect((ok.json() as Project).notes).toBe(notes);
      // 32 levels still parse (then the schema answers for the shape).
      const at32 = await ctx.app.inject({
        method: 'PATCH',
        url: `/api/projects/${pid}`,
        payload: `{"version":${p.version + 1},"notes":${deep(31)}}`,
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
      });
      expect(at32.statusCode).toBe(400);
      expect(JSON.stringify(at32.json().error.details)).toContain('body.notes');
      expect((await call(ctx.app, admin, 'GET', '/api/health')).statusCode).toBe(200);
    });
  });
});

/**
 * What the API does with input a careless or hostile client sends: wrong types, unknown and
 * missing fields, broken JSON, huge bodies, SQL and HTML in text. Never a 500, never a partial write,
 * and every error in the {error:{code,message}} shape in the caller's language.
 */
import type { LedgerPage, Project } from '@guatu/contracts';
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

const CJK = /[\u4e00-\u9fff]/;

describeEngines('bad input', (engine) => {
  let ctx: TestContext;
  let admin: Session;
  let town: number;
  let target: Project; // an existing project the edits aim at
  let code: string; // the code of an existing project

  const valid = (extra: Record<string, unknown> = {}) => ({
    name: '坏输入测试项目',
    nature: 'new',
    regionId: town,
    totalInvestment: 50_000_000,
    years: [{ year: 2023, level: 'county', category: 'reserve', annualPlan: 5_000_000 }],
    ...extra,
  });
  const ledgerTotal = async () =>
    (
      (
        await call(ctx.app, admin, 'GET', '/api/projects?year=2023&archived=all&pageSize=1')
      ).json() as LedgerPage
    ).total;
  const get = async (id: number) =>
    (await call(ctx.app, admin, 'GET', `/api/projects/${id}`)).json() as Project;
  const detailPaths = (res: { json: () => unknown }) =>
    (
      (res.json() as { error: { details?: Array<{ path: string; message: string }> } }).error.details ?? []
    ).map((d) => d.path);

  beforeAll(async () => {
    ctx = await createTestContext(engine);
    admin = await loginAdmin(ctx.app);
    town = ctx.ids.regions.get('town-zhuji')!;
    target = await get(ctx.ids.projects.get('中国农批乐陵农产品智慧物流园项目')!);
    const all = (
      await call(ctx.app, admin, 'GET', '/api/projects?year=2023&pageSize=500')
    ).json() as LedgerPage;
    code = all.items.find((r) => r.code !== null && r.id !== target.id)!.code!;
  });
  afterAll(() => ctx.close());

  /** Asserts a refused write: the status, the code, and no new ledger row nor change of the target. */
  async function refused(res: Awaited<ReturnType<typeof call>>, status: number, code: string) {
    expect(res.statusCode, res.body.slice(0, 300)).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = res.json() as { error: { code: string; message: string } };
    expect(body.error.code).toBe(code);
    expect(body.error.message).toMatch(CJK);
    return body;
  }

  describe('wrong types and values → 400 naming the field', () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['totalInvestment "abc"', { totalInvestment: 'abc' }, 'body.totalInvestment'],
      ['totalInvestment negative', { totalInvestment: -1 }, 'body.totalInvestment'],
      ['totalInvestment 1.5', { totalInvestment: 1.5 }, 'body.totalInvestment'],
      ['totalInvestment null', { totalInvestment: null }, 'body.totalInvestment'],
      [
        'year "x"',
        { years: [{ year: 'x', level: 'county', category: 'reserve', annualPlan: 1 }] },
        'body.years.0.year',
      ],
      [
        'year 1999',
        { years: [{ year: 1999, level: 'county', category: 'reserve', annualPlan: 1 }] },
        'body.years.0.year',
      ],
      [
        'level unknown',
        { years: [{ year: 2023, level: 'town', category: 'reserve', annualPlan: 1 }] },
        'body.years.0.level',
      ],
      ['no years', { years: [] }, 'body.years'],
      ['regionId 0', { regionId: 0 }, 'body.regionId'],
      ['regionId "乐陵"', { regionId: '乐陵' }, 'body.regionId'],
      ['nature unknown', { nature: 'demolition' }, 'body.nature'],
      ['name blank', { name: '   ' }, 'body.name'],
      ['name 201 chars', { name: '项'.repeat(201) }, 'body.name'],
      ['code 23 chars', { code: '2301-371481-04-01-12345' }, 'body.code'],
      ['code 25 chars', { code: '2301-371481-04-01-1234567' }, 'body.code'],
      ['code with a space', { code: '2301-371481-04-01 123456' }, 'body.code'],
      ['plannedStart 2023-13-01', { plannedStart: '2023-13-01' }, 'body.plannedStart'],
      ['actualStart 2023-00', { actualStart: '2023-00' }, 'body.actualStart'],
      ['statsDate 2023/03/01', { statsDate: '2023/03/01' }, 'body.statsDate'],
      ['longitude 200', { longitude: 200 }, 'body.longitude'],
      ['statsIncluded "yes"', { statsIncluded: 'yes' }, 'body.statsIncluded'],
      ['taskForceIds a string', { taskForceIds: '1,2' }, 'body.taskForceIds'],
      ['unknown field', { colour: 'red' }, 'colour'],
      ['unknown field (snake_case)', { total_investment: 1 }, 'total_investment'],
    ];

    it.each(cases)('POST /api/projects with %s', async (_label, patch, field) => {
      const before = await ledgerTotal();
      const res = await call(ctx.app, admin, 'POST', '/api/projects', valid(patch));
      await refused(res, 400, 'validation');
      // The field is named in the details (a path, or the message for an unknown key).
      expect(JSON.stringify(res.json().error.details)).toContain(field);
      expect(await ledgerTotal()).toBe(before);
    });

    it.each(cases.filter(([label]) => !label.startsWith('no years')))(
      'PATCH /api/projects/:id with %s',
      async (_label, patch, field) => {
        const res = await call(ctx.app, admin, 'PATCH', `/api/projects/${target.id}`, {
          version: target.version,
          ...patch,
        });
        await refused(res, 400, 'validation');
        expect(JSON.stringify(res.json().error.details)).toContain(field);
        expect(await get(target.id)).toEqual(target);
      },
    );

    it('missing required fields are each named', async () => {
      const res = await call(ctx.app, admin, 'POST', '/api/projects', { nature: 'new' });
      await refused(res, 400, 'validation');
      const paths = detailPaths(res);
      for (const f of ['name', 'regionId', 'totalInvestment', 'years']) expect(paths).toContain(`body.${f}`);
      const noVersion = await call(ctx.app, admin, 'PATCH', `/api/projects/${target.id}`, { notes: 'x' });
      await refused(noVersion, 400, 'validation');
      expect(detailPaths(noVersion)).toContain('body.version');
      const noBody = await call(ctx.app, admin, 'POST', '/api/projects');
      expect(noBody.statusCode).toBe(400);
    });

    it('bad query strings and ids → 400, unknown ids → 404', async () => {
      for (const qs of [
        'year=x',
        'year=1999',
        'pageSize=0',
        'pageSize=100000',
        'page=-1',
        'sort=password',
        'level=town',
        'nonsense=1',
      ]) {
        const res = await call(ctx.app, admin, 'GET', `/api/projects?${qs}`);
        await refused(res, 400, 'validation');
      }
      expect(detailPaths(await call(ctx.app, admin, 'GET', '/api/projects?year=x'))).toContain(
        'querystring.year',
      );
      for (const id of ['0', '-1', 'abc', '1.5', '99999999999']) {
        const res = await call(ctx.app, admin, 'GET', `/api/projects/${id}`);
        await refused(res, 400, 'validation');
      }
      await refused(await call(ctx.app, admin, 'GET', '/api/projects/999999'), 404, 'not_found');
    });

    it('200 characters of name is the limit that is accepted', async () => {
      const res = await call(
        ctx.app,
        admin,
        'POST',
        '/api/projects',
        valid({
          name: '项'.repeat(200),
          years: [{ year: 2020, level: 'county', category: 'reserve', annualPlan: 1 }],
        }),
      );
      expect(res.statusCode).toBe(201);
      expect((res.json() as Project).name).toBe('项'.repeat(200));
    });
  });

  describe('broken and oversized bodies', () => {
    it('malformed JSON → 400, not 500', async () => {
      for (const payload of ['{"name": "x",', '{name: x}', 'null', '"text"', '[]']) {
        const res = await ctx.app.inject({
          method: 'POST',
          url: '/api/projects',
          payload,
          headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
        });
        expect(res.statusCode, payload).toBe(400);
        expect(res.json().error.code).toMatch(/^(bad_request|validation)$/);
        expect(res.json().error.message).toMatch(CJK);
      }
      const patch = await ctx.app.inject({
        method: 'PATCH',
        url: `/api/projects/${target.id}`,
        payload: '{"version": 1, "notes": ',
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
      });
      expect(patch.statusCode).toBe(400);
      const xml = await ctx.app.inject({
        method: 'POST',
        url: '/api/projects',
        payload: '<project/>',
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/xml' },
      });
      expect(xml.statusCode).toBe(415);
      expect(xml.json().error.code).toBe('bad_request');
    });

    it('a 10 MB name or notes → 413 with a clear message; nothing is stored', async () => {
      const huge = 'x'.repeat(10 * 1024 * 1024);
      const before = await ledgerTotal();
      const created = await call(ctx.app, admin, 'POST', '/api/projects', valid({ name: huge }));
      const body = await refused(created, 413, 'too_large');
      expect(body.error.message).toContain('1 MB');
      const edited = await call(ctx.app, admin, 'PATCH', `/api/projects/${target.id}`, {
        version: target.version,
        notes: huge,
      });
      await refused(edited, 413, 'too_large');
      expect(await ledgerTotal()).toBe(before);
      expect(await get(target.id)).toEqual(target);
      const en = await call(ctx.app, admin, 'POST', '/api/projects', valid({ notes: huge }), {
        'accept-language': 'en-US',
      });
      expect(en.statusCode).toBe(413);
      expect(en.json().error.message).toBe('The request is too large (limit 1 MB)');
    });

    it('text just under the body limit but over a field limit → 400', async () => {
      const res = await call(ctx.app, admin, 'PATCH', `/api/projects/${target.id}`, {
        version: target.version,
        notes: '注'.repeat(4001),
      });
      await refused(res, 400, 'validation');
      expect(detailPaths(res)).toContain('body.notes');
      expect(await get(target.id)).toEqual(target);
    });
  });

  describe('references, uniqueness and versions', () => {
    it('nonexistent leader, department, region, task-force member → 400 invalid_reference', async () => {
      const before = await ledgerTotal();
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ leaderId: 999_999 }, 'leaderId'],
        [{ leaderId: 999_998 }, 'leaderId'], // leaders are people: no such person
        [{ departmentId: 999_999 }, 'departmentId'],
        [{ regionId: 999_999 }, 'regionId'],
        [{ taskForceIds: [ctx.ids.people.get('tf01'), 999_999] }, 'taskForceIds'],
      ];
      for (const [patch, field] of cases) {
        const res = await call(ctx.app, admin, 'POST', '/api/projects', valid(patch));
        const body = await refused(res, 400, 'invalid_reference');
        expect(body.error.message).toContain(field);
        const edit = await call(ctx.app, admin, 'PATCH', `/api/projects/${target.id}`, {
          version: target.version,
          ...patch,
        });
        await refused(edit, 400, 'invalid_reference');
      }
      expect(await ledgerTotal()).toBe(before);
      expect(await get(target.id)).toEqual(target);
    });

    it('a duplicate project code → 409 naming the code', async () => {
      expect(code).toMatch(/^[0-9A-Za-z-]{24}$/);
      const before = await ledgerTotal();
      const res = await call(ctx.app, admin, 'POST', '/api/projects', valid({ code }));
      const body = await refused(res, 409, 'duplicate');
      expect(body.error.message).toBe(`项目代码“${code}”已存在`);
      const en = await call(ctx.app, admin, 'POST', '/api/projects', valid({ code }), {
        'accept-language': 'en-US',
      });
      expect(en.json().error.message).toBe(`Project code "${code}" already exists`);
      expect(await ledgerTotal()).toBe(before);
      const edit = await call(ctx.app, admin, 'PATCH', `/api/projects/${target.id}`, {
        version: target.version,
        code,
      });
      await refused(edit, 409, 'duplicate');
      expect(await get(target.id)).toEqual(target);
      // A valid new 24-character code is accepted, and keeping one's own code is not a duplicate.
      const fresh = await call(
        ctx.app,
        admin,
        'POST',
        '/api/projects',
        valid({
          code: '2311-371481-04-01-999999',
          years: [{ year: 2020, level: 'county', category: 'reserve', annualPlan: 1 }],
        }),
      );
      expect(fresh.statusCode).toBe(201);
      const same = await call(ctx.app, admin, 'PATCH', `/api/projects/${fresh.json().id}`, {
        version: 1,
        code: '2311-371481-04-01-999999',
      });
      expect(same.statusCode).toBe(200);
    });

    it('a stale version → 409 naming who changed it and when, the newer edit kept', async () => {
      const id = ctx.ids.projects.get('中国农批乐陵农产品智慧物流园项目')!;
      const p = await get(id);
      const tf = p.taskForce[0];
      expect(tf).toBeDefined();
      // The member is a person; the demo's person of that key is linked to the account of that username.
      const username = [...ctx.ids.people.entries()].find(([, v]) => v === tf!.id)![0];
      const member = await login(ctx.app, username);
      const first = await call(ctx.app, member, 'PATCH', `/api/projects/${id}`, {
        version: p.version,
        notes: '专班先改',
      });
      expect(first.statusCode).toBe(200);
      const stale = await call(ctx.app, admin, 'PATCH', `/api/projects/${id}`, {
        version: p.version,
        notes: '管理员后改',
      });
      const body = await refused(stale, 409, 'version_conflict');
      expect(body.error.message).toContain(tf!.name);
      expect(body.error.message).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
      expect((stale.json().error.details as { currentVersion: number }).currentVersion).toBe(p.version + 1);
      const en = await call(
        ctx.app,
        admin,
        'PATCH',
        `/api/projects/${id}`,
        { version: p.version, notes: 'x' },
        { 'accept-language': 'en-US' },
      );
      expect(en.json().error.message).toContain(`changed by ${tf!.name}`);
      expect((await get(id)).notes).toBe('专班先改');
      const archive = await call(ctx.app, admin, 'POST', `/api/projects/${id}/archive`, {
        version: p.version,
        archived: true,
      });
      await refused(archive, 409, 'version_conflict');
      expect((await get(id)).archived).toBe(false);
      target = await get(target.id);
    });
  });

  describe('SQL and HTML in text are data', () => {
    it("stores a name like '); DROP TABLE projects;-- verbatim; a q of ' OR 1=1 -- matches nothing", async () => {
      const before = await ledgerTotal();
      const secadmin = await login(ctx.app, 'secadmin'); // accounts are the security admin's (三员分立)
      const usersBefore = (await call(ctx.app, secadmin, 'GET', '/api/users?pageSize=500')).json()
        .total as number;
      expect(usersBefore).toBeGreaterThan(20);
      const name = "'); DROP TABLE projects;--";
      const owner = "Robert'); DELETE FROM users WHERE ('1'='1";
      const res = await call(
        ctx.app,
        admin,
        'POST',
        '/api/projects',
        valid({ name, ownerUnit: owner, notes: '"; DROP TABLE audit_log; --' }),
      );
      expect(res.statusCode).toBe(201);
      const p = await get(res.json().id);
      expect(p.name).toBe(name);
      expect(p.ownerUnit).toBe(owner);
      expect(p.notes).toBe('"; DROP TABLE audit_log; --');
      expect(await ledgerTotal()).toBe(before + 1);
      const found = (
        await call(ctx.app, admin, 'GET', `/api/projects?year=2023&q=${encodeURIComponent(name)}`)
      ).json() as LedgerPage;
      expect(found.items.map((r) => r.name)).toEqual([name]);
      const inj = await call(
        ctx.app,
        admin,
        'GET',
        `/api/projects?year=2023&q=${encodeURIComponent("' OR 1=1 --")}`,
      );
      expect(inj.statusCode).toBe(200);
      expect((inj.json() as LedgerPage).total).toBe(0);
      const inj2 = await call(ctx.app, secadmin, 'GET', `/api/users?q=${encodeURIComponent("' OR '1'='1")}`);
      expect(inj2.statusCode).toBe(200);
      expect(inj2.json().total).toBe(0);
      const industry = await call(
        ctx.app,
        admin,
        'GET',
        `/api/projects?year=2023&industry=${encodeURIComponent("x' OR 'a'='a")}`,
      );
      expect((industry.json() as LedgerPage).total).toBe(0);
      // The tables are all still there and whole.
      expect(await ledgerTotal()).toBe(before + 1);
      expect((await call(ctx.app, secadmin, 'GET', '/api/users?pageSize=500')).json().total).toBe(
        usersBefore,
      );
      const auditor = await login(ctx.app, 'auditor');
      const audit = await call(ctx.app, auditor, 'GET', `/api/audit?entity=project&entityId=${p.id}`);
      expect(audit.json().items[0].after.name).toBe(name);
      expect((await call(ctx.app, admin, 'GET', '/api/health')).json()).toEqual({
        ok: true,
        database: engine,
      });
    });

    it('a NUL character in text → 400 naming the field on every engine, never a 500', async () => {
      const before = await ledgerTotal();
      const res = await call(ctx.app, admin, 'POST', '/api/projects', valid({ name: 'NUL\u0000项目' }));
      await refused(res, 400, 'validation');
      expect(detailPaths(res)).toEqual(['body.name']);
      expect(await ledgerTotal()).toBe(before);
      const edit = await call(ctx.app, admin, 'PATCH', `/api/projects/${target.id}`, {
        version: target.version,
        notes: 'a\u0000b',
      });
      await refused(edit, 400, 'validation');
      expect(detailPaths(edit)).toEqual(['body.notes']);
      expect(await get(target.id)).toEqual(target);
      const q = await call(
        ctx.app,
        admin,
        'GET',
        `/api/projects?year=2023&q=${encodeURIComponent('a\u0000')}`,
      );
      await refused(q, 400, 'validation');
      const loginNul = await call(ctx.app, null, 'POST', '/api/auth/login', {
        username: 'admin\u0000',
        password: 'x',
      });
      await refused(loginNul, 400, 'validation');
      // Other control characters are ordinary text.
      const tab = await call(ctx.app, admin, 'PATCH', `/api/projects/${target.id}`, {
        version: target.version,
        notes: '第一行\n第二行\t完',
      });
      expect(tab.statusCode).toBe(200);
      expect((tab.json() as Project).notes).toBe('第一行\n第二行\t完');
      target = await get(target.id);
    });

    it('stores HTML verbatim as JSON text', async () => {
      const name = '<script>alert(1)</script>';
      const notes = '<img src=x onerror=alert(1)>';
      const res = await call(
        ctx.app,
        admin,
        'POST',
        '/api/projects',
        valid({ name, notes, ownerUnit: '"><svg onload=alert(1)>' }),
      );
      expect(res.statusCode).toBe(201);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const detail = await call(ctx.app, admin, 'GET', `/api/projects/${res.json().id}`);
      expect(detail.headers['content-type']).toMatch(/^application\/json/);
      expect(detail.json()).toMatchObject({ name, notes, ownerUnit: '"><svg onload=alert(1)>' });
      const list = await call(
        ctx.app,
        admin,
        'GET',
        `/api/projects?year=2023&q=${encodeURIComponent('<script>')}`,
      );
      expect(list.headers['content-type']).toMatch(/^application\/json/);
      expect((list.json() as LedgerPage).items.map((r) => r.name)).toEqual([name]);
    });

    it('API answers carry the helmet headers (CSP, nosniff)', async () => {
      for (const res of [
        await call(ctx.app, admin, 'GET', '/api/projects?pageSize=1'),
        await call(ctx.app, admin, 'GET', '/api/projects/999999'),
        await call(ctx.app, null, 'GET', '/api/projects'),
      ]) {
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        const csp = String(res.headers['content-security-policy']);
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("script-src 'self'");
        expect(csp).not.toContain('unsafe-eval');
        expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      }
    });
  });

  describe('error bodies: {error:{code,message}}, Chinese by default, English on request', () => {
    type Req = () => Promise<Awaited<ReturnType<typeof call>>>;
    const errors: Array<[string, number, string, (h: Record<string, string>) => ReturnType<Req>]> = [
      ['validation', 400, 'validation', (h) => call(ctx.app, admin, 'POST', '/api/projects', { name: 1 }, h)],
      [
        'malformed JSON',
        400,
        'bad_request',
        (h) =>
          ctx.app.inject({
            method: 'POST',
            url: '/api/projects',
            payload: '{',
            headers: {
              cookie: admin.cookie,
              'x-csrf-token': admin.csrf,
              'content-type': 'application/json',
              ...h,
            },
          }),
      ],
      [
        'no session',
        401,
        'unauthenticated',
        (h) => call(ctx.app, null, 'GET', '/api/projects', undefined, h),
      ],
      [
        'bad login',
        401,
        'invalid_credentials',
        (h) => call(ctx.app, null, 'POST', '/api/auth/login', { username: 'viewer', password: 'nope' }, h),
      ],
      [
        'no CSRF token',
        403,
        'csrf',
        (h) =>
          ctx.app.inject({
            method: 'POST',
            url: '/api/projects',
            payload: {},
            headers: { cookie: admin.cookie, ...h },
          }),
      ],
      [
        'audit as admin',
        403,
        'audit_auditor_only',
        (h) => call(ctx.app, admin, 'GET', '/api/audit', undefined, h),
      ],
      [
        'unknown project',
        404,
        'not_found',
        (h) => call(ctx.app, admin, 'GET', '/api/projects/999999', undefined, h),
      ],
      ['unknown route', 404, 'not_found', (h) => call(ctx.app, admin, 'GET', '/api/nope', undefined, h)],
      [
        'duplicate',
        409,
        'duplicate',
        (h) => call(ctx.app, admin, 'POST', '/api/projects', valid({ code }), h),
      ],
      [
        'stale version',
        409,
        'version_conflict',
        (h) => call(ctx.app, admin, 'PATCH', `/api/projects/${target.id}`, { version: 1, notes: 'x' }, h),
      ],
      [
        'bad reference',
        400,
        'invalid_reference',
        (h) => call(ctx.app, admin, 'POST', '/api/projects', valid({ leaderId: 999_999 }), h),
      ],
      [
        'too large',
        413,
        'too_large',
        (h) =>
          call(ctx.app, admin, 'POST', '/api/projects', valid({ notes: 'x'.repeat(2 * 1024 * 1024) }), h),
      ],
    ];

    it.each(errors)('%s', async (_label, status, code, send) => {
      const zh = await send({});
      expect(zh.statusCode).toBe(status);
      expect(zh.headers['content-type']).toMatch(/^application\/json/);
      const zb = zh.json() as { error: { code: string; message: string } };
      expect(Object.keys(zb)).toEqual(['error']);
      expect(zb.error.code).toBe(code);
      expect(zb.error.message).toMatch(CJK);
      const en = await send({ 'accept-language': 'en-US,en;q=0.9,zh-CN;q=0.5' });
      expect(en.statusCode).toBe(status);
      const eb = en.json() as { error: { code: string; message: string; details?: { updatedBy?: string } } };
      expect(eb.error.code).toBe(code);
      expect(eb.error.message.length).toBeGreaterThan(5);
      // Data quoted in a message (a person's name) stays as it is; the words around it are English.
      const words = eb.error.details?.updatedBy
        ? eb.error.message.replace(eb.error.details.updatedBy, '')
        : eb.error.message;
      expect(words).not.toMatch(CJK);
      expect(eb.error.message).not.toBe(zb.error.message);
    });
  });
});

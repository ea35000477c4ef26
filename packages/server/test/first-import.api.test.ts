/**
 * A county's first day (issue 9, item 2): an empty system imports its own ledger — the jurisdiction
 * proposed from the title and confirmed, the region tree set up, the departments and leaders the
 * ledger names created with the projects in one transaction, towns matched inside addresses; a
 * failure creates none of it; another county's ledger refused naming both; a near name offered.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type {
  ImportCommitResult,
  ImportPreview,
  ImportUpload,
  LedgerPage,
  LedgerSummary,
} from '@guatu/contracts';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type * as ProjectBatch from '../src/repositories/project-batch.repository.ts';
import { firstDayLedger, firstDayProjects, multipart, ningjinLedger } from './fixtures/ledger-workbooks.ts';
import {
  call,
  createTestContext,
  describeEngines,
  login,
  loginAdmin,
  TEST_DATA_KEY,
  type Session,
  type TestContext,
} from './harness.ts';

// A forced failure after the departments, people and regions are written: the project insert throws.
const forced = vi.hoisted(() => ({ fail: false }));
vi.mock('../src/repositories/project-batch.repository.ts', async (importOriginal) => {
  const real = await importOriginal<typeof ProjectBatch>();
  return {
    ...real,
    insertProjectsBatch: (...args: Parameters<typeof real.insertProjectsBatch>) => {
      if (forced.fail) throw new Error('forced failure');
      return real.insertProjectsBatch(...args);
    },
  };
});

const departments = [
  '市发展和改革局',
  '市商务局',
  '市住房和城乡建设局',
  '市农业农村局',
  '市工业和信息化局',
  '市交通运输局',
  '市自然资源局',
  '市文化和旅游局',
  '市卫生健康局',
  '市水利局',
];
const leaders = firstDayProjects.map((p) => p[7]);
// 万元 → yuan: the ledger's totals, row by row.
const totalWan =
  52_000 + 18_000 + 9_500 + 12_000 + 30_000 + 25_000 + 6_000 + 15_000 + 8_000 + 4_500 + 40_000 + 10_000;
const planWan =
  12_000 + 6_000 + 3_000 + 4_000 + 8_000 + 10_000 + 2_500 + 5_000 + 3_200 + 1_500 + 20_000 + 4_000;

describeEngines('first import into an empty system', (engine) => {
  let ctx: TestContext;
  let admin: Session;
  beforeAll(async () => {
    ctx = await createTestContext(engine, {}, { demo: false });
    admin = await loginAdmin(ctx.app);
  });
  afterAll(() => ctx.close());

  const uploadOk = async (s: Session, name: string, data: Buffer) => {
    const body = multipart(name, data);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/projects/import',
      payload: body.payload,
      headers: { ...body.headers, cookie: s.cookie, 'x-csrf-token': s.csrf },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as ImportUpload;
  };
  const preview = async (id: string, body: object = {}) => {
    const res = await call(ctx.app, admin, 'POST', `/api/projects/import/${id}/preview`, body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ImportPreview;
  };
  const commit = (id: string, body: object = {}) =>
    call(ctx.app, admin, 'POST', `/api/projects/import/${id}/commit`, body);
  const db = () => ctx.handle.db;
  const state = async () => ({
    regions: (await db().selectFrom('regions').select(['name', 'code']).orderBy('id').execute()).length,
    root: await db()
      .selectFrom('regions')
      .select(['name', 'code'])
      .where('parentId', 'is', null)
      .executeTakeFirstOrThrow(),
    departments: (await db().selectFrom('departments').select('name').orderBy('id').execute()).map(
      (d) => d.name,
    ),
    people: (await db().selectFrom('people').select('name').orderBy('id').execute()).map((p) => p.name),
    projects: (await db().selectFrom('projects').select('name').execute()).length,
  });
  const nothing = {
    regions: 1,
    root: { name: '本级行政区', code: null },
    departments: [],
    people: [],
    projects: 0,
  };

  it('proposes 乐陵市 from the title and lists the 10 departments and 12 leaders to create', async () => {
    const up = await uploadOk(admin, '乐陵市2023年重点项目台账.xlsx', await firstDayLedger());
    const p = await preview(up.uploadId);
    expect(p.jurisdiction).toEqual({
      code: '371481',
      name: '乐陵市',
      fullName: '山东省 德州市 乐陵市',
      source: 'title',
      setUp: true,
    });
    expect(p.toCreate).toEqual({ departments, people: leaders });
    expect(p.nearMatches).toEqual([]);
    expect(p.counts).toMatchObject({ rows: 12, new: 12, error: 0 });
    expect(await state()).toEqual(nothing);
  });

  it('refuses to commit until the jurisdiction is confirmed, and a failing commit creates nothing', async () => {
    const up = await uploadOk(admin, 'first.xlsx', await firstDayLedger());
    const unconfirmed = await commit(up.uploadId);
    expect(unconfirmed.statusCode).toBe(422);
    expect(unconfirmed.json().error).toMatchObject({
      code: 'import_jurisdiction_unconfirmed',
      params: { proposed: '乐陵市', code: '371481' },
    });
    forced.fail = true;
    try {
      const failed = await commit(up.uploadId, { division: '371481' });
      expect(failed.statusCode).toBe(500);
    } finally {
      forced.fail = false;
    }
    expect(await state()).toEqual(nothing);

    const bad = await uploadOk(admin, 'bad.xlsx', await firstDayLedger({ badRow: true }));
    expect((await preview(bad.uploadId)).counts).toMatchObject({ new: 11, error: 1 });
    const refused = await commit(bad.uploadId, { division: '乐陵市' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('import_has_errors');
    expect(await state()).toEqual(nothing);
  });

  it('commits: the tree, the 10 departments, the 12 people and every project, towns from addresses', async () => {
    const up = await uploadOk(admin, 'first.xlsx', await firstDayLedger());
    const res = await commit(up.uploadId, { division: '371481' });
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json() as ImportCommitResult;
    expect(result.counts).toMatchObject({ new: 12, error: 0 });
    expect(result.created).toEqual({ division: '371481', departments, people: leaders });
    const s = await state();
    expect(s.root).toEqual({ name: '乐陵市', code: '371481' });
    expect(s.regions).toBe(1 + 16); // 乐陵市 and its 16 towns (街道, 镇, 乡)
    expect(s.departments).toEqual(departments);
    expect(s.people).toEqual(leaders);
    expect(s.projects).toBe(12);

    const page = (
      await call(ctx.app, admin, 'GET', '/api/projects?year=2023&pageSize=100')
    ).json() as LedgerPage;
    const pairs = Object.fromEntries(page.items.map((r) => [r.name, r.regionName]));
    expect(pairs).toEqual(Object.fromEntries(firstDayProjects.map((p) => [`${p[0]}项目`, p[2]])));
    const byName = Object.fromEntries(page.items.map((r) => [r.name, r]));
    for (const p of firstDayProjects) {
      expect(byName[`${p[0]}项目`]).toMatchObject({ leaderName: p[7], departmentName: p[8] });
    }

    const summary = (
      await call(ctx.app, admin, 'GET', '/api/projects/summary?year=2023')
    ).json() as LedgerSummary;
    expect(summary).toMatchObject({
      projects: 12,
      byLevel: { province: 4, city: 8, county: 0 },
      started: 6, // four with a date, two marked √ without one
      totalInvestment: totalWan * 10_000,
      annualPlan: planWan * 10_000,
    });
  });

  it('offers a near name as a match instead of creating it', async () => {
    const up = await uploadOk(
      admin,
      'second.xlsx',
      await firstDayLedger({ prefix: '二期', department: '市住建局' }),
    );
    const p = await preview(up.uploadId);
    const housing = await db()
      .selectFrom('departments')
      .select('id')
      .where('name', '=', '市住房和城乡建设局')
      .executeTakeFirstOrThrow();
    expect(p.jurisdiction).toMatchObject({ code: '371481', setUp: false });
    expect(p.nearMatches).toEqual([
      {
        kind: 'department',
        name: '市住建局',
        candidates: [{ id: housing.id, name: '市住房和城乡建设局' }],
        chosen: housing.id,
      },
    ]);
    expect(p.toCreate).toEqual({ departments: [], people: [] });
    // The user may create it instead.
    const asNew = await preview(up.uploadId, {
      nearChoices: [{ kind: 'department', name: '市住建局', existingId: null }],
    });
    expect(asNew.toCreate.departments).toEqual(['市住建局']);
    expect(asNew.nearMatches[0]!.chosen).toBeNull();

    const res = await commit(up.uploadId);
    expect(res.statusCode, res.body).toBe(200);
    expect((await state()).departments).toEqual(departments);
    const page = (
      await call(ctx.app, admin, 'GET', `/api/projects?year=2023&q=${encodeURIComponent('二期智能装备')}`)
    ).json() as LedgerPage;
    expect(page.items.map((r) => [r.name, r.departmentName])).toEqual([
      ['二期智能装备产业园项目', '市住房和城乡建设局'],
    ]);
  });
});

describeEngines('first import of a CSV (no title)', (engine) => {
  let ctx: TestContext;
  let admin: Session;
  beforeAll(async () => {
    ctx = await createTestContext(engine, {}, { demo: false });
    admin = await loginAdmin(ctx.app);
  });
  afterAll(() => ctx.close());

  const upload = async (csv: string) => {
    const body = multipart('台账.csv', Buffer.from(csv));
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/projects/import',
      payload: body.payload,
      headers: { ...body.headers, cookie: admin.cookie, 'x-csrf-token': admin.csrf },
    });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as ImportUpload).uploadId;
  };
  const preview = async (id: string, body: object = {}) =>
    (
      await call(ctx.app, admin, 'POST', `/api/projects/import/${id}/preview`, { year: 2023, ...body })
    ).json() as ImportPreview;

  it('infers the jurisdiction from the rows’ places: 乐陵市, whose towns they name', async () => {
    const id = await upload(
      '项目名称,项目级别,总投资,所在乡镇\r\n甲项目,县级,100,乐陵市寨头堡乡\r\n乙项目,县级,200,杨安镇\r\n丙项目,县级,300,孔镇\r\n',
    );
    const p = await preview(id);
    expect(p.jurisdiction).toEqual({
      code: '371481',
      name: '乐陵市',
      fullName: '山东省 德州市 乐陵市',
      source: 'rows',
      setUp: true,
    });
    expect(p.counts).toMatchObject({ new: 3, error: 0 });
  });

  it('asks for the division when nothing names one, and takes it from the request', async () => {
    const id = await upload('项目名称,项目级别,总投资\r\n丁项目,县级,100\r\n');
    expect((await preview(id)).jurisdiction).toBeNull();
    const refused = await call(ctx.app, admin, 'POST', `/api/projects/import/${id}/commit`, { year: 2023 });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'import_jurisdiction_unknown',
      params: { division: '' },
    });
    expect((await preview(id, { division: '宁津县' })).jurisdiction).toMatchObject({
      code: '371422',
      source: 'division',
      setUp: true,
    });
    const res = await call(ctx.app, admin, 'POST', `/api/projects/import/${id}/commit`, {
      year: 2023,
      division: '宁津县',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as ImportCommitResult).created).toEqual({
      division: '371422',
      departments: [],
      people: [],
    });
    const root = await ctx.handle.db
      .selectFrom('regions')
      .select(['name', 'code'])
      .where('parentId', 'is', null)
      .executeTakeFirstOrThrow();
    expect(root).toEqual({ name: '宁津县', code: '371422' });
  });
});

describeEngines('another jurisdiction’s ledger', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(engine);
  });
  afterAll(() => ctx.close());

  it('refuses a 宁津县 ledger uploaded by 乐陵市’s admin, naming both', async () => {
    const fgj = await login(ctx.app, 'fgj');
    const body = multipart('宁津县2024年重点项目清单.xlsx', await ningjinLedger());
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/projects/import',
      payload: body.payload,
      headers: { ...body.headers, cookie: fgj.cookie, 'x-csrf-token': fgj.csrf },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({
      code: 'import_other_jurisdiction',
      params: { ledger: '宁津县', yours: '乐陵市' },
      message: '此台账属于宁津县，您的管辖范围是乐陵市',
    });
  });
});

describeEngines('first import from the CLI', (engine) => {
  let ctx: TestContext;
  let dir: string;
  beforeAll(async () => {
    // The context gives a database of its own for the engine (a SQLite file, or a fresh PostgreSQL database).
    ctx = await createTestContext(engine, {}, { onDisk: true, demo: false });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guatu-first-'));
  });
  afterAll(async () => {
    await ctx.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('migrate, import --yes, summary --json: every project of the ledger, with its totals', async () => {
    const file = path.join(dir, '乐陵市2023年重点项目台账.xlsx');
    fs.writeFileSync(file, await firstDayLedger());
    const env = {
      ...process.env,
      GUATU_DEMO: '0',
      GUATU_DATA_DIR: ctx.config.dataDir,
      GUATU_DATA_KEY: TEST_DATA_KEY,
      DATABASE_URL: engine === 'postgres' ? ctx.config.databaseUrl! : '',
      LANG: 'zh_CN.UTF-8',
    };
    const cli = (...args: string[]) =>
      promisify(execFile)('npx', ['tsx', 'packages/server/src/cli.ts', ...args], {
        env,
        cwd: path.resolve(import.meta.dirname, '../../..'),
      });
    await cli('migrate');
    const imported = await cli('import', file, '--year', '2023', '--yes');
    expect(imported.stdout).toContain('所属区划 jurisdiction: 山东省 德州市 乐陵市 (371481, title)');
    expect(imported.stdout).toContain('已导入 committed: 新增 12, 变更 0');
    const { stdout } = await cli('summary', '--year', '2023', '--json');
    const s = JSON.parse(stdout) as LedgerSummary;
    expect(s).toMatchObject({
      year: 2023,
      projects: 12,
      byLevel: { province: 4, city: 8, county: 0 },
      started: 6, // four with a date, two marked √ without one
      totalInvestment: totalWan * 10_000, // 230,000 万元
      annualPlan: planWan * 10_000, // 79,200 万元
    });
  }, 120_000);
});

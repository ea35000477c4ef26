/**
 * The war chart's per-year cache (issue 11, portfolio/war-chart-cache.ts) against the computation it
 * replaces (computeWarChartFresh: the ledger's SQL, every project scheduled): for random readers
 * (roles, regions, departments, leaders, task forces) and random filters the cached chart, its
 * dates and title, and the JSON bytes the route sends are those of a fresh computation; then after
 * random writes (projects, list entries, plans, actual dates, leaders' and departments' names, new
 * projects — through SQL, as any app server would make them), a calendar change, a warning-rules
 * change and a new day; and through a second handle on the same database (another app server).
 */
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { warChart, type WarChartQuery } from '@guatu/contracts';
import { categories, defaultWarningRules, levels, type Role } from '@guatu/domain';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type Db, type DbHandle } from '../src/db/connect.ts';
import type { Actor } from '../src/policies/actor.ts';
import { forgetWarCharts } from '../src/portfolio/war-chart-cache.ts';
import { pruneWarChartChangesJob } from '../src/portfolio/portfolio-prune.job.ts';
import { pruneWarChartChanges, readWarChartState } from '../src/repositories/schedule.repository.ts';
import { computeWarChart, computeWarChartFresh, warChartJson } from '../src/services/war-chart.service.ts';
import {
  call,
  createTestContext,
  describeEngines,
  loginAdmin,
  TEST_NOW,
  type Session,
  type TestContext,
} from './harness.ts';

type World = {
  regions: Array<{ id: number; path: string; name: string }>;
  people: number[];
  departments: number[];
  years: number[];
  projects: number[];
};

async function worldOf(db: Db): Promise<World> {
  return {
    regions: await db.selectFrom('regions').select(['id', 'path', 'name']).orderBy('id').execute(),
    people: (await db.selectFrom('people').select('id').orderBy('id').execute()).map((p) => p.id),
    departments: (await db.selectFrom('departments').select('id').orderBy('id').execute()).map((d) => d.id),
    years: (await db.selectFrom('projectYears').select('year').distinct().execute()).map((y) => y.year),
    projects: (await db.selectFrom('projects').select('id').orderBy('id').execute()).map((p) => p.id),
  };
}

const readerRoles: Role[][] = [
  ['admin'],
  ['viewer'],
  ['town'],
  ['city_leader'],
  ['department'],
  ['leader'],
  ['task_force'],
  ['leader', 'task_force'],
  ['department', 'leader'],
];

function actorArb(w: World): fc.Arbitrary<Actor> {
  return fc
    .record({
      roles: fc.constantFrom(...readerRoles),
      region: fc.constantFrom(...w.regions),
      departmentId: fc.option(fc.constantFrom(...w.departments), { nil: null }),
      personId: fc.option(fc.constantFrom(...w.people), { nil: null }),
      lang: fc.constantFrom('zh-CN' as const, 'en-US' as const),
    })
    .map(({ roles, region, departmentId, personId, lang }) => ({
      id: 1,
      username: 'reader',
      displayName: 'reader',
      roles,
      regionId: region.id,
      regionName: region.name,
      regionPath: region.path,
      departmentId,
      personId,
      ip: null,
      lang,
    }));
}

function queryArb(w: World): fc.Arbitrary<WarChartQuery> {
  const some = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 3 });
  return fc
    .record({
      year: some(fc.constantFrom(...w.years)),
      level: some(fc.constantFrom(...levels)),
      category: some(fc.constantFrom(...categories)),
      started: some(fc.constantFrom('yes' as const, 'no' as const)),
      regionId: some(fc.constantFrom(...w.regions.map((r) => r.id))),
      leaderId: some(fc.constantFrom(...w.people)),
      departmentId: some(fc.constantFrom(...w.departments)),
      industry: some(fc.constantFrom('工业', '交通', '民生')),
      q: some(fc.constantFrom('园', '项目', 'a', '乐陵')),
      archived: fc.constantFrom('no' as const, 'yes' as const, 'all' as const),
      groupBy: fc.constantFrom('level' as const, 'town' as const, 'leader' as const, 'department' as const),
    })
    .map((q) => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as WarChartQuery);
}

/** The cached chart, its dates, title and JSON bytes are those of a fresh computation. */
async function expectSame(db: Db, actor: Actor, q: WarChartQuery, now: Date): Promise<number> {
  const fresh = await computeWarChartFresh(db, actor, q, now);
  const cached = await computeWarChart(db, actor, q, now);
  expect(cached.chart).toEqual(fresh.chart);
  expect(Array.from(cached.dates)).toEqual(Array.from(fresh.dates));
  expect(cached.title).toBe(fresh.title);
  // What the route's zod serializer sent for the fresh chart, byte for byte.
  const bytes = await warChartJson(db, actor, q, now);
  expect(bytes.toString('utf8')).toBe(JSON.stringify(warChart.parse(fresh.chart)));
  // Asked again with nothing changed: the answer kept.
  expect(await warChartJson(db, actor, q, now)).toBe(bytes);
  return fresh.chart.projects.ids.length;
}

/** One random write, through SQL as any app server makes it. */
type Write =
  | { kind: 'rename'; p: number; name: string }
  | { kind: 'level'; p: number; level: string; plan: number }
  | { kind: 'leader'; p: number; person: number | null }
  | { kind: 'department'; p: number; department: number | null }
  | { kind: 'archive'; p: number; archived: boolean }
  | { kind: 'planned'; p: number; start: string | null; finish: string | null }
  | { kind: 'stage'; p: number; stage: string; start: string | null; finish: string | null }
  | { kind: 'targets'; p: number; finishBy: string | null }
  | { kind: 'person'; person: number; name: string }
  | { kind: 'departmentName'; department: number; name: string }
  | { kind: 'add'; name: string; region: number; level: string; year?: number };

const DATES = ['2025-03-01', '2026-01-10', '2026-06-15', '2026-11-24', '2027-05-01'];
const STAGES = ['start', 'foundation', 'structure', 'acceptance', 'operation', 'land'];

function writeArb(w: World, year: number): fc.Arbitrary<Write> {
  const p = fc.constantFrom(...w.projects);
  const date = fc.option(fc.constantFrom(...DATES), { nil: null });
  return fc
    .oneof(
      fc.record({
        kind: fc.constant('rename' as const),
        p,
        name: fc.constantFrom('新园区', 'Alpha 项目', '"引号"\\'),
      }),
      fc.record({
        kind: fc.constant('level' as const),
        p,
        level: fc.constantFrom(...levels),
        plan: fc.constantFrom(0, 1_000_000, 99_000_000),
      }),
      fc.record({
        kind: fc.constant('leader' as const),
        p,
        person: fc.option(fc.constantFrom(...w.people), { nil: null }),
      }),
      fc.record({
        kind: fc.constant('department' as const),
        p,
        department: fc.option(fc.constantFrom(...w.departments), { nil: null }),
      }),
      fc.record({ kind: fc.constant('archive' as const), p, archived: fc.boolean() }),
      fc.record({ kind: fc.constant('planned' as const), p, start: date, finish: date }),
      fc.record({
        kind: fc.constant('stage' as const),
        p,
        stage: fc.constantFrom(...STAGES),
        start: date,
        finish: date,
      }),
      fc.record({ kind: fc.constant('targets' as const), p, finishBy: date }),
      fc.record({
        kind: fc.constant('person' as const),
        person: fc.constantFrom(...w.people),
        name: fc.constantFrom('王某', '李某'),
      }),
      fc.record({
        kind: fc.constant('departmentName' as const),
        department: fc.constantFrom(...w.departments),
        name: fc.constantFrom('发改局', '住建局二'),
      }),
      fc.record({
        kind: fc.constant('add' as const),
        name: fc.constantFrom('新增项目', 'New one'),
        region: fc.constantFrom(...w.regions.map((r) => r.id)),
        level: fc.constantFrom(...levels),
      }),
    )
    .map((x) => ({ ...x, year }) as Write);
}

const AT = '2026-11-20T00:00:00.000Z';

async function apply(db: Db, w: World, x: Write): Promise<void> {
  switch (x.kind) {
    case 'rename':
      await db.updateTable('projects').set({ name: x.name }).where('id', '=', x.p).execute();
      return;
    case 'level':
      await db
        .updateTable('projectYears')
        .set({ level: x.level, annualPlan: x.plan })
        .where('projectId', '=', x.p)
        .execute();
      return;
    case 'leader':
      await db.updateTable('projects').set({ leaderId: x.person }).where('id', '=', x.p).execute();
      return;
    case 'department':
      await db.updateTable('projects').set({ departmentId: x.department }).where('id', '=', x.p).execute();
      return;
    case 'archive':
      await db
        .updateTable('projects')
        .set({ archivedAt: x.archived ? AT : null })
        .where('id', '=', x.p)
        .execute();
      return;
    case 'planned':
      await db
        .updateTable('projects')
        .set({ plannedStart: x.start, plannedFinish: x.finish })
        .where('id', '=', x.p)
        .execute();
      return;
    case 'stage':
      await db.transaction().execute(async (tx) => {
        await tx
          .deleteFrom('projectStages')
          .where('projectId', '=', x.p)
          .where('stageKey', '=', x.stage)
          .execute();
        if (x.start !== null || x.finish !== null)
          await tx
            .insertInto('projectStages')
            .values({
              projectId: x.p,
              stageKey: x.stage,
              actualStart: x.start,
              actualFinish: x.finish,
              note: null,
              updatedAt: AT,
              updatedBy: null,
            })
            .execute();
      });
      return;
    case 'targets': {
      const targets =
        x.finishBy === null ? null : JSON.stringify([{ stage: 'operation', finishBy: x.finishBy }]);
      const has = await db
        .selectFrom('projectSchedules')
        .select('version')
        .where('projectId', '=', x.p)
        .executeTakeFirst();
      if (has)
        await db
          .updateTable('projectSchedules')
          .set({ targets, version: has.version + 1 })
          .where('projectId', '=', x.p)
          .execute();
      else
        await db
          .insertInto('projectSchedules')
          .values({
            projectId: x.p,
            templateKey: 'industrial',
            edits: '[]',
            targets,
            version: 2,
            updatedAt: AT,
            updatedBy: null,
          })
          .execute();
      return;
    }
    case 'person':
      // Unique per person: (region, name, unit) is unique.
      await db
        .updateTable('people')
        .set({ name: `${x.name}${x.person}` })
        .where('id', '=', x.person)
        .execute();
      return;
    case 'departmentName':
      await db
        .updateTable('departments')
        .set({ name: `${x.name}${x.department}` })
        .where('id', '=', x.department)
        .execute();
      return;
    case 'add': {
      const { id } = await db
        .insertInto('projects')
        .values({
          code: null,
          name: x.name,
          nature: 'new',
          industry: '工业',
          ownerUnit: null,
          regionId: x.region,
          totalInvestment: 10_000_000,
          plannedStart: '2026-03-01',
          plannedFinish: '2027-06-30',
          actualStart: null,
          statsIncluded: 0,
          leaderId: w.people[0] ?? null,
          departmentId: null,
          archivedAt: null,
          createdAt: AT,
          updatedAt: AT,
          version: 1,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('projectYears')
        .values({
          projectId: id,
          year: x.year!,
          level: x.level,
          category: categories[0],
          annualPlan: 5_000_000,
        })
        .execute();
      return;
    }
  }
}

describeEngines('the war chart cache', (engine) => {
  let ctx: TestContext;
  let db: Db;
  let admin: Session;
  let w: World;
  let adminActor: Actor;
  const now = new Date(TEST_NOW);

  beforeAll(async () => {
    ctx = await createTestContext(engine, {}, { onDisk: true });
    db = ctx.handle.db;
    admin = await loginAdmin(ctx.app);
    w = await worldOf(db);
    const root = w.regions.find((r) => r.path.split('/').filter(Boolean).length === 1)!;
    adminActor = {
      id: 1,
      username: 'admin',
      displayName: 'admin',
      roles: ['admin'],
      regionId: root.id,
      regionName: root.name,
      regionPath: root.path,
      departmentId: null,
      ip: null,
      lang: 'zh-CN',
    };
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('gives the fresh computation for random readers and filters', async () => {
    expect(await expectSame(db, adminActor, { year: 2023, groupBy: 'level', archived: 'no' }, now)).toBe(103);
    await fc.assert(
      fc.asyncProperty(actorArb(w), queryArb(w), async (actor, q) => {
        await expectSame(db, actor, q, now);
      }),
      { numRuns: 40 },
    );
  });

  it('sends the bytes the serializer sent for the fresh chart, gzipped when the client accepts it', async () => {
    const fresh = await computeWarChartFresh(
      db,
      adminActor,
      { year: 2023, groupBy: 'town', archived: 'no' },
      now,
    );
    const expected = JSON.stringify(warChart.parse(fresh.chart));
    const plain = await call(ctx.app, admin, 'GET', '/api/war-chart?year=2023&groupBy=town');
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(expected);
    const gz = await call(ctx.app, admin, 'GET', '/api/war-chart?year=2023&groupBy=town', undefined, {
      'accept-encoding': 'gzip, deflate, br, zstd',
    });
    expect(gz.statusCode).toBe(200);
    // 103 projects: ~25 kB, sent as it is (compressing small answers costs more than it saves).
    if (gz.rawPayload.length >= 64 * 1024) {
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gz.rawPayload).toString('utf8')).toBe(expected);
    } else {
      expect(gz.body).toBe(expected);
    }
  });

  it('follows a calendar change, a warning-rules change and a new day', async () => {
    const q = { year: 2023, groupBy: 'level', archived: 'no' } as const;
    const before = await computeWarChart(db, adminActor, q, now);
    await expectSame(db, adminActor, q, now);

    // A stop period over the coming months: plans move.
    const created = await call(ctx.app, admin, 'POST', '/api/calendar/entries', {
      kind: 'stop',
      from: '2026-11-26',
      to: '2026-12-31',
      name: '冬季停工',
    });
    expect(created.statusCode, created.body).toBe(201);
    await expectSame(db, adminActor, q, now);
    const stopped = await computeWarChart(db, adminActor, q, now);
    expect(Array.from(stopped.dates)).not.toEqual(Array.from(before.dates));

    // Warning rules: red only far past the latest finish.
    const rules = (await call(ctx.app, admin, 'GET', '/api/warning-rules')).json() as { version: number };
    const saved = await call(ctx.app, admin, 'PUT', '/api/warning-rules', {
      start: defaultWarningRules.start,
      stage: { ...defaultWarningRules.stage, redDaysPast: 365 },
      version: rules.version,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    await expectSame(db, adminActor, q, now);
    expect((await computeWarChart(db, adminActor, q, now)).chart.cells).not.toEqual(stopped.chart.cells);

    // A new day (Asia/Shanghai): today, the dates and the warnings are those of that day.
    const later = new Date(Date.parse(TEST_NOW) + 20 * 86_400_000);
    await expectSame(db, adminActor, q, later);
    expect((await computeWarChart(db, adminActor, q, later)).chart.today).toBe('2026-12-15');
  });

  it('follows random writes of projects, list entries, plans, actual dates and names', async () => {
    const year = 2023;
    w = { ...w, years: [year] };
    await fc.assert(
      fc.asyncProperty(
        fc.array(writeArb(w, year), { minLength: 1, maxLength: 4 }),
        actorArb(w),
        queryArb(w),
        async (writes, actor, q) => {
          // Answers kept before the writes (warChartJson keeps the last few per chart) must not outlive them.
          await warChartJson(db, adminActor, { year, groupBy: 'leader', archived: 'all' }, now);
          await warChartJson(db, actor, { ...q, year }, now);
          for (const x of writes) await apply(db, w, x);
          await expectSame(db, adminActor, { year, groupBy: 'leader', archived: 'all' }, now);
          await expectSame(db, actor, { ...q, year }, now);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('moves the war chart counter in the writing transaction of plans, actual dates and names only', async () => {
    const before = (await readWarChartState(db)).version;
    const pid = w.projects[0]!;
    await apply(db, w, { kind: 'stage', p: pid, stage: 'land', start: '2026-01-10', finish: null });
    const afterStage = (await readWarChartState(db)).version;
    expect(afterStage).toBeGreaterThan(before);
    // A rolled-back write leaves it.
    await expect(
      db.transaction().execute(async (tx) => {
        await apply(tx, w, { kind: 'targets', p: pid, finishBy: '2026-06-15' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect((await readWarChartState(db)).version).toBe(afterStage);
    // A person's other fields than the name move nothing on SQLite (its trigger is on the name).
    await db.updateTable('people').set({ title: '局长' }).where('id', '=', w.people[0]!).execute();
    if (engine === 'sqlite') expect((await readWarChartState(db)).version).toBe(afterStage);
  });

  it('rebuilds a chart older than the pruned changes; the hourly job keeps the last 100,000', async () => {
    const q = { year: 2023, groupBy: 'department', archived: 'all' } as const;
    await computeWarChart(db, adminActor, q, now);
    const pid = w.projects[1]!;
    await apply(db, w, {
      kind: 'stage',
      p: pid,
      stage: 'signing',
      start: '2026-02-01',
      finish: '2026-02-02',
    });
    const { version } = await readWarChartState(db);
    expect(await pruneWarChartChanges(db, version)).toBeGreaterThan(0);
    expect(await db.selectFrom('warChartChanges').select('version').execute()).toEqual([]);
    await expectSame(db, adminActor, q, now);
    expect(await pruneWarChartChangesJob.run({ db, config: ctx.config, now, log: () => {} })).toEqual({
      deleted: 0,
    });
  });

  it('is current on a second handle at once after a stage edit made on A', async () => {
    const opened = openDatabase(
      engine === 'postgres'
        ? { url: ctx.config.databaseUrl }
        : { url: null, file: path.join(ctx.config.dataDir, 'guatu.db') },
    );
    const handleB: DbHandle = opened;
    try {
      const dbB = handleB.db;
      const q = { year: 2023, groupBy: 'level', archived: 'no' } as const;
      const before = await computeWarChart(dbB, adminActor, q, now);
      const col = before.chart.stages.findIndex((s) => s.key === 'land');
      const width = before.chart.stages.length;
      const row = before.chart.projects.ids.findIndex(
        (_, p) => before.chart.cells[p * width + col]! % 8 !== 2,
      );
      expect(row).toBeGreaterThanOrEqual(0);
      const pid = before.chart.projects.ids[row]!;
      const sched = (await call(ctx.app, admin, 'GET', `/api/projects/${pid}/schedule`)).json() as {
        version: number;
      };
      const put = await call(ctx.app, admin, 'PUT', `/api/projects/${pid}/stages/land`, {
        actualStart: '2026-01-05',
        actualFinish: '2026-02-10',
        version: sched.version,
      });
      expect(put.statusCode, put.body).toBe(200);
      const after = await computeWarChart(dbB, adminActor, q, now);
      const at = after.chart.projects.ids.indexOf(pid) * width + col;
      expect(after.chart.cells[at]! % 8).toBe(2); // done
      expect(after.chart).toEqual((await computeWarChartFresh(dbB, adminActor, q, now)).chart);
      expect(after.chart).toEqual((await computeWarChart(db, adminActor, q, now)).chart);
    } finally {
      forgetWarCharts(handleB.db);
      await handleB.db.destroy();
    }
  });
});

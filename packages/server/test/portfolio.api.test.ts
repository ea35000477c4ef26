/**
 * The portfolio read path (issue 11) against the SQL it replaces: on a random portfolio (the demo
 * plus generated projects with ties, empty dates, mixed-case names with LIKE's wildcards, task
 * forces and archived ones), for random filters, grants, sorts and pages, the in-memory index
 * gives the same ids in the same order and the same totals as findLedgerPageIds / findSummaryRows;
 * and the list's rows field for field (names included); then after random writes (through SQL, as
 * any app server would make them: renames of people and departments too), and through a second
 * handle on the same database (another app server's cache).
 */
import fc from 'fast-check';
import { levels, categories, summariseLedger } from '@guatu/domain';
import { ledgerRow, ledgerSorts } from '@guatu/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db, type DbHandle } from '../src/db/connect.ts';
import type { ProjectGrant } from '../src/policies/project.policy.ts';
import { forgetPortfolio, portfolioOf } from '../src/portfolio/portfolio.ts';
import { prunePortfolioChangesJob } from '../src/portfolio/portfolio-prune.job.ts';
import { prunePortfolioChanges, readPortfolioState } from '../src/repositories/portfolio.repository.ts';
import type { PortfolioFilter } from '../src/portfolio/portfolio-index.ts';
import {
  findLedgerPageIds,
  findLedgerRowsByIds,
  findSummaryRows,
  type LedgerFilter,
} from '../src/repositories/project.repository.ts';
import { createTestContext, describeEngines, type TestContext } from './harness.ts';

const YEAR = 2026;
const INDUSTRIES = ['工业', '交通', '民生', null] as const;
const NAMES = ['Alpha 大道', 'alpha 大道', 'BETA_100%', 'beta 园区', '乐陵 Gamma', '物流园', 'x_y'];
const DATES = [null, '2025-12-31', '2026-01-01', '2026-03', '2026-06-15', '2026-11-25', '2027-02-01'];

/** A deterministic generator for the generated projects (mulberry32). */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;

type World = { regions: Array<{ id: number; path: string }>; people: number[]; departments: number[] };

async function worldOf(db: Db): Promise<World> {
  return {
    regions: await db.selectFrom('regions').select(['id', 'path']).execute(),
    people: (await db.selectFrom('people').select('id').execute()).map((p) => p.id),
    departments: (await db.selectFrom('departments').select('id').execute()).map((d) => d.id),
  };
}

async function addProjects(db: Db, w: World, n: number, seed: number): Promise<number[]> {
  const r = rng(seed);
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const at = `2026-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}T00:00:00.000Z`;
    const res = await db
      .insertInto('projects')
      .values({
        code: r() < 0.3 ? null : `GT-${seed}-${i}`,
        name: `${pick(r, NAMES)} ${Math.floor(r() * 5)}`,
        nature: 'new',
        industry: pick(r, INDUSTRIES),
        ownerUnit: r() < 0.5 ? null : pick(r, ['乐陵市城投', 'Owner_Co', 'owner%co']),
        regionId: pick(r, w.regions).id,
        totalInvestment: pick(r, [0, 5_000_000, 10_000_000, 123_456_789]),
        plannedStart: pick(r, DATES),
        plannedFinish: null,
        actualStart: pick(r, DATES),
        startedUndated: r() < 0.1 ? 1 : 0,
        statsIncluded: 0,
        leaderId: r() < 0.2 ? null : pick(r, w.people),
        departmentId: r() < 0.2 ? null : pick(r, w.departments),
        archivedAt: r() < 0.1 ? at : null,
        createdAt: at,
        updatedAt: pick(r, [at, '2026-05-05T00:00:00.000Z']),
        version: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(res.id);
    await db
      .insertInto('projectYears')
      .values({
        projectId: res.id,
        year: YEAR,
        level: pick(r, levels),
        category: pick(r, categories),
        annualPlan: pick(r, [0, 1_000_000, 2_000_000, 30_000_000]),
      })
      .execute();
    const members = [...new Set([pick(r, w.people), pick(r, w.people)])].slice(0, Math.floor(r() * 3));
    if (members.length > 0)
      await db
        .insertInto('projectMembers')
        .values(members.map((personId) => ({ projectId: res.id, personId })))
        .execute();
  }
  return ids;
}

/** Grants: the root region often (the county admin), else a mix; filters: none to two at once. */
const queryArb = (w: World) => {
  const root = w.regions.reduce((a, b) => (a.path.length <= b.path.length ? a : b));
  const grant = fc.oneof(
    { weight: 3, arbitrary: fc.constant<ProjectGrant>({ kind: 'region', path: root.path }) },
    fc.constantFrom(...w.regions).map((g): ProjectGrant => ({ kind: 'region', path: g.path })),
    fc.constantFrom(...w.departments).map((d): ProjectGrant => ({ kind: 'department', departmentId: d })),
    fc.constantFrom(...w.people).map((p): ProjectGrant => ({ kind: 'leader', personId: p })),
    fc.constantFrom(...w.people).map((p): ProjectGrant => ({ kind: 'member', personId: p })),
  );
  const filters = fc.oneof(
    fc.constantFrom(...levels).map((level) => ({ level })),
    fc.constantFrom(...categories).map((category) => ({ category })),
    fc.constantFrom('yes', 'no' as const).map((started) => ({ started })),
    fc.constantFrom(...w.regions.map((g) => g.path)).map((regionPath) => ({ regionPath })),
    fc.constantFrom(...w.people).map((leaderId) => ({ leaderId })),
    fc.constantFrom(...w.departments).map((departmentId) => ({ departmentId })),
    fc.constantFrom('工业', '交通', '民生').map((industry) => ({ industry })),
    fc
      .constantFrom('alpha', 'ALPHA', '_', '%', 'beta_1', 'gt-', '乐陵', 'owner%', 'zzz', 'a')
      .map((q) => ({ q })),
  );
  return fc.record({
    grants: fc.array(grant, { minLength: 1, maxLength: 3 }),
    filter: fc
      .tuple(fc.constantFrom('no', 'yes', 'all' as const), fc.array(filters, { maxLength: 2 }))
      .map(([archived, fs]) => Object.assign({ archived }, ...fs) as Omit<PortfolioFilter, 'today'>),
    today: fc.constantFrom('2026-01-01', '2026-03-01', '2026-11-25'),
    sort: fc.constantFrom(...ledgerSorts),
    order: fc.constantFrom('asc', 'desc' as const),
    page: fc.integer({ min: 1, max: 4 }),
    pageSize: fc.constantFrom(1, 7, 20, 100),
  });
};

type Q = ReturnType<typeof queryArb> extends fc.Arbitrary<infer T> ? T : never;

let nonEmpty = 0;
async function expectSameAsSql(db: Db, q: Q) {
  const filter: LedgerFilter = { ...q.filter, year: YEAR, today: q.today };
  const pf: PortfolioFilter = { ...q.filter, today: q.today };
  const paging = { sort: q.sort, order: q.order, page: q.page, pageSize: q.pageSize };
  const index = await portfolioOf(db, YEAR);
  const got = index.page(pf, q.grants, paging);
  const want = await findLedgerPageIds(db, filter, q.grants, paging);
  expect(got).toEqual(want);
  // The list's rows come from the index too: field for field the SQL rows (names joined there),
  // and exactly the contract's fields (the route writes them without the zod pass).
  const rows = index.ledgerPage(pf, q.grants, paging).items;
  expect(rows).toEqual(await findLedgerRowsByIds(db, want.ids, YEAR, q.today));
  for (const row of rows) expect(Object.keys(row).sort()).toEqual(Object.keys(ledgerRow.shape).sort());
  if (want.total > 0) nonEmpty++;
  const summary = summariseLedger(YEAR, index.summaryRows(pf, q.grants));
  expect(summary).toEqual(summariseLedger(YEAR, await findSummaryRows(db, filter, q.grants)));
}

describeEngines('portfolio read path = the SQL it replaces', (engine) => {
  let ctx: TestContext;
  let w: World;
  beforeAll(async () => {
    ctx = await createTestContext(engine, {}, { onDisk: true });
    w = await worldOf(ctx.handle.db);
    await addProjects(ctx.handle.db, w, 300, 7);
  }, 120_000);
  afterAll(() => ctx.close());

  it('gives the same page ids, totals and summary for random queries', async () => {
    await fc.assert(
      fc.asyncProperty(queryArb(w), (q) => expectSameAsSql(ctx.handle.db, q)),
      { numRuns: 150 },
    );
    // Not vacuous: most queries reach some projects.
    expect(nonEmpty).toBeGreaterThan(75);
  }, 120_000);

  it('stays equal after random writes, and another app server sees them at once', async () => {
    const db = ctx.handle.db;
    // A second handle on the same database: another app server with its own cache.
    const other: DbHandle =
      engine === 'postgres'
        ? openDatabase({ url: ctx.config.databaseUrl! })
        : openDatabase({ url: null, file: `${ctx.config.dataDir}/guatu.db` });
    try {
      const ids = (
        await db.selectFrom('projectYears').select('projectId').where('year', '=', YEAR).execute()
      ).map((r) => r.projectId);
      const r = rng(99);
      for (let round = 0; round < 8; round++) {
        // Both caches built before the writes.
        await portfolioOf(db, YEAR);
        await portfolioOf(other.db, YEAR);
        for (let k = 0; k < 5; k++) {
          const id = pick(r, ids);
          switch (round % 4) {
            case 0:
              await db
                .updateTable('projects')
                .set({ actualStart: pick(r, DATES), name: pick(r, NAMES), archivedAt: null })
                .where('id', '=', id)
                .execute();
              break;
            case 1:
              await db
                .updateTable('projectYears')
                .set({ level: pick(r, levels), annualPlan: pick(r, [0, 7_000_000]) })
                .where('projectId', '=', id)
                .where('year', '=', YEAR)
                .execute();
              await db.deleteFrom('projectMembers').where('projectId', '=', id).execute();
              break;
            case 2:
              await addProjects(db, w, 1, 1000 + round * 10 + k);
              await db.deleteFrom('projectMembers').where('projectId', '=', id).execute();
              await db
                .deleteFrom('projectYears')
                .where('projectId', '=', id)
                .where('year', '=', YEAR)
                .execute();
              break;
            case 3:
              // Renames shown on the list (migration 0029), and the list's other columns.
              await db
                .updateTable('people')
                .set({ name: `负责人${round}-${k}` })
                .where('id', '=', pick(r, w.people))
                .execute();
              await db
                .updateTable('departments')
                .set({ name: `部门${round}-${k}` })
                .where('id', '=', pick(r, w.departments))
                .execute();
              await db
                .updateTable('projects')
                .set({ plannedFinish: pick(r, DATES), statsIncluded: k % 2, nature: 'expansion' })
                .where('id', '=', id)
                .execute();
              break;
          }
        }
        await fc.assert(
          fc.asyncProperty(queryArb(w), async (q) => {
            await expectSameAsSql(db, q);
            await expectSameAsSql(other.db, q);
          }),
          { numRuns: 25 },
        );
      }
      // A region moved (a path changed): everything is reloaded.
      const town = w.regions.find((g) => g.path.split('/').length > 4)!;
      await db
        .updateTable('regions')
        .set({ path: `${town.path}moved/` })
        .where('id', '=', town.id)
        .execute();
      w = await worldOf(db);
      await fc.assert(
        fc.asyncProperty(queryArb(w), (q) => expectSameAsSql(other.db, q)),
        { numRuns: 25 },
      );
    } finally {
      forgetPortfolio(other.db);
      await other.db.destroy();
    }
  }, 240_000);
});

describeEngines('portfolio change log pruning', (engine) => {
  it('a cache older than the pruned changes reloads whole, and the hourly job prunes', async () => {
    const ctx = await createTestContext(engine);
    try {
      const db = ctx.handle.db;
      const before = await portfolioOf(db, YEAR);
      const target = before.entries()[0]!;
      await db.updateTable('projects').set({ name: '剪枝后改名' }).where('id', '=', target.id).execute();
      const { version } = await readPortfolioState(db);
      // Every change pruned: the cache cannot patch, it reloads (and still sees the rename).
      const deleted = await prunePortfolioChanges(db, version);
      expect(deleted).toBeGreaterThan(0);
      expect(await db.selectFrom('portfolioChanges').select('version').execute()).toEqual([]);
      const after = await portfolioOf(db, YEAR);
      expect(after.entries().find((r) => r.id === target.id)!.name).toBe('剪枝后改名');
      expect(after.size).toBe(before.size);
      // The job keeps the last PORTFOLIO_CHANGES_KEPT versions: nothing to prune this far down.
      expect(
        await prunePortfolioChangesJob.run({ db, config: ctx.config, now: ctx.clock.now, log: () => {} }),
      ).toEqual({
        deleted: 0,
      });
    } finally {
      await ctx.close();
    }
  }, 60_000);
});

describe('portfolio change counter', () => {
  it('is written by the triggers in the writing transaction only', async () => {
    const { db } = openDatabase({ url: null, file: ':memory:' });
    const { migrateToLatest } = await import('../src/db/migrate.ts');
    await migrateToLatest({ db, engine: 'sqlite', describe: 'memory' });
    const version = async () =>
      Number((await db.selectFrom('portfolioState').select('version').executeTakeFirstOrThrow()).version);
    const before = await version();
    // A rolled-back write leaves the counter as it was.
    await db
      .transaction()
      .execute(async (tx) => {
        await tx
          .insertInto('regions')
          .values({ parentId: null, name: '测试', level: 'county', code: null, path: '/x/', version: 1 })
          .execute();
        throw new Error('rollback');
      })
      .catch(() => undefined);
    expect(await version()).toBe(before);
    await db
      .insertInto('regions')
      .values({ parentId: null, name: '测试', level: 'county', code: null, path: '/x/', version: 1 })
      .execute();
    // One region row: one bump, logged as project 0 (everything).
    expect(await version()).toBe(before + 1);
    const changes = await db
      .selectFrom('portfolioChanges')
      .selectAll()
      .where('version', '>', before)
      .execute();
    expect(changes.map((c) => [Number(c.version), c.projectId])).toEqual([[before + 1, 0]]);
    await db.destroy();
  });
});

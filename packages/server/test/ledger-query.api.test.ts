// One ledger query, three readers: the list (GET /api/projects), the war chart and the ledger
// export resolve the query through services/ledger-query.ts, so that the same filters, default
// year, grants and reader roles give the same projects in each; the level order is the
// vocabulary's in all three.
import type { LedgerPage, WarChartDto } from '@guatu/contracts';
import { buildLaolingDemo, levels } from '@guatu/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
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

const demo = buildLaolingDemo(TEST_TODAY);
const demo2023 = demo.projects.filter((p) => p.years.some((y) => y.year === 2023));
const levelOf2023 = (p: (typeof demo2023)[number]) => p.years.find((y) => y.year === 2023)!.level;
// The living demo's current year on the test clock (2026-11-25): the default year.
const demo2026 = demo.projects.filter((p) => p.years.some((y) => y.year === 2026));
const levelOf2026 = (p: (typeof demo2026)[number]) => p.years.find((y) => y.year === 2026)!.level;
const sorted = (names: Iterable<string>) => [...names].sort();

describeEngines('one ledger query for the list, the war chart and the export', (engine) => {
  let ctx: TestContext;
  let admin: Session;
  beforeAll(async () => {
    ctx = await createTestContext(engine);
    admin = await loginAdmin(ctx.app);
  });
  afterAll(() => ctx.close());

  const listNames = async (s: Session, qs: string) => {
    const res = await call(ctx.app, s, 'GET', `/api/projects?${qs}&pageSize=500`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as LedgerPage;
    return { year: page.year, names: page.items.map((i) => i.name), levels: page.items.map((i) => i.level) };
  };
  const chart = async (s: Session, qs: string) => {
    const res = await call(ctx.app, s, 'GET', `/api/war-chart?${qs}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as WarChartDto;
  };
  /** The export's project rows (序号 in column A, name in B) and its subtotal rows, in order. */
  const exported = async (s: Session, qs: string) => {
    const res = await call(ctx.app, s, 'GET', `/api/projects/export?${qs}`);
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const names: string[] = [];
    const subtotals: string[] = [];
    wb.worksheets[0]!.eachRow((row) => {
      const a = row.getCell(1).value;
      const b = String(row.getCell(2).value ?? '');
      if (typeof a === 'number') names.push(b);
      else if (b.includes('小计')) subtotals.push(b);
    });
    return { names, subtotals };
  };

  it('gives the same projects in all three for each filter (year, level, town, unknown town, default year)', async () => {
    const town = demo.regions.find((r) => r.level === 'town')!;
    const townId = (
      (await call(ctx.app, admin, 'GET', `/api/projects?year=2023&pageSize=500`)).json() as LedgerPage
    ).items.find((i) => i.regionName === town.name)!.regionId;
    const cases: Array<{ qs: string; expected: string[] }> = [
      { qs: 'year=2023', expected: demo2023.map((p) => p.name) },
      {
        qs: 'year=2023&level=city',
        expected: demo2023.filter((p) => levelOf2023(p) === 'city').map((p) => p.name),
      },
      {
        qs: `year=2023&regionId=${townId}`,
        expected: demo2023.filter((p) => p.regionKey === town.key).map((p) => p.name),
      },
      // No year: every reader takes the same default year (this year, 2026, in the living demo).
      {
        qs: 'level=province',
        expected: demo2026.filter((p) => levelOf2026(p) === 'province').map((p) => p.name),
      },
      // An unknown region filters to nothing in all three rather than erroring.
      { qs: 'year=2023&regionId=999999', expected: [] },
    ];
    for (const { qs, expected } of cases) {
      const list = await listNames(admin, qs);
      const w = await chart(admin, qs);
      const file = await exported(admin, qs);
      const year = qs.includes('year=') ? 2023 : 2026;
      expect(list.year, qs).toBe(year);
      expect(w.year, qs).toBe(year);
      expect(sorted(list.names), qs).toEqual(sorted(expected));
      expect(sorted(w.projects.names), qs).toEqual(sorted(expected));
      expect(sorted(file.names), qs).toEqual(sorted(expected));
    }
    expect(cases[1]!.expected).toHaveLength(20);
    expect(cases[3]!.expected).toHaveLength(6);
  });

  it('applies the same grants: a leader sees only the projects they lead, in all three', async () => {
    const leader = await login(ctx.app, 'leader1');
    const expected = demo2023.filter((p) => p.leaderUsername === 'leader1').map((p) => p.name);
    expect(expected.length).toBeGreaterThan(0);
    expect(sorted((await listNames(leader, 'year=2023')).names)).toEqual(sorted(expected));
    expect(sorted((await chart(leader, 'year=2023')).projects.names)).toEqual(sorted(expected));
    expect(sorted((await exported(leader, 'year=2023')).names)).toEqual(sorted(expected));
  });

  it('refuses the officers who do not read the ledger (403) in all three, with a year or without', async () => {
    for (const username of ['auditor', 'secadmin']) {
      const s = await login(ctx.app, username);
      for (const url of [
        '/api/projects/years',
        '/api/projects',
        '/api/projects?year=2023',
        '/api/projects/summary?year=2023',
        '/api/war-chart',
        '/api/war-chart?year=2023',
        '/api/projects/export',
        '/api/projects/export?year=2023',
      ]) {
        const res = await call(ctx.app, s, 'GET', url);
        expect(res.statusCode, `${username} ${url}`).toBe(403);
        expect((res.json() as { error: { code: string } }).error.code).toBe('forbidden');
      }
    }
  });

  it('orders levels province, city, county in the list, the war chart groups and the export subtotals', async () => {
    const list = await listNames(admin, 'year=2023&sort=level&order=asc');
    const rank = list.levels.map((l) => levels.indexOf(l));
    expect(rank).toEqual([...rank].sort((a, b) => a - b));
    expect(new Set(list.levels)).toEqual(new Set(levels));
    expect((await chart(admin, 'year=2023&groupBy=level')).groups.map((g) => g.key)).toEqual([
      'province',
      'city',
      'county',
    ]);
    expect((await exported(admin, 'year=2023')).subtotals).toEqual([
      '一、省级重点项目小计（6个）',
      '二、市级重点项目小计（20个）',
      '三、县级重点项目小计（77个）',
    ]);
  });
});

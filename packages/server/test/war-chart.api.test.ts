import { decodeCell as decode, type WarChartDto } from '@guatu/contracts';
import { buildLaolingDemo } from '@guatu/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildProject, buildUser } from './factories.ts';
import {
  call,
  createTestContext,
  describeEngines,
  login,
  loginAdmin,
  type Session,
  type TestContext,
} from './harness.ts';

// What the charts should hold, computed from the demo dataset the context seeds.
const demo = buildLaolingDemo();
const demo2023 = demo.projects.filter((p) => p.years.some((y) => y.year === 2023));
const regionName = new Map(demo.regions.map((r) => [r.key, r.name]));
const collator = new Intl.Collator('zh-Hans-CN');
const byName = (names: readonly string[]) => [...names].sort(collator.compare);

describeEngines('war chart API', (engine) => {
  let ctx: TestContext;
  let admin: Session;
  beforeAll(async () => {
    ctx = await createTestContext(engine);
    admin = await loginAdmin(ctx.app);
  });
  afterAll(() => ctx.close());

  const chart = async (qs: string, s = admin) => {
    const res = await call(ctx.app, s, 'GET', `/api/war-chart?${qs}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as WarChartDto;
  };

  it('charts the 103 projects of 2023 by level over the 19 default stages', async () => {
    const w = await chart('year=2023');
    expect(w.year).toBe(2023);
    expect(w.stages.map((s) => s.key)).toEqual([
      'signing',
      'registration',
      'approval',
      'site',
      'energy',
      'environment',
      'land',
      'title',
      'landPlanning',
      'worksPlanning',
      'drawings',
      'permit',
      'start',
      'statistics',
      'structure',
      'topping',
      'equipment',
      'acceptance',
      'operation',
    ]);
    expect(w.groups).toEqual([
      { key: 'province', label: '省级重点项目', count: 6 },
      { key: 'city', label: '市级重点项目', count: 20 },
      { key: 'county', label: '县级重点项目', count: 77 },
    ]);
    expect(w.projects.ids).toHaveLength(103);
    expect(w.cells).toHaveLength(103 * 19);
    expect(w.projects.group).toEqual([...w.projects.group].sort((a, b) => a - b));
    const cells = w.cells.map(decode);
    for (const s of [0, 2, 3, 4])
      expect(
        cells.some((c) => c.status === s),
        `status ${s}`,
      ).toBe(true);
    for (const v of [1, 2, 3])
      expect(
        cells.some((c) => c.warning === v),
        `warning ${v}`,
      ).toBe(true);
    expect(cells.some((c) => c.flag === 1)).toBe(true);
    expect(cells.some((c) => c.flag === 2)).toBe(true);
    // Flags follow status: red only on done cells, black on done-late or late cells.
    expect(cells.every((c) => c.flag !== 1 || c.status === 2)).toBe(true);
    expect(cells.every((c) => c.status !== 3 || c.flag === 2)).toBe(true);

    // 中国农批: started, topped out and — the living demo is lived to the test date, 2026-11-25 —
    // in operation since its planned 2023-09-30 ("预计10月前投入运营").
    const row = w.projects.names.indexOf('中国农批乐陵农产品智慧物流园项目');
    const cell = (key: string) => decode(w.cells[row * 19 + w.stages.findIndex((s) => s.key === key)]!);
    expect(cell('start').status).toBe(2);
    expect(cell('topping').status).toBe(2);
    expect(cell('equipment').status).toBe(2);
    expect(cell('operation').status).toBe(2);
  });

  it('groups by town, leader and department and filters to one town', async () => {
    const byTown = await chart('year=2023&groupBy=town');
    // One group per region holding a 2023 project (a town, or the county for county-wide ones),
    // in Chinese collation order, each with its number of projects.
    const perRegion = new Map<string, number>();
    for (const p of demo2023) {
      const name = regionName.get(p.regionKey)!;
      perRegion.set(name, (perRegion.get(name) ?? 0) + 1);
    }
    expect(byTown.groups.map((g) => [g.label, g.count])).toEqual(
      byName([...perRegion.keys()]).map((name) => [name, perRegion.get(name)]),
    );
    const lookups = (await call(ctx.app, admin, 'GET', '/api/lookups')).json() as {
      regions: Array<{ id: number; name: string }>;
    };
    const town = lookups.regions.find((r) => r.name === byTown.groups[0]!.label)!;
    const one = await chart(`year=2023&groupBy=town&regionId=${town.id}`);
    expect(one.groups).toEqual([{ key: String(town.id), label: town.name, count: byTown.groups[0]!.count }]);
    expect(one.cells).toHaveLength(one.projects.ids.length * 19);
    const byLeader = await chart('year=2023&groupBy=leader');
    expect(byLeader.groups.reduce((n, g) => n + g.count, 0)).toBe(103);
    const byDept = await chart('year=2023&groupBy=department&level=province');
    expect(byDept.projects.ids).toHaveLength(6);
    expect((await chart('year=2023&category=reserve')).projects.ids).toHaveLength(21);
    expect((await call(ctx.app, admin, 'GET', '/api/war-chart?groupBy=colour')).statusCode).toBe(400);
  });

  it('shows each user only the projects in scope', async () => {
    // A demo task-force member sees exactly the 2023 projects whose 专班 he is in.
    const tf = await login(ctx.app, 'tf07');
    const mine = await chart('year=2023', tf);
    const tf07 = demo2023.filter((p) => p.taskForceUsernames.includes('tf07')).map((p) => p.name);
    expect(tf07.length).toBeGreaterThan(0); // the demo gives tf07 some projects, else this proves nothing
    expect(byName(mine.projects.names)).toEqual(byName(tf07));
    // A new member of two new projects' 专班 sees those two, not a third he is not in.
    const member = await buildUser(ctx, { roles: ['task_force'] });
    const year = [
      { year: 2027, level: 'county', category: 'implementation', annualPlan: 1_000_000 },
    ] as const;
    const a = await buildProject(ctx, { taskForceIds: [member.personId!], years: [...year] });
    const b = await buildProject(ctx, { taskForceIds: [member.personId!], years: [...year] });
    await buildProject(ctx, { years: [...year] });
    expect([...(await chart('year=2027', member.session!)).projects.ids].sort()).toEqual([a.id, b.id].sort());
    const auditor = await login(ctx.app, 'auditor');
    expect((await call(ctx.app, auditor, 'GET', '/api/war-chart')).statusCode).toBe(403);
  });

  it('exports a coloured .xlsx that loads back with a row per project', async () => {
    const res = await call(ctx.app, admin, 'GET', '/api/war-chart/export.xlsx?year=2023&groupBy=town');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell('A1').value)).toContain('挂图作战');
    expect(ws.getCell('C4').value ?? ws.getCell('C3').value).toBeTruthy();
    expect(ws.getRow(4).getCell(4).value).toBe('项目签约');
    const names: string[] = [];
    for (let r = 5; r < 5 + 103; r++) names.push(String(ws.getRow(r).getCell(3).value));
    const w = await chart('year=2023&groupBy=town');
    expect(names).toEqual(w.projects.names);
    expect(ws.getRow(5 + 103).getCell(3).value ?? null).toBeNull();
    expect(String(ws.getRow(5 + 104).getCell(3).value)).toBe('图例');
    const fill = ws.getRow(5).getCell(4).fill as ExcelJS.FillPattern;
    expect(fill.fgColor?.argb).toMatch(/^FF[0-9A-F]{6}$/);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 3, ySplit: 4 });
  });
});

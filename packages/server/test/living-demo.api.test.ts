/**
 * The living demo (issue 9, item 6): the 2023 list exactly as the article has it, continued to the
 * tests' date (TEST_TODAY, 2026-11-25, the harness's clock), with a current year (2026) whose war
 * chart is a believable county, and the summary "as of" a date (截止日期).
 */
import {
  cellWarning,
  cellWarningOf,
  type LedgerPage,
  type LedgerSummary,
  type WarChartDto,
  type YearsResponse,
} from '@guatu/contracts';
import { buildLaolingDemo, formatPercent } from '@guatu/domain';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  call,
  createTestContext,
  describeEngines,
  loginAdmin,
  TEST_TODAY,
  type Session,
  type TestContext,
} from './harness.ts';

const demo = buildLaolingDemo(TEST_TODAY);
const listOf = (year: number) => demo.projects.filter((p) => p.years.some((y) => y.year === year));

describeEngines('living demo', (engine) => {
  let ctx: TestContext;
  let admin: Session;
  beforeAll(async () => {
    ctx = await createTestContext(engine);
    admin = await loginAdmin(ctx.app);
  });
  afterAll(() => ctx.close());

  const get = async <T>(url: string): Promise<T> => {
    const res = await call(ctx.app, admin, 'GET', url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as T;
  };

  it('answers the article’s figures for 2023 as of 2023-04-13 (截止日期)', async () => {
    const s = await get<LedgerSummary>('/api/projects/summary?year=2023&asOf=2023-04-13');
    expect(s).toEqual({
      year: 2023,
      projects: 103, // "103个重点项目"
      implementation: 82, // "实施类项目82个"
      reserve: 21, // "储备类项目21个"
      started: 64, // "已开工64个" (actual start on or before 2023-04-13)
      notStarted: 18, // "18个项目正在办理开工前手续" = 82 − 64
      startRate: 64 / 82, // "开工率78%"
      totalInvestment: 32_000_000_000, // "总投资320亿元"
      annualPlan: 12_390_000_000, // "年度计划投资123.9亿元"
      // Not in the article: the list's levels (laoling-projects.ts flags P / C / X).
      byLevel: { province: 6, city: 20, county: 77 },
    });
    expect(formatPercent(s.startRate)).toBe('78%');
  });

  it('answers 2023 as of today without asOf: the 18 then waiting have all started since', async () => {
    const s = await get<LedgerSummary>('/api/projects/summary?year=2023');
    expect(s).toMatchObject({ projects: 103, implementation: 82, started: 82, notStarted: 0, startRate: 1 });
    // As of the day before the first of them started, the article's 64 still hold.
    const firstLater = listOf(2023)
      .filter((p) => p.years.some((y) => y.year === 2023 && y.category === 'implementation'))
      .map((p) => p.actualStart!)
      .filter((d) => d > '2023-04-13')
      .sort()[0]!;
    expect(firstLater > '2023-04-13').toBe(true);
    const before = await get<LedgerSummary>(
      `/api/projects/summary?year=2023&asOf=${new Date(Date.parse(firstLater) - 86_400_000).toISOString().slice(0, 10)}`,
    );
    expect(before.started).toBe(64);
    const on = await get<LedgerSummary>(`/api/projects/summary?year=2023&asOf=${firstLater}`);
    expect(on.started).toBeGreaterThan(64);
  });

  it('refuses an asOf that is not a date', async () => {
    const res = await call(ctx.app, admin, 'GET', '/api/projects/summary?year=2023&asOf=13.04.2023');
    expect(res.statusCode).toBe(400);
  });

  it('keeps a list for every year from 2023 to the current one, the current one by default', async () => {
    const years = await get<YearsResponse>('/api/projects/years');
    expect(years).toEqual({ years: [2026, 2025, 2024, 2023, 2022], current: 2026 });
    const s = await get<LedgerSummary>('/api/projects/summary');
    expect(s.year).toBe(2026);
    expect(s.projects).toBe(listOf(2026).length);
    const page = await get<LedgerPage>('/api/projects?pageSize=10');
    expect(page.year).toBe(2026);
    expect(page.total).toBe(listOf(2026).length);
    const chart = await get<WarChartDto>('/api/war-chart');
    expect(chart.year).toBe(2026);
    // Each later list is of the order of 2023's: about a hundred projects, a few hundred 亿元.
    for (const year of [2024, 2025, 2026]) {
      const y = await get<LedgerSummary>(`/api/projects/summary?year=${year}`);
      expect(y.projects).toBeGreaterThanOrEqual(90);
      expect(y.projects).toBeLessThanOrEqual(130);
      expect(y.totalInvestment).toBeGreaterThan(20_000_000_000);
      expect(y.totalInvestment).toBeLessThan(50_000_000_000);
      expect(y.byLevel.province).toBeGreaterThan(0);
      expect(y.byLevel.city).toBeGreaterThan(y.byLevel.province);
      expect(y.byLevel.county).toBeGreaterThan(y.byLevel.city);
    }
  });

  it('draws 2026 as a believable county: most cells green, some yellow, a few red, each for a reason', async () => {
    const w = await get<WarChartDto>('/api/war-chart?year=2026');
    const projects = w.projects.ids.length;
    const stages = w.stages.length;
    expect(projects).toBe(listOf(2026).length);
    expect(stages).toBe(19);
    expect(w.cells.length).toBe(projects * stages);
    const count = { none: 0, green: 0, yellow: 0, red: 0 };
    for (const c of w.cells) {
      const warning = cellWarningOf(c);
      if (warning === cellWarning.green) count.green++;
      else if (warning === cellWarning.yellow) count.yellow++;
      else if (warning === cellWarning.red) count.red++;
      else count.none++;
    }
    expect(count).toEqual(EXPECTED_2026);
    const warned = count.green + count.yellow + count.red;
    expect(count.none + warned).toBe(projects * stages);
    // Of the cells with a warning: most green, some yellow, a few red.
    expect(count.green / warned).toBeGreaterThan(0.85);
    expect(count.yellow / warned).toBeLessThan(0.1);
    expect(count.red / warned).toBeLessThan(0.01);

    // The red cells: the projects held up before 开工, each with the reason in its notes.
    const reds = new Map<string, string[]>();
    w.projects.names.forEach((name, p) => {
      for (let s = 0; s < stages; s++)
        if (cellWarningOf(w.cells[p * stages + s]!) === cellWarning.red)
          reds.set(name, [...(reds.get(name) ?? []), w.stages[s]!.key]);
    });
    expect(Object.fromEntries(reds)).toEqual(EXPECTED_RED_2026);
    for (const name of reds.keys()) {
      const p = demo.projects.find((x) => x.name === name)!;
      expect(p.actualStart).toBeNull();
      expect(p.hitches?.length).toBe(1);
      expect(p.notes).toBe(p.hitches![0]!.reason);
      expect(reds.get(name)).toContain(p.hitches![0]!.stage);
    }
  });

  it('is deterministic: a second database seeded on the same date holds the same rows', async () => {
    const other = await createTestContext(engine);
    try {
      const otherAdmin = await loginAdmin(other.app);
      for (const url of [
        '/api/war-chart?year=2026',
        '/api/war-chart?year=2024',
        '/api/projects?year=2026&pageSize=200',
        '/api/projects?year=2025&pageSize=200',
        '/api/projects/summary?year=2025',
      ]) {
        const mine = await get<unknown>(url);
        const theirs = await call(other.app, otherAdmin, 'GET', url);
        expect(theirs.json(), url).toEqual(mine);
      }
    } finally {
      await other.close();
    }
  });
});

/**
 * The 2026 war chart on 2026-11-25: 105 projects × 19 stages = 1,995 cells; 720 without a warning
 * (not yet due, not applicable), and of the 1,275 with one: 1,169 green (91.7%: done on time, in
 * progress), 100 yellow (7.8%: a stage finished late — a late 开工, a procedure that held the
 * project up, the stages after it — or negative float), 6 red (0.5%).
 * 720 + 1,169 + 100 + 6 = 1,995.
 */
const EXPECTED_2026 = { none: 720, green: 1169, yellow: 100, red: 6 };
/**
 * The red cells, by project: two projects held up before 开工 (laoling-living.ts preStartHitches,
 * the reason in the project's notes): 孔镇镇's road — 规划选址与用地预审 still open, the site touches
 * permanent farmland (自然资源局), and 土地招拍挂 after it; 大孙乡's study base — 建设工程规划许可
 * waiting on a revised plan's public notice, so 施工图审查, 施工许可 and 开工 wait too.
 */
const EXPECTED_RED_2026: Record<string, string[]> = {
  孔镇镇道路提升改造工程项目: ['site', 'land'],
  大孙乡研学基地项目: ['worksPlanning', 'drawings', 'permit', 'start'],
};

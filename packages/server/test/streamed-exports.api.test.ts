/**
 * The streamed xlsx exports (issue 11): a ledger of more projects than one read holds (1,000)
 * reads back with exactly one data row per project and the totals of the database; a failure
 * after the first byte leaves the client with a failed download, not a short file that opens.
 */
import { toWan, type Level } from '@guatu/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type * as batchRepository from '../src/repositories/project-batch.repository.ts';
import { seedGeneratedProjects } from '../src/seed/demo.ts';
import type * as warChartService from '../src/services/war-chart.service.ts';
import {
  call,
  createTestContext,
  describeEngines,
  login,
  loginAdmin,
  type Session,
  type TestContext,
} from './harness.ts';

// Failures midway, switched on per test: the export's second read of project rows, and the war
// chart's project names from a given row on.
// ledgerReadsLeft: reads of project rows that succeed before one fails (-1: none fails).
const failing = vi.hoisted(() => ({ ledgerReadsLeft: -1, warChartRow: -1 }));
vi.mock('../src/repositories/project-batch.repository.ts', async (importOriginal) => {
  const real = await importOriginal<typeof batchRepository>();
  return {
    ...real,
    findExportRows: async (...args: Parameters<typeof real.findExportRows>) => {
      if (failing.ledgerReadsLeft === 0) {
        failing.ledgerReadsLeft = -1;
        throw new Error('test: the database went away');
      }
      if (failing.ledgerReadsLeft > 0) failing.ledgerReadsLeft--;
      return real.findExportRows(...args);
    },
  };
});
vi.mock('../src/services/war-chart.service.ts', async (importOriginal) => {
  const real = await importOriginal<typeof warChartService>();
  return {
    ...real,
    computeWarChart: async (...args: Parameters<typeof real.computeWarChart>) => {
      const data = await real.computeWarChart(...args);
      const from = failing.warChartRow;
      if (from < 0) return data;
      const names = new Proxy(data.chart.projects.names, {
        get(target, key, receiver) {
          if (typeof key === 'string' && Number(key) >= from) throw new Error('test: the writer failed');
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
      return { ...data, chart: { ...data.chart, projects: { ...data.chart.projects, names } } };
    },
  };
});

const GENERATED = 1_500;
const levelNames: Record<Level, string> = { province: '省级', city: '市级', county: '县级' };

async function sheetOf(payload: Buffer | ArrayBuffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(payload as never);
  return wb.worksheets[0]!;
}

describeEngines('streamed xlsx exports', (engine) => {
  let ctx: TestContext;
  let county: Session;
  let admin: Session;
  let base: string;
  beforeAll(async () => {
    ctx = await createTestContext(engine);
    // The 乐陵 demo's 2023 list and 1,500 generated projects on it: two reads of rows and more.
    await seedGeneratedProjects(ctx.handle.db, GENERATED);
    county = await login(ctx.app, 'fgj');
    admin = await loginAdmin(ctx.app); // the whole list: the oracle below has no scope
    base = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  }, 120_000);
  afterAll(() => ctx.close());

  it('writes one data row per project of the list, under totals equal to the database’s', async () => {
    // What the database holds for 2023 (the oracle: plain SQL, not the export's code).
    const years = await ctx.handle.db
      .selectFrom('projectYears as py')
      .innerJoin('projects as p', 'p.id', 'py.projectId')
      .where('py.year', '=', 2023)
      .where('p.archivedAt', 'is', null)
      .select(['py.level', 'p.totalInvestment', 'py.annualPlan', 'py.reportedYtd'])
      .execute();
    const n = years.length;
    expect(n).toBeGreaterThan(GENERATED);
    const sum = (rows: typeof years, k: 'totalInvestment' | 'annualPlan' | 'reportedYtd') =>
      toWan(rows.reduce((s, r) => s + Number(r[k] ?? 0), 0));

    const res = await call(ctx.app, admin, 'GET', '/api/projects/export?year=2023');
    expect(res.statusCode).toBe(200);
    expect(res.headers['transfer-encoding']).toBe('chunked');
    const ws = await sheetOf(res.rawPayload);
    const header = (ws.getRow(4).values as unknown[]).slice(1);
    const col = (label: string) => header.indexOf(label) + 1;
    const [ti, ap, ytd] = [col('总投资'), col('2023年计划投资'), col('累计完成投资')];
    expect(ti * ap * ytd).toBeGreaterThan(0);

    // 合计 first, then per level its 小计 and its projects, numbered 1..n without a gap.
    const total = ws.getRow(5);
    expect(total.getCell(2).value).toBe(`合计（${n}个）`);
    expect(total.getCell(ti).value).toBe(sum(years, 'totalInvestment'));
    expect(total.getCell(ap).value).toBe(sum(years, 'annualPlan'));
    expect(total.getCell(ytd).value).toBe(sum(years, 'reportedYtd'));
    let seq = 0;
    const subtotals: string[] = [];
    for (let r = 6; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const first = row.getCell(1).value;
      if (typeof first === 'number') expect(first).toBe(++seq);
      else subtotals.push(String(row.getCell(2).value));
    }
    expect(seq).toBe(n);
    expect(ws.rowCount).toBe(4 + 1 + subtotals.length + n);
    const byLevel = (['province', 'city', 'county'] as const).filter((l) => years.some((y) => y.level === l));
    expect(subtotals).toEqual(
      byLevel.map(
        (l, i) =>
          `${'一二三'[i]}、${levelNames[l]}重点项目小计（${years.filter((y) => y.level === l).length}个）`,
      ),
    );
    // Each 小计 is the database's sum of its level, and the sum of the rows below it.
    let r = 6;
    for (const level of byLevel) {
      const mine = years.filter((y) => y.level === level);
      const sub = ws.getRow(r);
      expect(sub.getCell(ap).value).toBe(sum(mine, 'annualPlan'));
      let rows = 0;
      let plan = 0;
      for (r++; r <= ws.rowCount && typeof ws.getRow(r).getCell(1).value === 'number'; r++) {
        rows++;
        plan += Math.round(Number(ws.getRow(r).getCell(ap).value) * 10_000);
      }
      expect(rows).toBe(mine.length);
      expect(toWan(plan)).toBe(sum(mine, 'annualPlan'));
    }
  }, 120_000);

  it('writes the war chart of every project in one row each', async () => {
    const chart = (await call(ctx.app, county, 'GET', '/api/war-chart?year=2023')).json() as {
      projects: { ids: number[]; names: string[] };
      stages: unknown[];
    };
    const res = await call(ctx.app, county, 'GET', '/api/war-chart/export.xlsx?year=2023');
    expect(res.statusCode).toBe(200);
    const ws = await sheetOf(res.rawPayload);
    const n = chart.projects.ids.length;
    expect(n).toBeGreaterThan(GENERATED);
    for (const p of [0, 999, n - 1]) {
      expect(ws.getRow(5 + p).getCell(1).value).toBe(p + 1);
      expect(ws.getRow(5 + p).getCell(3).value).toBe(chart.projects.names[p]);
    }
    expect(ws.getRow(5 + n).getCell(1).value).toBeNull(); // the blank row before the legend
  }, 120_000);

  it('keeps 403 and 400 ordinary answers (nothing streamed before the check)', async () => {
    const auditor = await login(ctx.app, 'auditor');
    for (const url of ['/api/projects/export?year=2023', '/api/war-chart/export.xlsx?year=2023']) {
      const res = await call(ctx.app, auditor, 'GET', url);
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toMatch(/json/);
    }
    const bad = await call(ctx.app, county, 'GET', '/api/projects/export?year=99999');
    expect(bad.statusCode).toBe(400);
  });

  /** A download over a real socket: its status, and whether its body arrived whole. */
  async function download(url: string): Promise<{ status: number; whole: boolean; bytes: number }> {
    const res = await fetch(`${base}${url}`, { headers: { cookie: county.cookie } });
    let bytes = 0;
    try {
      const reader = res.body!.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        bytes += value.length;
      }
      return { status: res.status, whole: true, bytes };
    } catch {
      return { status: res.status, whole: false, bytes };
    }
  }

  it('fails the download, after its first bytes, when reading the ledger fails midway', async () => {
    const whole = await download('/api/projects/export?year=2023');
    expect(whole).toMatchObject({ status: 200, whole: true });
    failing.ledgerReadsLeft = 1; // the second read of 1,000 rows fails
    try {
      const cut = await download('/api/projects/export?year=2023');
      expect(cut.status).toBe(200); // the headers had gone out
      expect(cut.whole).toBe(false); // the connection closed without the last chunk
      expect(cut.bytes).toBeGreaterThan(0);
      expect(cut.bytes).toBeLessThan(whole.bytes);
    } finally {
      failing.ledgerReadsLeft = -1;
    }
  }, 120_000);

  it('fails the download when writing the war chart fails midway', async () => {
    failing.warChartRow = 1_200;
    try {
      const cut = await download('/api/war-chart/export.xlsx?year=2023');
      expect(cut.status).toBe(200);
      expect(cut.whole).toBe(false);
      expect(cut.bytes).toBeGreaterThan(0);
    } finally {
      failing.warChartRow = -1;
    }
    expect(await download('/api/war-chart/export.xlsx?year=2023')).toMatchObject({
      status: 200,
      whole: true,
    });
  }, 120_000);
});

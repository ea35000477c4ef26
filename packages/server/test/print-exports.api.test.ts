import type { WarChartDto } from '@guatu/contracts';
import { buildLaolingDemo, importFieldLabels } from '@guatu/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  call,
  createTestContext,
  describeEngines,
  login,
  type Session,
  type TestContext,
} from './harness.ts';

// Exports that print as offices print them (issue 9, item 15), read back with exceljs.
const demo = buildLaolingDemo();
const demo2023 = demo.projects.filter((p) => p.years.some((y) => y.year === 2023));
const levels2023 = new Set(demo2023.map((p) => p.years.find((y) => y.year === 2023)!.level));
const EN = { 'accept-language': 'en-US' };

async function workbook(payload: Buffer | string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(payload as never);
  return wb.worksheets[0]!;
}

const isThin = (cell: ExcelJS.Cell) =>
  (['top', 'left', 'bottom', 'right'] as const).every((side) => cell.border?.[side]?.style === 'thin');

/** The cells of rows from..to, columns 1..cols, that carry a thin border on all four sides. */
function bordered(ws: ExcelJS.Worksheet, from: number, to: number, cols: number): number {
  let n = 0;
  for (let r = from; r <= to; r++) for (let c = 1; c <= cols; c++) if (isThin(ws.getRow(r).getCell(c))) n++;
  return n;
}

function expectPrintSetup(ws: ExcelJS.Worksheet, footer: string) {
  expect(ws.pageSetup).toMatchObject({
    paperSize: 8, // A3
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: '3:4',
  });
  expect(ws.headerFooter.oddFooter).toBe(footer);
}

describeEngines('exports that print', (engine) => {
  let ctx: TestContext;
  let county: Session;
  beforeAll(async () => {
    ctx = await createTestContext(engine);
    county = await login(ctx.app, 'fgj'); // 乐陵市's admin: the jurisdiction is 乐陵市
  });
  afterAll(() => ctx.close());

  it('prints the ledger on A3 landscape, one page wide, its header on every page, 第 N 页 共 M 页 below', async () => {
    const res = await call(ctx.app, county, 'GET', '/api/projects/export?year=2023');
    expect(res.statusCode).toBe(200);
    // The test clock is 2026-11-25 (Asia/Shanghai): the export is as of that day.
    const title = '乐陵市2023年重点项目台账（截至2026年11月25日）';
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(`${title}.xlsx`);
    const ws = await workbook(res.rawPayload);
    expect(ws.getCell('A1').value).toBe(title);
    expectPrintSetup(ws, '&C第 &P 页 共 &N 页');

    // Every data cell bordered: 合计, one 小计 per level, one row per project, every column.
    const cols = ws.columnCount;
    expect(cols).toBeGreaterThanOrEqual(20);
    const dataRows = 1 + levels2023.size + demo2023.length;
    expect(ws.rowCount).toBe(4 + dataRows);
    expect(bordered(ws, 5, ws.rowCount, cols)).toBe(dataRows * cols);
    expect(bordered(ws, 3, 4, cols)).toBe(2 * cols); // the header, as before
    expect(ws.getCell('K5').numFmt).toBe('0.00'); // money keeps its format under the border
  });

  it('writes the ledger’s dates as date cells with a date format, and they read back as the same dates', async () => {
    const page = (await call(ctx.app, county, 'GET', '/api/projects?year=2023&pageSize=200')).json() as {
      items: Array<{ name: string; plannedStart: string | null }>;
    };
    const dated = page.items.find((p) => p.plannedStart && /^\d{4}-\d{2}-\d{2}$/.test(p.plannedStart));
    expect(dated).toBeDefined();
    const ws = await workbook(
      (await call(ctx.app, county, 'GET', '/api/projects/export?year=2023')).rawPayload,
    );
    const header = ws.getRow(4).values as unknown[];
    const startCol = header.indexOf(importFieldLabels.plannedStart);
    const nameCol = header.indexOf(importFieldLabels.name);
    expect(startCol).toBeGreaterThan(0);
    let row: ExcelJS.Row | null = null;
    for (let r = 5; r <= ws.rowCount; r++)
      if (ws.getRow(r).getCell(nameCol).value === dated!.name) row = ws.getRow(r);
    const cell = row!.getCell(startCol);
    expect(cell.type).toBe(ExcelJS.ValueType.Date);
    expect(cell.value).toBeInstanceOf(Date);
    expect((cell.value as Date).toISOString().slice(0, 10)).toBe(dated!.plannedStart);
    expect(cell.numFmt).toBe('yyyy-mm-dd');
    // No full date stays text anywhere in the data rows.
    for (let r = 5; r <= ws.rowCount; r++)
      ws.getRow(r).eachCell((c) => {
        if (typeof c.value === 'string') expect(c.value).not.toMatch(/^\d{4}-\d{2}-\d{2}$/);
      });
  });

  it('prints the blank template the same way', async () => {
    const res = await call(ctx.app, county, 'GET', '/api/projects/export/template?year=2024');
    const ws = await workbook(res.rawPayload);
    expect(ws.getCell('A1').value).toBe('乐陵市2024年重点项目台账');
    expectPrintSetup(ws, '&C第 &P 页 共 &N 页');
  });

  it('prints the war chart: title with jurisdiction and date, four-digit years, each group named once', async () => {
    const res = await call(ctx.app, county, 'GET', '/api/war-chart/export.xlsx?year=2023&groupBy=town');
    expect(res.statusCode).toBe(200);
    const title = '乐陵市2023年重点项目挂图作战图（截至2026年11月25日）';
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(`${title}.xlsx`);
    const ws = await workbook(res.rawPayload);
    expect(ws.getCell('A1').value).toBe(title);
    expectPrintSetup(ws, '&C第 &P 页 共 &N 页');

    const chart = (
      await call(ctx.app, county, 'GET', '/api/war-chart?year=2023&groupBy=town')
    ).json() as WarChartDto;
    const n = chart.projects.ids.length;
    const cols = 3 + chart.stages.length;
    expect(n).toBe(demo2023.length);
    expect(bordered(ws, 5, 4 + n, cols)).toBe(n * cols);

    // Dates: YYYY-MM-DD after the mark, never a two-digit year.
    let dates = 0;
    for (let r = 5; r <= 4 + n; r++)
      for (let c = 4; c <= cols; c++) {
        const text = String(ws.getRow(r).getCell(c).value ?? '');
        const date = /(\S+)$/.exec(text)?.[1] ?? '';
        if (/\d/.test(date)) {
          expect(date).toMatch(/^20\d{2}-\d{2}-\d{2}$/);
          dates++;
        }
      }
    expect(dates).toBeGreaterThan(n); // most cells show a date

    // The group column names each group once, on its first row, blank below it.
    const shown: Array<{ row: number; label: string }> = [];
    for (let p = 0; p < n; p++) {
      const v = ws.getRow(5 + p).getCell(2).value;
      if (v !== null && v !== '') shown.push({ row: p, label: String(v) });
    }
    const firsts = chart.projects.group.flatMap((g, p) =>
      p === 0 || chart.projects.group[p - 1] !== g ? [{ row: p, label: chart.groups[g]!.label }] : [],
    );
    expect(shown).toEqual(firsts);
    expect(shown.map((s) => s.label)).toEqual(chart.groups.filter((g) => g.count > 0).map((g) => g.label));
    expect(new Set(shown.map((s) => s.label)).size).toBe(shown.length);
  });

  it('words the war chart’s title and footer in English for an en-US request (the region name is data)', async () => {
    const res = await call(
      ctx.app,
      county,
      'GET',
      '/api/war-chart/export.xlsx?year=2023&groupBy=level',
      undefined,
      EN,
    );
    const ws = await workbook(res.rawPayload);
    expect(ws.getCell('A1').value).toBe('乐陵市 2023 key projects war chart (as of 2026-11-25)');
    expectPrintSetup(ws, '&CPage &P of &N');
  });
});

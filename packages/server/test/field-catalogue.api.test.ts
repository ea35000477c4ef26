import type {
  ImportCommitResult,
  ImportPreview,
  ImportUpload,
  LedgerPage,
  LedgerSummary,
  Project,
} from '@guatu/contracts';
import { exportColumns } from '@guatu/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { multipart, xlsxBuffer } from './fixtures/ledger-workbooks.ts';
import {
  call,
  createTestContext,
  describeEngines,
  login,
  type Session,
  type TestContext,
} from './harness.ts';

// Issue 9, items 4 and 5, through the field catalogue: a ledger's √ without any date, its
// year-to-date completed investment, 形象进度 and 截至时间. Year 2031 is this file's own list.
const YEAR = 2031;

/** 乐陵市's ledger as offices send it mid-year: a 截至 line, 1-3月完成投资 and 形象进度 columns. */
async function reportedLedger(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow([`乐陵市${YEAR}年重点项目台账`]);
  ws.addRow(['单位：万元', null, null, null, null, null, null, '截至时间：2031年3月31日']);
  ws.addRow([
    '序号',
    '项目名称',
    '项目级别',
    '项目类别',
    '建设性质',
    '总投资',
    `${YEAR}年计划投资`,
    '1-3月完成投资',
    '形象进度',
    '是否开工',
    '开工时间',
    '计划开工时间',
  ]);
  ws.addRow([1, '目录测试甲项目', '县级', '实施类', '新建', 5000, 2000, 1234.56, '主体施工，完成 40%', '√']);
  ws.addRow([2, '目录测试乙项目', '县级', '实施类', '续建', 3000, 1000, null, '办理施工许可', '否']);
  ws.addRow([3, '目录测试丙项目', '县级', '实施类', '新建', 800, 800, 200, null, '是', null, '2026-02']);
  return xlsxBuffer(wb);
}

describeEngines('field catalogue API (issue 9: started without a date, reported figures)', (engine) => {
  let ctx: TestContext;
  let county: Session;
  beforeAll(async () => {
    ctx = await createTestContext(engine);
    county = await login(ctx.app, 'fgj');
  });
  afterAll(() => ctx.close());

  const importLedger = async (data: Buffer) => {
    const body = multipart('ledger.xlsx', data);
    const up = await ctx.app.inject({
      method: 'POST',
      url: '/api/projects/import',
      payload: body.payload,
      headers: { ...body.headers, cookie: county.cookie, 'x-csrf-token': county.csrf },
    });
    expect(up.statusCode, up.body).toBe(201);
    const id = (up.json() as ImportUpload).uploadId;
    const preview = await call(ctx.app, county, 'POST', `/api/projects/import/${id}/preview`, {});
    expect(preview.statusCode, preview.body).toBe(200);
    const commit = await call(ctx.app, county, 'POST', `/api/projects/import/${id}/commit`, {});
    expect(commit.statusCode, commit.body).toBe(200);
    return { preview: preview.json() as ImportPreview, result: commit.json() as ImportCommitResult };
  };
  const byName = async (name: string) => {
    const page = (
      await call(ctx.app, county, 'GET', `/api/projects?year=${YEAR}&q=${encodeURIComponent(name)}`)
    ).json() as LedgerPage;
    const row = page.items.find((r) => r.name === name)!;
    const project = (await call(ctx.app, county, 'GET', `/api/projects/${row.id}`)).json() as Project;
    return { row, project };
  };

  it('imports √ with no date as started (date unknown) with a warning, and the reported figures as of the title date', async () => {
    const { preview, result } = await importLedger(await reportedLedger());
    expect(preview.counts).toMatchObject({ rows: 3, new: 3, error: 0, warnings: 2 });
    expect(preview.detection.columns.map((c) => c.field)).toEqual([
      null,
      'name',
      'level',
      'category',
      'nature',
      'totalInvestment',
      'annualPlan',
      'reportedYtd',
      'reportedProgress',
      'started',
      'actualStart',
      'plannedStart',
    ]);
    expect(preview.issues.map((i) => `${i.row}:${i.column}:${i.severity}:${i.code}`)).toEqual([
      '4:J:warning:started_undated',
      '6:J:warning:started_without_date',
    ]);
    expect(preview.issues[0]!.message).toBe(
      '标为已开工但没有开工时间和计划开工时间，按“已开工（日期未填）”导入',
    );
    expect(result.counts.new).toBe(3);

    const a = await byName('目录测试甲项目');
    expect(a.row.started).toBe(true);
    expect(a.row.actualStart).toBeNull();
    expect(a.project.started).toBe(true);
    expect(a.project.startedUndated).toBe(true);
    expect(a.project.years).toEqual([
      {
        year: YEAR,
        level: 'county',
        category: 'implementation',
        annualPlan: 20_000_000,
        reportedYtd: 12_345_600,
        reportedProgress: '主体施工，完成 40%',
        reportedAsOf: '2031-03-31',
      },
    ]);

    const b = await byName('目录测试乙项目');
    expect(b.project.started).toBe(false);
    expect(b.project.startedUndated).toBe(false);
    expect(b.project.years[0]).toMatchObject({
      reportedYtd: null,
      reportedProgress: '办理施工许可',
      reportedAsOf: '2031-03-31',
    });

    // √ with a planned start keeps today's rule: the planned start becomes the actual start.
    const c = await byName('目录测试丙项目');
    expect(c.project.actualStart).toBe('2026-02');
    expect(c.project.startedUndated).toBe(false);
    expect(c.project.years[0]!.reportedYtd).toBe(2_000_000);

    // The start rate counts the undated start: 甲 and 丙 of three implementation projects.
    const summary = (
      await call(ctx.app, county, 'GET', `/api/projects/summary?year=${YEAR}`)
    ).json() as LedgerSummary;
    expect(summary).toMatchObject({ projects: 3, implementation: 3, started: 2, notStarted: 1 });
    const started = (
      await call(ctx.app, county, 'GET', `/api/projects?year=${YEAR}&started=yes`)
    ).json() as LedgerPage;
    expect(started.items.map((r) => r.name).sort()).toEqual(['目录测试丙项目', '目录测试甲项目']);
    const notStarted = (
      await call(ctx.app, county, 'GET', `/api/projects?year=${YEAR}&started=no`)
    ).json() as LedgerPage;
    expect(notStarted.items.map((r) => r.name)).toEqual(['目录测试乙项目']);
  });

  it('exports the catalogue columns in order, with 已开工 for an undated start and the reported figures', async () => {
    const res = await call(ctx.app, county, 'GET', `/api/projects/export?year=${YEAR}&sort=name`);
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(4).values as unknown[]).slice(1);
    expect(header).toEqual(['序号', ...exportColumns(YEAR).map((c) => c.header)]);
    const col = (h: string) => header.indexOf(h) + 1;
    let row: ExcelJS.Row | null = null;
    ws.eachRow((r) => {
      if (r.getCell(2).value === '目录测试甲项目') row = r;
    });
    expect(row).not.toBeNull();
    const r = row as unknown as ExcelJS.Row;
    expect(r.getCell(col('实际开工时间')).value).toBe('已开工');
    expect(r.getCell(col('累计完成投资')).value).toBe(1234.56);
    expect(r.getCell(col('形象进度')).value).toBe('主体施工，完成 40%');
    // A date cell once the print setup has turned ISO text into dates, else the text.
    const asOf = r.getCell(col('截至日期')).value;
    expect(asOf instanceof Date ? asOf.toISOString().slice(0, 10) : asOf).toBe('2031-03-31');
    // The 合计 row sums the year-to-date column too: 1234.56 + 200 万元.
    expect(ws.getRow(5).getCell(col('累计完成投资')).value).toBe(1434.56);
  });

  it('clears the undated start when the form sets an actual start date, and keeps the reported figures', async () => {
    const { project } = await byName('目录测试甲项目');
    const res = await call(ctx.app, county, 'PATCH', `/api/projects/${project.id}`, {
      version: project.version,
      actualStart: '2031-04-02',
      years: [{ year: YEAR, level: 'county', category: 'implementation', annualPlan: 20_000_000 }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json() as Project;
    expect(after.startedUndated).toBe(false);
    expect(after.actualStart).toBe('2031-04-02');
    expect(after.years[0]).toMatchObject({ reportedYtd: 12_345_600, reportedAsOf: '2031-03-31' });

    const b = (await byName('目录测试乙项目')).project;
    const marked = await call(ctx.app, county, 'PATCH', `/api/projects/${b.id}`, {
      version: b.version,
      startedUndated: true,
    });
    expect(marked.statusCode, marked.body).toBe(200);
    expect(marked.json()).toMatchObject({ started: true, startedUndated: true, actualStart: null });
  });
});

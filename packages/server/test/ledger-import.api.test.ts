import type { ImportCommitResult, ImportPreview, ImportUpload, LedgerPage, Project } from '@guatu/contracts';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  badRowsLedger,
  corruptXlsx,
  csvLedger,
  encryptedXlsx,
  gbkCsv,
  headerUnitLedger,
  legacyXls,
  messyExpected,
  messyLedger,
  multipart,
  pngFile,
  yiLedger,
} from './fixtures/ledger-workbooks.ts';
import {
  call,
  createTestContext,
  describeEngines,
  login,
  loginAdmin,
  type Session,
  type TestContext,
} from './harness.ts';

describeEngines('ledger import API', (engine) => {
  let ctx: TestContext;
  let admin: Session;
  let county: Session;
  beforeAll(async () => {
    ctx = await createTestContext(engine);
    admin = await loginAdmin(ctx.app);
    county = await login(ctx.app, 'fgj');
  });
  afterAll(() => ctx.close());

  const upload = (s: Session, name: string, data: Buffer | string) => {
    const body = multipart(name, typeof data === 'string' ? Buffer.from(data) : data);
    return ctx.app.inject({
      method: 'POST',
      url: '/api/projects/import',
      payload: body.payload,
      headers: { ...body.headers, cookie: s.cookie, 'x-csrf-token': s.csrf },
    });
  };
  const uploadOk = async (s: Session, name: string, data: Buffer | string) => {
    const res = await upload(s, name, data);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as ImportUpload;
  };
  const preview = async (s: Session, id: string, body: object = {}) => {
    const res = await call(ctx.app, s, 'POST', `/api/projects/import/${id}/preview`, body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ImportPreview;
  };
  const commit = (s: Session, id: string, body: object = {}) =>
    call(ctx.app, s, 'POST', `/api/projects/import/${id}/commit`, body);
  const counts = async () => {
    const db = ctx.handle.db;
    const n = async (t: 'projects' | 'projectYears' | 'auditLog') =>
      Number(
        (
          await db
            .selectFrom(t)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return { projects: await n('projects'), years: await n('projectYears'), audit: await n('auditLog') };
  };
  const find = async (name: string) => {
    const page = (
      await call(ctx.app, admin, 'GET', `/api/projects?year=2023&archived=all&q=${encodeURIComponent(name)}`)
    ).json() as LedgerPage;
    const row = page.items.find((r) => r.name === name);
    return row ? ((await call(ctx.app, admin, 'GET', `/api/projects/${row.id}`)).json() as Project) : null;
  };

  it('detects the header, units and mapping of a messy office ledger, previews and commits it', async () => {
    const up = await uploadOk(county, '乐陵市2023年重点项目台账.xlsx', await messyLedger());
    expect(up.fileName).toBe('乐陵市2023年重点项目台账.xlsx');
    expect(up.sheets).toEqual([{ name: '2023年台账', rows: 16, columns: 14, headerFound: true }]);
    const d = up.detection;
    expect(d).toMatchObject({
      headerRows: [3, 4],
      unit: 'wan',
      detectedYear: 2023,
      title: '乐陵市2023年重点项目台账',
    });
    expect(d.columns.map((c) => c.field)).toEqual([
      null,
      'name',
      'nature',
      'totalInvestment',
      'annualPlan',
      // 1-3月完成投资: the year-to-date figure the ledger reports (issue 9, item 5).
      'reportedYtd',
      'town',
      'plannedStart',
      'actualStart',
      'started',
      'statsIncluded',
      'leader',
      'department',
      'notes',
    ]);
    expect(d.columns[5]!.label).toBe('投资情况（万元） / 1-3月完成投资');

    const p = await preview(county, up.uploadId);
    expect(p.year).toBe(2023);
    expect(p.counts).toMatchObject({ rows: 4, new: 4, changed: 0, unchanged: 0, error: 0 });
    expect(p.skipped.map((s) => `${s.row}:${s.reason}`)).toEqual([
      '5:total',
      '6:section',
      '9:blank',
      '10:section',
      '11:section',
      '13:section',
      '15:total',
      '16:note',
    ]);

    const before = await counts();
    const res = await commit(county, up.uploadId);
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json() as ImportCommitResult;
    expect(result.counts.new).toBe(4);
    expect(result.createdIds).toHaveLength(4);
    const after = await counts();
    expect(after.projects - before.projects).toBe(4);
    expect(after.years - before.years).toBe(4);
    expect(after.audit - before.audit).toBe(5); // one per project and one for the import

    for (const e of messyExpected) {
      const got = await find(e.name);
      expect(got, e.name).not.toBeNull();
      const year = got!.years.find((y) => y.year === 2023)!;
      expect({
        ...got,
        level: year.level,
        category: year.category,
        annualPlan: year.annualPlan,
      }).toMatchObject(e);
    }
    // The upload is gone after the commit.
    expect((await commit(county, up.uploadId)).statusCode).toBe(404);

    const auditor = await login(ctx.app, 'auditor');
    const audit = (await call(ctx.app, auditor, 'GET', '/api/audit?entity=import')).json() as {
      items: Array<{ after: { counts: { new: number }; fileName: string } }>;
    };
    expect(audit.items[0]!.after).toMatchObject({
      fileName: '乐陵市2023年重点项目台账.xlsx',
      counts: { new: 4 },
    });
  });

  it('a second import of the same file changes nothing; an edited one shows a field-level diff and bumps versions', async () => {
    // Its own four projects (another prefix than the first test's), imported once.
    const first = await uploadOk(county, 'first.xlsx', await messyLedger('复导测试'));
    expect((await commit(county, first.uploadId)).statusCode).toBe(200);
    const same = await uploadOk(county, 'again.xlsx', await messyLedger('复导测试'));
    expect((await preview(county, same.uploadId)).counts).toMatchObject({ new: 0, changed: 0, unchanged: 4 });

    const p = (await find('复导测试冷链物流中心项目'))!;
    const edited = await call(ctx.app, admin, 'PATCH', `/api/projects/${p.id}`, {
      version: p.version,
      totalInvestment: 1,
      notes: '手工改过',
    });
    expect(edited.statusCode).toBe(200);
    const pv = await preview(county, same.uploadId, { status: ['changed'] });
    expect(pv.counts).toMatchObject({ changed: 1, unchanged: 3 });
    expect(pv.rows).toHaveLength(1);
    expect(pv.rows[0]!.diff).toEqual([
      { field: 'totalInvestment', label: '总投资', before: 1, after: 60_000_000 },
      { field: 'notes', label: '备注', before: '手工改过', after: '已完成主体封顶' },
    ]);
    const res = await commit(county, same.uploadId);
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as ImportCommitResult).updatedIds).toEqual([p.id]);
    const now = (await find('复导测试冷链物流中心项目'))!;
    expect(now.version).toBe(p.version + 2);
    expect(now.totalInvestment).toBe(60_000_000);
  });

  it('reads 亿元 from the title line, levels and categories in columns, and picks the sheet with the header', async () => {
    const up = await uploadOk(county, 'yi.xlsx', await yiLedger());
    expect(up.detection.sheet).toBe('清单');
    expect(up.detection.unit).toBe('yi');
    const p = await preview(county, up.uploadId);
    expect(p.counts).toMatchObject({ new: 3, error: 0 });
    expect((await commit(county, up.uploadId)).statusCode).toBe(200);
    const a = (await find('亿元测试甲项目'))!;
    expect(a).toMatchObject({ totalInvestment: 150_000_000, plannedFinish: '2025-12' });
    expect(a.years.find((y) => y.year === 2023)).toMatchObject({
      level: 'province',
      category: 'implementation',
      annualPlan: 25_000_000,
    });
    expect((await find('亿元测试乙项目'))!.years[0]).toMatchObject({ level: 'city', category: 'reserve' });
    expect((await find('亿元测试乙项目'))!.totalInvestment).toBe(80_000_000);
  });

  it('reads a unit given in the header itself, CSV in UTF-8 and in GBK', async () => {
    const h = await uploadOk(county, 'unit.xlsx', await headerUnitLedger());
    expect(h.detection.columns.map((c) => c.unit)).toEqual([null, null, 'yi', 'wan']);
    expect((await commit(county, h.uploadId, { year: 2023 })).statusCode).toBe(200);
    expect((await find('单位混排测试项目'))!.totalInvestment).toBe(123_450_000);

    const csv = await uploadOk(county, '台账.csv', csvLedger());
    const p = await preview(county, csv.uploadId, { year: 2023 });
    expect(p.counts).toMatchObject({ new: 2, error: 0, skipped: 1 });
    expect((await commit(county, csv.uploadId, { year: 2023 })).statusCode).toBe(200);
    expect(await find('CSV测试项目，带逗号')).toMatchObject({
      totalInvestment: 10_000_000,
      plannedStart: '2023-06',
    });
    expect((await find('CSV测试第二项目'))!.plannedStart).toBe('2023-10');

    const gbk = await uploadOk(county, 'gbk.csv', gbkCsv());
    expect((await preview(county, gbk.uploadId, { year: 2023 })).rows[0]).toMatchObject({
      name: 'GBK测试项目',
      status: 'new',
    });
  });

  it('lists every bad cell with its sheet, row and column; committing it writes nothing (422)', async () => {
    const up = await uploadOk(county, 'bad.xlsx', await badRowsLedger());
    const p = await preview(county, up.uploadId, { year: 2023 });
    expect(p.counts).toMatchObject({ rows: 5, new: 1, error: 4 });
    const where = p.issues
      .filter((i) => i.severity === 'error')
      .map((i) => `${i.sheet}!${i.column ?? '-'}${i.row} ${i.code}`);
    expect(where).toEqual([
      '有错误!C3 bad_number',
      '有错误!D4 bad_date',
      '有错误!G4 bad_yes_no',
      '有错误!E4 town_out_of_scope',
      '有错误!A5 missing_name',
      '有错误!B6 missing_level',
    ]);
    // A leader the system does not know is no error since issue 9: a person to create with the import.
    expect(p.toCreate).toEqual({ departments: [], people: ['无名氏'] });
    expect(p.issues.find((i) => i.code === 'town_out_of_scope')!.message).toBe(
      '“津城街道”不在您的管辖范围内',
    );
    const before = await counts();
    const res = await commit(county, up.uploadId, { year: 2023 });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({
      code: 'import_has_errors',
      message: '有 4 行存在错误，未导入任何数据；请修正后重新上传',
    });
    expect(await counts()).toEqual(before);
  });

  it('refuses files that are not readable spreadsheets with a clear 400, writing nothing', async () => {
    const before = await counts();
    const cases: Array<[string, Buffer, string, string]> = [
      ['locked.xlsx', encryptedXlsx(), 'encrypted_file', '密码'],
      ['old.xls', legacyXls(), 'legacy_xls', '.xls'],
      ['broken.xlsx', await corruptXlsx(), 'corrupt_file', '损坏'],
      ['photo.png', pngFile(), 'not_spreadsheet', '.xlsx'],
      ['empty.xlsx', Buffer.alloc(0), 'not_spreadsheet', 'CSV'],
      ['notes.csv', Buffer.from('hello\nworld\n'), 'import_no_header', '项目名称'],
    ];
    for (const [name, data, code, text] of cases) {
      const res = await upload(county, name, data);
      expect(res.statusCode, name).toBe(400);
      expect(res.json().error.code, name).toBe(code);
      expect(res.json().error.message, name).toContain(text);
    }
    expect(await counts()).toEqual(before);
  });

  it('answers 413 with a clear message above 20 MB', async () => {
    const res = await upload(county, 'huge.xlsx', Buffer.alloc(20 * 1024 * 1024 + 10, 1));
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'too_large', message: '请求内容过大（上限 20 MB）' });
  });

  it('only admins import, with the CSRF token; uploads belong to their uploader', async () => {
    const viewer = await login(ctx.app, 'viewer');
    expect((await upload(viewer, 'a.xlsx', await headerUnitLedger())).statusCode).toBe(403);
    const body = multipart('a.xlsx', await headerUnitLedger());
    const noCsrf = await ctx.app.inject({
      method: 'POST',
      url: '/api/projects/import',
      payload: body.payload,
      headers: { ...body.headers, cookie: county.cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
    const up = await uploadOk(county, 'a.xlsx', await headerUnitLedger());
    expect(
      (await call(ctx.app, admin, 'POST', `/api/projects/import/${up.uploadId}/preview`, {})).statusCode,
    ).toBe(404);
    expect(
      (await call(ctx.app, county, 'POST', '/api/projects/import/nonexistent-upload/commit', {})).statusCode,
    ).toBe(404);
  });

  it('takes corrected mappings, refuses a field mapped twice, and saves and offers templates', async () => {
    // Projects of its own prefix: its commit must not create the first test's.
    const up = await uploadOk(county, 'map.xlsx', await messyLedger('映射测试'));
    const twice = await call(ctx.app, county, 'POST', `/api/projects/import/${up.uploadId}/preview`, {
      mapping: [{ index: 13, field: 'name' }],
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.code).toBe('import_mapping');
    // Notes column ignored: nothing changes for it; then save the mapping as a template on commit.
    const p = await preview(county, up.uploadId, { mapping: [{ index: 13, field: null }] });
    expect(p.detection.columns[13]).toMatchObject({ suggested: 'notes', field: null });
    const res = await commit(county, up.uploadId, {
      mapping: [{ index: 13, field: null }],
      saveTemplate: '县发改局台账',
    });
    expect(res.statusCode, res.body).toBe(200);
    const templateId = (res.json() as ImportCommitResult).templateId;
    const list = (await call(ctx.app, county, 'GET', '/api/projects/import/templates')).json() as {
      items: Array<{ id: number; name: string }>;
    };
    expect(list.items.map((t) => t.name)).toEqual(['县发改局台账']);
    const next = await uploadOk(county, 'map2.xlsx', await messyLedger('映射测试'));
    expect(next.detection.templateId).toBe(templateId);
    expect(next.detection.columns[13]!.field).toBeNull();
    expect(next.templates.map((t) => t.id)).toEqual([templateId]);
    // Other users do not see it; its owner may delete it.
    expect(
      ((await call(ctx.app, admin, 'GET', '/api/projects/import/templates')).json() as { items: unknown[] })
        .items,
    ).toEqual([]);
    expect(
      (await call(ctx.app, county, 'DELETE', `/api/projects/import/templates/${templateId}`)).statusCode,
    ).toBe(200);
  });

  it('exports the standard layout, and importing the export changes nothing (round trip)', async () => {
    const res = await call(ctx.app, county, 'GET', '/api/projects/export?year=2023');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const file = res.rawPayload;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    // The jurisdiction and the as-of date (the test clock's day) in the title (print-exports.api.test.ts).
    expect(ws.getCell('A1').value).toBe('乐陵市2023年重点项目台账（截至2026年11月25日）');
    expect(ws.getCell('A2').value).toBe('单位：万元');
    expect(ws.getCell('K3').value).toBe('投资情况（万元）');
    expect(ws.getCell('L3').value).toBe('投资情况（万元）');
    expect(ws.getCell('K4').value).toBe('总投资');
    expect(ws.getCell('L4').value).toBe('2023年计划投资');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(ws.getColumn(2).width).toBe(36);
    expect(ws.getCell('B5').value).toMatch(/^合计（\d+个）$/);
    expect(ws.getCell('K5').numFmt).toBe('0.00');
    const summary = (await call(ctx.app, county, 'GET', '/api/projects/summary?year=2023')).json() as {
      totalInvestment: number;
      projects: number;
    };
    expect(Math.round((ws.getCell('K5').value as number) * 10_000)).toBe(summary.totalInvestment);
    expect(ws.getCell('B5').value).toBe(`合计（${summary.projects}个）`);
    expect(ws.getCell('B6').value).toMatch(/^一、省级重点项目小计（\d+个）$/);

    const up = await uploadOk(county, '导出.xlsx', file);
    const p = await preview(county, up.uploadId);
    expect(p.counts).toMatchObject({
      rows: summary.projects,
      new: 0,
      changed: 0,
      error: 0,
      unchanged: summary.projects,
    });
  });

  it('exports with the ledger filters and grants; the blank template reads back as an empty ledger', async () => {
    const province = await call(ctx.app, county, 'GET', '/api/projects/export?year=2023&level=province');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(province.rawPayload as unknown as ArrayBuffer);
    const page = (
      await call(ctx.app, county, 'GET', '/api/projects?year=2023&level=province')
    ).json() as LedgerPage;
    expect(wb.worksheets[0]!.getCell('B5').value).toBe(`合计（${page.total}个）`);

    const leader = await login(ctx.app, 'leader1');
    const mine = await call(ctx.app, leader, 'GET', '/api/projects/export?year=2023');
    expect(mine.statusCode).toBe(200);
    const lwb = new ExcelJS.Workbook();
    await lwb.xlsx.load(mine.rawPayload as unknown as ArrayBuffer);
    const leaderPage = (await call(ctx.app, leader, 'GET', '/api/projects?year=2023')).json() as LedgerPage;
    expect(lwb.worksheets[0]!.getCell('B5').value).toBe(`合计（${leaderPage.total}个）`);

    const blank = await call(ctx.app, county, 'GET', '/api/projects/export/template?year=2024');
    expect(blank.statusCode).toBe(200);
    const up = await uploadOk(county, 'blank.xlsx', blank.rawPayload);
    expect(up.detection.detectedYear).toBe(2024);
    expect((await preview(county, up.uploadId)).counts).toMatchObject({ rows: 0 });
  });
});

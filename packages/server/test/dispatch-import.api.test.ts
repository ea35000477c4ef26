import type {
  DispatchImportPreview,
  DispatchImportResult,
  DispatchReport,
  DispatchRound,
  DispatchTable,
} from '@guatu/contracts';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../src/policies/actor.ts';
import { findRootRegion } from '../src/repositories/region.repository.ts';
import { dispatchImportCommand } from '../src/services/dispatch-import-command.ts';
import { emptyCellBomb } from './fixtures/hostile-files.ts';
import { multipart, pngFile } from './fixtures/ledger-workbooks.ts';
import {
  call,
  createTestContext,
  describeEngines,
  login,
  type Session,
  type TestContext,
} from './harness.ts';

// Importing a filled dispatch table into a round (issue 10, item 6): the round's own export, filled
// in Excel, comes back through upload → preview → commit (all or nothing); a report a task force
// submitted is a conflict, overwritten only when the admin says so; an unchanged export is a no-op.

const wan = (yuan: number) => yuan / 10_000;

describeEngines('dispatch table import', (engine) => {
  let ctx: TestContext;
  let fgj: Session;
  let reporter: Session;
  let round: DispatchRound;
  /** The task force's project (it submits 150万 in the conflict test). */
  let b: { projectId: number; name: string };

  beforeAll(async () => {
    ctx = await createTestContext(engine);
    fgj = await login(ctx.app, 'fgj');
    const res = await call(ctx.app, fgj, 'POST', '/api/dispatch/rounds', {
      month: '2023-03',
      deadline: '2023-04-05',
    });
    expect(res.statusCode, res.body).toBe(201);
    // Past its deadline today (2026-11-25): reopened by hand, reports are late.
    const reopened = await call(
      ctx.app,
      fgj,
      'POST',
      `/api/dispatch/rounds/${(res.json() as DispatchRound).id}/reopen`,
      {
        version: 1,
      },
    );
    expect(reopened.statusCode, reopened.body).toBe(200);
    round = reopened.json() as DispatchRound;
    const row = await ctx.handle.db
      .selectFrom('dispatchRoundProjects as rp')
      .innerJoin('projectMembers as pm', 'pm.projectId', 'rp.projectId')
      .innerJoin('people as pe', 'pe.id', 'pm.personId')
      .innerJoin('users as u', 'u.id', 'pe.userId')
      .innerJoin('projects as p', 'p.id', 'rp.projectId')
      .where('rp.roundId', '=', round.id)
      .select(['rp.projectId', 'u.username', 'p.name'])
      .orderBy('rp.projectId')
      .executeTakeFirstOrThrow();
    b = { projectId: row.projectId, name: row.name };
    reporter = await login(ctx.app, row.username);
  });
  afterAll(() => ctx.close());

  const table = async () =>
    (await call(ctx.app, fgj, 'GET', `/api/dispatch/rounds/${round.id}/table`)).json() as DispatchTable;

  /** The round's table as exported, open for filling in. */
  async function exported() {
    const res = await call(ctx.app, fgj, 'GET', `/api/dispatch/rounds/${round.id}/table.xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const ws = wb.worksheets[0]!;
    const rowOf = (name: string) => {
      let found = 0;
      ws.eachRow((r, n) => {
        if (r.getCell(2).value === name) found = n;
      });
      expect(found, name).toBeGreaterThan(4);
      return found;
    };
    return { wb, ws, rowOf, buffer: async () => Buffer.from(await wb.xlsx.writeBuffer()) };
  }

  const upload = (s: Session, name: string, data: Buffer) => {
    const body = multipart(name, data);
    return ctx.app.inject({
      method: 'POST',
      url: `/api/dispatch/rounds/${round.id}/import`,
      payload: body.payload,
      headers: { ...body.headers, cookie: s.cookie, 'x-csrf-token': s.csrf },
    });
  };
  const uploadOk = async (data: Buffer) => {
    const res = await upload(fgj, '调度表.xlsx', data);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as DispatchImportPreview;
  };
  const commit = (sessionId: string, body: object = {}) =>
    call(ctx.app, fgj, 'POST', `/api/dispatch/rounds/${round.id}/import/${sessionId}/commit`, body);
  const counts = async () => {
    const n = async (t: 'dispatch_reports' | 'dispatch_report_versions' | 'audit_log' | 'import_uploads') =>
      Number(
        (
          await ctx.handle.db
            .selectFrom(t as never)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      reports: await n('dispatch_reports'),
      versions: await n('dispatch_report_versions'),
      audit: await n('audit_log'),
      uploads: await n('import_uploads'),
    };
  };
  /** Projects of the round with no report yet, other than the task force's. */
  const unreported = async () =>
    (await table()).rows.filter((r) => r.reportStatus === null && r.projectId !== b.projectId);

  it('refuses a task-force member (403) and hostile files (4xx), writing nothing', async () => {
    const { buffer } = await exported();
    const before = await counts();
    const tf = await upload(reporter, 'a.xlsx', await buffer());
    expect(tf.statusCode, tf.body).toBe(403);
    expect(tf.json().error.code).toBe('forbidden');

    const bomb = await upload(fgj, 'bomb.xlsx', emptyCellBomb(100_000_000));
    expect(bomb.statusCode).toBe(413);
    expect(bomb.json().error.code).toBe('upload_unpacked_too_large');
    const png = await upload(fgj, 'photo.xlsx', pngFile());
    expect(png.statusCode).toBe(400);
    expect(png.json().error.code).toBe('corrupt_file');
    const text = await upload(fgj, 'notes.xlsx', Buffer.from('just some text'));
    expect(text.statusCode).toBe(400);
    expect(text.json().error.code).toBe('corrupt_file');
    // Only the refusal of the task-force member is written: the audit log's denied row.
    expect(await counts()).toEqual({ ...before, audit: before.audit + 1 });
  });

  it('lists an unknown name, a negative amount, text in a number cell and a contradiction as exact row issues; the commit changes nothing', async () => {
    const [p1, p2, p3, p4, p5] = await unreported();
    const { ws, rowOf, buffer } = await exported();
    const r1 = rowOf(p1!.name);
    const r2 = rowOf(p2!.name);
    const r3 = rowOf(p3!.name);
    const r4 = rowOf(p4!.name);
    const r5 = rowOf(p5!.name);
    ws.getCell(r1, 2).value = '不存在的项目甲乙丙丁戊';
    ws.getCell(r2, 4).value = -5;
    ws.getCell(r3, 4).value = '十万元左右';
    // 10万 this month but a year to date 50万 above last month's + 10万.
    ws.getCell(r4, 4).value = 10;
    ws.getCell(r4, 5).value = wan(p4!.completedYtd) + 10 + 50;
    // A good row: it is not written either, since the file has errors.
    ws.getCell(r5, 4).value = 20;
    const before = await counts();
    const preview = await uploadOk(await buffer());
    expect(preview.counts).toMatchObject({ error: 4, new: 1, replace: 0, conflict: 0 });
    expect(preview.unmatched).toEqual(['不存在的项目甲乙丙丁戊']);
    const errors = preview.rows
      .filter((r) => r.action === 'error')
      .map((r) => ({ row: r.row, issues: r.issues.map((i) => [i.code, i.column, i.params]) }));
    expect(errors).toEqual(
      [
        { row: r1, issues: [['unknown_project', 'B', { name: '不存在的项目甲乙丙丁戊' }]] },
        { row: r2, issues: [['negative', 'D', { value: '-5' }]] },
        { row: r3, issues: [['bad_number', 'D', { value: '十万元左右' }]] },
        {
          row: r4,
          issues: [
            [
              'ytd_mismatch',
              'E',
              {
                thisMonth: 10,
                ytd: wan(p4!.completedYtd) + 60,
                previous: wan(p4!.completedYtd),
                expected: wan(p4!.completedYtd) + 10,
              },
            ],
          ],
        },
      ].sort((x, y) => x.row - y.row),
    );
    const contradiction = preview.rows.find((r) => r.row === r4)!.issues[0]!;
    expect(contradiction.message).toBe(
      `本月完成 10 万元与1-N月累计 ${wan(p4!.completedYtd) + 60} 万元不符（上月累计 ${wan(p4!.completedYtd)} 万元，应为 ${wan(p4!.completedYtd) + 10} 万元）`,
    );
    const res = await commit(preview.sessionId);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'import_has_errors', params: { count: 4 } });
    // The upload itself is the only row written; the reports are as they were.
    expect(await counts()).toEqual({ ...before, uploads: before.uploads + 1 });
    const discard = await call(
      ctx.app,
      fgj,
      'DELETE',
      `/api/dispatch/rounds/${round.id}/import/${preview.sessionId}`,
    );
    expect(discard.statusCode).toBe(200);
    expect(await counts()).toEqual(before);
    expect((await commit(preview.sessionId)).statusCode).toBe(404);
  });

  it('imports 本月完成 of three projects: the preview shows exactly them, the commit puts them in the table with YTD = previous + this month', async () => {
    const t0 = await table();
    const [p1, p2, p3] = await unreported();
    const amounts = [12.5, 30, 7.25];
    const { ws, rowOf, buffer } = await exported();
    [p1, p2, p3].forEach((p, i) => (ws.getCell(rowOf(p!.name), 4).value = amounts[i]!));
    const before = await counts();
    const preview = await uploadOk(await buffer());
    expect(preview.counts).toMatchObject({ new: 3, replace: 0, conflict: 0, error: 0 });
    expect(preview.columns.map((c) => c.field)).toEqual([
      'seq',
      'name',
      'annualPlan',
      'completedThisMonth',
      'completedYtd',
      null,
      null,
      'progressText',
      'currentStage',
      'problems',
      'nextMonthPlan',
    ]);
    // 合计 and the 小计 of each level are skipped, not errors.
    expect(preview.skipped.filter((s) => s.reason === 'total').length).toBeGreaterThanOrEqual(2);
    const fresh = preview.rows.filter((r) => r.action === 'new');
    expect(fresh.map((r) => [r.projectId, r.next!.completedThisMonth, r.next!.completedYtd])).toEqual(
      [p1, p2, p3].map((p, i) => [
        p!.projectId,
        amounts[i]! * 10_000,
        p!.completedYtd + amounts[i]! * 10_000,
      ]),
    );
    // The admin's mapping decides: with 本月完成 (column D) not read, nothing changes.
    const remapped = await call(
      ctx.app,
      fgj,
      'POST',
      `/api/dispatch/rounds/${round.id}/import/${preview.sessionId}/preview`,
      { mapping: [{ index: 3, field: null }] },
    );
    expect(remapped.statusCode, remapped.body).toBe(200);
    expect((remapped.json() as DispatchImportPreview).counts).toMatchObject({ new: 0, error: 0 });
    const res = await commit(preview.sessionId);
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as DispatchImportResult).written).toEqual([p1, p2, p3].map((p) => p!.projectId));
    const after = await table();
    for (const [i, p] of [p1, p2, p3].entries()) {
      const row = after.rows.find((r) => r.projectId === p!.projectId)!;
      expect(row).toMatchObject({
        reportStatus: 'submitted',
        late: true,
        completedThisMonth: amounts[i]! * 10_000,
        completedYtd: p!.completedYtd + amounts[i]! * 10_000,
      });
    }
    expect(after.totals.completedThisMonth).toBe(t0.totals.completedThisMonth + 125_000 + 300_000 + 72_500);
    // Three reports, three kept versions, three report audit rows and one summary; the session gone.
    expect(await counts()).toEqual({
      reports: before.reports + 3,
      versions: before.versions + 3,
      audit: before.audit + 4,
      uploads: before.uploads,
    });
    const audit = await ctx.handle.db
      .selectFrom('auditLog')
      .where('entity', '=', 'dispatch_report')
      .where('action', '=', 'submit')
      .orderBy('seq', 'desc')
      .select(['after', 'actorId'])
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after!)).toMatchObject({
      source: 'import',
      fileName: '调度表.xlsx',
      status: 'submitted',
    });
  });

  it('lists a report the task force submitted as a conflict, kept unless the admin overwrites it', async () => {
    const sent = await call(
      ctx.app,
      reporter,
      'POST',
      `/api/dispatch/rounds/${round.id}/reports/${b.projectId}/submit`,
      {
        completedThisMonth: 1_500_000,
        progressText: '主体结构施工至三层',
        problems: ['用地指标待落实'],
        nextMonthPlan: '完成主体封顶',
        idempotencyKey: randomUUID(),
        confirmWarnings: true,
      },
    );
    expect(sent.statusCode, sent.body).toBe(200);
    const fill = async () => {
      const { ws, rowOf, buffer } = await exported();
      const r = rowOf(b.name);
      expect(ws.getCell(r, 4).value).toBe(150);
      expect(ws.getCell(r, 10).value).toBe('1. 用地指标待落实');
      ws.getCell(r, 4).value = 160;
      return buffer();
    };
    const preview = await uploadOk(await fill());
    expect(preview.counts).toMatchObject({ conflict: 1, new: 0, replace: 0, error: 0 });
    const row = preview.rows.find((r) => r.projectId === b.projectId)!;
    expect(row).toMatchObject({
      action: 'conflict',
      reportStatus: 'submitted',
      before: { completedThisMonth: 1_500_000 },
      next: { completedThisMonth: 1_600_000, problems: ['用地指标待落实'] },
    });
    const kept = await commit(preview.sessionId);
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json()).toMatchObject({ written: [], keptConflicts: [b.projectId] });
    const report = async () =>
      (
        await call(ctx.app, fgj, 'GET', `/api/dispatch/rounds/${round.id}/reports/${b.projectId}`)
      ).json() as DispatchReport;
    expect(await report()).toMatchObject({ completedThisMonth: 1_500_000, version: 1 });

    const again = await uploadOk(await fill());
    const over = await commit(again.sessionId, { overwrite: true });
    expect(over.statusCode, over.body).toBe(200);
    expect(over.json()).toMatchObject({ written: [b.projectId], keptConflicts: [] });
    expect(await report()).toMatchObject({
      status: 'submitted',
      completedThisMonth: 1_600_000,
      problems: ['用地指标待落实'],
      late: true,
      version: 2,
    });
  });

  it('guatu dispatch-import previews a file, and with --yes commits it', async () => {
    const [p] = await unreported();
    const { ws, rowOf, buffer } = await exported();
    ws.getCell(rowOf(p!.name), 4).value = 8;
    const file = path.join(os.tmpdir(), `dispatch-import-${randomUUID()}.xlsx`);
    fs.writeFileSync(file, await buffer());
    const root = (await findRootRegion(ctx.handle.db))!;
    const actor = { ...systemActor(root.id, root.path), regionName: root.name };
    const lines: string[] = [];
    const run = (yes: boolean) =>
      dispatchImportCommand(
        ctx.handle.db,
        actor,
        { month: '2023-03', file, overwrite: false, yes },
        ctx.clock.now,
        (l) => lines.push(l),
      );
    const before = await counts();
    expect(await run(false)).toBe(0);
    expect(lines[0]).toContain('新增 new 1, 替换草稿 replace 0, 冲突 conflict 0');
    expect(lines.at(-1)).toBe('预览完成，未写入。加 --yes 提交 (preview only; add --yes to commit)');
    expect((await counts()).reports).toBe(before.reports);
    expect(await run(true)).toBe(0);
    expect(lines.at(-1)).toBe('已导入 committed: 1 份填报 reports; 保留冲突 kept conflicts 0');
    const row = (await table()).rows.find((r) => r.projectId === p!.projectId)!;
    expect(row).toMatchObject({ reportStatus: 'submitted', completedThisMonth: 80_000 });
    fs.rmSync(file);
  });

  it('takes back an unchanged export as a no-op, and refuses a closed round', async () => {
    const before = await counts();
    const { buffer } = await exported();
    const preview = await uploadOk(await buffer());
    const t = await table();
    expect(preview.counts).toMatchObject({ rows: t.rows.length, unchanged: t.rows.length, new: 0, error: 0 });
    const res = await commit(preview.sessionId);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ written: [], keptConflicts: [] });
    expect((await counts()).reports).toBe(before.reports);
    expect(await table()).toEqual(t);

    const closed = await call(ctx.app, fgj, 'POST', `/api/dispatch/rounds/${round.id}/close`, {
      version: round.version,
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const refused = await upload(fgj, '调度表.xlsx', await buffer());
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'dispatch_round_closed',
      params: { month: '2023-03' },
    });
  });
});

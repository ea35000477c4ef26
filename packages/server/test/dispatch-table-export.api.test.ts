import type { DispatchRound, DispatchTable, LedgerPage } from '@guatu/contracts';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { systemActor } from '../src/policies/actor.ts';
import { findRootRegion } from '../src/repositories/region.repository.ts';
import { roundTableOfMonth } from '../src/services/dispatch-table.service.ts';
import {
  call,
  createTestContext,
  describeEngines,
  login,
  type Session,
  type TestContext,
} from './harness.ts';

// The dispatch table (调度表) as .xlsx (issue 10, item 6): the usual layout, 合计 and 小计 by level in
// 万元, print-ready like the ledger export, titled with the jurisdiction and month, audited; and the
// CLI's dispatch-table --month answering the same JSON as GET …/table.

// The demo's 2023 list of 乐陵市: 82 implementation projects, annual plans summing to 1,205,250万元.
const LEDGER_COUNT = 82;
const PLAN_SUM = 12_052_500_000;
const wan = (yuan: number) => yuan / 10_000;

describeEngines('dispatch table export', (engine) => {
  let ctx: TestContext;
  let fgj: Session;

  beforeEach(async () => {
    ctx = await createTestContext(engine);
    fgj = await login(ctx.app, 'fgj');
  });
  afterEach(async () => {
    await ctx.close();
  });

  /**
   * The 2023-03 round (deadline 2023-04-05, reopened): project A has the ledger's imported 1,200万
   * to 2023-03-31; the reporter's project B submits 150万 this month with a problem.
   */
  async function march() {
    const ledger = (
      await call(ctx.app, fgj, 'GET', '/api/projects?year=2023&category=implementation&pageSize=500')
    ).json() as LedgerPage;
    const res = await call(ctx.app, fgj, 'POST', '/api/dispatch/rounds', {
      month: '2023-03',
      deadline: '2023-04-05',
    });
    expect(res.statusCode, res.body).toBe(201);
    const round = res.json() as DispatchRound;
    const b = await ctx.handle.db
      .selectFrom('dispatchRoundProjects as rp')
      .innerJoin('projectMembers as pm', 'pm.projectId', 'rp.projectId')
      .innerJoin('people as pe', 'pe.id', 'pm.personId')
      .innerJoin('users as u', 'u.id', 'pe.userId')
      .innerJoin('projects as p', 'p.id', 'rp.projectId')
      .where('rp.roundId', '=', round.id)
      .select(['rp.projectId', 'u.username', 'p.name'])
      .orderBy('rp.projectId')
      .executeTakeFirstOrThrow();
    const a = ledger.items.find((p) => p.id !== b.projectId)!;
    await ctx.handle.db
      .updateTable('projectYears')
      .set({ reportedYtd: 12_000_000, reportedAsOf: '2023-03-31', reportedProgress: '主体施工' })
      .where('projectId', '=', a.id)
      .where('year', '=', 2023)
      .execute();
    const reopened = await call(ctx.app, fgj, 'POST', `/api/dispatch/rounds/${round.id}/reopen`, {
      version: 1,
    });
    expect(reopened.statusCode, reopened.body).toBe(200);
    const sent = await call(
      ctx.app,
      await login(ctx.app, b.username),
      'POST',
      `/api/dispatch/rounds/${round.id}/reports/${b.projectId}/submit`,
      {
        completedThisMonth: 1_500_000,
        progressText: '主体结构施工至三层',
        problems: ['用地指标待落实', '资金到位滞后'],
        nextMonthPlan: '完成主体封顶',
        idempotencyKey: randomUUID(),
        confirmWarnings: true,
      },
    );
    expect(sent.statusCode, sent.body).toBe(200);
    return { round, a, b };
  }

  it('writes the usual layout with 合计 and 小计 by level in 万元, print-ready, titled, audited', async () => {
    const { round, a, b } = await march();
    const t = (
      await call(ctx.app, fgj, 'GET', `/api/dispatch/rounds/${round.id}/table`)
    ).json() as DispatchTable;
    const res = await call(ctx.app, fgj, 'GET', `/api/dispatch/rounds/${round.id}/table.xlsx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(
      '乐陵市2023年3月重点项目调度表.xlsx',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const ws = wb.worksheets[0]!;
    const row = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);

    expect(ws.getCell('A1').value).toBe('乐陵市2023年3月重点项目调度表');
    expect(ws.getCell('A2').value).toBe('单位：万元\u3000序时进度：25%'); // 3 of 12 months
    expect(row(3).slice(2, 5)).toEqual(['投资情况（万元）', '投资情况（万元）', '投资情况（万元）']);
    expect(row(4)).toEqual([
      '序号',
      '项目名称',
      '年度计划投资',
      '本月完成',
      '1-3月累计',
      '完成率',
      '序时进度',
      '形象进度',
      '当前工序',
      '存在问题',
      '下一步计划',
    ]);
    // 合计: plans 1,205,250万; this month B's 150万; 1-3月 A's imported 1,200万 + B's 150万 = 1,350万;
    // completion 1,350 ÷ 1,205,250 = 0.112% → 0.1; 序时进度 the rows' plan × 3/12, in 万元.
    const pace = t.rows.reduce((s, r) => s + Math.round((r.annualPlan * 3) / 12), 0);
    expect(row(5).slice(1, 7)).toEqual([
      `合计（${LEDGER_COUNT}个）`,
      wan(PLAN_SUM),
      150,
      1_350,
      0.1,
      wan(pace),
    ]);
    expect(wan(PLAN_SUM)).toBe(1_205_250);
    // Then per level a 小计 and its projects, numbered 1..82 across the levels.
    const subtotals: unknown[][] = [];
    const projects: unknown[][] = [];
    for (let r = 6; r <= ws.rowCount; r++) {
      const v = row(r);
      if (String(v[1]).includes('小计')) subtotals.push(v);
      else projects.push(v);
    }
    expect(projects.map((p) => p[0])).toEqual(Array.from({ length: LEDGER_COUNT }, (_, i) => i + 1));
    expect(projects.map((p) => p[1])).toEqual(t.rows.map((r) => r.name));
    const levelCount = (l: string) => t.rows.filter((r) => r.level === l).length;
    const expectedLabels = (['province', 'city', 'county'] as const)
      .filter((l) => levelCount(l) > 0)
      .map(
        (l, i) =>
          `${'一二三'[i]}、${{ province: '省级', city: '市级', county: '县级' }[l]}重点项目小计（${levelCount(l)}个）`,
      );
    expect(subtotals.map((s) => s[1])).toEqual(expectedLabels);
    // The subtotals add up to the total (in 万元, to the cent).
    const add = (i: number) => Math.round(subtotals.reduce((s, v) => s + Number(v[i]), 0) * 100) / 100;
    expect([add(2), add(3), add(4), add(6)]).toEqual([
      wan(PLAN_SUM),
      150,
      1_350,
      Math.round(wan(pace) * 100) / 100,
    ]);
    // B's row: 150万 this month and to date, its problems numbered one per line.
    const rowB = projects.find((p) => p[1] === b.name)!;
    const planB = t.rows.find((r) => r.projectId === b.projectId)!.annualPlan;
    expect(rowB.slice(2, 11)).toEqual([
      wan(planB),
      150,
      150,
      Math.round((1_500_000 / planB) * 1000) / 10,
      wan(Math.round((planB * 3) / 12)),
      '主体结构施工至三层',
      undefined, // 当前工序: empty until reports carry it
      '1. 用地指标待落实\n2. 资金到位滞后',
      '完成主体封顶',
    ]);
    const rowA = projects.find((p) => p[1] === a.name)!;
    expect(rowA.slice(3, 5)).toEqual([0, 1_200]);
    expect(rowA[7]).toBe('主体施工');

    // Print-ready like the ledger: A3 landscape, one page wide, the header rows on every page.
    expect(ws.pageSetup).toMatchObject({
      paperSize: 8,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '3:4',
    });
    expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页 共 &N 页');
    expect(ws.getCell(`K${ws.rowCount}`).border?.right?.style).toBe('thin');

    // Audited like the ledger export: who, which round, how many rows.
    const audit = await ctx.handle.db
      .selectFrom('auditLog')
      .select(['action', 'entity', 'actorName', 'after'])
      .where('action', '=', 'export')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity: 'dispatch_round', actorName: '孟庆华' });
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({
      filters: { roundId: round.id, month: '2023-03' },
      rows: LEDGER_COUNT,
    });
    // Any reader of the ledger exports it too.
    expect(
      (
        await call(
          ctx.app,
          await login(ctx.app, 'viewer'),
          'GET',
          `/api/dispatch/rounds/${round.id}/table.xlsx`,
        )
      ).statusCode,
    ).toBe(200);
  });

  it('answers the CLI’s dispatch-table --month with the same JSON as GET …/table', async () => {
    const { round } = await march();
    const api = (await call(ctx.app, fgj, 'GET', `/api/dispatch/rounds/${round.id}/table`)).json();
    const root = (await findRootRegion(ctx.handle.db))!;
    const actor = { ...systemActor(root.id, root.path), regionName: root.name };
    const cli = await roundTableOfMonth(ctx.handle.db, actor, '2023-03', undefined, new Date());
    expect(JSON.parse(JSON.stringify(cli))).toEqual(api);
    await expect(
      roundTableOfMonth(ctx.handle.db, actor, '2023-04', undefined, new Date()),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

import type { DispatchRound } from '@guatu/contracts';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  call,
  createTestContext,
  describeEngines,
  login,
  type Session,
  type TestContext,
} from './harness.ts';

// The phone report page (issue 10, item 2) words a refused submission's issues itself, at their
// fields and in 万元: each detail of `dispatch_report_invalid` carries its reason and params, not
// only a sentence worded on the server in 元.

describeEngines('dispatch report issues for the phone', (engine) => {
  let ctx: TestContext;
  let fgj: Session;

  beforeEach(async () => {
    ctx = await createTestContext(engine);
    fgj = await login(ctx.app, 'fgj');
  });
  afterEach(async () => {
    await ctx.close();
  });

  /** A project of the round with a task-force member who has an account, and his session. */
  async function reporter(roundId: number) {
    const row = await ctx.handle.db
      .selectFrom('dispatchRoundProjects as rp')
      .innerJoin('projectMembers as pm', 'pm.projectId', 'rp.projectId')
      .innerJoin('people as pe', 'pe.id', 'pm.personId')
      .innerJoin('users as u', 'u.id', 'pe.userId')
      .innerJoin('projects as p', 'p.id', 'rp.projectId')
      .innerJoin('projectYears as py', (j) =>
        j.onRef('py.projectId', '=', 'rp.projectId').on('py.year', '=', 2026),
      )
      .where('rp.roundId', '=', roundId)
      .select(['rp.projectId', 'u.username', 'p.totalInvestment', 'py.annualPlan'])
      .orderBy('rp.projectId')
      .executeTakeFirstOrThrow();
    return {
      projectId: row.projectId,
      totalInvestment: Number(row.totalInvestment),
      annualPlan: Number(row.annualPlan),
      session: await login(ctx.app, row.username),
    };
  }

  it('sends each refused issue with its reason and params: the error over the total, the warning over the plan', async () => {
    const res = await call(ctx.app, fgj, 'POST', '/api/dispatch/rounds', {
      month: '2026-11',
      deadline: '2026-11-30',
    });
    expect(res.statusCode, res.body).toBe(201);
    const round = res.json() as DispatchRound;
    const { projectId, totalInvestment, annualPlan, session } = await reporter(round.id);
    const url = `/api/dispatch/rounds/${round.id}/reports/${projectId}/submit`;
    const body = (completedThisMonth: number) => ({ completedThisMonth, idempotencyKey: randomUUID() });

    const over = await call(ctx.app, session, 'POST', url, body(totalInvestment + 1));
    expect(over.statusCode).toBe(422);
    expect(over.json().error.details).toEqual([
      {
        path: 'completedThisMonth',
        severity: 'error',
        reason: 'dispatch_ytd_over_total',
        params: { ytd: totalInvestment + 1, totalInvestment },
        message: `本年累计完成 ${totalInvestment + 1} 元超过项目总投资 ${totalInvestment} 元`,
      },
      expect.objectContaining({ reason: 'dispatch_amount_above_remaining_plan' }),
    ]);

    // No month reported yet: the whole annual plan remains; one yuan more is a warning to confirm.
    expect(annualPlan + 1).toBeLessThanOrEqual(totalInvestment);
    const warned = await call(ctx.app, session, 'POST', url, body(annualPlan + 1));
    expect(warned.statusCode).toBe(422);
    expect(warned.json().error.details).toEqual([
      {
        path: 'completedThisMonth',
        severity: 'warning',
        reason: 'dispatch_amount_above_remaining_plan',
        params: { amount: annualPlan + 1, remaining: annualPlan },
        message: `本月完成 ${annualPlan + 1} 元超过年度计划剩余的 ${annualPlan} 元，请确认`,
      },
    ]);
  });
});

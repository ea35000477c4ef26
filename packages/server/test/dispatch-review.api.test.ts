import type {
  DispatchReport,
  DispatchReportVersionList,
  DispatchRound,
  DispatchTable,
} from '@guatu/contracts';
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

// 一月一调度, the admin's review (issue 10, item 2): a submitted report is accepted or returned with
// a reason (退回); the reporter hears of the return in the app; the task force corrects and
// resubmits; every version is kept and viewable; stale decisions are 409; returns are counted.

describeEngines('dispatch report review API', (engine) => {
  let ctx: TestContext;
  let fgj: Session;

  beforeEach(async () => {
    ctx = await createTestContext(engine);
    fgj = await login(ctx.app, 'fgj');
  });
  afterEach(async () => {
    await ctx.close();
  });

  const open = async (body: Record<string, unknown>) => {
    const res = await call(ctx.app, fgj, 'POST', '/api/dispatch/rounds', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as DispatchRound;
  };
  /** The first project of the round with a task-force member who has an account, and that account. */
  async function reporter(roundId: number) {
    const row = await ctx.handle.db
      .selectFrom('dispatchRoundProjects as rp')
      .innerJoin('projectMembers as pm', 'pm.projectId', 'rp.projectId')
      .innerJoin('people as pe', 'pe.id', 'pm.personId')
      .innerJoin('users as u', 'u.id', 'pe.userId')
      .innerJoin('projects as p', 'p.id', 'rp.projectId')
      .where('rp.roundId', '=', roundId)
      .select(['rp.projectId', 'u.id as userId', 'u.username', 'u.displayName', 'p.name'])
      .orderBy('rp.projectId')
      .executeTakeFirstOrThrow();
    return { ...row, session: await login(ctx.app, row.username) };
  }
  const report = (over: Record<string, unknown> = {}) => ({
    completedThisMonth: 1_500_000,
    progressText: '主体结构施工至三层',
    workersOnSite: 86,
    fundsInPlace: 2_000_000,
    problems: ['用地指标待落实'],
    nextMonthPlan: '完成主体封顶',
    idempotencyKey: randomUUID(),
    ...over,
  });
  const auditActions = async () =>
    (
      await ctx.handle.db
        .selectFrom('auditLog')
        .select(['action', 'after'])
        .where('entity', '=', 'dispatch_report')
        .orderBy('seq')
        .execute()
    ).map((r) => r.action);

  it('returns a report with a reason, notifies the reporter, takes the correction, keeps every version, accepts it', async () => {
    const round = await open({ month: '2026-11', deadline: '2026-11-30' });
    const r = await reporter(round.id);
    const url = `/api/dispatch/rounds/${round.id}/reports/${r.projectId}`;
    const body = report();
    const sent = await call(ctx.app, r.session, 'POST', `${url}/submit`, body);
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({ status: 'submitted', version: 1 });

    // The task force cannot judge its own report; a missing reason is refused.
    expect(
      (await call(ctx.app, r.session, 'POST', `${url}/return`, { reason: '数据有误', version: 1 }))
        .statusCode,
    ).toBe(403);
    expect((await call(ctx.app, fgj, 'POST', `${url}/return`, { reason: '', version: 1 })).statusCode).toBe(
      400,
    );

    const returned = await call(ctx.app, fgj, 'POST', `${url}/return`, {
      reason: '本月完成投资与现场不符，请核实',
      version: 1,
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({
      status: 'returned',
      version: 2,
      returnReason: '本月完成投资与现场不符，请核实',
    });
    // The reporter's in-app notification, written in the same transaction, worded by the web.
    const outbox = await ctx.handle.db
      .selectFrom('notificationOutbox')
      .select(['userId', 'kind', 'params', 'link'])
      .where('kind', '=', 'dispatch_report_returned')
      .execute();
    expect(outbox).toEqual([
      {
        userId: r.userId,
        kind: 'dispatch_report_returned',
        params: JSON.stringify({
          month: '2026-11',
          project: r.name,
          reason: '本月完成投资与现场不符，请核实',
        }),
        link: '/dispatch',
      },
    ]);
    // Returned: counted as returned, not reported, not missing (1 returned of N projects).
    let t = (
      await call(ctx.app, fgj, 'GET', `/api/dispatch/rounds/${round.id}/table`)
    ).json() as DispatchTable;
    expect(t.round.counts).toEqual({
      projects: t.round.counts.projects,
      reported: 0,
      missing: t.round.counts.projects - 1,
      late: 0,
      returned: 1,
    });
    expect(t.totals.completedThisMonth).toBe(0); // a returned figure does not count
    // Accepting (or returning again) what is no longer submitted: 409 naming its status.
    const again = await call(ctx.app, fgj, 'POST', `${url}/accept`, { version: 2 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: 'dispatch_report_not_submitted',
      params: { status: 'returned' },
      message: '只有已提交的填报才能通过或退回（当前：returned）',
    });

    // An old offline replay of the first submission (no version) does not undo the return.
    const replay = await call(ctx.app, r.session, 'POST', `${url}/submit`, body);
    expect(replay.statusCode).toBe(409);
    expect(replay.json().error).toMatchObject({ code: 'version_conflict' });
    // The correction, on the version read after the return: submitted again as version 3.
    const fixed = await call(
      ctx.app,
      r.session,
      'POST',
      `${url}/submit`,
      report({ idempotencyKey: body.idempotencyKey, completedThisMonth: 1_200_000, version: 2 }),
    );
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ status: 'submitted', version: 3, returnReason: null, late: false });

    // A stale decision (the admin read version 2): 409; on version 3 it is accepted.
    const stale = await call(ctx.app, fgj, 'POST', `${url}/accept`, { version: 2 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'version_conflict', details: { currentVersion: 3 } });
    const accepted = await call(ctx.app, fgj, 'POST', `${url}/accept`, { version: 3 });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', version: 4 });

    // Every version kept and viewable by a reader of the ledger, oldest first.
    const versions = await call(ctx.app, await login(ctx.app, 'viewer'), 'GET', `${url}/versions`);
    expect(versions.statusCode, versions.body).toBe(200);
    const items = (versions.json() as DispatchReportVersionList).items;
    expect(items.map((v) => [v.version, v.status, v.completedThisMonth, v.returnReason])).toEqual([
      [1, 'submitted', 1_500_000, null],
      [2, 'returned', 1_500_000, '本月完成投资与现场不符，请核实'],
      [3, 'submitted', 1_200_000, null],
      [4, 'accepted', 1_200_000, null],
    ]);
    expect(items.map((v) => v.byName)).toEqual([r.displayName, '孟庆华', r.displayName, '孟庆华']);
    expect(items[0]!.problems).toEqual(['用地指标待落实']);

    expect(await auditActions()).toEqual(['submit', 'return', 'submit', 'accept']);
    t = (await call(ctx.app, fgj, 'GET', `/api/dispatch/rounds/${round.id}/table`)).json() as DispatchTable;
    expect(t.round.counts).toMatchObject({ reported: 1, returned: 0 });
    expect(t.rows.find((x) => x.projectId === r.projectId)).toMatchObject({
      reportStatus: 'accepted',
      completedThisMonth: 1_200_000,
    });
  });

  it('lets a returned report be corrected on a closed round, keeping its late mark', async () => {
    // 2023-03, deadline 2023-03-25, long past: reopened so that the report can come in (late).
    const round = await open({ month: '2023-03' });
    const r = await reporter(round.id);
    const url = `/api/dispatch/rounds/${round.id}/reports/${r.projectId}`;
    expect(
      (await call(ctx.app, fgj, 'POST', `/api/dispatch/rounds/${round.id}/reopen`, { version: 1 }))
        .statusCode,
    ).toBe(200);
    const sent = (await call(ctx.app, r.session, 'POST', `${url}/submit`, report())).json() as DispatchReport;
    expect(sent).toMatchObject({ status: 'submitted', late: true });
    const closed = await call(ctx.app, fgj, 'POST', `/api/dispatch/rounds/${round.id}/close`, { version: 2 });
    expect(closed.statusCode, closed.body).toBe(200);
    const ret = await call(ctx.app, fgj, 'POST', `${url}/return`, {
      reason: '缺少现场照片',
      version: sent.version,
    });
    expect(ret.statusCode, ret.body).toBe(200);
    // Closed, yet the correction the admin asked for is taken: a draft, then the submission.
    const draft = await call(ctx.app, r.session, 'PUT', url, report({ version: 2 }));
    expect(draft.statusCode, draft.body).toBe(200);
    expect(draft.json()).toMatchObject({ status: 'returned', version: 3, returnReason: '缺少现场照片' });
    const fixed = await call(ctx.app, r.session, 'POST', `${url}/submit`, report({ version: 3 }));
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ status: 'submitted', version: 4, late: true });
    // Another project of the closed round, never returned: still refused.
    const other = await ctx.handle.db
      .selectFrom('dispatchRoundProjects')
      .select('projectId')
      .where('roundId', '=', round.id)
      .where('projectId', '!=', r.projectId)
      .executeTakeFirstOrThrow();
    const refused = await call(
      ctx.app,
      fgj,
      'POST',
      `/api/dispatch/rounds/${round.id}/reports/${other.projectId}/submit`,
      report(),
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'dispatch_round_closed' });
  });
});

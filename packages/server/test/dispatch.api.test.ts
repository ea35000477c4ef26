import type {
  DispatchReport,
  DispatchRound,
  DispatchRoundList,
  DispatchTable,
  LedgerPage,
} from '@guatu/contracts';
import { randomUUID } from 'node:crypto';
import { appErrorOfDb } from '../src/repositories/db-errors.ts';
import { insertRound } from '../src/repositories/dispatch.repository.ts';
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  call,
  createTestContext,
  describeEngines,
  login,
  loginAdmin,
  type Session,
  type TestContext,
} from './harness.ts';

// 一月一调度, the first layer (issue 10, items 1 and 5): the admin opens a round for a month, the
// round covers exactly the implementation projects (实施类) of his scope, its dispatch table
// computes the year to date from the ledger's imported figures, and every change is audited.

const PASSWORD = 'Qx7#vLm2pRz';
const CHANGED = 'Wn4$kTq8sYb';
// The demo's 2023 list of 乐陵市: its implementation projects and the sum of their annual plans.
const LEDGER_COUNT = 82;
const PLAN_SUM = 12_052_500_000;

describeEngines('dispatch rounds API', (engine) => {
  let ctx: TestContext;
  let fgj: Session;

  beforeEach(async () => {
    ctx = await createTestContext(engine);
    fgj = await login(ctx.app, 'fgj');
  });
  afterEach(async () => {
    await ctx.close();
  });

  /** The ledger's 2023 implementation projects as fgj (乐陵市's admin) reads them. */
  async function ledger2023(s: Session = fgj) {
    const res = await call(ctx.app, s, 'GET', '/api/projects?year=2023&category=implementation&pageSize=500');
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as LedgerPage;
  }
  const open = (s: Session, body: Record<string, unknown>) =>
    call(ctx.app, s, 'POST', '/api/dispatch/rounds', body);
  const table = async (id: number, s: Session = fgj) => {
    const res = await call(ctx.app, s, 'GET', `/api/dispatch/rounds/${id}/table`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as DispatchTable;
  };
  const auditRows = (entity: string) =>
    ctx.handle.db
      .selectFrom('auditLog')
      .select(['action', 'entityId', 'actorName', 'after', 'before'])
      .where('entity', '=', entity)
      .orderBy('seq')
      .execute();

  /** A new account of 宁津县 (beside 乐陵市), made by the security admin, password changed. */
  async function ningjinAdmin(): Promise<Session> {
    const sec = await login(ctx.app, 'secadmin');
    const made = await call(ctx.app, sec, 'POST', '/api/users', {
      username: 'nj-admin',
      displayName: '宁津管理员',
      roles: ['admin'],
      regionId: ctx.ids.regions.get('ningjin')!,
      password: PASSWORD,
    });
    expect(made.statusCode, made.body).toBe(201);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nj-admin', password: PASSWORD },
    });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'guatu_session')!;
    const first = {
      cookie: `guatu_session=${cookie.value}`,
      csrf: res.json().csrfToken as string,
      username: 'nj-admin',
    };
    const changed = await call(ctx.app, first, 'POST', '/api/auth/password', {
      currentPassword: PASSWORD,
      newPassword: CHANGED,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    return login(ctx.app, 'nj-admin', CHANGED);
  }

  it('opens 2023-03 for exactly the implementation projects of 乐陵市, deadline the 25th, audited', async () => {
    const ledger = await ledger2023();
    const res = await open(fgj, { month: '2023-03' });
    expect(res.statusCode, res.body).toBe(201);
    const round = res.json() as DispatchRound;
    expect(round).toMatchObject({
      month: '2023-03',
      year: 2023,
      deadline: '2023-03-25',
      // Today (2026-11-25) is long past the deadline: the round reads closed unless reopened.
      status: 'closed',
      includeReserve: false,
      version: 1,
      regionName: '乐陵市',
    });
    // The demo's 2023 list of 乐陵市 has LEDGER_COUNT implementation projects; none reported yet.
    expect(round.counts).toEqual({
      projects: ledger.total,
      reported: 0,
      missing: ledger.total,
      late: 0,
      returned: 0,
    });
    expect(ledger.total).toBe(LEDGER_COUNT);
    const covered = await ctx.handle.db
      .selectFrom('dispatchRoundProjects')
      .select('projectId')
      .where('roundId', '=', round.id)
      .orderBy('projectId')
      .execute();
    expect(covered.map((c) => c.projectId)).toEqual(ledger.items.map((p) => p.id).sort((a, b) => a - b));

    const audit = await auditRows('dispatch_round');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', entityId: String(round.id), actorName: '孟庆华' });
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({
      month: '2023-03',
      deadline: '2023-03-25',
      projects: LEDGER_COUNT,
    });

    const list = await call(ctx.app, fgj, 'GET', '/api/dispatch/rounds?year=2023');
    expect(list.statusCode, list.body).toBe(200);
    expect(
      (list.json() as DispatchRoundList).items.map((r) => [r.id, r.month, r.deadline, r.status]),
    ).toEqual([[round.id, '2023-03', '2023-03-25', 'closed']]);
    expect((await call(ctx.app, fgj, 'GET', '/api/dispatch/rounds?year=2024')).json()).toEqual({ items: [] });
  });

  it('totals the ledger’s annual plans and the imported year to date covering the month', async () => {
    const ledger = await ledger2023();
    const [a, b, c] = ledger.items;
    // Imported figures: a 1,200万 to 2023-03-31 and b 300万 to 2023-04-13 (1-3月: both cover March);
    // c 900万 to 2023-05-31 covers May, after the round's month: not March's year to date.
    const set = (id: number, ytd: number, asOf: string) =>
      ctx.handle.db
        .updateTable('projectYears')
        .set({ reportedYtd: ytd, reportedAsOf: asOf, reportedProgress: '主体施工' })
        .where('projectId', '=', id)
        .where('year', '=', 2023)
        .execute();
    await set(a!.id, 12_000_000, '2023-03-31');
    await set(b!.id, 3_000_000, '2023-04-13');
    await set(c!.id, 9_000_000, '2023-05-31');
    const round = (await open(fgj, { month: '2023-03', deadline: '2023-04-05' })).json() as DispatchRound;
    const t = await table(round.id);
    const planSum = ledger.items.reduce((s, p) => s + p.annualPlan, 0);
    expect(t.rows).toHaveLength(LEDGER_COUNT);
    expect(t.paceRate).toBe(25); // 3 of 12 months
    expect(t.totals).toEqual({
      projects: LEDGER_COUNT,
      annualPlan: planSum,
      completedThisMonth: 0, // no report yet: 0 this month
      completedYtd: 12_000_000 + 3_000_000,
      completionRate: Math.round(((12_000_000 + 3_000_000) / planSum) * 1000) / 10,
      pacePlan: t.rows.reduce((s, r) => s + Math.round((r.annualPlan * 3) / 12), 0),
    });
    expect(t.totals.annualPlan).toBe(PLAN_SUM);
    const rowA = t.rows.find((r) => r.projectId === a!.id)!;
    expect(rowA).toMatchObject({
      annualPlan: a!.annualPlan,
      completedThisMonth: 0,
      completedYtd: 12_000_000,
      completionRate: Math.round((12_000_000 / a!.annualPlan) * 1000) / 10,
      pacePlan: Math.round((a!.annualPlan * 3) / 12),
      progressText: '主体施工',
      reportStatus: null,
      // Missing more than a week after the 2023-04-05 deadline (today is 2026-11-25): red.
      reportingWarning: 'red',
    });
    expect(t.rows.find((r) => r.projectId === c!.id)!.completedYtd).toBe(0);
  });

  it('refuses a viewer (403) and shows another county’s admin nothing of 乐陵市', async () => {
    const viewer = await login(ctx.app, 'viewer');
    expect((await open(viewer, { month: '2023-03' })).statusCode).toBe(403);
    const round = (await open(fgj, { month: '2023-03' })).json() as DispatchRound;
    // The viewer reads 乐陵市's round and table but cannot close it.
    expect((await table(round.id, viewer)).rows).toHaveLength(LEDGER_COUNT);
    const close = await call(ctx.app, viewer, 'POST', `/api/dispatch/rounds/${round.id}/close`, {
      version: 1,
    });
    expect(close.statusCode).toBe(403);

    const nj = await ningjinAdmin();
    const list = await call(ctx.app, nj, 'GET', '/api/dispatch/rounds?year=2023');
    expect(list.json()).toEqual({ items: [] });
    const other = await call(ctx.app, nj, 'GET', `/api/dispatch/rounds/${round.id}/table`);
    expect(other.statusCode).toBe(404);
    expect(other.json().error).toMatchObject({ code: 'not_found', params: { entity: 'dispatchRound' } });
    const closeOther = await call(ctx.app, nj, 'POST', `/api/dispatch/rounds/${round.id}/close`, {
      version: 1,
    });
    expect(closeOther.statusCode).toBe(404);
    // 宁津县 has no 2023 implementation project of its own: nothing to open.
    const none = await open(nj, { month: '2023-03' });
    expect(none.statusCode, none.body).toBe(422);
    expect(none.json().error).toMatchObject({ code: 'dispatch_no_projects', params: { year: 2023 } });
  });

  it('lets one of two simultaneous opens of a month win: one 201, one 409 duplicate', async () => {
    const [x, y] = await Promise.all([open(fgj, { month: '2023-03' }), open(fgj, { month: '2023-03' })]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([201, 409]);
    const loser = x.statusCode === 409 ? x : y;
    expect(loser.json().error).toMatchObject({
      code: 'duplicate',
      params: { field: 'dispatchMonth', value: '2023-03' },
    });
    const rounds = await ctx.handle.db.selectFrom('dispatchRounds').select('id').execute();
    expect(rounds).toHaveLength(1);
    expect(await auditRows('dispatch_round')).toHaveLength(1);
    // The database itself refuses a second round of one region and month (the race's backstop),
    // and that failure is the same 409 duplicate naming the month.
    const region = ctx.ids.regions.get('laoling')!;
    const values = { regionId: region, year: 2023, month: '2023-03', deadline: '2023-03-25' };
    const stamp = { includeReserve: false, by: null, now: '2026-11-25T02:00:00.000Z' };
    const err = await insertRound(ctx.handle.db, { ...values, ...stamp }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(appErrorOfDb(err, { month: '2023-03' })).toMatchObject({
      code: 'duplicate',
      params: { field: 'dispatchMonth', value: '2023-03' },
    });
    // And one after the other: the second is refused before it writes.
    const again = await open(fgj, { month: '2023-03' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'duplicate', message: '调度月份“2023-03”已存在' });
  });

  it('closes and reopens by hand, a stale version is 409, each change audited', async () => {
    // A round of this month (today 2026-11-25, deadline 2026-11-30): open until closed by hand.
    const round = (await open(fgj, { month: '2026-11', deadline: '2026-11-30' })).json() as DispatchRound;
    expect(round.status).toBe('open');
    const closed = await call(ctx.app, fgj, 'POST', `/api/dispatch/rounds/${round.id}/close`, { version: 1 });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', version: 2 });
    const stale = await call(ctx.app, fgj, 'POST', `/api/dispatch/rounds/${round.id}/reopen`, { version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'version_conflict',
      params: { by: '孟庆华', byKind: 'user' },
      details: { currentVersion: 2 },
    });
    const reopened = await call(ctx.app, fgj, 'POST', `/api/dispatch/rounds/${round.id}/reopen`, {
      version: 2,
    });
    expect(reopened.json()).toMatchObject({ status: 'open', version: 3, closedAt: null });
    const audit = await auditRows('dispatch_round');
    expect(audit.map((r) => r.action)).toEqual(['create', 'close', 'reopen']);
    expect(JSON.parse(audit[1]!.before!).status).toBe('open');
    expect(JSON.parse(audit[1]!.after!).status).toBe('closed');
  });

  it('refuses a deadline before the month and projects outside the scope', async () => {
    const early = await open(fgj, { month: '2023-03', deadline: '2023-02-28' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error).toMatchObject({
      code: 'dispatch_deadline_before_month',
      params: { month: '2023-03', deadline: '2023-02-28' },
    });
    const outside = await open(fgj, { month: '2023-03', projectIds: [2_000_000] });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error).toMatchObject({
      code: 'invalid_reference',
      params: { field: 'projectIds' },
    });
    const root = await loginAdmin(ctx.app);
    expect(root.username).toBe('admin');
    expect(await ctx.handle.db.selectFrom('dispatchRounds').select('id').execute()).toEqual([]);
  });

  /** A 2023 project of the round with a task-force member who has an account, and that account. */
  async function reporter(roundId: number) {
    const row = await ctx.handle.db
      .selectFrom('dispatchRoundProjects as rp')
      .innerJoin('projectMembers as pm', 'pm.projectId', 'rp.projectId')
      .innerJoin('people as pe', 'pe.id', 'pm.personId')
      .innerJoin('users as u', 'u.id', 'pe.userId')
      .innerJoin('projects as p', 'p.id', 'rp.projectId')
      .where('rp.roundId', '=', roundId)
      .select(['rp.projectId', 'u.username', 'p.totalInvestment'])
      .orderBy('rp.projectId')
      .executeTakeFirstOrThrow();
    return {
      projectId: row.projectId,
      totalInvestment: Number(row.totalInvestment),
      session: await login(ctx.app, row.username),
    };
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

  it('stores a draft and a submission sent twice once, on time, kept as a version, in the table', async () => {
    const round = (await open(fgj, { month: '2026-11', deadline: '2026-11-30' })).json() as DispatchRound;
    const { projectId, session } = await reporter(round.id);
    const url = `/api/dispatch/rounds/${round.id}/reports/${projectId}`;
    const body = report();
    const d1 = await call(ctx.app, session, 'PUT', url, body);
    expect(d1.statusCode, d1.body).toBe(200);
    const d2 = await call(ctx.app, session, 'PUT', url, body); // the offline draft sent again
    expect(d2.statusCode, d2.body).toBe(200);
    expect((d2.json() as DispatchReport).status).toBe('draft');
    const [s1, s2] = await Promise.all([
      call(ctx.app, session, 'POST', `${url}/submit`, body),
      call(ctx.app, session, 'POST', `${url}/submit`, body),
    ]);
    expect([s1.statusCode, s2.statusCode], s1.body + s2.body).toEqual([200, 200]);
    const sent = s1.json() as DispatchReport;
    expect(sent).toMatchObject({
      status: 'submitted',
      late: false,
      completedThisMonth: 1_500_000,
      problems: ['用地指标待落实'],
    });
    const rows = await ctx.handle.db.selectFrom('dispatchReports').select(['id', 'version']).execute();
    expect(rows).toHaveLength(1);
    const versions = await ctx.handle.db
      .selectFrom('dispatchReportVersions')
      .select(['version', 'status'])
      .execute();
    expect(versions).toHaveLength(1);
    expect((await auditRows('dispatch_report')).map((r) => r.action).filter((a) => a === 'submit')).toEqual([
      'submit',
    ]);
    // Submitted again, a third time after the fact: still one.
    expect((await call(ctx.app, session, 'POST', `${url}/submit`, body)).statusCode).toBe(200);
    expect(await ctx.handle.db.selectFrom('dispatchReportVersions').select('id').execute()).toHaveLength(1);

    // Readers of the ledger read the report; another county's admin does not see the round.
    const read = await call(ctx.app, await login(ctx.app, 'viewer'), 'GET', url);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({
      status: 'submitted',
      version: sent.version,
      idempotencyKey: body.idempotencyKey,
    });
    expect((await call(ctx.app, await ningjinAdmin(), 'GET', url)).statusCode).toBe(404);
    const t = await table(round.id);
    const row = t.rows.find((r) => r.projectId === projectId)!;
    // 2026 has no imported figure and no earlier report: the year to date is this month's 150万.
    expect(row).toMatchObject({
      completedThisMonth: 1_500_000,
      completedYtd: 1_500_000,
      reportStatus: 'submitted',
      late: false,
      progressText: '主体结构施工至三层',
      problems: ['用地指标待落实'],
      nextMonthPlan: '完成主体封顶',
    });
    expect(t.totals.completedThisMonth).toBe(1_500_000);
    expect(t.round.counts).toMatchObject({ reported: 1, late: 0, missing: t.round.counts.projects - 1 });
  });

  it('refuses a closed round, marks a report after the deadline late once reopened, and 409s a stale edit', async () => {
    const round = (await open(fgj, { month: '2023-03' })).json() as DispatchRound; // deadline 2023-03-25, past
    const { projectId, session } = await reporter(round.id);
    const url = `/api/dispatch/rounds/${round.id}/reports/${projectId}`;
    const closed = await call(ctx.app, session, 'POST', `${url}/submit`, report());
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error).toMatchObject({
      code: 'dispatch_round_closed',
      params: { month: '2023-03' },
    });
    const reopened = await call(ctx.app, fgj, 'POST', `/api/dispatch/rounds/${round.id}/reopen`, {
      version: 1,
    });
    expect(reopened.statusCode, reopened.body).toBe(200);
    const draft = (await call(ctx.app, session, 'PUT', url, report())).json() as DispatchReport;
    expect(draft.version).toBe(1);
    // Another device, with its own key, edits the draft it read as version 1: version 2.
    const other = await call(ctx.app, fgj, 'PUT', url, report({ version: 1, completedThisMonth: 1_000_000 }));
    expect(other.statusCode, other.body).toBe(200);
    const stale = await call(ctx.app, session, 'POST', `${url}/submit`, report({ version: 1 }));
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'version_conflict', params: { by: '孟庆华' } });
    const late = await call(ctx.app, session, 'POST', `${url}/submit`, report({ version: 2 }));
    expect(late.statusCode, late.body).toBe(200);
    expect(late.json()).toMatchObject({ status: 'submitted', late: true, version: 3 });
    const t = await table(round.id);
    expect(t.round.counts).toMatchObject({ reported: 1, late: 1 });
    expect(t.rows.find((r) => r.projectId === projectId)).toMatchObject({
      late: true,
      completedThisMonth: 1_500_000,
    });
  });

  it('blocks a year to date beyond the total investment, asks to confirm an amount above the plan, refuses another project', async () => {
    const round = (await open(fgj, { month: '2026-11', deadline: '2026-11-30' })).json() as DispatchRound;
    const { projectId, totalInvestment, session } = await reporter(round.id);
    const url = `/api/dispatch/rounds/${round.id}/reports/${projectId}`;
    const over = await call(
      ctx.app,
      session,
      'POST',
      `${url}/submit`,
      report({ completedThisMonth: totalInvestment + 1 }),
    );
    expect(over.statusCode).toBe(422);
    const error = over.json().error;
    expect(error).toMatchObject({ code: 'dispatch_report_invalid', params: { errors: 1 } });
    expect(error.details[0]).toMatchObject({
      path: 'completedThisMonth',
      reason: 'dispatch_ytd_over_total',
      severity: 'error',
      message: `本年累计完成 ${totalInvestment + 1} 元超过项目总投资 ${totalInvestment} 元`,
    });
    // Above what is left of the 2026 plan (no report yet: the whole plan) but within the total:
    // a warning the reporter confirms, not a block.
    const { annualPlan } = await ctx.handle.db
      .selectFrom('projectYears')
      .select('annualPlan')
      .where('projectId', '=', projectId)
      .where('year', '=', 2026)
      .executeTakeFirstOrThrow();
    const plan = Number(annualPlan);
    expect(plan + 1).toBeLessThanOrEqual(totalInvestment);
    const warned = await call(
      ctx.app,
      session,
      'POST',
      `${url}/submit`,
      report({ completedThisMonth: plan + 1 }),
    );
    expect(warned.statusCode).toBe(422);
    expect(warned.json().error).toMatchObject({ params: { errors: 0, warnings: 1 } });
    expect(warned.json().error.details[0]).toMatchObject({
      reason: 'dispatch_amount_above_remaining_plan',
      severity: 'warning',
      message: `本月完成 ${plan + 1} 元超过年度计划剩余的 ${plan} 元，请确认`,
    });
    expect(await ctx.handle.db.selectFrom('dispatchReports').select('id').execute()).toEqual([]);
    const negative = await call(
      ctx.app,
      session,
      'POST',
      `${url}/submit`,
      report({ completedThisMonth: -1 }),
    );
    expect(negative.statusCode).toBe(400);
    // Another project of the round, whose task force he is not on: 403, nothing stored.
    const others = await ctx.handle.db
      .selectFrom('dispatchRoundProjects')
      .select('projectId')
      .where('roundId', '=', round.id)
      .where('projectId', '!=', projectId)
      .execute();
    const mine = await ctx.handle.db
      .selectFrom('projectMembers as pm')
      .innerJoin('people as pe', 'pe.id', 'pm.personId')
      .innerJoin('users as u', 'u.id', 'pe.userId')
      .where('u.username', '=', session.username)
      .select('pm.projectId')
      .execute();
    const foreign = others.find((o) => !mine.some((m) => m.projectId === o.projectId))!;
    const refused = await call(
      ctx.app,
      session,
      'PUT',
      `/api/dispatch/rounds/${round.id}/reports/${foreign.projectId}`,
      report(),
    );
    expect(refused.statusCode).toBe(403);
    expect(await ctx.handle.db.selectFrom('dispatchReports').select('id').execute()).toEqual([]);
    const confirmed = await call(
      ctx.app,
      session,
      'POST',
      `${url}/submit`,
      report({ completedThisMonth: plan + 1, confirmWarnings: true }),
    );
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'submitted', completedThisMonth: plan + 1 });
    expect((confirmed.json() as DispatchReport).issues.map((i) => i.code)).toEqual([
      'dispatch_amount_above_remaining_plan',
    ]);
  });
});

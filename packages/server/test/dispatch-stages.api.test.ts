import type { DispatchReport, DispatchRound, DispatchTable, ProjectScheduleDto } from '@guatu/contracts';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { buildProject, buildUser, type BuiltUser } from './factories.ts';
import {
  call,
  createTestContext,
  describeEngines,
  login,
  type Session,
  type TestContext,
} from './harness.ts';

// A dispatch report's stage updates (issue 10, items 2 and 6): checked against the project's
// schedule, written into it on submission (not on a draft) in the submission's transaction with the
// schedule's version bumped and audited, idempotent on a resubmission, only on the reporter's own
// project; and the dispatch table's 当前工序 read from the schedule in the reader's language.

describeEngines('dispatch report stages API', (engine) => {
  let ctx: TestContext;
  let fgj: Session;
  let tf: BuiltUser;
  let projectId: number;
  let projectName: string;
  let round: DispatchRound;
  let url: string;

  beforeEach(async () => {
    ctx = await createTestContext(engine);
    fgj = await login(ctx.app, 'fgj');
    const laoling = ctx.ids.regions.get('laoling')!;
    tf = await buildUser(ctx, { roles: ['task_force'], regionId: laoling });
    const built = await buildProject(ctx, { regionId: laoling, taskForceIds: [tf.personId!] });
    projectId = built.id;
    projectName = built.project.name;
    const opened = await call(ctx.app, fgj, 'POST', '/api/dispatch/rounds', {
      month: '2026-11',
      deadline: '2026-11-30',
      projectIds: [projectId],
    });
    expect(opened.statusCode, opened.body).toBe(201);
    round = opened.json() as DispatchRound;
    url = `/api/dispatch/rounds/${round.id}/reports/${projectId}`;
  });
  afterEach(async () => {
    await ctx.close();
  });

  const report = (over: Record<string, unknown> = {}) => ({
    completedThisMonth: 100_000,
    progressText: '办理立项手续',
    stages: [
      { key: 'signing', actualStart: '2026-10-08', actualFinish: '2026-10-08' },
      { key: 'registration', actualStart: '2026-10-09', actualFinish: '2026-10-20' },
      { key: 'approval', actualStart: '2026-11-02', actualFinish: null },
    ],
    idempotencyKey: randomUUID(),
    ...over,
  });
  const schedule = async () => {
    const res = await call(ctx.app, tf.session, 'GET', `/api/projects/${projectId}/schedule`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json() as ProjectScheduleDto;
    const actual = Object.fromEntries(
      s.stages
        .filter((x) => x.actualStart !== null || x.actualFinish !== null)
        .map((x) => [x.key, [x.actualStart, x.actualFinish]]),
    );
    return { version: s.version, actual };
  };
  const stageAudit = () =>
    ctx.handle.db
      .selectFrom('auditLog')
      .select(['action', 'entityId', 'actorName', 'before', 'after'])
      .where('entity', '=', 'project_stage')
      .orderBy('seq')
      .execute();
  const table = async (lang = 'zh-CN') => {
    const res = await call(ctx.app, fgj, 'GET', `/api/dispatch/rounds/${round.id}/table`, undefined, {
      'accept-language': lang,
    });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as DispatchTable).rows.find((r) => r.projectId === projectId)!;
  };

  it('writes the stages on submission, not on a draft: schedule version 2, one audit row per stage, 当前工序 at once', async () => {
    const body = report();
    const draft = await call(ctx.app, tf.session, 'PUT', url, body);
    expect(draft.statusCode, draft.body).toBe(200);
    // A draft leaves the schedule as it was: version 1 (the implicit plan), nothing recorded.
    expect(await schedule()).toEqual({ version: 1, actual: {} });
    expect(await stageAudit()).toEqual([]);
    expect((await table()).currentStage).toBe('项目签约');

    const sent = await call(ctx.app, tf.session, 'POST', `${url}/submit`, { ...body, version: 1 });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({ status: 'submitted', version: 2 });
    expect(await schedule()).toEqual({
      version: 2,
      actual: {
        signing: ['2026-10-08', '2026-10-08'],
        registration: ['2026-10-09', '2026-10-20'],
        approval: ['2026-11-02', null],
      },
    });
    const audit = await stageAudit();
    expect(audit.map((a) => [a.action, a.entityId, a.actorName])).toEqual([
      ['update', `${projectId}:signing`, tf.user.displayName],
      ['update', `${projectId}:registration`, tf.user.displayName],
      ['update', `${projectId}:approval`, tf.user.displayName],
    ]);
    expect(JSON.parse(audit[2]!.after!)).toEqual({
      actualStart: '2026-11-02',
      actualFinish: null,
      note: null,
    });
    expect(audit[2]!.before).toBeNull();
    // The approval is in progress: it is the 当前工序, in the reader's language.
    expect((await table()).currentStage).toBe('立项（审批/核准/备案，赋项目代码）');
    expect((await table('en-US')).currentStage).toBe('Project approval');
    // The planner who read version 1 of the schedule now gets the 409 of a stale edit.
    const stale = await call(ctx.app, fgj, 'PUT', `/api/projects/${projectId}/stages/approval`, {
      actualFinish: '2026-11-20',
      version: 1,
    });
    expect(stale.statusCode, stale.body).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
  });

  it('shows the 当前工序 in the .xlsx', async () => {
    const sent = await call(ctx.app, tf.session, 'POST', `${url}/submit`, report());
    expect(sent.statusCode, sent.body).toBe(200);
    const res = await call(ctx.app, fgj, 'GET', `/api/dispatch/rounds/${round.id}/table.xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = ws.getRow(4).values as unknown[];
    const stageCol = header.indexOf('当前工序');
    let found: unknown = undefined;
    ws.eachRow((row) => {
      if (row.getCell(2).value === projectName) found = row.getCell(stageCol).value;
    });
    expect(found).toBe('立项（审批/核准/备案，赋项目代码）');
  });

  it('refuses stages the schedule does not have, a finish before its start, a future date; nothing written', async () => {
    const res = await call(
      ctx.app,
      tf.session,
      'POST',
      `${url}/submit`,
      report({
        stages: [
          { key: 'moon', actualStart: '2026-11-01', actualFinish: null },
          { key: 'land', actualStart: '2026-11-10', actualFinish: '2026-11-01' },
          { key: 'permit', actualStart: '2026-11-26', actualFinish: null },
          { key: 'site', actualStart: '1999-05-01', actualFinish: null },
        ],
      }),
    );
    expect(res.statusCode, res.body).toBe(422);
    const error = res.json().error;
    expect(error.code).toBe('dispatch_report_invalid');
    expect(error.details.map((d: { path: string; reason: string }) => [d.path, d.reason])).toEqual([
      ['stages.moon', 'dispatch_stage_unknown'],
      ['stages.land', 'dispatch_stage_finish_before_start'],
      ['stages.permit', 'dispatch_stage_date_future'],
      ['stages.site', 'dispatch_stage_date_out_of_range'],
    ]);
    expect(error.details[0].message).toBe('该项目的工序计划中没有工序“moon”');
    expect(await schedule()).toEqual({ version: 1, actual: {} });
    expect(await stageAudit()).toEqual([]);
  });

  it('leaves nothing when the stage write fails half-way: report still a draft, schedule untouched', async () => {
    const body = report();
    expect((await call(ctx.app, tf.session, 'PUT', url, body)).statusCode).toBe(200);
    // The stage rows refuse every insert: the write fails after the report row, its version and audit.
    if (engine === 'postgres') {
      await sql`create function guatu_fail_stage() returns trigger language plpgsql as $$ begin raise exception 'stage write failed'; end $$`.execute(
        ctx.handle.db,
      );
      await sql`create trigger guatu_fail_stage before insert on project_stages for each row execute function guatu_fail_stage()`.execute(
        ctx.handle.db,
      );
    } else
      await sql`create trigger guatu_fail_stage before insert on project_stages begin select raise(abort, 'stage write failed'); end`.execute(
        ctx.handle.db,
      );
    const failed = await call(ctx.app, tf.session, 'POST', `${url}/submit`, { ...body, version: 1 });
    expect(failed.statusCode, failed.body).toBe(500);
    const stored = await ctx.handle.db
      .selectFrom('dispatchReports')
      .select(['id', 'status', 'version', 'submittedAt'])
      .where('projectId', '=', projectId)
      .execute();
    expect(stored.map((r) => [r.status, r.version, r.submittedAt])).toEqual([['draft', 1, null]]);
    const versions = await ctx.handle.db
      .selectFrom('dispatchReportVersions')
      .select('version')
      .where('reportId', '=', stored[0]!.id)
      .execute();
    expect(versions).toEqual([]);
    const submits = await ctx.handle.db
      .selectFrom('auditLog')
      .select('seq')
      .where('entity', '=', 'dispatch_report')
      .where('action', '=', 'submit')
      .execute();
    expect(submits).toEqual([]);
    expect(await schedule()).toEqual({ version: 1, actual: {} });
    expect(await stageAudit()).toEqual([]);

    // The fault gone, the same submission goes through whole.
    await sql`drop trigger guatu_fail_stage${sql.raw(engine === 'postgres' ? ' on project_stages' : '')}`.execute(
      ctx.handle.db,
    );
    const sent = await call(ctx.app, tf.session, 'POST', `${url}/submit`, { ...body, version: 1 });
    expect(sent.statusCode, sent.body).toBe(200);
    expect((await schedule()).version).toBe(2);
    expect((await stageAudit()).length).toBe(3);
  });

  it('writes a returned report’s stages again on resubmission: same dates change nothing, a new date one row', async () => {
    const body = report();
    expect((await call(ctx.app, tf.session, 'POST', `${url}/submit`, body)).statusCode).toBe(200);
    expect((await stageAudit()).length).toBe(3);
    const giveBack = async (version: number) => {
      const r = await call(ctx.app, fgj, 'POST', `${url}/return`, { reason: '请补充形象进度', version });
      expect(r.statusCode, r.body).toBe(200);
      return (r.json() as DispatchReport).version;
    };
    // Returned (version 2), resubmitted with the same stage dates: no change row, version kept.
    let v = await giveBack(1);
    const same = await call(ctx.app, tf.session, 'POST', `${url}/submit`, { ...body, version: v });
    expect(same.statusCode, same.body).toBe(200);
    expect((await stageAudit()).length).toBe(3);
    expect((await schedule()).version).toBe(2);
    // Returned again, resubmitted with the approval finished (its start left empty: kept).
    v = await giveBack((same.json() as DispatchReport).version);
    const finished = await call(ctx.app, tf.session, 'POST', `${url}/submit`, {
      ...body,
      stages: [
        { key: 'registration', actualStart: '2026-10-09', actualFinish: '2026-10-20' },
        { key: 'approval', actualStart: null, actualFinish: '2026-11-20' },
      ],
      version: v,
    });
    expect(finished.statusCode, finished.body).toBe(200);
    const audit = await stageAudit();
    expect(audit.length).toBe(4);
    expect(audit[3]!.entityId).toBe(`${projectId}:approval`);
    expect(JSON.parse(audit[3]!.before!)).toEqual({
      actualStart: '2026-11-02',
      actualFinish: null,
      note: null,
    });
    expect(await schedule()).toEqual({
      version: 3,
      actual: {
        signing: ['2026-10-08', '2026-10-08'],
        registration: ['2026-10-09', '2026-10-20'],
        approval: ['2026-11-02', '2026-11-20'],
      },
    });
    // Approval done: the next not started in template order is 规划选址与用地预审 (site).
    expect((await table()).currentStage).toBe('规划选址与用地预审');
  });

  it('lets a reporter write the stages of his own project only', async () => {
    const other = await buildUser(ctx, { roles: ['task_force'], regionId: ctx.ids.regions.get('laoling')! });
    const res = await call(ctx.app, other.session, 'POST', `${url}/submit`, report());
    expect(res.statusCode, res.body).toBe(403);
    expect(await schedule()).toEqual({ version: 1, actual: {} });
    expect(await stageAudit()).toEqual([]);
  });
});

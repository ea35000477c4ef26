import { cellStatus, cellStatusOf, type ProjectScheduleDto } from '@guatu/contracts';
import { buildCalendar, chinaCalendarSpec } from '@guatu/domain';
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

// The built-in holidays to 2026 and weekends-only after, as the server's calendar has them.
const calendar = buildCalendar({ ...chinaCalendarSpec({ firstYear: 2020, lastYear: 2026 }), lastYear: 2030 });
// A project of the living demo's 2026 list (on the test date, 2026-11-25) held up before 开工:
// 建设工程规划许可 waits on a revised plan's public notice (laoling-living.ts).
const PROJECT = '大孙乡研学基地项目';

describeEngines('schedule API', (engine) => {
  let ctx: TestContext;
  let admin: Session;
  let pid: number;
  // Each test on its own fresh database (schedules, templates, the calendar and the audit log are
  // shared state): any test passes alone and in any order.
  beforeEach(async () => {
    ctx = await createTestContext(engine);
    admin = await loginAdmin(ctx.app);
    pid = ctx.ids.projects.get(PROJECT)!;
  });
  afterEach(() => ctx.close());

  const read = async (id = pid, s = admin, qs = '') => {
    const res = await call(ctx.app, s, 'GET', `/api/projects/${id}/schedule${qs}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ProjectScheduleDto;
  };
  const audits = async (entity: string) =>
    ctx.handle.db.selectFrom('auditLog').where('entity', '=', entity).selectAll().orderBy('id').execute();

  it('reads a demo project: 19 stages backward-scheduled on working days, with a critical path', async () => {
    const s = await read();
    expect(s.projectName).toBe(PROJECT);
    expect(s.templateKey).toBe('industrial');
    expect(s.stages).toHaveLength(19);
    expect(s.targets).toEqual([
      { stage: 'start', finishBy: '2026-08-31' },
      { stage: 'operation', finishBy: '2028-06-30' },
    ]);
    for (const st of s.stages) {
      expect(st.status).not.toBe('not_applicable');
      expect(calendar.isWorkingDay(st.latestStart!), `${st.key} ${st.latestStart}`).toBe(true);
      expect(calendar.isWorkingDay(st.latestFinish!), `${st.key} ${st.latestFinish}`).toBe(true);
    }
    expect(s.stages.find((x) => x.key === 'start')!.latestFinish! <= '2026-08-31').toBe(true);
    expect(s.overall.criticalPath.length).toBeGreaterThan(0);
    expect(s.overall.targetFinish).toBe('2028-06-30');
    expect(s.stages.find((x) => x.key === 'operation')!.latestFinish).toBe('2028-06-30'); // a Friday
    expect(s.stages.some((x) => x.status === 'done')).toBe(true);
    expect(s.stages.some((x) => x.warning?.level === 'red')).toBe(true);
    expect(s.nonWorking.length).toBeGreaterThan(0);
    expect(s.canEdit).toBe(true);
    expect(s.version).toBe(1);
    expect(s.baselineId).toBeNull();
  });

  it('shows 中国农批 topped out, as the article says', async () => {
    const s = await read(ctx.ids.projects.get('中国农批乐陵农产品智慧物流园项目')!);
    const byKey = new Map(s.stages.map((x) => [x.key, x]));
    expect(byKey.get('start')!.actualFinish).toBe('2022-11-10');
    expect(byKey.get('topping')!.status).toBe('done');
    expect(byKey.get('permit')!.status).toBe('done');
    // …and, the demo lived to 2026-11-25, in operation since its planned 2023-09-30 ("预计10月前投入运营").
    expect(byKey.get('operation')!.status).toBe('done');
  });

  it('records an actual finish: the stage is done, the forecast moves, the war chart cell changes', async () => {
    const before = await read();
    const stage = before.stages.find((x) => x.status !== 'done')!;
    const col = before.stages.findIndex((x) => x.key === stage.key);
    const chartCell = async () => {
      const w = (await call(ctx.app, admin, 'GET', '/api/war-chart?year=2026')).json();
      const row = (w.projects.ids as number[]).indexOf(pid);
      return cellStatusOf((w.cells as number[])[row * w.stages.length + col]!);
    };
    expect(await chartCell()).toBe(cellStatus.late); // unfinished past its latest finish
    const res = await call(ctx.app, admin, 'PUT', `/api/projects/${pid}/stages/${stage.key}`, {
      actualStart: '2026-11-02',
      actualFinish: '2026-11-20',
      note: '已取得批复',
      version: before.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json() as ProjectScheduleDto;
    const done = after.stages.find((x) => x.key === stage.key)!;
    expect(done).toMatchObject({
      status: 'done',
      actualFinish: '2026-11-20',
      forecastFinish: '2026-11-20',
      note: '已取得批复',
    });
    expect(after.version).toBe(before.version + 1);
    expect(after.overall.forecastFinish).not.toBe(before.overall.forecastFinish);
    expect(await chartCell()).toBe(cellStatus.done);
    const rows = await audits('project_stage');
    expect(rows.at(-1)).toMatchObject({
      action: 'update',
      entityId: `${pid}:${stage.key}`,
      actorName: '系统管理员',
    });

    // Clearing with null takes it back.
    const cleared = await call(ctx.app, admin, 'PUT', `/api/projects/${pid}/stages/${stage.key}`, {
      actualStart: null,
      actualFinish: null,
      note: null,
      version: after.version,
    });
    expect(cleared.statusCode).toBe(200);
    expect((cleared.json() as ProjectScheduleDto).stages.find((x) => x.key === stage.key)!.status).toBe(
      'not_started',
    );
  });

  it('refuses a stale version with 409 naming who changed it', async () => {
    const s = await read();
    const ok = await call(ctx.app, admin, 'PUT', `/api/projects/${pid}/stages/signing`, {
      note: '一',
      version: s.version,
    });
    expect(ok.statusCode).toBe(200);
    const stale = await call(ctx.app, admin, 'PUT', `/api/projects/${pid}/stages/signing`, {
      note: '二',
      version: s.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    expect(stale.json().error.message).toContain('系统管理员');
    const replan = await call(ctx.app, admin, 'PATCH', `/api/projects/${pid}/schedule`, {
      version: s.version,
      edits: [],
    });
    expect(replan.statusCode).toBe(409);
  });

  it('authorises by scope: task force outside, viewer, leader, CSRF', async () => {
    const members = await ctx.handle.db
      .selectFrom('projectMembers')
      .where('projectId', '=', pid)
      .select('personId')
      .execute();
    // Members are people; the demo's people are keyed by the username of the account linked to them.
    const memberIds = new Set(members.map((m) => m.personId));
    const outsider = [...ctx.ids.people].find(([u, id]) => u.startsWith('tf') && !memberIds.has(id))![0];
    const tf = await login(ctx.app, outsider);
    expect((await call(ctx.app, tf, 'GET', `/api/projects/${pid}/schedule`)).statusCode).toBe(403);
    const s = await read();

    const viewer = await login(ctx.app, 'viewer');
    const seen = await read(pid, viewer);
    expect(seen.canEdit).toBe(false);
    const vw = await call(ctx.app, viewer, 'PUT', `/api/projects/${pid}/stages/signing`, {
      note: 'x',
      version: s.version,
    });
    expect(vw.statusCode).toBe(403);
    expect(
      (await call(ctx.app, viewer, 'POST', `/api/projects/${pid}/baselines`, { name: 'x' })).statusCode,
    ).toBe(403);
    expect(
      (
        await call(ctx.app, viewer, 'PATCH', `/api/projects/${pid}/schedule`, {
          version: s.version,
          edits: [],
        })
      ).statusCode,
    ).toBe(403);

    const insider = [...ctx.ids.people].find(([u, id]) => u.startsWith('tf') && memberIds.has(id));
    if (insider) {
      const member = await login(ctx.app, insider[0]);
      const res = await call(ctx.app, member, 'PUT', `/api/projects/${pid}/stages/signing`, {
        note: '专班填报',
        version: s.version,
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const noCsrf = await ctx.app.inject({
      method: 'PUT',
      url: `/api/projects/${pid}/stages/signing`,
      payload: { note: 'x', version: 99 },
      headers: { cookie: admin.cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('csrf');
    expect((await call(ctx.app, null, 'GET', `/api/projects/${pid}/schedule`)).statusCode).toBe(401);
    expect((await call(ctx.app, admin, 'GET', '/api/projects/999999/schedule')).statusCode).toBe(404);
  });

  it('rejects bad input with messages naming the stages', async () => {
    const s = await read();
    const put = (stage: string, body: object) =>
      call(ctx.app, admin, 'PUT', `/api/projects/${pid}/stages/${stage}`, { version: s.version, ...body });
    const unknown = await put('nosuchstage', { note: 'x' });
    expect(unknown.statusCode).toBe(404);
    const backwards = await put('approval', { actualStart: '2026-11-10', actualFinish: '2026-11-01' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.message).toContain('立项');
    const future = await put('approval', { actualFinish: '2026-12-20' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.message).toContain('晚于今天');
    const early = await put('approval', { actualFinish: '2019-05-01' });
    expect(early.statusCode).toBe(422);
    expect(early.json().error.code).toBe('date_out_of_range');
    expect(early.json().error.message).toContain('2019-05-01');
    expect((await put('approval', { actualFinish: '2023-02-30' })).statusCode).toBe(400);
    expect((await put('approval', { actualFinish: '2023-01-05', colour: 'red' })).statusCode).toBe(400);

    const patch = (body: object) =>
      call(ctx.app, admin, 'PATCH', `/api/projects/${pid}/schedule`, { version: s.version, ...body });
    const cycle = await patch({
      edits: [{ kind: 'dependencies', stage: 'signing', deps: [{ stage: 'permit', type: 'FS', lag: 0 }] }],
    });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.code).toBe('schedule_invalid');
    expect(cycle.json().error.message).toContain('循环依赖');
    expect(cycle.json().error.message).toContain('项目签约');
    expect(cycle.json().error.details.stages).toContain('permit');
    const missing = await patch({ edits: [{ kind: 'duration', stage: 'nosuch', duration: 3 }] });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('nosuch');
    const beyond = await patch({ targets: [{ stage: 'operation', finishBy: '2035-06-30' }] });
    expect(beyond.statusCode).toBe(422);
    expect(beyond.json().error.message).toContain('2035-06-30');
    expect((await patch({ templateKey: 'nosuch' })).statusCode).toBe(400);
    expect((await patch({ extra: 1 })).statusCode).toBe(400);
    expect((await read()).version).toBe(s.version); // nothing written
  });

  it('re-plans with edits and targets, audited', async () => {
    const s = await read();
    const res = await call(ctx.app, admin, 'PATCH', `/api/projects/${pid}/schedule`, {
      version: s.version,
      templateKey: 'industrial',
      edits: [
        { kind: 'not_applicable', stage: 'registration' },
        { kind: 'duration', stage: 'structure', duration: 150 },
      ],
      targets: [
        { stage: 'start', finishBy: '2023-10-31' },
        { stage: 'operation', finishBy: '2026-06-30' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json() as ProjectScheduleDto;
    expect(p.stages.find((x) => x.key === 'registration')!.status).toBe('not_applicable');
    expect(p.stages.find((x) => x.key === 'structure')!.duration).toBe(150);
    expect(p.overall.targetFinish).toBe('2026-06-30');
    expect(p.version).toBe(s.version + 1);
    expect((await audits('project_schedule')).at(-1)).toMatchObject({
      action: 'replan',
      entityId: String(pid),
    });
    const na = await call(ctx.app, admin, 'PUT', `/api/projects/${pid}/stages/registration`, {
      note: 'x',
      version: p.version,
    });
    expect(na.statusCode).toBe(400);
  });

  it('saves a baseline and compares it with a later plan', async () => {
    const s = await read();
    const res = await call(ctx.app, admin, 'POST', `/api/projects/${pid}/baselines`, { name: '年初计划' });
    expect(res.statusCode, res.body).toBe(201);
    const b = res.json() as { id: number; name: string; savedAt: string };
    expect(b.name).toBe('年初计划');
    expect(
      (await call(ctx.app, admin, 'POST', `/api/projects/${pid}/baselines`, { name: '年初计划' })).statusCode,
    ).toBe(409);
    const shown = await read();
    expect(shown.baselineId).toBe(b.id);
    expect(shown.baselines.map((x) => x.name)).toEqual(['年初计划']);
    const op = shown.stages.find((x) => x.key === 'operation')!;
    expect(op.baseline).toEqual({ start: op.latestStart, finish: op.latestFinish });

    const later = await call(ctx.app, admin, 'PATCH', `/api/projects/${pid}/schedule`, {
      version: s.version,
      targets: [
        { stage: 'start', finishBy: '2023-12-29' },
        { stage: 'operation', finishBy: '2026-10-30' },
      ],
    });
    expect(later.statusCode, later.body).toBe(200);
    const cmp = await read(pid, admin, `?baselineId=${b.id}`);
    const op2 = cmp.stages.find((x) => x.key === 'operation')!;
    expect(op2.baseline!.finish).toBe(op.latestFinish);
    expect(op2.latestFinish).toBe('2026-10-30');
    expect(
      (await call(ctx.app, admin, 'GET', `/api/projects/${pid}/schedule?baselineId=999999`)).statusCode,
    ).toBe(404);
    expect((await audits('project_baseline')).length).toBe(1);
  });

  it('reports a project without ledger dates as 422 schedule_no_targets', async () => {
    const row = await ctx.handle.db
      .selectFrom('projects')
      .where((eb) => eb.or([eb('plannedStart', 'is', null), eb('plannedFinish', 'is', null)]))
      .where('plannedStart', 'is', null)
      .where('plannedFinish', 'is', null)
      .select('id')
      .executeTakeFirst();
    if (!row) return;
    const res = await call(ctx.app, admin, 'GET', `/api/projects/${row.id}/schedule`);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('schedule_no_targets');
  });

  it('lets only the admin edit a stage template, validated and versioned', async () => {
    const list = (await call(ctx.app, admin, 'GET', '/api/stage-templates')).json() as Array<{
      key: string;
      stages: Array<{ key: string; duration: number; deps: unknown[] }>;
      version: number;
    }>;
    expect(list.map((t) => t.key)).toEqual(['industrial', 'infrastructure', 'social']);
    const social = list.find((t) => t.key === 'social')!;
    expect(social.stages).toHaveLength(19);
    const stages = social.stages.map((st) => (st.key === 'structure' ? { ...st, duration: 200 } : st));
    const tf = await login(ctx.app, 'tf01');
    expect(
      (await call(ctx.app, tf, 'PUT', '/api/stage-templates/social', { stages, version: 1 })).statusCode,
    ).toBe(403);
    const cyc = social.stages.map((st) =>
      st.key === 'signing' ? { ...st, deps: [{ stage: 'operation', type: 'FS', lag: 0 }] } : st,
    );
    const bad = await call(ctx.app, admin, 'PUT', '/api/stage-templates/social', { stages: cyc, version: 1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('循环依赖');
    const ok = await call(ctx.app, admin, 'PUT', '/api/stage-templates/social', {
      name: '社会民生项目（新）',
      stages,
      version: 1,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ key: 'social', name: '社会民生项目（新）', version: 2 });
    const stale = await call(ctx.app, admin, 'PUT', '/api/stage-templates/social', { stages, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toContain('系统管理员');
    expect(
      (await call(ctx.app, admin, 'PUT', '/api/stage-templates/nosuch', { version: 1 })).statusCode,
    ).toBe(400);
    const rows = await audits('stage_template');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'update', entityId: 'social' });
  });

  it('re-plans around an admin stop period and forgets it when deleted', async () => {
    const s = await read();
    // 施工图设计 (2026-07-20 … 2026-08-14 on the fresh demo): inside the calendar's years.
    const structure = s.stages.find((x) => x.key === 'drawings')!;
    expect([structure.latestStart, structure.latestFinish]).toEqual(['2026-07-20', '2026-08-14']);
    const viewer = await login(ctx.app, 'viewer');
    const entry = {
      kind: 'stop',
      from: structure.latestStart!,
      to: structure.latestFinish!,
      name: '冬季停工',
    };
    expect((await call(ctx.app, viewer, 'POST', '/api/calendar/entries', entry)).statusCode).toBe(403);
    const created = await call(ctx.app, admin, 'POST', '/api/calendar/entries', entry);
    expect(created.statusCode, created.body).toBe(201);
    const id = (created.json() as { id: number }).id;
    const stopped = await read();
    const st2 = stopped.stages.find((x) => x.key === 'drawings')!;
    expect(st2.latestFinish! < structure.latestStart!).toBe(true);
    expect(st2.latestStart! < structure.latestStart!).toBe(true);
    expect(stopped.nonWorking.some((p) => p.name === '冬季停工')).toBe(true);
    const cal = (await call(ctx.app, viewer, 'GET', '/api/calendar')).json();
    expect(cal).toMatchObject({ firstYear: 2020, lastYear: 2026 });
    expect(cal.entries).toHaveLength(1);

    const backwards = await call(ctx.app, admin, 'POST', '/api/calendar/entries', {
      ...entry,
      from: '2024-02-01',
      to: '2024-01-01',
    });
    expect(backwards.statusCode).toBe(400);
    const outside = await call(ctx.app, admin, 'POST', '/api/calendar/entries', {
      ...entry,
      from: '2031-01-01',
      to: '2031-02-01',
    });
    expect(outside.statusCode).toBe(422);

    expect((await call(ctx.app, viewer, 'DELETE', `/api/calendar/entries/${id}`)).statusCode).toBe(403);
    expect((await call(ctx.app, admin, 'DELETE', `/api/calendar/entries/${id}`)).statusCode).toBe(200);
    expect((await call(ctx.app, admin, 'DELETE', `/api/calendar/entries/${id}`)).statusCode).toBe(404);
    expect((await read()).stages.find((x) => x.key === 'drawings')!.latestStart).toBe(structure.latestStart);
    expect((await audits('calendar_entry')).map((r) => r.action)).toEqual(['create', 'delete']);
  });

  it('adds the next year to the calendar, admin only, years following on', async () => {
    const body = {
      year: 2027,
      holidays: ['2027-01-01', '2027-02-06', '2027-02-07'],
      workdays: ['2027-02-14'],
    };
    const viewer = await login(ctx.app, 'viewer');
    expect((await call(ctx.app, viewer, 'POST', '/api/calendar/years', body)).statusCode).toBe(403);
    expect(
      (await call(ctx.app, admin, 'POST', '/api/calendar/years', { ...body, year: 2029 })).statusCode,
    ).toBe(400);
    expect(
      (await call(ctx.app, admin, 'POST', '/api/calendar/years', { ...body, workdays: ['2027-02-15'] }))
        .statusCode,
    ).toBe(400);
    const ok = await call(ctx.app, admin, 'POST', '/api/calendar/years', body);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ lastYear: 2027 });
    expect((await call(ctx.app, admin, 'POST', '/api/calendar/years', body)).statusCode).toBe(409);
    expect((await audits('calendar_year')).length).toBe(1);
  });
});

import {
  decodeCell as decode,
  type ProjectScheduleDto,
  type WarChartDto,
  type WarningRulesDto,
} from '@guatu/contracts';
import { defaultWarningRules } from '@guatu/domain';
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

const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

describeEngines('warning rules API', (engine) => {
  let ctx: TestContext;
  let admin: Session;
  // Each test on its own fresh database: the first two expect the stored rules untouched (version 1),
  // which the third changes; any test passes alone and in any order.
  beforeEach(async () => {
    ctx = await createTestContext(engine);
    admin = await loginAdmin(ctx.app);
  });
  afterEach(() => ctx.close());

  const get = async (s = admin) => {
    const res = await call(ctx.app, s, 'GET', '/api/warning-rules');
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as WarningRulesDto;
  };
  const put = (body: unknown, s = admin) => call(ctx.app, s, 'PUT', '/api/warning-rules', body);
  const chart = async () => {
    const res = await call(ctx.app, admin, 'GET', '/api/war-chart?year=2023');
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as WarChartDto;
  };
  const schedule = async (id: number) => {
    const res = await call(ctx.app, admin, 'GET', `/api/projects/${id}/schedule`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ProjectScheduleDto;
  };
  const rulesBody = (redDaysPast: number, version: number) => ({
    start: defaultWarningRules.start,
    stage: { ...defaultWarningRules.stage, redDaysPast },
    version,
  });

  it('returns the defaults, at version 1, to any logged-in user', async () => {
    const viewer = await login(ctx.app, 'viewer');
    // Each reads his own region's rules (issue 7): nothing stored anywhere, the defaults, own by nobody.
    for (const [s, region, canEdit] of [
      [admin, '山东省', true],
      [viewer, '乐陵市', false],
    ] as const)
      expect(await get(s)).toEqual({
        ...defaultWarningRules,
        version: 1,
        updatedAt: null,
        updatedBy: null,
        regionId: expect.any(Number),
        regionName: region,
        own: false,
        inheritedFrom: null,
        canEdit,
      });
    expect((await call(ctx.app, null, 'GET', '/api/warning-rules')).statusCode).toBe(401);
  });

  it('refuses non-admins (403), bad rules (400) and writes without CSRF (403)', async () => {
    const viewer = await login(ctx.app, 'viewer');
    const denied = await put(rulesBody(60, 1), viewer);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('forbidden');
    const tf = await login(ctx.app, 'tf01');
    expect((await put(rulesBody(60, 1), tf)).statusCode).toBe(403);

    const bad = [
      { ...rulesBody(60, 1), stage: { yellowDaysPast: 10, redDaysPast: 5, negativeFloat: 'yellow' } },
      { ...rulesBody(60, 1), start: { ...defaultWarningRules.start, yellowMonthsPast: 4, redMonthsPast: 3 } },
      { ...rulesBody(60, 1), extra: 1 },
      { ...rulesBody(60, 1), stage: { ...defaultWarningRules.stage, redDaysPast: 30, other: 1 } },
      rulesBody(366, 1),
      { ...rulesBody(60, 1), stage: { ...defaultWarningRules.stage, negativeFloat: 'green' } },
      { ...rulesBody(60, 1), start: { ...defaultWarningRules.start, stages: ['bad key!'] } },
    ];
    for (const body of bad) {
      const res = await put(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('validation');
    }

    const noCsrf = await ctx.app.inject({
      method: 'PUT',
      url: '/api/warning-rules',
      payload: rulesBody(60, 1),
      headers: { cookie: admin.cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('csrf');
    expect((await get()).version).toBe(1);
  });

  it('applies the admin’s redDaysPast to schedules and the war chart, audited, stale → 409', async () => {
    // A red cell of an overdue stage (not the start stage, whose start warning also counts).
    const w = await chart();
    let found: { id: number; stage: string; col: number; row: number; past: number } | null = null;
    for (let p = 0; p < w.projects.ids.length && !found; p++) {
      for (let c = 0; c < w.stages.length && !found; c++) {
        const stage = w.stages[c]!.key;
        if (defaultWarningRules.start.stages.includes(stage)) continue;
        if (decode(w.cells[p * w.stages.length + c]!).warning !== 3) continue;
        const s = await schedule(w.projects.ids[p]!);
        const st = s.stages.find((x) => x.key === stage)!;
        if (st.warning?.reason !== 'overdue' || st.warning.kind !== 'stage') continue;
        const past = days(st.latestFinish!, s.today);
        if (past < 365) found = { id: w.projects.ids[p]!, stage, col: c, row: p, past };
      }
    }
    expect(found, 'a red overdue stage in the demo').not.toBeNull();
    const { id, stage, col, row, past } = found!;
    expect(past).toBeGreaterThanOrEqual(defaultWarningRules.stage.redDaysPast);
    const levelNow = async () => {
      const s = await schedule(id);
      const c = await chart();
      expect(c.projects.ids[row]).toBe(id);
      return {
        stage: s.stages.find((x) => x.key === stage)!.warning!.level,
        cell: decode(c.cells[row * c.stages.length + col]!).warning,
      };
    };
    expect(await levelNow()).toEqual({ stage: 'red', cell: 3 });

    // Red only from one day later than this stage is overdue: it turns yellow.
    const ok = await put(rulesBody(past + 1, 1));
    expect(ok.statusCode, ok.body).toBe(200);
    const saved = ok.json() as WarningRulesDto;
    expect(saved).toMatchObject({ stage: { redDaysPast: past + 1 }, version: 2, updatedBy: '系统管理员' });
    expect(await get()).toEqual(saved);
    expect(await levelNow()).toEqual({ stage: 'yellow', cell: 2 });

    const stale = await put(rulesBody(past, 1));
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    expect(await levelNow()).toEqual({ stage: 'yellow', cell: 2 });

    const back = await put(rulesBody(past, 2));
    expect(back.statusCode, back.body).toBe(200);
    expect((back.json() as WarningRulesDto).version).toBe(3);
    expect(await levelNow()).toEqual({ stage: 'red', cell: 3 });

    const audits = await ctx.handle.db
      .selectFrom('auditLog')
      .where('entity', '=', 'warning_rules')
      .selectAll()
      .orderBy('id')
      .execute();
    expect(audits).toHaveLength(2);
    expect(audits[0]).toMatchObject({ action: 'update', entityId: 'stage', actorName: '系统管理员' });
    expect(JSON.parse(audits[0]!.before!)).toEqual(defaultWarningRules);
    expect(JSON.parse(audits[0]!.after!).stage.redDaysPast).toBe(past + 1);
    expect(JSON.parse(audits[1]!.before!).stage.redDaysPast).toBe(past + 1);
    expect(JSON.parse(audits[1]!.after!).stage.redDaysPast).toBe(past);
  });
});

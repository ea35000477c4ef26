import type { DispatchFigures, DispatchRound, DispatchTable, LedgerPage, LedgerRow } from '@guatu/contracts';
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

// 一月一调度, the figures of a round (issue 10, item 5): the counts, the year to date against the
// annual plan and the pace (序时进度) with its warning, overall and by level, town, leader and
// department, each group naming the projects behind it; the same scope as the round's table.

const PASSWORD = 'Qx7#vLm2pRz';
const CHANGED = 'Wn4$kTq8sYb';
// The demo's 2023 list of 乐陵市: its implementation projects (as in dispatch.api.test.ts).
const LEDGER_COUNT = 82;
const AMOUNT_A = 1_500_000;
const AMOUNT_B = 2_500_000;

describeEngines('dispatch figures API', (engine) => {
  let ctx: TestContext;
  let fgj: Session;

  beforeEach(async () => {
    ctx = await createTestContext(engine);
    fgj = await login(ctx.app, 'fgj');
  });
  afterEach(async () => {
    await ctx.close();
  });

  async function ledger2023(): Promise<LedgerRow[]> {
    const res = await call(
      ctx.app,
      fgj,
      'GET',
      '/api/projects?year=2023&category=implementation&pageSize=500',
    );
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as LedgerPage;
    expect(page.total).toBe(LEDGER_COUNT);
    return page.items;
  }
  const figures = async (id: number, by: string, s: Session = fgj) => {
    const res = await call(ctx.app, s, 'GET', `/api/dispatch/rounds/${id}/figures?by=${by}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as DispatchFigures;
  };
  const sorted = (ids: readonly number[]) => [...ids].sort((a, b) => a - b);
  /** The ledger's projects by a key, ids sorted. */
  const byKey = (rows: readonly LedgerRow[], key: (r: LedgerRow) => string) => {
    const m = new Map<string, number[]>();
    for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r.id]);
    return new Map([...m].map(([k, ids]) => [k, sorted(ids)]));
  };

  /**
   * The round of 2023-03 (deadline the 25th, long past today 2026-11-25, so reopened by hand) with
   * two reports submitted by 乐陵市's admin: A (a 省级 project) 150万, B (a 市级 one) 250万. The
   * ledger's imported year-to-date figures are cleared first, so the reports alone make the year to date.
   */
  async function roundWithTwoReports(items: readonly LedgerRow[]) {
    await ctx.handle.db
      .updateTable('projectYears')
      .set({ reportedYtd: null, reportedAsOf: null })
      .where('year', '=', 2023)
      .execute();
    const a = items.find((p) => p.level === 'province')!;
    const b = items.find((p) => p.level === 'city')!;
    expect(a && b).toBeTruthy();
    const opened = await call(ctx.app, fgj, 'POST', '/api/dispatch/rounds', { month: '2023-03' });
    expect(opened.statusCode, opened.body).toBe(201);
    const round = opened.json() as DispatchRound;
    expect(round.deadline).toBe('2023-03-25');
    const reopened = await call(ctx.app, fgj, 'POST', `/api/dispatch/rounds/${round.id}/reopen`, {
      version: round.version,
    });
    expect(reopened.statusCode, reopened.body).toBe(200);
    for (const [p, amount] of [
      [a, AMOUNT_A],
      [b, AMOUNT_B],
    ] as const) {
      const sent = await call(
        ctx.app,
        fgj,
        'POST',
        `/api/dispatch/rounds/${round.id}/reports/${p.id}/submit`,
        {
          completedThisMonth: amount,
          progressText: '主体结构施工',
          problems: [],
          idempotencyKey: randomUUID(),
          confirmWarnings: true,
        },
      );
      expect(sent.statusCode, sent.body).toBe(200);
      expect(sent.json()).toMatchObject({ status: 'submitted', late: true });
    }
    return { round, a, b };
  }

  it('gives the round’s counts, year to date and pace by level, each level naming its ledger projects', async () => {
    const items = await ledger2023();
    const { round, a, b } = await roundWithTwoReports(items);
    const f = await figures(round.id, 'level');
    const planSum = items.reduce((s, p) => s + p.annualPlan, 0);

    expect(f.by).toBe('level');
    expect(f.paceRate).toBe(25); // 3 of 12 months
    // Two reported (both after the 2023-03-25 deadline: late), the other 80 missing.
    expect(f.counts).toEqual({ projects: 82, reported: 2, missing: 80, late: 2, returned: 0 });
    expect(f.overall).toMatchObject({
      projects: 82,
      annualPlan: planSum,
      completedYtd: 1_500_000 + 2_500_000,
      completionRate: Math.round((4_000_000 / planSum) * 1000) / 10,
      // 序时进度 after 3 months: 3/12 of the plan (the plans are whole 万元, so exact).
      pacePlan: (planSum * 3) / 12,
      // 400万 of a due 3/12 of the plan is far more than 30 points behind: red.
      paceWarning: 'red',
      // Missing more than a week after the deadline: red; the two reported are green.
      reportingWarnings: { yellow: 0, red: 80 },
    });
    expect(sorted(f.overall.projectIds)).toEqual(sorted(items.map((p) => p.id)));

    // By level: the ledger's levels in the order 省级, 市级, 县级, each with its plans summed.
    const levels = byKey(items, (p) => p.level);
    expect(f.groups.map((g) => g.key)).toEqual(['province', 'city', 'county'].filter((l) => levels.has(l)));
    expect(f.groups.find((g) => g.key === 'province')!.label).toBe('省级重点项目');
    const amountOf = new Map([
      [a.id, AMOUNT_A],
      [b.id, AMOUNT_B],
    ]);
    for (const g of f.groups) {
      const ids = levels.get(g.key)!;
      const plan = items.filter((p) => p.level === g.key).reduce((s, p) => s + p.annualPlan, 0);
      const ytd = ids.reduce((s, id) => s + (amountOf.get(id) ?? 0), 0);
      const reported = ids.filter((id) => amountOf.has(id)).length;
      expect(sorted(g.projectIds)).toEqual(ids);
      expect(g).toMatchObject({
        projects: ids.length,
        annualPlan: plan,
        completedYtd: ytd,
        completionRate: Math.round((ytd / plan) * 1000) / 10,
        pacePlan: (plan * 3) / 12,
        paceWarning: 'red',
        reported,
        missing: ids.length - reported,
        late: reported,
        returned: 0,
        reportingWarnings: { yellow: 0, red: ids.length - reported },
      });
    }
    expect(f.groups.find((g) => g.key === 'province')!.completedYtd).toBe(1_500_000);
    expect(f.groups.find((g) => g.key === 'city')!.completedYtd).toBe(2_500_000);
    expect(f.groups.reduce((s, g) => s + g.projects, 0)).toBe(82);

    // The 纳统 warnings are the table's, counted per group.
    const t = (
      await call(ctx.app, fgj, 'GET', `/api/dispatch/rounds/${round.id}/table`)
    ).json() as DispatchTable;
    for (const g of f.groups) {
      const rows = t.rows.filter((r) => g.projectIds.includes(r.projectId));
      expect(g.statsWarnings).toEqual({
        yellow: rows.filter((r) => r.statsWarning === 'yellow').length,
        red: rows.filter((r) => r.statsWarning === 'red').length,
      });
      // The projects in the table's order.
      expect(g.projectIds).toEqual(rows.map((r) => r.projectId));
    }
    expect(f.overall.completedYtd).toBe(t.totals.completedYtd);
    expect(f.overall.pacePlan).toBe(t.totals.pacePlan);
  });

  it('groups by town, leader and department exactly as the ledger assigns them', async () => {
    const items = await ledger2023();
    const { round } = await roundWithTwoReports(items);
    const cases = [
      ['town', (p: LedgerRow) => String(p.regionId)],
      ['leader', (p: LedgerRow) => (p.leaderId === null ? 'none' : String(p.leaderId))],
      ['department', (p: LedgerRow) => (p.departmentId === null ? 'none' : String(p.departmentId))],
    ] as const;
    for (const [by, key] of cases) {
      const f = await figures(round.id, by);
      const expected = byKey(items, key);
      expect(sorted(f.groups.map((g) => g.key) as never)).toEqual(sorted([...expected.keys()] as never));
      for (const g of f.groups) {
        expect(sorted(g.projectIds), `${by} ${g.key}`).toEqual(expected.get(g.key));
        const rows = items.filter((p) => key(p) === g.key);
        expect(g.annualPlan).toBe(rows.reduce((s, p) => s + p.annualPlan, 0));
      }
      expect(f.counts).toEqual({ projects: 82, reported: 2, missing: 80, late: 2, returned: 0 });
    }
    const towns = await figures(round.id, 'town');
    const first = items.find((p) => String(p.regionId) === towns.groups[0]!.key)!;
    expect(towns.groups[0]!.label).toBe(first.regionName);
    const leaders = await figures(round.id, 'leader');
    for (const g of leaders.groups.filter((x) => x.key !== 'none'))
      expect(g.label).toBe(items.find((p) => String(p.leaderId) === g.key)!.leaderName);
  });

  it('refuses a bad grouping (400), a reader without the ledger (403) and another county’s admin (404)', async () => {
    const opened = await call(ctx.app, fgj, 'POST', '/api/dispatch/rounds', { month: '2023-03' });
    const round = opened.json() as DispatchRound;
    const bad = await call(ctx.app, fgj, 'GET', `/api/dispatch/rounds/${round.id}/figures?by=county`);
    expect(bad.statusCode).toBe(400);
    // Default grouping: by level.
    const plain = await call(ctx.app, fgj, 'GET', `/api/dispatch/rounds/${round.id}/figures`);
    expect(plain.statusCode, plain.body).toBe(200);
    expect((plain.json() as DispatchFigures).by).toBe('level');

    // The viewer reads the round's table, so its figures too (the same policy); the auditor does not.
    const viewer = await login(ctx.app, 'viewer');
    expect((await figures(round.id, 'level', viewer)).overall.projects).toBe(LEDGER_COUNT);
    // A task-force member sees the figures of exactly the projects his table shows him.
    const member = await ctx.handle.db
      .selectFrom('dispatchRoundProjects as rp')
      .innerJoin('projectMembers as pm', 'pm.projectId', 'rp.projectId')
      .innerJoin('people as pe', 'pe.id', 'pm.personId')
      .innerJoin('users as u', 'u.id', 'pe.userId')
      .where('rp.roundId', '=', round.id)
      .select(['u.username'])
      .orderBy('rp.projectId')
      .executeTakeFirstOrThrow();
    const tf = await login(ctx.app, member.username);
    const tfTable = (
      await call(ctx.app, tf, 'GET', `/api/dispatch/rounds/${round.id}/table`)
    ).json() as DispatchTable;
    const tfFigures = await figures(round.id, 'level', tf);
    expect(tfTable.rows.length).toBeGreaterThan(0);
    expect(tfTable.rows.length).toBeLessThan(LEDGER_COUNT);
    expect(tfFigures.overall.projectIds).toEqual(tfTable.rows.map((r) => r.projectId));
    expect(tfFigures.counts.projects).toBe(tfTable.rows.length);
    const auditor = await login(ctx.app, 'auditor');
    const refused = await call(ctx.app, auditor, 'GET', `/api/dispatch/rounds/${round.id}/figures`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'forbidden' });

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
    const nj = await login(ctx.app, 'nj-admin', CHANGED);
    const other = await call(ctx.app, nj, 'GET', `/api/dispatch/rounds/${round.id}/figures?by=town`);
    expect(other.statusCode).toBe(404);
    expect(other.json().error).toMatchObject({ code: 'not_found', params: { entity: 'dispatchRound' } });
  });
});

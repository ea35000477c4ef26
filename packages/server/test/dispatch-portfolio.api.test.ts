import path from 'node:path';
import type { DispatchFigures, DispatchRound, DispatchTable } from '@guatu/contracts';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.ts';
import { openDatabase, type DbHandle } from '../src/db/connect.ts';
import { forgetDispatchAnswers } from '../src/portfolio/dispatch-round-cache.ts';
import {
  call,
  createTestContext,
  describeEngines,
  login,
  type Session,
  type TestContext,
} from './harness.ts';

// Issue 11: a round's dispatch table and figures are kept in memory per database handle while the
// counters of migrations 0025 and 0027 hold (portfolio/dispatch-round-cache.ts). Checked against
// the answers computed from SQL (app R: its kept answers are dropped before every read), after
// report writes (submit, accept, return, a stage and a leader's name) made through app A or app B
// (a second handle on the same database, as several app servers), read on both; and the optional
// page of the table.

const groupings = ['level', 'town', 'leader', 'department'] as const;

describeEngines('dispatch table and figures kept per round state', (engine) => {
  let ctx: TestContext;
  const extra: Array<{ handle: DbHandle; app: App }> = [];
  let appB: App;
  let appR: App;
  let handleR: DbHandle;
  let fgj: Session;
  let round: DispatchRound;
  let ids: number[];

  const second = async () => {
    const handle = openDatabase(
      engine === 'postgres'
        ? { url: ctx.config.databaseUrl }
        : { url: null, file: path.join(ctx.config.dataDir, 'guatu.db') },
    );
    const app = await buildApp({ handle, config: ctx.config, now: () => ctx.clock.now });
    await app.ready();
    extra.push({ handle, app });
    return { handle, app };
  };

  beforeAll(async () => {
    ctx = await createTestContext(engine, {}, { onDisk: true });
    ({ app: appB } = await second());
    ({ app: appR, handle: handleR } = await second());
    fgj = await login(ctx.app, 'fgj');
    const opened = await call(ctx.app, fgj, 'POST', '/api/dispatch/rounds', { month: '2023-03' });
    expect(opened.statusCode, opened.body).toBe(201);
    round = opened.json() as DispatchRound;
    const reopened = await call(ctx.app, fgj, 'POST', `/api/dispatch/rounds/${round.id}/reopen`, {
      version: round.version,
    });
    expect(reopened.statusCode, reopened.body).toBe(200);
    ids = (await table(ctx.app)).rows.map((r) => r.projectId);
    expect(ids).toHaveLength(82);
  });
  afterAll(async () => {
    for (const { app, handle } of extra) {
      await app.close();
      await handle.db.destroy();
    }
    await ctx?.close();
  });

  const get = async <T>(app: App, url: string, s: Session = fgj): Promise<T> => {
    if (app === appR) forgetDispatchAnswers(handleR.db);
    const res = await call(app, s, 'GET', url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as T;
  };
  const table = (app: App, s?: Session) =>
    get<DispatchTable>(app, `/api/dispatch/rounds/${round.id}/table`, s);
  const figures = (app: App, by: string, s?: Session) =>
    get<DispatchFigures>(app, `/api/dispatch/rounds/${round.id}/figures?by=${by}`, s);

  /** A's and B's table and figures (kept or not) are R's, computed from SQL now. */
  async function expectAsSql(s: Session = fgj): Promise<DispatchTable> {
    const sql = await table(appR, s);
    expect(await table(ctx.app, s)).toEqual(sql);
    expect(await table(appB, s)).toEqual(sql);
    for (const by of groupings) {
      const f = await figures(appR, by, s);
      expect(await figures(ctx.app, by, s)).toEqual(f);
      expect(await figures(appB, by, s)).toEqual(f);
    }
    return sql;
  }

  const reportUrl = (projectId: number) => `/api/dispatch/rounds/${round.id}/reports/${projectId}`;
  const submit = async (app: App, projectId: number, amount: number, stages: unknown[] = []) => {
    const res = await call(app, fgj, 'POST', `${reportUrl(projectId)}/submit`, {
      completedThisMonth: amount,
      progressText: '主体结构施工',
      problems: ['用地指标待落实'],
      stages,
      idempotencyKey: randomUUID(),
      confirmWarnings: true,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { version: number };
  };
  const row = (t: DispatchTable, projectId: number) => t.rows.find((r) => r.projectId === projectId)!;

  it('answers as SQL after a submission through A, an acceptance through B and a return through A, on both', async () => {
    const before = await expectAsSql(); // A and B keep these answers
    expect(before.round.counts).toMatchObject({ projects: 82, reported: 0, returned: 0 });
    const [x, y] = [ids[0]!, ids[1]!];

    const sent = await submit(ctx.app, x, 1_234_000);
    let t = await expectAsSql();
    expect(t.round.counts).toMatchObject({ projects: 82, reported: 1, late: 1 });
    expect(row(t, x)).toMatchObject({
      completedThisMonth: 1_234_000,
      reportStatus: 'submitted',
      problems: ['用地指标待落实'],
    });
    expect(t.totals.completedThisMonth).toBe(1_234_000);

    const accepted = await call(appB, fgj, 'POST', `${reportUrl(x)}/accept`, { version: sent.version });
    expect(accepted.statusCode, accepted.body).toBe(200);
    t = await expectAsSql();
    expect(row(t, x).reportStatus).toBe('accepted');

    const sentY = await submit(appB, y, 2_000_000);
    expect((await table(ctx.app)).totals.completedThisMonth).toBe(3_234_000);
    const returned = await call(ctx.app, fgj, 'POST', `${reportUrl(y)}/return`, {
      reason: '数据有误',
      version: sentY.version,
    });
    expect(returned.statusCode, returned.body).toBe(200);
    t = await expectAsSql();
    expect(t.round.counts).toMatchObject({ reported: 1, returned: 1 });
    expect(row(t, y)).toMatchObject({ reportStatus: 'returned', completedThisMonth: 0 });
    expect(t.totals.completedThisMonth).toBe(1_234_000);
    const f = await figures(appB, 'level');
    expect(f.counts).toMatchObject({ projects: 82, reported: 1, returned: 1 });
  });

  it('shows a stage reported through B and a leader renamed in SQL on A at once', async () => {
    // A stage in progress of a project (not one reported above) reported finished today.
    let z = 0;
    let next: { key: string; actualStart: string | null } | undefined;
    for (const id of ids.slice(2)) {
      const s = await get<{ stages: Array<{ key: string; status: string; actualStart: string | null }> }>(
        ctx.app,
        `/api/projects/${id}/schedule`,
      );
      next = s.stages.find((x) => x.status === 'in_progress');
      z = id;
      if (next) break;
    }
    expect(next).toBeDefined();
    const before = row(await table(appB), z).currentStage;
    await submit(appB, z, 10_000, [
      { key: next!.key, actualStart: next!.actualStart, actualFinish: '2026-11-25' },
    ]);
    const t = await expectAsSql();
    expect(row(t, z).currentStage).not.toBe(before);
    expect(row(t, z).completedThisMonth).toBe(10_000);

    // A leader's name (people): the figures by leader are labelled with it on both servers.
    const led = await ctx.handle.db
      .selectFrom('projects')
      .select('leaderId')
      .where('leaderId', 'is not', null)
      .where('id', 'in', ids)
      .executeTakeFirstOrThrow();
    await figures(ctx.app, 'leader');
    await figures(appB, 'leader');
    await ctx.handle.db
      .updateTable('people')
      .set({ name: '新名字' })
      .where('id', '=', led.leaderId!)
      .execute();
    await expectAsSql();
    const group = (await figures(appB, 'leader')).groups.find((g) => g.key === String(led.leaderId));
    expect(group?.label).toBe('新名字');
  });

  it('answers readers of smaller scopes (a leader, a department) with their own rows, as SQL', async () => {
    for (const username of ['leader1', 'dept-zrzy']) {
      const s = await login(ctx.app, username);
      const mine = await expectAsSql(s);
      expect(mine.rows.length).toBeGreaterThan(0);
      expect(mine.rows.length).toBeLessThan(82);
    }
    expect((await table(ctx.app)).rows).toHaveLength(82); // fgj's kept answer is his own
  });

  it('gives one page of the table in its order with the totals of every row; without page, every row', async () => {
    const all = await table(ctx.app);
    const page = await get<DispatchTable>(
      ctx.app,
      `/api/dispatch/rounds/${round.id}/table?page=2&pageSize=10`,
    );
    expect(page.rows).toEqual(all.rows.slice(10, 20));
    expect(page.totals).toEqual(all.totals);
    expect(page.round).toEqual(all.round);
    const last = await get<DispatchTable>(
      ctx.app,
      `/api/dispatch/rounds/${round.id}/table?page=9&pageSize=10`,
    );
    expect(last.rows.map((r) => r.projectId)).toEqual(ids.slice(80));
    const first = await get<DispatchTable>(ctx.app, `/api/dispatch/rounds/${round.id}/table?page=1`);
    expect(first.rows).toHaveLength(50);
    const bad = await call(ctx.app, fgj, 'GET', `/api/dispatch/rounds/${round.id}/table?pageSize=0`);
    expect(bad.statusCode).toBe(400);
  });

  it('summarises on B, at once, a ledger edit made on A (the kept summary follows the portfolio)', async () => {
    type Summary = { projects: number; totalInvestment: number; byLevel: Record<string, number> };
    const summary = async (app: App, q = '') => get<Summary>(app, `/api/projects/summary?year=2023${q}`);
    const before = await summary(appB);
    expect(await summary(appB)).toEqual(before); // kept
    expect(await summary(ctx.app)).toEqual(before);
    const [first] = (
      await get<{ items: Array<{ id: number; version: number; totalInvestment: number }> }>(
        ctx.app,
        `/api/projects?year=2023&pageSize=1`,
      )
    ).items;
    const edit = await call(ctx.app, fgj, 'PATCH', `/api/projects/${first!.id}`, {
      version: first!.version,
      totalInvestment: first!.totalInvestment + 1_000_000,
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const after = await summary(appB);
    expect(after.totalInvestment).toBe(before.totalInvestment + 1_000_000);
    expect(after.projects).toBe(before.projects);
    expect(await summary(ctx.app)).toEqual(after);
    // A filter is its own summary: 省级 only.
    const province = await summary(appB, '&level=province');
    expect(province.projects).toBe(after.byLevel.province);
  });
});

import path from 'node:path';
import {
  decodeCell,
  type ProjectScheduleDto,
  type WarChartDto,
  type WarningRulesDto,
} from '@guatu/contracts';
import { defaultWarningRules } from '@guatu/domain';
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.ts';
import { openDatabase, type DbHandle } from '../src/db/connect.ts';
import {
  call,
  createTestContext,
  describeEngines,
  loginAdmin,
  type Session,
  type TestContext,
} from './harness.ts';

// Several app servers, one database (issue 8, item 6): app A is the test context's, app B a second
// app with a handle of its own on the same database (SQLite: the same file; PostgreSQL: the same
// URL), so its caches are its own. What A changes, B uses on its next request.

const PROJECT = '新材料科技产业园项目';
const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

/** The SQL statements app B runs, as text naming their tables. */
const statements: string[] = [];
const counter: KyselyPlugin = {
  transformQuery: (args) => {
    statements.push(JSON.stringify(args.node));
    return args.node;
  },
  transformResult: async (args) => args.result,
};

describeEngines('several app servers on one database', (engine) => {
  let ctx: TestContext;
  let handleB: DbHandle;
  let appB: App;
  let admin: Session;
  let pid: number;

  beforeAll(async () => {
    ctx = await createTestContext(engine, {}, { onDisk: true });
    const opened = openDatabase(
      engine === 'postgres'
        ? { url: ctx.config.databaseUrl }
        : { url: null, file: path.join(ctx.config.dataDir, 'guatu.db') },
    );
    handleB = { ...opened, db: opened.db.withPlugin(counter) };
    appB = await buildApp({ handle: handleB, config: ctx.config, now: () => ctx.clock.now });
    await appB.ready();
    admin = await loginAdmin(ctx.app); // on A; the session is the database's
    pid = ctx.ids.projects.get(PROJECT)!;
  });
  afterAll(async () => {
    await appB?.close();
    await handleB?.db.destroy();
    await ctx?.close();
  });

  const schedule = async (app: App, id = pid) => {
    const res = await call(app, admin, 'GET', `/api/projects/${id}/schedule`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ProjectScheduleDto;
  };
  const chart = async (app: App) => {
    const res = await call(app, admin, 'GET', '/api/war-chart?year=2023');
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as WarChartDto;
  };
  const stage = (s: ProjectScheduleDto, key: string) => s.stages.find((x) => x.key === key)!;

  it('takes a session created on A on B', async () => {
    const me = await call(appB, admin, 'GET', '/api/auth/me');
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json()).toMatchObject({ user: { username: 'admin' } });
  });

  it('checks the cached settings with one primary-key read per request, and reads nothing else of them', async () => {
    await schedule(appB); // warm
    await chart(appB);
    const settingsTables = /"name":"(calendar_entries|calendar_years|stage_templates|warning_rules)"/;
    const stamps = /"name":"settings_versions"/;
    for (const read of [() => schedule(appB), () => chart(appB)]) {
      statements.length = 0;
      await read();
      expect(statements.filter((s) => stamps.test(s))).toHaveLength(1);
      expect(statements.filter((s) => settingsTables.test(s))).toEqual([]);
    }
  });

  it('re-plans on B around a stop period added on A', async () => {
    const before = stage(await schedule(appB), 'structure');
    const created = await call(ctx.app, admin, 'POST', '/api/calendar/entries', {
      kind: 'stop',
      from: before.latestStart,
      to: before.latestFinish,
      name: '冬季停工',
    });
    expect(created.statusCode, created.body).toBe(201);
    const after = await schedule(appB);
    expect(after.nonWorking.filter((p) => p.name === '冬季停工')).toEqual([
      { from: before.latestStart, to: before.latestFinish, name: '冬季停工' },
    ]);
    expect(stage(after, 'structure').latestFinish! < before.latestStart!).toBe(true);
    expect(after).toEqual(await schedule(ctx.app));

    // Deleted on A: B plans as before.
    const id = (created.json() as { id: number }).id;
    expect((await call(ctx.app, admin, 'DELETE', `/api/calendar/entries/${id}`)).statusCode).toBe(200);
    expect(stage(await schedule(appB), 'structure')).toEqual(before);
  });

  it('uses on B a stage template saved on A; a save on B with the version A used is 409', async () => {
    const before = await schedule(appB);
    expect(before.templateKey).toBe('industrial');
    expect(stage(before, 'structure').duration).not.toBe(321);
    const list = (await call(ctx.app, admin, 'GET', '/api/stage-templates')).json() as Array<{
      key: string;
      stages: Array<{ key: string; duration: number }>;
      version: number;
    }>;
    const industrial = list.find((t) => t.key === 'industrial')!;
    const stages = industrial.stages.map((s) => (s.key === 'structure' ? { ...s, duration: 321 } : s));
    const body = { stages, version: industrial.version };
    const saved = await call(ctx.app, admin, 'PUT', '/api/stage-templates/industrial', body);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(stage(await schedule(appB), 'structure').duration).toBe(321);
    expect(await schedule(appB)).toEqual(await schedule(ctx.app));

    const stale = await call(appB, admin, 'PUT', '/api/stage-templates/industrial', body);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
  });

  it('uses on B warning rules saved on A, in the schedule and the war chart; a stale save on B is 409', async () => {
    // A red overdue stage (not a start stage, whose start warning also counts), as B computes it.
    const w = await chart(appB);
    let found: { id: number; key: string; col: number; row: number; past: number } | null = null;
    for (let p = 0; p < w.projects.ids.length && !found; p++) {
      for (let c = 0; c < w.stages.length && !found; c++) {
        const key = w.stages[c]!.key;
        if (defaultWarningRules.start.stages.includes(key)) continue;
        if (decodeCell(w.cells[p * w.stages.length + c]!).warning !== 3) continue;
        const s = await schedule(appB, w.projects.ids[p]!);
        const st = stage(s, key);
        if (st.warning?.reason !== 'overdue' || st.warning.kind !== 'stage') continue;
        const past = days(st.latestFinish!, s.today);
        if (past < 365) found = { id: w.projects.ids[p]!, key, col: c, row: p, past };
      }
    }
    expect(found, 'a red overdue stage in the demo').not.toBeNull();
    const { id, key, col, row, past } = found!;
    const levelOnB = async () => {
      const c = await chart(appB);
      expect(c.projects.ids[row]).toBe(id);
      return {
        stage: stage(await schedule(appB, id), key).warning!.level,
        cell: decodeCell(c.cells[row * c.stages.length + col]!).warning,
      };
    };
    expect(await levelOnB()).toEqual({ stage: 'red', cell: 3 });

    const rules = (await call(ctx.app, admin, 'GET', '/api/warning-rules')).json() as WarningRulesDto;
    const body = {
      start: defaultWarningRules.start,
      stage: { ...defaultWarningRules.stage, redDaysPast: past + 1 },
      version: rules.version,
    };
    const saved = await call(ctx.app, admin, 'PUT', '/api/warning-rules', body);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(await levelOnB()).toEqual({ stage: 'yellow', cell: 2 });

    const stale = await call(appB, admin, 'PUT', '/api/warning-rules', body);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    expect(await levelOnB()).toEqual({ stage: 'yellow', cell: 2 });
  });

  it('lists on B, at once, a ledger edit made on A (B’s in-memory portfolio follows the change counter)', async () => {
    type Page = { total: number; items: Array<{ id: number; name: string; version: number }> };
    const list = async (app: App, q: string) => {
      const res = await call(app, admin, 'GET', `/api/projects?year=2023&q=${encodeURIComponent(q)}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as Page;
    };
    // B's portfolio of 2023 is built before the edit.
    const before = await list(appB, PROJECT);
    expect(before.items.map((i) => i.id)).toEqual([pid]);
    const renamed = `${PROJECT}（二期）`;
    const edit = await call(ctx.app, admin, 'PATCH', `/api/projects/${pid}`, {
      version: before.items[0]!.version,
      name: renamed,
    });
    expect(edit.statusCode, edit.body).toBe(200);
    // B finds it by its new name and counts it where it did: the same total, one match for each text.
    const after = await list(appB, '（二期）');
    expect(after.items.map((i) => [i.id, i.name])).toEqual([[pid, renamed]]);
    expect((await list(appB, PROJECT)).total).toBe(1);
    const all = async (app: App) =>
      ((await call(app, admin, 'GET', '/api/projects?year=2023&pageSize=100')).json() as Page).total;
    expect(await all(appB)).toBe(await all(ctx.app));
  });
});

import type { LedgerPage, LedgerSummary, Project } from '@guatu/contracts';
import { buildLaolingDemo } from '@guatu/domain';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  call,
  createTestContext,
  describeEngines,
  login,
  loginAdmin,
  TEST_TODAY,
  type Session,
  type TestContext,
} from './harness.ts';
import { buildProject } from './factories.ts';

describeEngines('ledger API', (engine) => {
  let ctx: TestContext;
  let admin: Session;
  beforeAll(async () => {
    ctx = await createTestContext(engine);
    admin = await loginAdmin(ctx.app);
  });
  afterAll(() => ctx.close());

  const page = async (qs: string) =>
    (await call(ctx.app, admin, 'GET', `/api/projects?${qs}`)).json() as LedgerPage;

  it('reproduces the figures the article quotes for 2023', async () => {
    // As of the article's date (截止日期): the living demo's 2023 projects have all started since.
    const res = await call(ctx.app, admin, 'GET', '/api/projects/summary?year=2023&asOf=2023-04-13');
    expect(res.statusCode).toBe(200);
    const s = res.json() as LedgerSummary;
    expect(s).toMatchObject({ projects: 103, implementation: 82, reserve: 21, started: 64, notStarted: 18 });
    expect(Math.round(s.startRate * 100)).toBe(78);
    expect(s.totalInvestment).toBe(32_000_000_000);
    expect(s.annualPlan).toBe(12_390_000_000);
  });

  it('defaults to the latest year with a list when this year has none', async () => {
    // The living demo has lists up to this year (2026 on the test clock), which is the default;
    // on 2027-02-01 this year has none and no later year has one: the newest list, 2026, is the
    // current year. (Another test may add an older year's list; the demo has 2022 to 2026.)
    const saved = ctx.clock.now;
    ctx.clock.now = new Date('2027-02-01T02:00:00Z');
    try {
      const fgj = await login(ctx.app, 'fgj');
      const res = await call(ctx.app, fgj, 'GET', '/api/projects/years');
      const { years, current } = res.json() as { years: number[]; current: number };
      expect(years.filter((y) => y >= 2022)).toEqual([2026, 2025, 2024, 2023, 2022]);
      expect(years).toEqual([...years].sort((a, b) => b - a));
      expect(current).toBe(2026);
      const res2 = await call(ctx.app, fgj, 'GET', '/api/projects?pageSize=1');
      expect((res2.json() as LedgerPage).year).toBe(2026);
    } finally {
      ctx.clock.now = saved;
    }
    expect((await page('pageSize=1')).year).toBe(2026);
    // 2022 is the demo's smaller list: exactly its projects, not 2023's.
    const y2022 = await page('year=2022&pageSize=500');
    expect(y2022.year).toBe(2022);
    const demo2022 = buildLaolingDemo(TEST_TODAY).projects.filter((p) =>
      p.years.some((y) => y.year === 2022),
    );
    expect(y2022.items.map((r) => r.name).sort()).toEqual(demo2022.map((p) => p.name).sort());
  });

  it('filters by level, category, started, town, leader, department, industry and keyword', async () => {
    const all = await page('year=2023&pageSize=500');
    expect(all.total).toBe(103);
    expect(all.items).toHaveLength(103);
    const province = await page('year=2023&level=province&pageSize=500');
    expect(province.total).toBe(6);
    expect(province.items.every((r) => r.level === 'province')).toBe(true);
    expect((await page('year=2023&category=reserve')).total).toBe(21);
    // Started as of today (the list has no 截止日期): all 82 of 2023 have started by 2026-11-25; of
    // 2026's implementation projects, those the demo has started and the rest.
    expect((await page('year=2023&category=implementation&started=yes')).total).toBe(82);
    expect((await page('year=2023&category=implementation&started=no')).total).toBe(0);
    const impl2026 = buildLaolingDemo(TEST_TODAY).projects.filter((p) =>
      p.years.some((y) => y.year === 2026 && y.category === 'implementation'),
    );
    const started2026 = impl2026.filter((p) => p.actualStart !== null && p.actualStart <= TEST_TODAY).length;
    expect(started2026).toBe(77);
    expect((await page('year=2026&category=implementation&started=yes')).total).toBe(started2026);
    expect((await page('year=2026&category=implementation&started=no')).total).toBe(
      impl2026.length - started2026,
    );

    const someRow = all.items.find((r) => r.departmentId !== null && r.industry !== null)!;
    const byTown = await page(`year=2023&regionId=${someRow.regionId}&pageSize=500`);
    expect(byTown.total).toBe(all.items.filter((r) => r.regionId === someRow.regionId).length);
    const byLeader = await page(`year=2023&leaderId=${someRow.leaderId}&pageSize=500`);
    expect(byLeader.total).toBe(all.items.filter((r) => r.leaderId === someRow.leaderId).length);
    const byDept = await page(`year=2023&departmentId=${someRow.departmentId}&pageSize=500`);
    expect(byDept.total).toBe(all.items.filter((r) => r.departmentId === someRow.departmentId).length);
    const byIndustry = await page(`year=2023&industry=${encodeURIComponent(someRow.industry!)}&pageSize=500`);
    expect(byIndustry.items.every((r) => r.industry === someRow.industry)).toBe(true);

    const kw = await page(`year=2023&q=${encodeURIComponent('物流园')}`);
    expect(kw.items.map((r) => r.name)).toContain('中国农批乐陵农产品智慧物流园项目');
    // LIKE wildcards typed by a user match literally.
    expect((await page('year=2023&q=%25')).total).toBe(0);
  });

  it('sorts and paginates on the server', async () => {
    const desc = await page('year=2023&sort=totalInvestment&order=desc&pageSize=10');
    const values = desc.items.map((r) => r.totalInvestment);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    const p1 = await page('year=2023&sort=name&pageSize=20&page=1');
    const p2 = await page('year=2023&sort=name&pageSize=20&page=2');
    expect(p1.items).toHaveLength(20);
    expect(new Set([...p1.items, ...p2.items].map((r) => r.id)).size).toBe(40);
    const last = await page('year=2023&pageSize=20&page=6');
    expect(last.items).toHaveLength(3);
  });

  it('shows the article projects with what the article says of them', async () => {
    const list = await page(`year=2023&q=${encodeURIComponent('农批')}`);
    const res = await call(ctx.app, admin, 'GET', `/api/projects/${list.items[0]!.id}`);
    const p = res.json() as Project;
    expect(p.actualStart).toBe('2022-11');
    expect(p.started).toBe(true);
    expect(`${p.content ?? ''}${p.notes ?? ''}`).toContain('封顶');
  });

  it('creates, edits with optimistic concurrency, and archives — each audited', async () => {
    const lookups = (await call(ctx.app, admin, 'GET', '/api/lookups')).json() as {
      regions: Array<{ id: number; level: string; name: string }>;
      leaders: Array<{ id: number }>;
    };
    const town = lookups.regions.find((r) => r.name === '朱集镇')!;
    const summary = async () =>
      (await call(ctx.app, admin, 'GET', '/api/projects/summary?year=2023')).json() as LedgerSummary;
    const before = await summary();
    const created = await call(ctx.app, admin, 'POST', '/api/projects', {
      name: '测试新建项目',
      nature: 'new',
      regionId: town.id,
      totalInvestment: 123_456_789,
      leaderId: lookups.leaders[0]!.id,
      years: [{ year: 2023, level: 'county', category: 'reserve', annualPlan: 10_000_000 }],
    });
    expect(created.statusCode).toBe(201);
    const p = created.json() as Project;
    expect(p.version).toBe(1);
    // One more project on the 2023 list, a reserve one.
    expect(await summary()).toMatchObject({ projects: before.projects + 1, reserve: before.reserve + 1 });

    const edit = await call(ctx.app, admin, 'PATCH', `/api/projects/${p.id}`, {
      version: 1,
      ownerUnit: '乐陵市某公司',
    });
    expect(edit.statusCode).toBe(200);
    expect((edit.json() as Project).version).toBe(2);

    const stale = await call(ctx.app, admin, 'PATCH', `/api/projects/${p.id}`, {
      version: 1,
      ownerUnit: '覆盖',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    expect(stale.json().error.message).toContain('系统管理员');
    expect(((await call(ctx.app, admin, 'GET', `/api/projects/${p.id}`)).json() as Project).ownerUnit).toBe(
      '乐陵市某公司',
    );

    const archived = await call(ctx.app, admin, 'POST', `/api/projects/${p.id}/archive`, {
      version: 2,
      archived: true,
    });
    expect(archived.statusCode).toBe(200);
    // Archived: off the list again, and listed among the archived.
    expect(await summary()).toMatchObject({ projects: before.projects, reserve: before.reserve });
    expect((await page('year=2023&archived=yes&pageSize=500')).items.map((r) => r.id)).toContain(p.id);
    expect((await page('year=2023&pageSize=500')).items.map((r) => r.id)).not.toContain(p.id);

    const auditor = await login(ctx.app, 'auditor');
    const audit = (
      await call(ctx.app, auditor, 'GET', `/api/audit?entity=project&entityId=${p.id}`)
    ).json() as {
      items: Array<{
        action: string;
        actorName: string;
        before: { ownerUnit?: string } | null;
        after: { ownerUnit?: string };
      }>;
    };
    expect(audit.items.map((a) => a.action)).toEqual(['archive', 'update', 'create']);
    const upd = audit.items[1]!;
    expect(upd.actorName).toBe('系统管理员');
    expect(upd.before?.ownerUnit).toBeNull();
    expect(upd.after.ownerUnit).toBe('乐陵市某公司');
  });

  it('two concurrent edits of one version: one wins, the other gets 409', async () => {
    // A project of its own, so that the notes it writes touch no demo project another test reads.
    // On 2021's list: it changes neither the current year nor the 2022 and 2023 lists.
    const { project: row } = await buildProject(ctx, {
      years: [{ year: 2021, level: 'county', category: 'implementation', annualPlan: 1_000_000 }],
    });
    const [a, b] = await Promise.all([
      call(ctx.app, admin, 'PATCH', `/api/projects/${row.id}`, { version: row.version, notes: 'A' }),
      call(ctx.app, admin, 'PATCH', `/api/projects/${row.id}`, { version: row.version, notes: 'B' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const winner = a.statusCode === 200 ? 'A' : 'B';
    expect(((await call(ctx.app, admin, 'GET', `/api/projects/${row.id}`)).json() as Project).notes).toBe(
      winner,
    );
  });
});

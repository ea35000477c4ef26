import type {
  ImportPreview,
  ImportUpload,
  Project,
  ProjectScheduleDto,
  StageTemplateDto,
  WarChartDto,
  WarningRulesDto,
} from '@guatu/contracts';
import { defaultWarningRules } from '@guatu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from './fixtures/ledger-workbooks.ts';
import {
  call,
  createTestContext,
  describeEngines,
  login,
  loginAdmin,
  type Session,
  type TestContext,
} from './harness.ts';

// Issue 7, hole 3: cross-county reach. 山东省 → 德州市 → 乐陵市 (fgj is its admin) and 宁津县 beside
// it. Every id a write refers to must lie in the writer's scope, and the calendar, stage templates
// and warning rules are per-region settings inherited down the tree.

const PASSWORD = 'Qx7#vLm2pRz';
const CHANGED = 'Wn4$kTq8sYb';
const STOP = { kind: 'stop', from: '2026-11-26', to: '2026-12-31', name: '乐陵冬季停工' } as const;

describeEngines('region scope and per-region settings API', (engine) => {
  let ctx: TestContext;
  let root: Session;
  let fgj: Session;
  let llSec: Session;
  let njDept: number;
  let townDept: number;
  let njLeader: number;
  let llProject: number;
  let njProject: number;
  const region = (key: string) => ctx.ids.regions.get(key)!;

  /** Accounts are the security admin's after 三员分立; before it the root admin's. */
  async function createAccount(body: Record<string, unknown>): Promise<number> {
    for (const s of [root, await login(ctx.app, 'secadmin')]) {
      const res = await call(ctx.app, s, 'POST', '/api/users', { password: PASSWORD, ...body });
      if (res.statusCode === 201) return (res.json() as { id: number }).id;
    }
    throw new Error(`cannot create ${JSON.stringify(body)}`);
  }
  /** Logs a new account in: a password set by the security admin must be changed first. */
  async function firstLogin(username: string): Promise<Session> {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: PASSWORD },
    });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'guatu_session')!;
    const first = { cookie: `guatu_session=${cookie.value}`, csrf: res.json().csrfToken as string, username };
    const changed = await call(ctx.app, first, 'POST', '/api/auth/password', {
      currentPassword: PASSWORD,
      newPassword: CHANGED,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    return login(ctx.app, username, CHANGED);
  }
  const newProject = (regionId: number, name: string, extra: Record<string, unknown> = {}) => ({
    name,
    nature: 'new',
    regionId,
    totalInvestment: 10_000_000,
    plannedStart: '2027-01-29',
    plannedFinish: '2028-06-30',
    years: [{ year: 2026, level: 'county', category: 'implementation', annualPlan: 1_000_000 }],
    ...extra,
  });
  const userCount = async (username: string) =>
    (await ctx.handle.db.selectFrom('users').where('username', '=', username).select('id').execute()).length;
  const schedule = async (id: number, s = root) => {
    const res = await call(ctx.app, s, 'GET', `/api/projects/${id}/schedule`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ProjectScheduleDto;
  };
  const chartRow = async (id: number) => {
    const res = await call(ctx.app, root, 'GET', '/api/war-chart?year=2026');
    expect(res.statusCode, res.body).toBe(200);
    const w = res.json() as WarChartDto;
    const p = w.projects.ids.indexOf(id);
    expect(p).toBeGreaterThanOrEqual(0);
    return w.cells.slice(p * w.stages.length, (p + 1) * w.stages.length);
  };
  const latestStarts = (s: ProjectScheduleDto) =>
    Object.fromEntries(s.stages.map((st) => [st.key, 'latestStart' in st ? st.latestStart : null]));

  beforeAll(async () => {
    ctx = await createTestContext(engine);
    root = await loginAdmin(ctx.app);
    fgj = await login(ctx.app, 'fgj');
    const dept = await call(ctx.app, root, 'POST', '/api/departments', {
      regionId: region('ningjin'),
      name: '宁津县发展和改革局',
    });
    expect(dept.statusCode, dept.body).toBe(201);
    njDept = (dept.json() as { id: number }).id;
    const town = await call(ctx.app, root, 'POST', '/api/departments', {
      regionId: region('town-zhuji'),
      name: '朱集镇经济发展办公室',
    });
    expect(town.statusCode, town.body).toBe(201);
    townDept = (town.json() as { id: number }).id;
    await createAccount({
      username: 'nj-leader',
      displayName: '宁津领导甲',
      roles: ['leader'],
      regionId: region('ningjin'),
    });
    // Leaders and members are people (issue 9, item 3): 宁津's leader is a person of 宁津.
    const person = await call(ctx.app, root, 'POST', '/api/people', {
      regionId: region('ningjin'),
      name: '宁津领导甲',
    });
    expect(person.statusCode, person.body).toBe(201);
    njLeader = (person.json() as { id: number }).id;
    await createAccount({
      username: 'll-sec',
      displayName: '乐陵安全管理员',
      roles: ['security_admin'],
      regionId: region('laoling'),
    });
    llSec = await firstLogin('ll-sec');
    const ll = await call(
      ctx.app,
      fgj,
      'POST',
      '/api/projects',
      newProject(region('laoling'), '乐陵区划设置测试项目'),
    );
    expect(ll.statusCode, ll.body).toBe(201);
    llProject = (ll.json() as Project).id;
    const nj = await call(
      ctx.app,
      root,
      'POST',
      '/api/projects',
      newProject(region('ningjin-jincheng'), '宁津区划设置测试项目'),
    );
    expect(nj.statusCode, nj.body).toBe(201);
    njProject = (nj.json() as Project).id;
  });
  afterAll(() => ctx.close());

  describe('references', () => {
    it('refuses a 乐陵 department user whose department is 宁津’s, and writes nothing', async () => {
      const before = await ctx.handle.db
        .selectFrom('auditLog')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('entity', '=', 'user')
        .where('action', '=', 'create')
        .executeTakeFirstOrThrow();
      const res = await call(ctx.app, llSec, 'POST', '/api/users', {
        username: 'nj-reach',
        displayName: '越界部门用户',
        password: PASSWORD,
        roles: ['department'],
        regionId: region('laoling'),
        departmentId: njDept,
      });
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().error.code).toBe('out_of_scope_region');
      expect(await userCount('nj-reach')).toBe(0);
      const after = await ctx.handle.db
        .selectFrom('auditLog')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('entity', '=', 'user')
        .where('action', '=', 'create')
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));

      // The department must sit in or above the user's region: a county user not in a town's office.
      const below = await call(ctx.app, llSec, 'POST', '/api/users', {
        username: 'll-below',
        displayName: '部门在下级',
        password: PASSWORD,
        roles: ['department'],
        regionId: region('laoling'),
        departmentId: townDept,
      });
      expect(below.statusCode, below.body).toBe(400);
      expect(below.json().error.code).toBe('invalid_reference');
      expect(await userCount('ll-below')).toBe(0);
      // A town's user in the county's 自然资源局 is fine.
      const ok = await call(ctx.app, llSec, 'POST', '/api/users', {
        username: 'zhuji-zrzy',
        displayName: '朱集镇自然资源所',
        password: PASSWORD,
        roles: ['department'],
        regionId: region('town-zhuji'),
        departmentId: ctx.ids.departments.get('zrzy')!,
      });
      expect(ok.statusCode, ok.body).toBe(201);

      // An edit that moves only the region is checked against the stored department: the town user in
      // the county's 自然资源局 cannot be moved up to 德州市 (above the department) while keeping it.
      const created = ok.json() as { id: number; version: number };
      const moved = await call(ctx.app, llSec, 'PATCH', `/api/users/${created.id}`, {
        version: created.version,
        regionId: region('laoling'),
      });
      expect(moved.statusCode, moved.body).toBe(200);
      const upward = await call(
        ctx.app,
        await login(ctx.app, 'secadmin'),
        'PATCH',
        `/api/users/${created.id}`,
        {
          version: (moved.json() as { version: number }).version,
          regionId: region('dezhou'),
        },
      );
      expect(upward.statusCode, upward.body).toBe(400);
      expect(upward.json().error.code).toBe('invalid_reference');
      const stored = await ctx.handle.db
        .selectFrom('users')
        .select(['regionId', 'departmentId'])
        .where('id', '=', created.id)
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({ regionId: region('laoling'), departmentId: ctx.ids.departments.get('zrzy')! });
    });

    it('refuses a project create or edit naming a 宁津 department, region, leader or member', async () => {
      const count = async () =>
        Number(
          (
            await ctx.handle.db
              .selectFrom('projects')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const n = await count();
      const base = newProject(region('laoling'), '越界引用项目');
      for (const extra of [
        { departmentId: njDept },
        { regionId: region('ningjin-jincheng') },
        { leaderId: njLeader },
        { taskForceIds: [njLeader] },
      ]) {
        const res = await call(ctx.app, fgj, 'POST', '/api/projects', { ...base, ...extra });
        expect(res.statusCode, JSON.stringify(extra)).toBe(403);
        expect(res.json().error.code).toBe('out_of_scope_region');
      }
      expect(await count()).toBe(n);

      const before = (await call(ctx.app, fgj, 'GET', `/api/projects/${llProject}`)).json() as Project;
      for (const extra of [
        { departmentId: njDept },
        { regionId: region('ningjin') },
        { leaderId: njLeader },
        { taskForceIds: [njLeader] },
      ]) {
        const res = await call(ctx.app, fgj, 'PATCH', `/api/projects/${llProject}`, {
          ...extra,
          version: before.version,
        });
        expect(res.statusCode, JSON.stringify(extra)).toBe(403);
        expect(res.json().error.code).toBe('out_of_scope_region');
      }
      const after = (await call(ctx.app, fgj, 'GET', `/api/projects/${llProject}`)).json() as Project;
      expect(after).toMatchObject({
        version: before.version,
        departmentId: before.departmentId,
        regionId: before.regionId,
        leaderId: before.leaderId,
      });
      // 德州市's own departments stay usable for a county project (they are above it).
      const city = await call(ctx.app, root, 'POST', '/api/departments', {
        regionId: region('dezhou'),
        name: '德州市发展和改革委员会',
      });
      expect(city.statusCode, city.body).toBe(201);
      const cityOk = await call(ctx.app, fgj, 'PATCH', `/api/projects/${llProject}`, {
        departmentId: (city.json() as { id: number }).id,
        version: before.version,
      });
      expect(cityOk.statusCode, cityOk.body).toBe(200);
    });

    it('makes an import row naming a 宁津 town or department an error, and never reaches 宁津’s person', async () => {
      const csv =
        '项目名称,项目级别,总投资,乡镇,包保领导,责任部门\r\n' +
        '导入越界乡镇项目,县级,100,津城街道,,\r\n' +
        '导入越界领导项目,县级,100,朱集镇,宁津领导甲,\r\n' +
        '导入越界部门项目,县级,100,朱集镇,,宁津县发展和改革局\r\n';
      const body = multipart('越界.csv', Buffer.from(csv));
      const up = await ctx.app.inject({
        method: 'POST',
        url: '/api/projects/import',
        payload: body.payload,
        headers: { ...body.headers, cookie: fgj.cookie, 'x-csrf-token': fgj.csrf },
      });
      expect(up.statusCode, up.body).toBe(201);
      const id = (up.json() as ImportUpload).uploadId;
      const pv = await call(ctx.app, fgj, 'POST', `/api/projects/import/${id}/preview`, { year: 2026 });
      expect(pv.statusCode, pv.body).toBe(200);
      const preview = pv.json() as ImportPreview;
      expect(preview.rows.map((r) => [r.status, r.issues.map((i) => i.code)])).toEqual([
        ['error', ['town_out_of_scope']],
        // A leader is a person matched by name within the importer's scope (issue 9): 宁津's
        // 宁津领导甲 is not found there, so the name is proposed as a new person of 乐陵 (将新建).
        ['new', []],
        ['error', ['unknown_department']],
      ]);
      expect(preview.toCreate.people).toEqual(['宁津领导甲']);
      const commit = await call(ctx.app, fgj, 'POST', `/api/projects/import/${id}/commit`, { year: 2026 });
      expect(commit.statusCode).toBe(422);
    });
  });

  describe('per-region settings', () => {
    it('applies fgj’s stop period to 乐陵’s schedules and war-chart cells, not to 宁津’s', async () => {
      const llBefore = await schedule(llProject);
      const njBefore = await schedule(njProject);
      const llCells = await chartRow(llProject);
      const njCells = await chartRow(njProject);

      const added = await call(ctx.app, fgj, 'POST', '/api/calendar/entries', STOP);
      expect(added.statusCode, added.body).toBe(201);
      expect(added.json()).toMatchObject({
        ...STOP,
        regionId: region('laoling'),
        regionName: '乐陵市',
        own: true,
      });

      const llAfter = await schedule(llProject);
      expect(llAfter.nonWorking).toContainEqual({ from: STOP.from, to: STOP.to, name: STOP.name });
      expect(latestStarts(llAfter)).not.toEqual(latestStarts(llBefore));
      // No pre-start stage may keep a latest start inside the stop period.
      for (const st of llAfter.stages)
        if ('latestStart' in st && st.latestStart)
          expect(st.latestStart < STOP.from || st.latestStart > STOP.to, st.key).toBe(true);
      const njAfter = await schedule(njProject);
      expect(njAfter.nonWorking.some((p) => p.name === STOP.name)).toBe(false);
      expect(latestStarts(njAfter)).toEqual(latestStarts(njBefore));

      expect(await chartRow(llProject)).not.toEqual(llCells);
      expect(await chartRow(njProject)).toEqual(njCells);

      // The calendars say where each entry comes from.
      const own = (await call(ctx.app, fgj, 'GET', '/api/calendar')).json();
      expect(own).toMatchObject({
        regionId: region('laoling'),
        regionName: '乐陵市',
        canEdit: true,
        canAddYear: false,
      });
      expect(own.entries).toContainEqual(expect.objectContaining({ name: STOP.name, own: true }));
      const town = (await call(ctx.app, fgj, 'GET', `/api/calendar?regionId=${region('town-zhuji')}`)).json();
      expect(town.entries).toContainEqual(
        expect.objectContaining({ name: STOP.name, own: false, regionName: '乐陵市' }),
      );
      const province = (await call(ctx.app, root, 'GET', '/api/calendar')).json();
      expect(province.entries.some((e: { name: string }) => e.name === STOP.name)).toBe(false);
      expect(
        (await call(ctx.app, fgj, 'GET', `/api/calendar?regionId=${region('ningjin')}`)).statusCode,
      ).toBe(403);

      // Deleting it restores 乐陵's schedule.
      const del = await call(ctx.app, fgj, 'DELETE', `/api/calendar/entries/${added.json().id}`);
      expect(del.statusCode).toBe(200);
      expect(latestStarts(await schedule(llProject))).toEqual(latestStarts(llBefore));
      expect(await chartRow(llProject)).toEqual(llCells);
    });

    it('lets fgj change none of the province’s calendar, templates or rules (403)', async () => {
      const rootEntry = await call(ctx.app, root, 'POST', '/api/calendar/entries', {
        kind: 'stop',
        from: '2026-12-20',
        to: '2026-12-22',
        name: '全省停工',
      });
      expect(rootEntry.statusCode, rootEntry.body).toBe(201);
      const denied = [
        await call(ctx.app, fgj, 'POST', `/api/calendar/entries?regionId=${region('shandong')}`, STOP),
        await call(ctx.app, fgj, 'POST', `/api/calendar/entries?regionId=${region('ningjin')}`, STOP),
        await call(ctx.app, fgj, 'DELETE', `/api/calendar/entries/${rootEntry.json().id}`),
        await call(ctx.app, fgj, 'POST', '/api/calendar/years', { year: 2027, holidays: [], workdays: [] }),
        await call(ctx.app, fgj, 'PUT', `/api/stage-templates/industrial?regionId=${region('shandong')}`, {
          name: '越权',
          version: 1,
        }),
        await call(ctx.app, fgj, 'DELETE', `/api/stage-templates/industrial?regionId=${region('dezhou')}`),
        await call(ctx.app, fgj, 'PUT', `/api/warning-rules?regionId=${region('dezhou')}`, {
          ...defaultWarningRules,
          version: 1,
        }),
        await call(ctx.app, fgj, 'DELETE', `/api/warning-rules?regionId=${region('shandong')}`),
      ];
      for (const res of denied) {
        expect(res.statusCode, res.body).toBe(403);
        expect(res.json().error.code).toBe('out_of_scope_region');
      }
      const rootCalendar = (await call(ctx.app, root, 'GET', '/api/calendar')).json();
      expect(rootCalendar.entries.map((e: { name: string }) => e.name)).toEqual(['全省停工']);
      expect(rootCalendar.lastYear).toBe(2026);
      const rootTemplates = (
        await call(ctx.app, root, 'GET', '/api/stage-templates')
      ).json() as StageTemplateDto[];
      expect(rootTemplates.map((t) => [t.key, t.version, t.own])).toEqual([
        ['industrial', 1, false],
        ['infrastructure', 1, false],
        ['social', 1, false],
      ]);
      // The province's entry holds in 乐陵 too, marked as inherited and not fgj's to delete.
      const ll = (await call(ctx.app, fgj, 'GET', '/api/calendar')).json();
      expect(ll.entries).toContainEqual(
        expect.objectContaining({ name: '全省停工', own: false, regionName: '山东省' }),
      );
      expect(
        (await call(ctx.app, root, 'DELETE', `/api/calendar/entries/${rootEntry.json().id}`)).statusCode,
      ).toBe(200);
    });

    it('applies a 乐陵 template copy to 乐陵’s stage plans only; deleting it inherits again', async () => {
      const list = (await call(ctx.app, fgj, 'GET', '/api/stage-templates')).json() as StageTemplateDto[];
      const industrial = list.find((t) => t.key === 'industrial')!;
      expect(industrial).toMatchObject({
        regionId: region('laoling'),
        regionName: '乐陵市',
        own: false,
        inheritedFrom: null,
        canEdit: true,
        version: 1,
      });
      const llBefore = await schedule(llProject);
      const njBefore = await schedule(njProject);
      const structure = industrial.stages.find((s) => s.key === 'structure')!;
      const stages = industrial.stages.map((s) =>
        s.key === 'structure' ? { ...s, duration: s.duration + 40 } : s,
      );
      const saved = await call(ctx.app, fgj, 'PUT', '/api/stage-templates/industrial', {
        stages,
        version: 1,
      });
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json()).toMatchObject({ key: 'industrial', own: true, inheritedFrom: null, version: 2 });

      const duration = (s: ProjectScheduleDto) => s.stages.find((x) => x.key === 'structure')!.duration;
      expect(duration(await schedule(llProject))).toBe(structure.duration + 40);
      expect(duration(await schedule(njProject))).toBe(structure.duration);
      expect(latestStarts(await schedule(njProject))).toEqual(latestStarts(njBefore));
      // A town below inherits 乐陵's copy; the province keeps the built-in one.
      const town = (
        (
          await call(ctx.app, fgj, 'GET', `/api/stage-templates?regionId=${region('town-zhuji')}`)
        ).json() as StageTemplateDto[]
      ).find((t) => t.key === 'industrial')!;
      expect(town).toMatchObject({
        own: false,
        inheritedFrom: { id: region('laoling'), name: '乐陵市' },
        version: 2,
      });
      const province = (
        (await call(ctx.app, root, 'GET', '/api/stage-templates')).json() as StageTemplateDto[]
      ).find((t) => t.key === 'industrial')!;
      expect(province.stages.find((s) => s.key === 'structure')!.duration).toBe(structure.duration);

      const restored = await call(ctx.app, fgj, 'DELETE', '/api/stage-templates/industrial');
      expect(restored.statusCode, restored.body).toBe(200);
      expect(restored.json()).toMatchObject({ own: false, inheritedFrom: null, version: 1 });
      expect(latestStarts(await schedule(llProject))).toEqual(latestStarts(llBefore));
      expect((await call(ctx.app, fgj, 'DELETE', '/api/stage-templates/industrial')).statusCode).toBe(404);
      const audits = await ctx.handle.db
        .selectFrom('auditLog')
        .where('entity', '=', 'stage_template')
        .select(['action', 'entityId', 'actorName'])
        .orderBy('id')
        .execute();
      expect(audits).toEqual([
        { action: 'update', entityId: 'industrial', actorName: '孟庆华' },
        { action: 'delete', entityId: 'industrial', actorName: '孟庆华' },
      ]);
    });

    it('inherits the province’s warning rules until 乐陵 saves its own, and again after 恢复继承', async () => {
      const body = {
        start: defaultWarningRules.start,
        stage: { ...defaultWarningRules.stage, redDaysPast: 45 },
      };
      const province = await call(ctx.app, root, 'PUT', '/api/warning-rules', { ...body, version: 1 });
      expect(province.statusCode, province.body).toBe(200);
      const inherited = (await call(ctx.app, fgj, 'GET', '/api/warning-rules')).json() as WarningRulesDto;
      expect(inherited).toMatchObject({
        regionId: region('laoling'),
        own: false,
        inheritedFrom: { id: region('shandong'), name: '山东省' },
        version: 2,
        stage: { redDaysPast: 45 },
      });
      const own = await call(ctx.app, fgj, 'PUT', '/api/warning-rules', {
        ...body,
        stage: { ...body.stage, redDaysPast: 20 },
        version: 2,
      });
      expect(own.statusCode, own.body).toBe(200);
      expect(own.json()).toMatchObject({
        own: true,
        inheritedFrom: null,
        version: 3,
        stage: { redDaysPast: 20 },
      });
      const ningjin = (
        await call(ctx.app, root, 'GET', `/api/warning-rules?regionId=${region('ningjin')}`)
      ).json();
      expect(ningjin).toMatchObject({
        own: false,
        inheritedFrom: { name: '山东省' },
        stage: { redDaysPast: 45 },
      });
      const back = await call(ctx.app, fgj, 'DELETE', '/api/warning-rules');
      expect(back.statusCode, back.body).toBe(200);
      expect(back.json()).toMatchObject({
        own: false,
        inheritedFrom: { name: '山东省' },
        stage: { redDaysPast: 45 },
      });
    });
  });
});

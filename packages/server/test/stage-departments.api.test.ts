import type { ProjectScheduleDto, StageTemplateDto } from '@guatu/contracts';
import { buildLaolingDemo } from '@guatu/domain';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildProject } from './factories.ts';
import {
  call,
  createTestContext,
  describeEngines,
  login,
  type Session,
  type TestContext,
} from './harness.ts';

// Departments record the procedures they handle (issue 9, item 12): the template names the
// department in charge of a stage (自然资源局 issues the 不动产权证, stage key 'title'), and that
// department's users record the stage's dates on the projects of their region — that stage only.
const demo = buildLaolingDemo();
const laolingTowns = new Set(demo.regions.filter((r) => r.parentKey === 'laoling').map((r) => r.key));
// A 乐陵 project of 2023 that neither 自然资源局 nor 住建局 answers for: their ledgers do not show it.
const PROJECT = demo.projects.find(
  (p) =>
    p.years.some((y) => y.year === 2023) &&
    laolingTowns.has(p.regionKey) &&
    p.departmentKey !== 'zrzy' &&
    p.departmentKey !== 'zjj',
)!.name;
const LAND_CERT = 'title'; // 不动产权证 in the default (industrial) template

describeEngines('stage departments', (engine) => {
  let ctx: TestContext;
  let county: Session;
  let zrzy: Session;
  let pid: number;
  beforeAll(async () => {
    ctx = await createTestContext(engine);
    county = await login(ctx.app, 'fgj'); // 乐陵市's admin
    zrzy = await login(ctx.app, 'dept-zrzy'); // 曹明远, 自然资源局
    pid = ctx.ids.projects.get(PROJECT)!;
  });
  afterAll(() => ctx.close());

  const industrial = async (s = county) => {
    const res = await call(ctx.app, s, 'GET', '/api/stage-templates');
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as StageTemplateDto[]).find((t) => t.key === 'industrial')!;
  };
  const schedule = async (s: Session, id = pid) => call(ctx.app, s, 'GET', `/api/projects/${id}/schedule`);
  const record = (s: Session, stage: string, version: number, id = pid) =>
    call(ctx.app, s, 'PUT', `/api/projects/${id}/stages/${stage}`, {
      actualStart: '2023-05-08',
      actualFinish: '2023-05-19',
      version,
    });

  it('a department user cannot record a stage before the template puts his department in charge', async () => {
    const before = await industrial();
    expect(before.departments).toEqual({});
    expect((await schedule(zrzy)).statusCode).toBe(403);
    expect((await record(zrzy, LAND_CERT, 1)).statusCode).toBe(403);
  });

  it('the template names 自然资源局 in charge of 不动产权证, and answers with it', async () => {
    const before = await industrial();
    expect(before.stages.find((s) => s.key === LAND_CERT)!.name).toBe('不动产权证');
    const res = await call(ctx.app, county, 'PUT', '/api/stage-templates/industrial', {
      departments: { [LAND_CERT]: '自然资源局' },
      version: before.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    const saved = res.json() as StageTemplateDto;
    expect(saved.departments).toEqual({ [LAND_CERT]: '自然资源局' });
    expect(saved.version).toBe(before.version + 1);
    expect(saved.stages).toEqual(before.stages);
    expect((await industrial()).departments).toEqual({ [LAND_CERT]: '自然资源局' });
    // Another template keeps none.
    const all = (await call(ctx.app, county, 'GET', '/api/stage-templates')).json() as StageTemplateDto[];
    expect(all.find((t) => t.key === 'social')!.departments).toEqual({});
    const audit = await ctx.handle.db
      .selectFrom('auditLog')
      .where('entity', '=', 'stage_template')
      .selectAll()
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after!).departments).toEqual({ [LAND_CERT]: '自然资源局' });
  });

  it('refuses a stale template version with 409, an unknown department or stage with 400', async () => {
    const t = await industrial();
    const stale = await call(ctx.app, county, 'PUT', '/api/stage-templates/industrial', {
      departments: { [LAND_CERT]: '住房和城乡建设局' },
      version: t.version - 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    const unknown = await call(ctx.app, county, 'PUT', '/api/stage-templates/industrial', {
      departments: { [LAND_CERT]: '不存在的局' },
      version: t.version,
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({
      code: 'invalid_reference',
      params: { field: 'department', value: '不存在的局' },
    });
    const noStage = await call(ctx.app, county, 'PUT', '/api/stage-templates/industrial', {
      departments: { nosuchstage: '自然资源局' },
      version: t.version,
    });
    expect(noStage.statusCode).toBe(400);
    expect(noStage.json().error.params).toEqual({ field: 'stage', value: 'nosuchstage' });
    expect((await industrial()).version).toBe(t.version); // nothing saved
  });

  it('the 自然资源局 user records 不动产权证 on a project of his region: 200, audited, version bumped', async () => {
    const read = await schedule(zrzy);
    expect(read.statusCode, read.body).toBe(200);
    const before = read.json() as ProjectScheduleDto;
    expect(before.templateKey).toBe('industrial');
    expect(before.canEdit).toBe(false);
    const cert = before.stages.find((s) => s.key === LAND_CERT)!;
    expect(cert).toMatchObject({ department: '自然资源局', canRecord: true });
    expect(before.stages.filter((s) => s.canRecord).map((s) => s.key)).toEqual([LAND_CERT]);

    const res = await record(zrzy, LAND_CERT, before.version);
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json() as ProjectScheduleDto;
    expect(after.version).toBe(before.version + 1);
    expect(after.stages.find((s) => s.key === LAND_CERT)).toMatchObject({
      status: 'done',
      actualStart: '2023-05-08',
      actualFinish: '2023-05-19',
    });
    const audit = await ctx.handle.db
      .selectFrom('auditLog')
      .where('entity', '=', 'project_stage')
      .where('entityId', '=', `${pid}:${LAND_CERT}`)
      .selectAll()
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'update', actorName: '曹明远' });
    expect(JSON.parse(audit.after!)).toMatchObject({ actualStart: '2023-05-08', actualFinish: '2023-05-19' });
    // The admin sees who is in charge, and may record every stage.
    const admin = (await schedule(county)).json() as ProjectScheduleDto;
    expect(admin.stages.find((s) => s.key === LAND_CERT)!.department).toBe('自然资源局');
    expect(admin.stages.every((s) => s.canRecord)).toBe(true);
  });

  it('the same user on another stage → 403; on a project outside his region → 404', async () => {
    const { version } = (await schedule(zrzy)).json() as ProjectScheduleDto;
    const other = await record(zrzy, 'permit', version);
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('forbidden');
    const ningjin = await buildProject(ctx, {
      regionId: ctx.ids.regions.get('ningjin')!,
      departmentId: null,
      leaderId: null,
      taskForceIds: [],
    });
    const outside = await record(zrzy, LAND_CERT, 1, ningjin.id);
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error.code).toBe('not_found');
    expect((await schedule(zrzy, ningjin.id)).statusCode).toBe(404);
    expect((await schedule(zrzy)).json().version).toBe(version); // nothing written
  });

  it('another department’s user → 403', async () => {
    const zjj = await login(ctx.app, 'dept-zjj');
    const { version } = (await schedule(county)).json() as ProjectScheduleDto;
    const res = await record(zjj, LAND_CERT, version);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
    expect((await schedule(zjj)).statusCode).toBe(403);
  });
});

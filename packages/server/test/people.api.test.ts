/**
 * Issue 9, item 3: people are not accounts. A project's leader and task force are people (姓名,
 * 职务, 单位, 电话) who need not log in; an account linked to a person sees the projects that person
 * leads or serves on, exactly those; migration 0015 moves the data of a database that held users.
 */
import type { LedgerPage, Person, PersonPage, Project, User } from '@guatu/contracts';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { findProjectById } from '../src/repositories/project.repository.ts';
import { buildProject, buildUser, unique } from './factories.ts';
import {
  call,
  createTestContext,
  describeEngines,
  freshPostgres,
  login,
  loginAdmin,
  type Session,
  type TestContext,
} from './harness.ts';

describeEngines('migration 0015: leaders and members become people', (engine) => {
  let handle: DbHandle;
  let drop = async () => {};

  beforeAll(async () => {
    if (engine === 'postgres') {
      const fresh = await freshPostgres();
      drop = fresh.drop;
      handle = openDatabase({ url: fresh.url });
    } else handle = openDatabase({ url: null, file: ':memory:' });
    await migrateToLatest(handle, '0014-field-catalogue');
  });
  afterAll(async () => {
    await handle.db.destroy();
    await drop();
  });

  it('keeps every project’s leader and members (exact names), each person linked to its account', async () => {
    const db = handle.db;
    const at = '2026-11-01T00:00:00.000Z';
    const { id: regionId } = await db
      .insertInto('regions')
      .values({ parentId: null, name: '乐陵市', level: 'county', code: '371481', path: '/', version: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .updateTable('regions')
      .set({ path: `/${regionId}/` })
      .where('id', '=', regionId)
      .execute();
    const user = async (username: string, displayName: string, roles: string[]) =>
      (
        await db
          .insertInto('users')
          .values({
            username,
            displayName,
            passwordHash: 'x',
            roles: JSON.stringify(roles),
            regionId,
            departmentId: null,
            phone: null,
            active: 1,
            failedLogins: 0,
            lockedUntil: null,
            passwordChangedAt: null,
            createdAt: at,
            updatedAt: at,
            version: 1,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const zhang = await user('leader1', '张建国', ['leader']);
    const zhang2 = await user('leader9', '张建国', ['leader']); // a second 张建国 of the same county
    const zhou = await user('tf01', '周振华', ['task_force']);
    const wu = await user('tf02', '吴海燕', ['task_force']);
    await user('viewer', '唐建平', ['viewer']); // named by no project: no person
    const project = async (name: string, leaderId: number | null, members: number[]) => {
      const { id } = await db
        .insertInto('projects')
        .values({
          name,
          nature: 'new',
          regionId,
          totalInvestment: 1_000_000,
          statsIncluded: 0,
          leaderId,
          createdAt: at,
          updatedAt: at,
          version: 1,
        } as never)
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const m of members)
        await sql`insert into project_members (project_id, user_id) values (${id}, ${m})`.execute(db);
      return id;
    };
    const p1 = await project('甲项目', zhang, [zhou, wu]);
    const p2 = await project('乙项目', zhang2, [zhou]);
    const p3 = await project('丙项目', null, []);

    expect(await migrateToLatest(handle)).toContain('0015-people');

    const read = async (id: number) => {
      const p = (await findProjectById(db, id))!;
      return { leader: p.leaderName, members: p.taskForce.map((m) => m.name).sort() };
    };
    expect(await read(p1)).toEqual({ leader: '张建国', members: ['吴海燕', '周振华'].sort() });
    expect(await read(p2)).toEqual({ leader: '张建国', members: ['周振华'] });
    expect(await read(p3)).toEqual({ leader: null, members: [] });
    const people = await db
      .selectFrom('people')
      .select(['id', 'name', 'unit', 'userId', 'regionId'])
      .orderBy('userId')
      .execute();
    expect(people.map((p) => [p.name, p.unit, p.userId, p.regionId])).toEqual([
      ['张建国', '', zhang, regionId],
      ['张建国', '(leader9)', zhang2, regionId],
      ['周振华', '', zhou, regionId],
      ['吴海燕', '', wu, regionId],
    ]);
    const leaders = await db.selectFrom('projects').select(['id', 'leaderId']).orderBy('id').execute();
    expect(leaders).toEqual([
      { id: p1, leaderId: people[0]!.id },
      { id: p2, leaderId: people[1]!.id },
      { id: p3, leaderId: null },
    ]);
  });
});

describeEngines('people API', (engine) => {
  let ctx: TestContext;
  let admin: Session;
  let secadmin: Session;
  const laoling = () => ctx.ids.regions.get('laoling')!;
  const YEAR = 2031;
  const years = [{ year: YEAR, level: 'county', category: 'implementation', annualPlan: 1_000_000 }] as const;

  beforeAll(async () => {
    ctx = await createTestContext(engine);
    admin = await loginAdmin(ctx.app);
    secadmin = await login(ctx.app, 'secadmin');
  });
  afterAll(() => ctx.close());

  const createPerson = async (body: Record<string, unknown>, as = admin) =>
    call(ctx.app, as, 'POST', '/api/people', { regionId: laoling(), ...body });
  const ledgerNames = async (s: Session, qs = '') =>
    (
      (await call(ctx.app, s, 'GET', `/api/projects?year=${YEAR}&pageSize=500${qs}`)).json() as LedgerPage
    ).items
      .map((r) => r.name)
      .sort();
  const auditActions = async (id: number) =>
    (
      await ctx.handle.db
        .selectFrom('auditLog')
        .select('action')
        .where('entity', '=', 'person')
        .where('entityId', '=', String(id))
        .orderBy('id')
        .execute()
    ).map((r) => r.action);

  it('makes the demo’s leaders people with 职务 and 单位, linked to their accounts', async () => {
    const res = await call(ctx.app, admin, 'GET', `/api/people?q=${encodeURIComponent('张建国')}`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as PersonPage;
    expect(page.items.map((p) => [p.name, p.title, p.unit, p.username, p.phone])).toEqual([
      ['张建国', '市委常委、常务副市长', '乐陵市人民政府', 'leader1', '138****0011'],
    ]);
    expect(page.items[0]!.id).toBe(ctx.ids.people.get('leader1'));
    const me = await call(ctx.app, await login(ctx.app, 'leader1'), 'GET', '/api/auth/me');
    expect(me.json().user.personId).toBe(ctx.ids.people.get('leader1'));
  });

  it('lets a person without an account lead and serve; the leader filter lists exactly his projects', async () => {
    const res = await createPerson({
      name: '赵无号',
      title: '副市长',
      unit: '乐陵市人民政府',
      phone: '13805349999',
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json() as Person;
    expect(p).toMatchObject({
      name: '赵无号',
      title: '副市长',
      unit: '乐陵市人民政府',
      userId: null,
      leads: 0,
    });
    const names = [unique('赵领项目'), unique('赵领项目'), unique('赵专班项目'), unique('别人的项目')];
    await buildProject(ctx, { name: names[0], regionId: laoling(), leaderId: p.id, years: [...years] });
    await buildProject(ctx, { name: names[1], regionId: laoling(), leaderId: p.id, years: [...years] });
    const served = await buildProject(ctx, {
      name: names[2],
      regionId: laoling(),
      taskForceIds: [p.id],
      years: [...years],
    });
    await buildProject(ctx, { name: names[3], regionId: laoling(), years: [...years] });
    expect(served.project.taskForce).toEqual([{ id: p.id, name: '赵无号' }]);
    expect(await ledgerNames(admin, `&leaderId=${p.id}`)).toEqual([names[0], names[1]].sort());
    const detail = (await call(ctx.app, admin, 'GET', `/api/people/${p.id}`)).json() as Person;
    expect([detail.leads, detail.serves]).toEqual([2, 1]);

    // Linking an account to him gives that account exactly his projects; unlinking takes them away.
    const account = await buildUser(ctx, { roles: ['leader', 'task_force'] });
    expect(await ledgerNames(account.session!)).toEqual([]);
    const linked = await call(ctx.app, secadmin, 'PATCH', `/api/users/${account.id}`, {
      personId: p.id,
      version: account.user.version,
    });
    expect(linked.statusCode, linked.body).toBe(200);
    expect((linked.json() as User).personName).toBe('赵无号');
    expect(await ledgerNames(account.session!)).toEqual([names[0], names[1], names[2]].sort());
    // The account acts as him: it may edit his projects' progress fields.
    const mine = (
      await call(ctx.app, account.session!, 'GET', `/api/projects/${served.id}`)
    ).json() as Project;
    const edit = await call(ctx.app, account.session!, 'PATCH', `/api/projects/${served.id}`, {
      version: mine.version,
      notes: '专班已对接',
    });
    expect(edit.statusCode, edit.body).toBe(200);
    // A second account cannot take the same person.
    const other = await buildUser(ctx, { roles: ['leader'], login: false });
    const taken = await call(ctx.app, secadmin, 'PATCH', `/api/users/${other.id}`, {
      personId: p.id,
      version: other.user.version,
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({
      code: 'person_linked',
      params: { name: '赵无号', username: account.username },
    });
    // The data admin may not link accounts (三员分立).
    const byAdmin = await call(ctx.app, admin, 'PATCH', `/api/users/${other.id}`, {
      personId: p.id,
      version: other.user.version,
    });
    expect(byAdmin.statusCode).toBe(403);
    const unlinked = await call(ctx.app, secadmin, 'PATCH', `/api/users/${account.id}`, {
      personId: null,
      version: (linked.json() as User).version,
    });
    expect(unlinked.statusCode, unlinked.body).toBe(200);
    expect(await ledgerNames(account.session!)).toEqual([]);
    expect((await call(ctx.app, account.session!, 'GET', `/api/projects/${served.id}`)).statusCode).toBe(403);
    expect(await auditActions(p.id)).toEqual(['create', 'link_account', 'unlink_account']);

    // Deleting him is refused while he leads or serves.
    const del = await call(ctx.app, admin, 'DELETE', `/api/people/${p.id}`);
    expect(del.statusCode).toBe(409);
    expect(del.json().error).toMatchObject({
      code: 'person_in_use',
      params: { name: '赵无号', leads: 2, serves: 1 },
    });
    expect((await call(ctx.app, admin, 'GET', `/api/people/${p.id}`)).statusCode).toBe(200);
  });

  it('masks the phone in every answer and keeps it encrypted at rest', async () => {
    const p = (await createPerson({ name: unique('钱电话'), phone: '13912345678' })).json() as Person;
    expect(p.phone).toBe('139****5678');
    const listed = (
      await call(ctx.app, admin, 'GET', `/api/people?q=${encodeURIComponent(p.name)}`)
    ).json() as PersonPage;
    expect(listed.items.map((i) => i.phone)).toEqual(['139****5678']);
    const row = await ctx.handle.db
      .selectFrom('people')
      .select('phone')
      .where('id', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(row.phone).toMatch(/^sm4:v1:/);
    expect(row.phone).not.toContain('13912345678');
    // The masked number sent back unchanged keeps the stored one.
    const kept = await call(ctx.app, admin, 'PUT', `/api/people/${p.id}`, {
      version: p.version,
      phone: p.phone,
      title: '科员',
    });
    expect(kept.statusCode, kept.body).toBe(200);
    const after = await ctx.handle.db
      .selectFrom('people')
      .select('phone')
      .where('id', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(after.phone).toBe(row.phone);
  });

  it('answers a stale version with 409 naming who changed it; deletes an unused person, audited', async () => {
    const p = (await createPerson({ name: unique('孙版本'), unit: '发改局' })).json() as Person;
    const first = await call(ctx.app, admin, 'PUT', `/api/people/${p.id}`, {
      version: p.version,
      title: '局长',
    });
    expect(first.statusCode, first.body).toBe(200);
    expect((first.json() as Person).version).toBe(p.version + 1);
    const stale = await call(ctx.app, admin, 'PUT', `/api/people/${p.id}`, {
      version: p.version,
      title: '副局长',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'version_conflict', params: { byKind: 'user' } });
    expect((await call(ctx.app, admin, 'GET', `/api/people/${p.id}`)).json().title).toBe('局长');
    const del = await call(ctx.app, admin, 'DELETE', `/api/people/${p.id}`);
    expect(del.statusCode, del.body).toBe(200);
    expect((await call(ctx.app, admin, 'GET', `/api/people/${p.id}`)).statusCode).toBe(404);
    expect(await auditActions(p.id)).toEqual(['create', 'update', 'delete']);
  });

  it('exports the filtered list as .xlsx with masked phones, audited', async () => {
    const name = unique('周导出');
    expect(
      (await createPerson({ name, title: '科长', unit: '统计局', phone: '13800001111' })).statusCode,
    ).toBe(201);
    const res = await call(ctx.app, admin, 'GET', `/api/people/export.xlsx?q=${encodeURIComponent(name)}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const ws = wb.worksheets[0]!;
    const row = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    expect(row(1)).toEqual([
      '序号',
      '姓名',
      '职务',
      '单位',
      '所属区划',
      '电话',
      '关联账号',
      '包保项目数',
      '专班项目数',
    ]);
    expect(row(2)).toEqual([1, name, '科长', '统计局', '乐陵市', '138****1111', undefined, 0, 0]);
    expect(ws.rowCount).toBe(2);
    const last = await ctx.handle.db
      .selectFrom('auditLog')
      .select(['action', 'entity'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(last).toEqual({ action: 'export', entity: 'person' });
    const viewer = await login(ctx.app, 'viewer');
    expect((await call(ctx.app, viewer, 'GET', '/api/people/export.xlsx')).statusCode).toBe(403);
  });

  it('refuses the same name twice in one unit of a region, allows it in another unit', async () => {
    const name = unique('李同名');
    expect((await createPerson({ name, unit: '住建局' })).statusCode).toBe(201);
    const again = await createPerson({ name, unit: '住建局' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'duplicate', params: { field: 'person' } });
    expect((await createPerson({ name, unit: '自然资源局' })).statusCode).toBe(201);
  });

  describe('region scope', () => {
    let nj: Session;
    let person: Person;
    beforeAll(async () => {
      const njAdmin = await buildUser(ctx, { roles: ['admin'], regionId: ctx.ids.regions.get('ningjin')! });
      nj = njAdmin.session!;
      person = (await createPerson({ name: unique('乐陵某人') })).json() as Person;
    });

    it('hides 乐陵’s people from 宁津’s admin and refuses every write on them', async () => {
      const list = (await call(ctx.app, nj, 'GET', '/api/people?pageSize=500')).json() as PersonPage;
      expect(list.items.filter((p) => p.regionName !== '宁津县' && p.regionName !== '津城街道')).toEqual([]);
      expect((await call(ctx.app, nj, 'GET', `/api/people/${person.id}`)).statusCode).toBe(404);
      const put = await call(ctx.app, nj, 'PUT', `/api/people/${person.id}`, { version: 1, title: 'x' });
      expect(put.statusCode).toBe(404);
      expect((await call(ctx.app, nj, 'DELETE', `/api/people/${person.id}`)).statusCode).toBe(404);
      const post = await createPerson({ name: unique('越界') }, nj);
      expect(post.statusCode).toBe(403);
      expect(post.json().error.code).toBe('out_of_scope_region');
      const listed = await call(ctx.app, nj, 'GET', `/api/people?regionId=${laoling()}`);
      expect(listed.statusCode).toBe(404);
    });

    it('lets 宁津’s admin manage 宁津’s people, and a reader of the ledger read none', async () => {
      const own = await createPerson(
        { name: unique('宁津某人'), regionId: ctx.ids.regions.get('ningjin')! },
        nj,
      );
      expect(own.statusCode, own.body).toBe(201);
      const viewer = await login(ctx.app, 'viewer');
      const res = await call(ctx.app, viewer, 'GET', '/api/people');
      expect(res.statusCode).toBe(403);
    });
  });
});

/**
 * Issue 8, "one schema" and "one rule, one place": SQL only in repositories, every table typed in
 * db/schema.ts, one stale-version 409 (also for the tables that do not record their editor), and the
 * schedule authorising through the project policy instead of the projects use case.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createTestContext,
  describeEngines,
  login,
  loginAdmin,
  type Session,
  type TestContext,
} from './harness.ts';

const src = path.resolve(__dirname, '../src');
const sourceFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });

describe('one schema', () => {
  const rel = (f: string) => path.relative(src, f).split(path.sep).join('/');
  const files = sourceFiles(src);

  it('runs SQL only in repositories (and migrations)', () => {
    const query = /\.(selectFrom|insertInto|updateTable|deleteFrom)\(|\bsql`|\bsql<[^>]*>`/;
    const outside = files
      .filter((f) => !rel(f).startsWith('repositories/') && !rel(f).startsWith('db/'))
      .filter((f) => query.test(fs.readFileSync(f, 'utf8')))
      .map(rel);
    expect(outside).toEqual([]);
  });

  it('types every table in db/schema.ts: no Kysely casts, no private table types', () => {
    const casts = files.filter((f) => /as unknown as Kysely/.test(fs.readFileSync(f, 'utf8'))).map(rel);
    expect(casts).toEqual([]);
    const privateTables = files
      .filter((f) => rel(f) !== 'db/schema.ts' && !rel(f).startsWith('db/migrations/'))
      .filter((f) => /^(export )?type \w+Table = \{/m.test(fs.readFileSync(f, 'utf8')))
      .map(rel);
    expect(privateTables).toEqual([]);
  });

  it('lists every migrated table in Database', () => {
    const migrations = path.join(src, 'db/migrations');
    const created = new Set<string>();
    const renamed = new Set<string>();
    for (const f of fs.readdirSync(migrations)) {
      const text = fs.readFileSync(path.join(migrations, f), 'utf8');
      for (const m of text.matchAll(/createTable\('(\w+)'\)/g)) created.add(m[1]!);
      for (const m of text.matchAll(/alterTable\('(\w+)'\)\.renameTo/g)) renamed.add(m[1]!);
      for (const m of text.matchAll(/dropTable\('(\w+)'\)/g)) renamed.add(m[1]!);
    }
    const schema = fs.readFileSync(path.join(src, 'db/schema.ts'), 'utf8');
    const body = /export type Database = \{([\s\S]*?)\n\};/.exec(schema)![1]!;
    const typed = new Set([...body.matchAll(/^\s+(\w+):/gm)].map((m) => m[1]!));
    const camel = (t: string) => t.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
    const missing = [...created].filter((t) => !renamed.has(t) && !typed.has(camel(t)));
    expect(missing).toEqual([]);
  });
});

describeEngines('one stale-version 409 and the project read policy', (engine) => {
  let ctx: TestContext;
  let admin: Session;
  let secadmin: Session;

  beforeAll(async () => {
    ctx = await createTestContext(engine);
    admin = await loginAdmin(ctx.app);
    secadmin = await login(ctx.app, 'secadmin');
  });
  afterAll(() => ctx.close());

  const unrecordedZh = '该记录在您打开之后已被修改，请刷新后在最新内容上重新编辑';
  const unrecordedEn = 'This record was changed after you opened it; reload and edit the latest version';

  it('words a stale region without a name (regions record no editor), in both languages', async () => {
    const town = ctx.ids.regions.get('town-zhuji')!;
    expect(
      (await call(ctx.app, admin, 'PATCH', `/api/regions/${town}`, { version: 1, name: '朱集镇一' }))
        .statusCode,
    ).toBe(200);
    const zh = await call(ctx.app, admin, 'PATCH', `/api/regions/${town}`, { version: 1, name: '朱集镇二' });
    expect(zh.statusCode).toBe(409);
    expect(zh.json().error).toMatchObject({
      code: 'version_conflict',
      message: unrecordedZh,
      details: { currentVersion: 2, updatedBy: null, updatedAt: null },
    });
    const en = await call(
      ctx.app,
      admin,
      'PATCH',
      `/api/regions/${town}`,
      { version: 1, name: 'x' },
      {
        'accept-language': 'en-US',
      },
    );
    expect(en.statusCode).toBe(409);
    expect(en.json().error.message).toBe(unrecordedEn);
  });

  it('words a stale department the same way', async () => {
    const regionId = ctx.ids.regions.get('laoling')!;
    const created = await call(ctx.app, admin, 'POST', '/api/departments', { regionId, name: '一表测试局' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as number;
    expect(
      (await call(ctx.app, admin, 'PATCH', `/api/departments/${id}`, { version: 1, name: '一表测试局甲' }))
        .statusCode,
    ).toBe(200);
    const stale = await call(ctx.app, admin, 'PATCH', `/api/departments/${id}`, {
      version: 1,
      name: '一表测试局乙',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'version_conflict',
      message: unrecordedZh,
      details: { currentVersion: 2, updatedBy: null },
    });
  });

  it('words a stale user without a name and gives the time of the stored change', async () => {
    const id = ctx.ids.users.get('leader1')!;
    const first = await call(ctx.app, secadmin, 'GET', '/api/users?q=leader1');
    const user = (first.json().items as Array<{ id: number; version: number; displayName: string }>).find(
      (u) => u.id === id,
    )!;
    const ok = await call(ctx.app, secadmin, 'PATCH', `/api/users/${id}`, {
      version: user.version,
      displayName: `${user.displayName}乙`,
    });
    expect(ok.statusCode).toBe(200);
    const stale = await call(ctx.app, secadmin, 'PATCH', `/api/users/${id}`, {
      version: user.version,
      displayName: `${user.displayName}丙`,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'version_conflict',
      message: unrecordedZh,
      details: { currentVersion: user.version + 1, updatedBy: null, updatedAt: ctx.clock.now.toISOString() },
    });
    expect(stale.json().error.message).not.toContain('-');
  });

  it('reads a schedule under the project read rule: 404 unknown, 403 for a non-reader', async () => {
    expect((await call(ctx.app, admin, 'GET', '/api/projects/999999/schedule')).statusCode).toBe(404);
    const pid = [...ctx.ids.projects.values()][0]!;
    expect((await call(ctx.app, admin, 'GET', `/api/projects/${pid}/schedule`)).statusCode).toBe(200);
    const auditor = await login(ctx.app, 'auditor');
    expect((await call(ctx.app, auditor, 'GET', '/api/projects/999999/schedule')).statusCode).toBe(403);
    expect((await call(ctx.app, auditor, 'GET', `/api/projects/${pid}/schedule`)).statusCode).toBe(403);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildLaolingDemo } from '@guatu/domain';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig, type Config } from '../src/config.ts';
import { openDatabase, type Db } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { AppError } from '../src/errors.ts';
import { translate } from '../src/messages.ts';
import { systemActor } from '../src/policies/actor.ts';
import { findRootRegion } from '../src/repositories/region.repository.ts';
import { prepareDatabase } from '../src/runtime.ts';
import { ensureRootRegion } from '../src/seed/bootstrap.ts';
import { seedDataset } from '../src/seed/demo.ts';
import { setUpDeployment } from '../src/services/setup.service.ts';
import {
  createTestContext,
  describeEngines,
  freshPostgres,
  TEST_DATA_KEY,
  TEST_TODAY,
  type TestContext,
} from './harness.ts';

// The demo after a setup: a system set up from the official divisions (root 乐陵市 371481, its 16
// towns) has its own region tree; loading the demo into it used to fail on the unique regions.code
// index (before that, it silently built a wrong tree). Now the seeder refuses it with a typed error
// and writes nothing; a start with GUATU_DEMO unset skips the demo with one line; GUATU_DEMO=1 fails.

const counts = async (db: Db) => {
  const n = async (
    t: 'regions' | 'departments' | 'users' | 'projects' | 'demoRows' | 'auditLog' | 'people',
  ) =>
    Number(
      (
        await db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    regions: await n('regions'),
    departments: await n('departments'),
    users: await n('users'),
    projects: await n('projects'),
    demoRows: await n('demoRows'),
    auditLog: await n('auditLog'),
    people: await n('people'),
  };
};

const setUpLaoling = async (db: Db) => {
  const root = (await findRootRegion(db))!;
  await setUpDeployment(db, systemActor(root.id, root.path), { code: '371481' });
};

describeEngines('the demo after a setup from the divisions', (engine) => {
  let setUp: TestContext;
  let empty: TestContext;
  beforeAll(async () => {
    setUp = await createTestContext(engine, {}, { demo: false });
    empty = await createTestContext(engine, {}, { demo: false });
  });
  afterAll(async () => {
    await setUp?.close();
    await empty?.close();
  });

  it('seeding a system set up as 乐陵市 371481 is refused with demo_after_setup, and nothing is written', async () => {
    const db = setUp.handle.db;
    await setUpLaoling(db);
    const before = await counts(db);
    expect(before.regions).toBe(17); // 乐陵市 and its 16 towns
    const err = await seedDataset(db, buildLaolingDemo(TEST_TODAY)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('demo_after_setup');
    expect((err as AppError).params).toEqual({ name: '乐陵市', code: '371481' });
    expect(translate('demo_after_setup', 'zh-CN', (err as AppError).params)).toBe(
      '系统已按行政区划初始化（乐陵市 371481），不能再载入演示数据',
    );
    expect(translate('demo_after_setup', 'en-US', (err as AppError).params)).toBe(
      'This system is set up from the official divisions (乐陵市 371481); the demo data cannot be loaded into it',
    );
    expect(await counts(db)).toEqual(before);
    const root = (await findRootRegion(db))!;
    expect([root.name, root.code, root.level]).toEqual(['乐陵市', '371481', 'county']);
  });

  it('an empty system (GUATU_DEMO=0, no setup) still seeds the demo', async () => {
    const db = empty.handle.db;
    const data = buildLaolingDemo(TEST_TODAY);
    const ids = await seedDataset(db, data);
    const after = await counts(db);
    expect(after.projects).toBe(data.projects.length);
    expect(ids.projects.size).toBe(data.projects.length);
    expect(data.projects.length).toBeGreaterThan(0);
    expect((await findRootRegion(db))!.name).toBe(data.regions[0]!.name);
  });

  /** A database with the divisions set up and no account yet (the start's "fresh" case). */
  const setUpDatabase = async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guatu-demo-setup-'));
    const pgDb = engine === 'postgres' ? await freshPostgres() : null;
    const config: Config = {
      ...loadConfig({}),
      dataDir,
      databaseUrl: pgDb?.url ?? null,
      dataKey: TEST_DATA_KEY,
      adminPassword: 'Root#Guatu2026',
      secadminPassword: 'Sec#Guatu2026x',
      auditorPassword: 'Aud#Guatu2026x',
    };
    const first = openDatabase({ url: config.databaseUrl, file: path.join(dataDir, 'guatu.db') });
    await migrateToLatest(first);
    await ensureRootRegion(first.db);
    await setUpLaoling(first.db);
    await first.db.destroy();
    const drop = async () => {
      await pgDb?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    };
    return { config, drop };
  };

  it('at start-up with GUATU_DEMO unset, a set-up system skips the demo with one line', async () => {
    const { config, drop } = await setUpDatabase();
    try {
      const lines: string[] = [];
      const handle = await prepareDatabase({ ...config, loadDemo: true, demoRequested: false }, (s) =>
        lines.push(s),
      );
      try {
        expect(lines.filter((l) => l.includes('demo'))).toEqual([
          '[guatu] demo data skipped: 系统已按行政区划初始化（乐陵市 371481），不能再载入演示数据',
        ]);
        const c = await counts(handle.db);
        expect([c.projects, c.departments, c.demoRows, c.regions, c.users]).toEqual([0, 0, 0, 17, 3]);
      } finally {
        await handle.db.destroy();
      }
    } finally {
      await drop();
    }
  });

  it('at start-up with GUATU_DEMO=1, a set-up system stops with the typed error', async () => {
    const { config, drop } = await setUpDatabase();
    try {
      await expect(
        prepareDatabase({ ...config, loadDemo: true, demoRequested: true }, () => {}),
      ).rejects.toMatchObject({ code: 'demo_after_setup', params: { name: '乐陵市', code: '371481' } });
    } finally {
      await drop();
    }
  });
});

/**
 * Backup and restore (issue 7, item 12), on both engines: a backup taken while the app serves,
 * changes made after it, then a restore gives back every table's rows exactly as they were at
 * backup time. A file that is not a Guatu backup is refused with a clear message and the database
 * is left as it was. The daily job keeps exactly the newest GUATU_BACKUP_KEEP files.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, restoreDatabase, sqliteFileOf } from '../src/backup/backup.ts';
import { backupStamp, dailyBackupJob } from '../src/backup/daily-backup.job.ts';
import type { Config } from '../src/config.ts';
import { openDatabase, type DbHandle, type Engine } from '../src/db/connect.ts';
import { AppError } from '../src/errors.ts';
import { translate } from '../src/messages.ts';
import { call, createTestContext, describeEngines, login, loginAdmin, type TestContext } from './harness.ts';

/** Every table's rows, each table sorted, so two states compare exactly. */
async function dumpAll(handle: DbHandle): Promise<Record<string, string[]>> {
  const tables =
    handle.engine === 'postgres'
      ? await sql<{
          name: string;
        }>`select tablename as name from pg_tables where schemaname = 'public'`.execute(handle.db)
      : await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(
          handle.db,
        );
  const out: Record<string, string[]> = {};
  for (const { name } of tables.rows.sort((a, b) => a.name.localeCompare(b.name))) {
    if (name === 'kysely_migration_lock') continue;
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(handle.db);
    out[name] = rows.rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

/** What the CLI prints for a refused restore, and that it is that refusal. */
async function refused(p: Promise<unknown>, code: string): Promise<string> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  const e = err as AppError;
  expect(e.code).toBe(code);
  return translate(e.code, 'zh-CN', e.params);
}

describeEngines('backup and restore', (engine: Engine) => {
  let ctx: TestContext;
  let config: Config;
  let dir: string;
  /** The live handle: the context's, or (SQLite, after the server was stopped for a restore) a new one. */
  let handle: DbHandle;
  let stopped = false;

  beforeAll(async () => {
    ctx = await createTestContext(engine, { backupKeep: 3 }, { onDisk: true });
    config = ctx.config;
    handle = ctx.handle;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guatu-backup-files-'));
    expect(config.databaseUrl === null).toBe(engine === 'sqlite');
  });
  afterAll(async () => {
    if (stopped) {
      await handle.db.destroy();
      fs.rmSync(config.dataDir, { recursive: true, force: true });
    } else await ctx.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('backup → change → restore gives back every table exactly', async () => {
    const app = ctx.app;
    const admin = await loginAdmin(app);
    const before = await dumpAll(handle);
    expect(before.projects!.length).toBeGreaterThan(50);
    expect(before.users!.length).toBeGreaterThan(20);

    const file = path.join(dir, engine === 'postgres' ? 'manual.dump' : 'manual.db');
    const made = await backupDatabase(config, file); // while the app is open and serving
    expect(made.bytes).toBeGreaterThan(10_000);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    // Changes after the backup: an edited project, a new user, a deleted row.
    const pid = before.projects!.map((r) => JSON.parse(r) as { id: number })[0]!.id;
    const p = (await call(app, admin, 'GET', `/api/projects/${pid}`)).json();
    const edit = await call(app, admin, 'PATCH', `/api/projects/${pid}`, {
      version: p.version,
      notes: '备份之后的修改',
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const secadmin = await login(app, 'secadmin');
    const user = await call(app, secadmin, 'POST', '/api/users', {
      username: 'after-backup',
      displayName: '备份后新增',
      password: 'After#2026bk',
      roles: ['viewer'],
      regionId: p.regionId,
    });
    expect(user.statusCode, user.body).toBe(201);
    await handle.db.deleteFrom('projectMembers').where('projectId', '=', pid).execute();
    await handle.db
      .deleteFrom('projectYears')
      .where('projectId', '=', pid)
      .where('year', '=', 2023)
      .execute();
    // A table the backup does not have (as a later migration adds), referring to a restored one.
    await sql`create table zz_newer (user_id integer references users (id), note text)`.execute(handle.db);
    await sql`insert into zz_newer select min(id), 'x' from users`.execute(handle.db);
    const changed = await dumpAll(handle);
    expect(changed.zz_newer).toHaveLength(1);
    expect(changed).not.toEqual(before);

    if (engine === 'sqlite') {
      // While the server holds the database, a restore is refused and changes nothing.
      const msg = await refused(restoreDatabase(config, file), 'backup_in_use');
      expect(msg).toContain('请先停止 Guatu 服务');
      expect(await dumpAll(handle)).toEqual(changed);
      // Stop the server, restore, start again.
      await ctx.app.close();
      await ctx.handle.db.destroy();
      stopped = true;
      const r = await restoreDatabase(config, file);
      expect(r.migrated).toEqual([]);
      handle = openDatabase({ url: null, file: sqliteFileOf(config) });
      expect(await dumpAll(handle)).toEqual(before);
    } else {
      await restoreDatabase(config, file); // PostgreSQL: one transaction, while the app is connected
      expect(await dumpAll(handle)).toEqual(before);
      const again = await loginAdmin(app);
      expect((await call(app, again, 'GET', `/api/projects/${pid}`)).json().notes).toBe(p.notes);
    }
  });

  it('refuses a file that is not a Guatu backup, with a clear message; the database is untouched', async () => {
    const before = await dumpAll(handle);
    const text = path.join(dir, 'notes.txt');
    fs.writeFileSync(text, '这不是备份 not a backup\n'.repeat(100));
    const label = engine === 'postgres' ? 'PostgreSQL' : 'SQLite';
    expect(await refused(restoreDatabase(config, text), 'backup_not_database')).toBe(
      `notes.txt 不是 Guatu 备份：不是 ${label} 数据库备份文件，数据库未改动`,
    );
    // A database of something else.
    const other = path.join(dir, 'other.db');
    const o = new SqliteDatabase(other);
    o.exec('create table t (x integer); insert into t values (1);');
    o.close();
    if (engine === 'sqlite') {
      expect(await refused(restoreDatabase(config, other), 'backup_not_guatu')).toBe(
        'other.db 不是 Guatu 备份：其中没有 Guatu 的数据表或迁移记录，数据库未改动',
      );
      // A Guatu database from a newer version (a migration this one does not know).
      const newer = path.join(dir, 'newer.db');
      await backupDatabase(config, newer);
      const n = new SqliteDatabase(newer);
      n.prepare('insert into kysely_migration (name, timestamp) values (?, ?)').run(
        '9999-from-the-future',
        '2030-01-01T00:00:00.000Z',
      );
      n.close();
      expect(await refused(restoreDatabase(config, newer), 'backup_newer')).toContain('9999-from-the-future');
      // Half a file: the header is there, the rest is not.
      const torn = path.join(dir, 'torn.db');
      fs.writeFileSync(torn, fs.readFileSync(newer).subarray(0, 4096 * 3));
      await refused(restoreDatabase(config, torn), 'backup_not_database');
    } else {
      expect(await refused(restoreDatabase(config, other), 'backup_wrong_engine')).toBe(
        'other.db 是 SQLite 备份，当前数据库是 PostgreSQL，数据库未改动',
      );
      const torn = path.join(dir, 'torn.dump');
      fs.writeFileSync(torn, Buffer.concat([Buffer.from('PGDMP'), Buffer.alloc(2000, 7)]));
      await refused(restoreDatabase(config, torn), 'backup_not_database');
    }
    expect(await dumpAll(handle)).toEqual(before);
  });

  it('the daily-backup job writes guatu-YYYYMMDD-HHmm and keeps exactly the newest GUATU_BACKUP_KEEP', async () => {
    expect(dailyBackupJob).toMatchObject({ name: 'daily-backup', schedule: '30 2 * * *' });
    expect(backupStamp(new Date('2026-11-29T18:30:00Z'))).toBe('guatu-20261130-0230');
    const backups = path.join(config.dataDir, 'backups');
    fs.mkdirSync(backups, { recursive: true });
    fs.writeFileSync(path.join(backups, 'README.txt'), 'not a backup: kept');
    const ext = engine === 'postgres' ? 'dump' : 'db';
    const logs: string[] = [];
    for (let day = 20; day <= 24; day++) {
      const now = new Date(`2026-11-${day}T18:30:00Z`);
      const res = await dailyBackupJob.run({ db: handle.db, config, now, log: (m) => logs.push(m) });
      expect(res).toMatchObject({ file: `guatu-202611${day + 1}-0230.${ext}` });
    }
    expect(fs.readdirSync(backups).sort()).toEqual([
      'README.txt',
      `guatu-20261123-0230.${ext}`,
      `guatu-20261124-0230.${ext}`,
      `guatu-20261125-0230.${ext}`,
    ]);
    expect(logs).toHaveLength(5);
    // A kept file is a real backup: it restores.
    if (engine === 'postgres') {
      const before = await dumpAll(handle);
      await restoreDatabase(config, path.join(backups, `guatu-20261125-0230.${ext}`));
      expect(await dumpAll(handle)).toEqual(before);
    }
  });

  it('a failed backup throws (the runner retries) and deletes nothing', async () => {
    const backups = path.join(config.dataDir, 'backups');
    const kept = fs.readdirSync(backups).sort();
    const broken: Config =
      engine === 'postgres'
        ? { ...config, databaseUrl: config.databaseUrl!.replace(/\/[^/]+$/, '/no_such_database_x') }
        : { ...config, dataDir: path.join(dir, 'nowhere') };
    const brokenDir = path.join(broken.dataDir, 'backups');
    if (engine === 'sqlite') {
      fs.mkdirSync(brokenDir, { recursive: true });
      for (const f of kept) fs.copyFileSync(path.join(backups, f), path.join(brokenDir, f));
    }
    await expect(
      dailyBackupJob.run({
        db: handle.db,
        config: broken,
        now: new Date('2026-11-30T18:30:00Z'),
        log: () => {},
      }),
    ).rejects.toThrow();
    expect(fs.readdirSync(brokenDir).sort()).toEqual(kept);
  });
});

describe('backup file names', () => {
  it('use China time', () => {
    expect(backupStamp(new Date('2026-12-31T16:05:00Z'))).toBe('guatu-20270101-0005');
  });
});

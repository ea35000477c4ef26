/**
 * Backup and restore of the whole database (issue 7, item 12).
 *
 * SQLite: the online backup API (better-sqlite3 `backup()`) from a second connection, safe while the
 * server writes; restore validates the file (SQLite header, integrity, Guatu tables, migrations this
 * version knows; an older backup is migrated forward on a copy), refuses while any connection holds
 * the live database (stop the server first), then renames the checked copy over the database file.
 * PostgreSQL: `pg_dump --format=custom`; restore checks the archive's table of contents and its
 * migrations, then runs `pg_restore --clean --if-exists --single-transaction` (all or nothing).
 * Binaries: PG_BINDIR, then PATH, then the newest /usr/lib/postgresql/<version>/bin.
 * A backup is written to `<file>.partial` and renamed when complete.
 */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import type { Config } from '../config.ts';
import { openDatabase, type Engine } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { AppError } from '../errors.ts';
import { findPublicTables } from '../repositories/database.repository.ts';

const run = promisify(execFile);
const MAX_OUTPUT = 256 * 1024 * 1024;

/** Tables every Guatu database has since its first migration. */
const GUATU_TABLES = ['kysely_migration', 'regions', 'users', 'projects', 'audit_log'];
const SQLITE_MAGIC = 'SQLite format 3\u0000';
const PG_MAGIC = 'PGDMP';

export type BackupResult = { engine: Engine; file: string; bytes: number; ms: number };
export type RestoreResult = { engine: Engine; file: string; migrated: string[]; ms: number };

export const sqliteFileOf = (config: Config) => path.join(config.dataDir, 'guatu.db');
const engineOf = (config: Config): Engine => (config.databaseUrl ? 'postgres' : 'sqlite');

let known: Promise<Set<string>> | null = null;
/** The migrations this version of Guatu has (applied to an empty in-memory database to list them). */
function knownMigrations(): Promise<Set<string>> {
  known ??= (async () => {
    const handle = openDatabase({ url: null, file: ':memory:' });
    try {
      return new Set(await migrateToLatest(handle));
    } finally {
      await handle.db.destroy();
    }
  })();
  return known;
}

async function requireKnown(file: string, names: string[]) {
  const all = await knownMigrations();
  const unknown = names.find((n) => !all.has(n));
  if (unknown) throw new AppError('backup_newer', { file, migration: unknown });
}

function magicOf(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = fs.readSync(fd, buf, 0, 16, 0);
    return buf.subarray(0, n).toString('latin1');
  } finally {
    fs.closeSync(fd);
  }
}

/** Where a PostgreSQL client program is: PG_BINDIR, PATH, then the newest /usr/lib/postgresql/N/bin. */
export function findPgBinary(name: 'pg_dump' | 'pg_restore' | 'psql'): string {
  const candidates: string[] = [];
  if (process.env.PG_BINDIR) candidates.push(path.join(process.env.PG_BINDIR, name));
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean))
    candidates.push(path.join(dir, name));
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => /^\d+(\.\d+)?$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const v of versions) candidates.push(path.join(root, v, 'bin', name));
  for (const c of candidates) {
    try {
      fs.accessSync(c, fs.constants.X_OK);
      if (fs.statSync(c).isFile()) return c;
    } catch {
      // not here
    }
  }
  throw new AppError('backup_tool_missing', { tool: name });
}

async function tool(name: 'pg_dump' | 'pg_restore', args: string[]): Promise<string> {
  try {
    const { stdout } = await run(findPgBinary(name), args, { maxBuffer: MAX_OUTPUT, encoding: 'utf8' });
    return stdout;
  } catch (err) {
    if (err instanceof AppError) throw err;
    const e = err as { stderr?: string; message?: string };
    const detail = (e.stderr || e.message || String(err)).trim().split('\n').slice(-3).join(' ');
    throw new AppError('backup_failed', { tool: name, detail });
  }
}

/** Writes a complete backup of the configured database to `file` (via `file.partial`, then a rename). */
export async function backupDatabase(config: Config, file: string): Promise<BackupResult> {
  const t = Date.now();
  const target = path.resolve(file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  fs.rmSync(partial, { force: true });
  const engine = engineOf(config);
  try {
    if (engine === 'postgres') {
      await tool('pg_dump', [
        '--format=custom',
        '--no-owner',
        `--file=${partial}`,
        `--dbname=${config.databaseUrl}`,
      ]);
    } else {
      const live = sqliteFileOf(config);
      if (!fs.existsSync(live)) throw new AppError('not_found', { entity: live });
      const source = new SqliteDatabase(live, { fileMustExist: true });
      try {
        source.pragma('busy_timeout = 5000');
        await source.backup(partial);
      } finally {
        source.close();
      }
    }
    // A backup holds password hashes and sealed personal data: readable by the owner only.
    fs.chmodSync(partial, 0o600);
    const fd = fs.openSync(partial, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(partial, target);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  }
  return { engine, file: target, bytes: fs.statSync(target).size, ms: Date.now() - t };
}

/** Replaces the configured database with the backup in `file`, after checking it is one. */
export async function restoreDatabase(config: Config, file: string): Promise<RestoreResult> {
  const t = Date.now();
  const source = path.resolve(file);
  const name = path.basename(source);
  if (!fs.existsSync(source) || !fs.statSync(source).isFile())
    throw new AppError('not_found', { entity: source });
  const engine = engineOf(config);
  const magic = magicOf(source);
  const found = magic.startsWith(SQLITE_MAGIC) ? 'SQLite' : magic.startsWith(PG_MAGIC) ? 'PostgreSQL' : null;
  const label = engine === 'postgres' ? 'PostgreSQL' : 'SQLite';
  if (found === null) throw new AppError('backup_not_database', { file: name, engine: label });
  if (found !== label) throw new AppError('backup_wrong_engine', { file: name, found, engine: label });
  const migrated =
    engine === 'postgres'
      ? await restorePostgres(config, source, name)
      : await restoreSqlite(config, source, name);
  return { engine, file: source, migrated, ms: Date.now() - t };
}

async function restoreSqlite(config: Config, source: string, name: string): Promise<string[]> {
  const live = sqliteFileOf(config);
  fs.mkdirSync(path.dirname(live), { recursive: true });
  // Check and upgrade a copy beside the database, so the final step is one rename on one filesystem.
  const copy = `${live}.restore-${process.pid}`;
  const cleanup = () => {
    for (const f of [copy, `${copy}-wal`, `${copy}-shm`, `${copy}-journal`]) fs.rmSync(f, { force: true });
  };
  cleanup();
  fs.copyFileSync(source, copy);
  let migrated: string[] = [];
  try {
    let db: SqliteDatabase.Database;
    try {
      db = new SqliteDatabase(copy, { fileMustExist: true });
    } catch {
      throw new AppError('backup_not_database', { file: name, engine: 'SQLite' });
    }
    try {
      const ok = (() => {
        try {
          return db.pragma('quick_check', { simple: true }) === 'ok';
        } catch {
          return false;
        }
      })();
      if (!ok) throw new AppError('backup_not_database', { file: name, engine: 'SQLite' });
      const tables = new Set(
        (
          db.prepare("select name from sqlite_master where type = 'table'").all() as Array<{ name: string }>
        ).map((r) => r.name),
      );
      if (!GUATU_TABLES.every((x) => tables.has(x))) throw new AppError('backup_not_guatu', { file: name });
      const names = (
        db.prepare('select name from kysely_migration order by name').all() as Array<{ name: string }>
      ).map((r) => r.name);
      if (names.length === 0) throw new AppError('backup_not_guatu', { file: name });
      await requireKnown(name, names);
    } finally {
      db.close();
    }
    // An older backup is brought up to this version's schema before it goes live.
    const handle = openDatabase({ url: null, file: copy });
    try {
      migrated = await migrateToLatest(handle);
    } finally {
      await handle.db.destroy();
    }
    const checked = new SqliteDatabase(copy);
    try {
      checked.pragma('journal_mode = DELETE'); // one self-contained file: no -wal to carry along
    } finally {
      checked.close();
    }
    // The live database must be free: leaving WAL mode needs every other connection closed.
    if (fs.existsSync(live)) {
      const current = new SqliteDatabase(live);
      try {
        current.pragma('busy_timeout = 2000');
        const mode = (() => {
          try {
            return String(current.pragma('journal_mode = DELETE', { simple: true }));
          } catch {
            return 'busy';
          }
        })();
        if (mode.toLowerCase() !== 'delete') throw new AppError('backup_in_use', { file: live });
      } finally {
        current.close();
      }
    }
    for (const f of [`${live}-wal`, `${live}-shm`, `${live}-journal`]) fs.rmSync(f, { force: true });
    fs.renameSync(copy, live);
    const dir = fs.openSync(path.dirname(live), 'r');
    try {
      fs.fsyncSync(dir);
    } finally {
      fs.closeSync(dir);
    }
  } finally {
    cleanup();
  }
  return migrated;
}

async function liveTablesMissingFrom(url: string, tables: Set<string>): Promise<string[]> {
  const handle = openDatabase({ url });
  try {
    return (await findPublicTables(handle.db)).filter((t) => !tables.has(t));
  } finally {
    await handle.db.destroy();
  }
}

/** `pg_restore --clean --if-exists -f - | psql --single-transaction`, after dropping `extra`: all or nothing. */
async function restoreDroppingExtra(url: string, source: string, extra: string[]): Promise<void> {
  const quote = (t: string) => `"${t.replace(/"/g, '""')}"`;
  const prefix = extra.map((t) => `DROP TABLE IF EXISTS public.${quote(t)} CASCADE;\n`).join('');
  const psql = spawn(
    findPgBinary('psql'),
    ['--no-psqlrc', '--quiet', '--single-transaction', '-v', 'ON_ERROR_STOP=1', `--dbname=${url}`],
    { stdio: ['pipe', 'ignore', 'pipe'] },
  );
  const dump = spawn(
    findPgBinary('pg_restore'),
    ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--file=-', source],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const errors: Record<string, string> = { psql: '', pg_restore: '' };
  psql.stderr.on('data', (d: Buffer) => (errors.psql += d.toString()));
  dump.stderr.on('data', (d: Buffer) => (errors.pg_restore += d.toString()));
  const exit = (p: ReturnType<typeof spawn>) =>
    new Promise<number>((resolve) => {
      p.on('error', () => resolve(-1));
      p.on('close', (code) => resolve(code ?? -1));
    });
  const done = Promise.all([exit(dump), exit(psql)]);
  psql.stdin.on('error', () => {}); // psql stopped early: its exit code says why
  psql.stdin.write(prefix);
  dump.stdout.pipe(psql.stdin);
  const [dumpCode, psqlCode] = await done;
  for (const [program, code] of [
    ['pg_restore', dumpCode],
    ['psql', psqlCode],
  ] as const)
    if (code !== 0) {
      const detail = (errors[program] || `exit ${code}`).trim().split('\n').slice(-3).join(' ');
      throw new AppError('backup_failed', { tool: program, detail });
    }
}

async function restorePostgres(config: Config, source: string, name: string): Promise<string[]> {
  const url = config.databaseUrl!;
  let toc: string;
  try {
    toc = await tool('pg_restore', ['--list', source]);
  } catch {
    throw new AppError('backup_not_database', { file: name, engine: 'PostgreSQL' });
  }
  const tables = new Set([...toc.matchAll(/^\d+; \d+ \d+ TABLE \S+ (\S+) /gm)].map((m) => m[1]!));
  if (!GUATU_TABLES.every((x) => tables.has(x))) throw new AppError('backup_not_guatu', { file: name });
  const data = await tool('pg_restore', ['--data-only', '--table=kysely_migration', '--file=-', source]);
  const copy = /^COPY \S*kysely_migration \(([^)]*)\) FROM stdin;\n([\s\S]*?)^\\\.$/m.exec(data);
  const cols = copy ? copy[1]!.split(',').map((c) => c.trim()) : [];
  const at = cols.indexOf('name');
  const names =
    copy && at >= 0
      ? copy[2]!
          .split('\n')
          .filter(Boolean)
          .map((l) => l.split('\t')[at]!)
      : [];
  if (names.length === 0) throw new AppError('backup_not_guatu', { file: name });
  await requireKnown(name, names);
  // Tables the backup does not have (added by later migrations): dropped in the same transaction,
  // then re-created by the migrations below; otherwise pg_restore alone, in one transaction.
  const extra = await liveTablesMissingFrom(url, tables);
  if (extra.length === 0)
    await tool('pg_restore', [
      '--clean',
      '--if-exists',
      '--single-transaction',
      '--exit-on-error',
      '--no-owner',
      '--no-privileges',
      `--dbname=${url}`,
      source,
    ]);
  else await restoreDroppingExtra(url, source, extra);
  // An older backup: bring the schema up to this version (tables it lacks are created empty).
  const handle = openDatabase({ url });
  try {
    return await migrateToLatest(handle);
  } finally {
    await handle.db.destroy();
  }
}

import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type Pg from 'pg';
import { loadPg } from '../lazy-packages.ts';
import type { Database } from './schema.ts';

export type Engine = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
export type DbHandle = { db: Db; engine: Engine; describe: string };

/** Opens SQLite at `file` (WAL, foreign keys) or PostgreSQL at `url`. */
export function openDatabase(opts: { url: string | null; file?: string }): DbHandle {
  if (opts.url) {
    const url = opts.url;
    // pg is loaded with the first connection (lazy-packages.ts), not at start: a SQLite server
    // never loads it.
    const pool = async () => {
      const pg = await loadPg();
      return newPgPool(pg, url);
    };
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool }),
      plugins: [new CamelCasePlugin()],
    });
    return { db, engine: 'postgres', describe: opts.url.replace(/\/\/[^@/]*@/, '//***@') };
  }
  return openSqlite(opts.file ?? ':memory:');
}

function newPgPool(pg: typeof Pg, url: string) {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // bigint (money, counts) as JS numbers: integer yuan stays far below 2^53.
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as never,
    },
  });
  // An idle connection the server ends (restart, failover, a dropped test database) must not
  // crash the process: the pool replaces it on the next query.
  pool.on('error', (err) => console.warn(`[guatu] PostgreSQL idle connection closed: ${err.message}`));
  return pool;
}

function openSqlite(file: string): DbHandle {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const database = new SqliteDatabase(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  // A 16 MiB page cache and no memory-mapped reads: the ledger, its summary and the war chart are
  // answered from memory (portfolio/), and what SQL still reads comes from the operating system's
  // file cache, which is shared by every process and not counted in the server's RSS. A 64 MiB cache
  // and a 256 MiB map put ~130 MiB of a 50,000-project database into the server (issue 11: RSS).
  database.pragma('cache_size = -16384');
  database.pragma('temp_store = MEMORY');
  // Each SQL text is prepared once and its statement reused (better-sqlite3 runs a statement to the
  // end before returning, and nothing here streams): preparing on every query was most of a small
  // request's time (issue 11). Bounded: the least recently added text is dropped first.
  const statements = new Map<string, SqliteDatabase.Statement>();
  const cached = {
    close: () => database.close(),
    prepare: (sql: string) => {
      let stmt = statements.get(sql);
      if (!stmt) {
        stmt = database.prepare(sql);
        if (statements.size >= 2000) statements.delete(statements.keys().next().value!);
        statements.set(sql, stmt);
      }
      return stmt;
    },
  };
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: cached }),
    plugins: [new CamelCasePlugin()],
  });
  return { db, engine: 'sqlite', describe: file };
}

/**
 * SQL about the database itself rather than one table: the health probe and, for restoring a
 * PostgreSQL backup, the tables the live schema holds.
 */
import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';

/** A cheap read that fails when the database cannot answer (the health check). */
export async function pingDatabase(db: Db): Promise<void> {
  await db.selectFrom('regions').select('id').limit(1).execute();
}

/** The migrations this database ran (Kysely's table); null when it has none yet (no table). */
export async function appliedMigrationNames(db: Db): Promise<string[] | null> {
  try {
    const r = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    return r.rows.map((row) => row.name);
  } catch {
    return null;
  }
}

/** The tables of PostgreSQL's `public` schema. */
export async function findPublicTables(db: Db): Promise<string[]> {
  const live = await sql<{
    name: string;
  }>`select tablename as name from pg_tables where schemaname = 'public'`.execute(db);
  return live.rows.map((r) => r.name);
}

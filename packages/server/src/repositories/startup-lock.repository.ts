/**
 * One start-up at a time on a database: several app servers started together on one PostgreSQL
 * (a first deployment, an upgrade) would each find the key check, the setup accounts or the demo
 * missing and insert them (a duplicate key, or the demo twice). `withStartupLock` runs the setup
 * holding a session-level advisory lock on a connection of its own, so the others wait and then
 * find it done. SQLite: one server per data directory, nothing to hold.
 */
import { sql } from 'kysely';
import type { DbHandle } from '../db/connect.ts';

/** The advisory lock's key: 'guat' (any fixed number no other code of this database uses). */
const STARTUP_LOCK = 0x67756174;

export async function withStartupLock<T>(handle: DbHandle, fn: () => Promise<T>): Promise<T> {
  if (handle.engine !== 'postgres') return fn();
  return handle.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${STARTUP_LOCK})`.execute(conn);
    try {
      return await fn();
    } finally {
      await sql`select pg_advisory_unlock(${STARTUP_LOCK})`.execute(conn);
    }
  });
}

/** SQL of the scope checks on the ids a write refers to, and of the region paths settings resolve by. */
import type { Db } from '../db/connect.ts';

/** Each found user's roles (JSON text) and region path; ids that do not exist are absent. */
export async function findUsersWithRegionPath(
  db: Db,
  ids: readonly number[],
): Promise<Array<{ id: number; roles: string; regionPath: string }>> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('users as u')
    .innerJoin('regions as r', 'r.id', 'u.regionId')
    .where('u.id', 'in', [...new Set(ids)])
    .select(['u.id', 'u.roles', 'r.path as regionPath'])
    .execute();
}

/** The materialised path of each given region (the war chart resolves settings per region). */
export async function findRegionPaths(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('regions')
    .where('id', 'in', [...new Set(ids)])
    .select(['id', 'path'])
    .execute();
  return new Map(rows.map((r) => [r.id, r.path]));
}

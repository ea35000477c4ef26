import type { RegionLevel } from '@guatu/domain';
import type { Db } from '../db/connect.ts';

/** A region as the setup sees it: where it hangs, its name and official code. */
export type SetupRegionRow = {
  id: number;
  parentId: number | null;
  name: string;
  level: string;
  code: string | null;
  kind: string;
  path: string;
  version: number;
};

/** Every region (a deployment holds a few thousand at most: a province down to its towns). */
export async function findAllRegionRows(db: Db): Promise<SetupRegionRow[]> {
  return db
    .selectFrom('regions')
    .select(['id', 'parentId', 'name', 'level', 'code', 'kind', 'path', 'version'])
    .orderBy('id')
    .execute();
}

/** Projects in the whole system. */
export async function countAllProjects(db: Db): Promise<number> {
  const r = await db
    .selectFrom('projects')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Gives a region its official name, level and code (the placeholder root becoming 乐陵市). */
export async function setRegionDivision(
  db: Db,
  id: number,
  v: { name: string; level: RegionLevel; code: string },
): Promise<void> {
  await db
    .updateTable('regions')
    .set((eb) => ({ name: v.name, level: v.level, code: v.code, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Inserts an official division under a parent (path from the parent's); two statements, no re-read. */
export async function insertDivisionRegion(
  db: Db,
  v: { parentId: number; parentPath: string; name: string; level: RegionLevel; code: string },
): Promise<{ id: number; path: string }> {
  const { id } = await db
    .insertInto('regions')
    .values({ parentId: v.parentId, name: v.name, level: v.level, code: v.code, path: '', version: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const path = `${v.parentPath}${id}/`;
  await db.updateTable('regions').set({ path }).where('id', '=', id).execute();
  return { id, path };
}

import { sql } from 'kysely';
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

/**
 * Inserts official divisions under one parent in a few statements (a province's 2,000 regions in
 * a few hundred, not thousands): the rows in batches, then their paths from the parent's path and
 * their new ids in one UPDATE; answers each code's new id and path.
 */
export async function insertDivisionChildren(
  db: Db,
  parent: { id: number; path: string },
  items: readonly { name: string; level: RegionLevel; code: string }[],
): Promise<Map<string, { id: number; path: string }>> {
  for (let i = 0; i < items.length; i += 500)
    await db
      .insertInto('regions')
      .values(
        items.slice(i, i + 500).map((d) => ({
          parentId: parent.id,
          name: d.name,
          level: d.level,
          code: d.code,
          path: '',
          version: 1,
        })),
      )
      .execute();
  await db
    .updateTable('regions')
    .set({ path: sql<string>`cast(${parent.path} as text) || cast(id as text) || '/'` })
    .where('parentId', '=', parent.id)
    .where('path', '=', '')
    .execute();
  const rows = await db
    .selectFrom('regions')
    .select(['id', 'code', 'path'])
    .where('parentId', '=', parent.id)
    .where('code', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.code!, { id: r.id, path: r.path }]));
}

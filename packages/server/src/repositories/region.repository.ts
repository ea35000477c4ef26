import type { Region } from '@guatu/contracts';
import type { RegionLevel } from '@guatu/domain';
import type { Db } from '../db/connect.ts';
import type { RegionRow } from '../db/schema.ts';

const toRegion = (r: RegionRow): Region => ({
  id: r.id,
  parentId: r.parentId,
  name: r.name,
  level: r.level as RegionLevel,
  code: r.code,
  version: r.version,
});

export async function findRegionById(db: Db, id: number): Promise<RegionRow | null> {
  return (await db.selectFrom('regions').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

/** The subtree under `path` plus the ancestors on the way to the root (so names resolve). */
export async function findRegionsInScope(db: Db, path: string): Promise<Region[]> {
  const ancestorIds = path.split('/').filter(Boolean).map(Number);
  const rows = await db
    .selectFrom('regions')
    .selectAll()
    .where((eb) => eb.or([eb('path', 'like', `${path}%`), eb('id', 'in', ancestorIds)]))
    .orderBy('path')
    .execute();
  return rows.map(toRegion);
}

/** Inserts a region and sets its path from the parent's. */
export async function insertRegion(
  db: Db,
  v: { parentId: number | null; parentPath: string; name: string; level: RegionLevel; code: string | null },
): Promise<RegionRow> {
  const { id } = await db
    .insertInto('regions')
    .values({ parentId: v.parentId, name: v.name, level: v.level, code: v.code, path: '', version: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .updateTable('regions')
    .set({ path: `${v.parentPath}${id}/` })
    .where('id', '=', id)
    .execute();
  return (await findRegionById(db, id)) as RegionRow;
}

export async function updateRegionIfVersion(
  db: Db,
  id: number,
  version: number,
  patch: { name?: string; code?: string | null },
): Promise<boolean> {
  const res = await db
    .updateTable('regions')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function findRootRegion(db: Db): Promise<RegionRow | null> {
  return (
    (await db
      .selectFrom('regions')
      .selectAll()
      .where('parentId', 'is', null)
      .orderBy('id')
      .executeTakeFirst()) ?? null
  );
}

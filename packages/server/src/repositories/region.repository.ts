import type { Region } from '@guatu/contracts';
import type { RegionKind, RegionLevel } from '@guatu/domain';
import type { Db } from '../db/connect.ts';
import type { RegionRow } from '../db/schema.ts';

const toRegion = (r: RegionRow): Region => ({
  id: r.id,
  parentId: r.parentId,
  name: r.name,
  level: r.level as RegionLevel,
  code: r.code,
  kind: r.kind === 'zone' ? 'zone' : 'division',
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
  v: {
    parentId: number | null;
    parentPath: string;
    name: string;
    level: RegionLevel;
    code: string | null;
    kind?: RegionKind;
  },
): Promise<RegionRow> {
  const { id } = await db
    .insertInto('regions')
    .values({
      parentId: v.parentId,
      name: v.name,
      level: v.level,
      code: v.code,
      kind: v.kind ?? 'division',
      path: '',
      version: 1,
    })
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

/** The region named `name` under `parentId` (null: a root), if any. */
export async function findRegionByNameUnder(
  db: Db,
  name: string,
  parentId: number | null,
): Promise<RegionRow | null> {
  return (
    (await db
      .selectFrom('regions')
      .selectAll()
      .where('name', '=', name)
      .where('parentId', parentId === null ? 'is' : '=', parentId)
      .executeTakeFirst()) ?? null
  );
}

/** Renames a region in place, without a version bump (the demo seeder taking over the root). */
export async function renameRegionUnversioned(db: Db, id: number, name: string, level: string) {
  await db.updateTable('regions').set({ name, level }).where('id', '=', id).execute();
}

/** Every region's id and name (the benchmark seeder resolves the demo's keys with them). */
export async function findAllRegionNames(db: Db): Promise<Array<{ id: number; name: string }>> {
  return db.selectFrom('regions').select(['id', 'name']).execute();
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

/** Towns and the county of the subtree; names of every other region (to say "outside your scope"). */
export async function findRegionNames(db: Db, path: string) {
  const rows = await db.selectFrom('regions').select(['id', 'name', 'path']).execute();
  return {
    inScope: rows.filter((r) => r.path.startsWith(path)).map((r) => ({ id: r.id, name: r.name })),
    outOfScope: rows.filter((r) => !r.path.startsWith(path)).map((r) => r.name),
  };
}

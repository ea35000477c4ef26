import type { Department } from '@guatu/contracts';
import type { Db } from '../db/connect.ts';

/** Departments of the regions in the scope subtree and of its ancestors. */
export async function findDepartmentsInScope(db: Db, path: string): Promise<Department[]> {
  const ancestorIds = path.split('/').filter(Boolean).map(Number);
  return db
    .selectFrom('departments as d')
    .innerJoin('regions as r', 'r.id', 'd.regionId')
    .where((eb) => eb.or([eb('r.path', 'like', `${path}%`), eb('r.id', 'in', ancestorIds)]))
    .select(['d.id', 'd.regionId', 'r.name as regionName', 'd.name', 'd.version'])
    .orderBy('d.id')
    .execute();
}

export async function findDepartmentById(db: Db, id: number) {
  return (
    (await db
      .selectFrom('departments as d')
      .innerJoin('regions as r', 'r.id', 'd.regionId')
      .where('d.id', '=', id)
      .select(['d.id', 'd.regionId', 'r.name as regionName', 'r.path as regionPath', 'd.name', 'd.version'])
      .executeTakeFirst()) ?? null
  );
}

export async function findDepartmentByName(db: Db, regionId: number, name: string) {
  return (
    (await db
      .selectFrom('departments')
      .selectAll()
      .where('regionId', '=', regionId)
      .where('name', '=', name)
      .executeTakeFirst()) ?? null
  );
}

/** Every department's id and name (the benchmark seeder resolves the demo's keys with them). */
export async function findAllDepartmentNames(db: Db): Promise<Array<{ id: number; name: string }>> {
  return db.selectFrom('departments').select(['id', 'name']).execute();
}

export async function insertDepartment(db: Db, v: { regionId: number; name: string }): Promise<number> {
  const row = await db
    .insertInto('departments')
    .values({ ...v, version: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateDepartmentIfVersion(
  db: Db,
  id: number,
  version: number,
  patch: { name?: string },
) {
  const res = await db
    .updateTable('departments')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * SQL of the admin-edited stage templates, one copy per region that has its own; a template
 * without a row on a region's line to the root is the domain's built-in one.
 */
import type { Db } from '../db/connect.ts';
import type { StageTemplateTable } from '../db/schema.ts';
import { bumpSettingsStamp } from './settings-stamp.repository.ts';

export type StageTemplateRow = StageTemplateTable & { updatedByName: string | null; regionName: string };

/** Every region's rows (a few per region that saved its own), read whole. */
export async function findStageTemplateRows(db: Db): Promise<StageTemplateRow[]> {
  return db
    .selectFrom('stageTemplates as t')
    .innerJoin('regions as r', 'r.id', 't.regionId')
    .leftJoin('users as u', 'u.id', 't.updatedBy')
    .selectAll('t')
    .select(['u.displayName as updatedByName', 'r.name as regionName'])
    .execute();
}

export async function findStageTemplateRow(
  db: Db,
  regionId: number,
  key: string,
): Promise<StageTemplateRow | null> {
  const row = await db
    .selectFrom('stageTemplates as t')
    .innerJoin('regions as r', 'r.id', 't.regionId')
    .leftJoin('users as u', 'u.id', 't.updatedBy')
    .where('t.regionId', '=', regionId)
    .where('t.key', '=', key)
    .selectAll('t')
    .select(['u.displayName as updatedByName', 'r.name as regionName'])
    .executeTakeFirst();
  return row ?? null;
}

export async function insertStageTemplate(db: Db, row: StageTemplateTable): Promise<void> {
  await db.insertInto('stageTemplates').values(row).execute();
  await bumpSettingsStamp(db, 'stage_templates');
}

export async function updateStageTemplateIfVersion(
  db: Db,
  regionId: number,
  key: string,
  version: number,
  patch: Omit<StageTemplateTable, 'regionId' | 'key' | 'version'>,
): Promise<boolean> {
  const res = await db
    .updateTable('stageTemplates')
    .set({ ...patch, version: version + 1 })
    .where('regionId', '=', regionId)
    .where('key', '=', key)
    .where('version', '=', version)
    .executeTakeFirst();
  const ok = Number(res.numUpdatedRows) === 1;
  if (ok) await bumpSettingsStamp(db, 'stage_templates');
  return ok;
}

export async function deleteStageTemplate(db: Db, regionId: number, key: string): Promise<boolean> {
  const res = await db
    .deleteFrom('stageTemplates')
    .where('regionId', '=', regionId)
    .where('key', '=', key)
    .executeTakeFirst();
  const ok = Number(res.numDeletedRows) === 1;
  if (ok) await bumpSettingsStamp(db, 'stage_templates');
  return ok;
}

/**
 * The departments named `names` on a region's line to the root (the region and its ancestors),
 * nearest region first: the department in charge of a template's stage for a project there.
 */
export async function findDepartmentsOnChain(
  db: Db,
  regionPath: string,
  names: readonly string[],
): Promise<Array<{ id: number; name: string; regionId: number }>> {
  const chain = regionPath.split('/').filter(Boolean).map(Number);
  if (names.length === 0 || chain.length === 0) return [];
  const rows = await db
    .selectFrom('departments')
    .where('regionId', 'in', chain)
    .where('name', 'in', [...new Set(names)])
    .select(['id', 'name', 'regionId'])
    .execute();
  return rows.sort((a, b) => chain.indexOf(b.regionId) - chain.indexOf(a.regionId) || a.id - b.id);
}

/** The names of the departments a template saved at a region may name: its subtree's and its ancestors'. */
export async function findDepartmentNamesAround(db: Db, regionPath: string): Promise<Set<string>> {
  const chain = regionPath.split('/').filter(Boolean).map(Number);
  const rows = await db
    .selectFrom('departments as d')
    .innerJoin('regions as r', 'r.id', 'd.regionId')
    .where((eb) => eb.or([eb('r.path', 'like', `${regionPath}%`), eb('r.id', 'in', chain)]))
    .select('d.name')
    .execute();
  return new Set(rows.map((r) => r.name));
}

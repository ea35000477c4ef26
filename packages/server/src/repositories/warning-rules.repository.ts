/** SQL of the admin-set warning rules (预警规则), one row per region that has its own; none: the defaults. */
import type { Db } from '../db/connect.ts';
import type { WarningRulesTable } from '../db/schema.ts';
import { bumpSettingsStamp } from './settings-stamp.repository.ts';

/** The row's key: the stage warnings (开工预警 and 工序预警). */
export const WARNING_RULES_KEY = 'stage';

export type WarningRulesRow = WarningRulesTable & { updatedByName: string | null; regionName: string };

/** Every region's rules (one row per region that saved its own), read whole. */
export async function findWarningRulesRows(db: Db): Promise<WarningRulesRow[]> {
  return db
    .selectFrom('warningRules as w')
    .innerJoin('regions as r', 'r.id', 'w.regionId')
    .leftJoin('users as u', 'u.id', 'w.updatedBy')
    .selectAll('w')
    .select(['u.displayName as updatedByName', 'r.name as regionName'])
    .where('w.key', '=', WARNING_RULES_KEY)
    .execute();
}

export async function findWarningRulesRow(db: Db, regionId: number): Promise<WarningRulesRow | null> {
  const row = await db
    .selectFrom('warningRules as w')
    .innerJoin('regions as r', 'r.id', 'w.regionId')
    .leftJoin('users as u', 'u.id', 'w.updatedBy')
    .selectAll('w')
    .select(['u.displayName as updatedByName', 'r.name as regionName'])
    .where('w.key', '=', WARNING_RULES_KEY)
    .where('w.regionId', '=', regionId)
    .executeTakeFirst();
  return row ?? null;
}

export async function insertWarningRules(db: Db, row: Omit<WarningRulesTable, 'key'>): Promise<void> {
  await db
    .insertInto('warningRules')
    .values({ key: WARNING_RULES_KEY, ...row })
    .execute();
  await bumpSettingsStamp(db, 'warning_rules');
}

export async function updateWarningRulesIfVersion(
  db: Db,
  regionId: number,
  version: number,
  patch: Omit<WarningRulesTable, 'key' | 'version' | 'regionId'>,
): Promise<boolean> {
  const res = await db
    .updateTable('warningRules')
    .set({ ...patch, version: version + 1 })
    .where('key', '=', WARNING_RULES_KEY)
    .where('regionId', '=', regionId)
    .where('version', '=', version)
    .executeTakeFirst();
  const ok = Number(res.numUpdatedRows) === 1;
  if (ok) await bumpSettingsStamp(db, 'warning_rules');
  return ok;
}

export async function deleteWarningRules(db: Db, regionId: number): Promise<boolean> {
  const res = await db
    .deleteFrom('warningRules')
    .where('key', '=', WARNING_RULES_KEY)
    .where('regionId', '=', regionId)
    .executeTakeFirst();
  const ok = Number(res.numDeletedRows) === 1;
  if (ok) await bumpSettingsStamp(db, 'warning_rules');
  return ok;
}

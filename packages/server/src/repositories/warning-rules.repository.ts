/** SQL of the admin-set warning rules (预警规则); no row means the domain's defaults. */
import type { Kysely } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';

type WarningRulesTable = {
  key: string;
  /** JSON: WarningRules. */
  rules: string;
  version: number;
  updatedAt: string;
  updatedBy: number | null;
};
type RulesDatabase = Database & { warningRules: WarningRulesTable };
const wdb = (db: Db) => db as unknown as Kysely<RulesDatabase>;

/** The single row's key: the stage warnings (开工预警 and 工序预警). */
export const WARNING_RULES_KEY = 'stage';

export type WarningRulesRow = WarningRulesTable & { updatedByName: string | null };

export async function findWarningRulesRow(db: Db): Promise<WarningRulesRow | null> {
  const row = await wdb(db)
    .selectFrom('warningRules as w')
    .leftJoin('users as u', 'u.id', 'w.updatedBy')
    .selectAll('w')
    .select('u.displayName as updatedByName')
    .where('w.key', '=', WARNING_RULES_KEY)
    .executeTakeFirst();
  return row ?? null;
}

export async function insertWarningRules(db: Db, row: Omit<WarningRulesTable, 'key'>): Promise<void> {
  await wdb(db)
    .insertInto('warningRules')
    .values({ key: WARNING_RULES_KEY, ...row })
    .execute();
}

export async function updateWarningRulesIfVersion(
  db: Db,
  version: number,
  patch: Omit<WarningRulesTable, 'key' | 'version'>,
): Promise<boolean> {
  const res = await wdb(db)
    .updateTable('warningRules')
    .set({ ...patch, version: version + 1 })
    .where('key', '=', WARNING_RULES_KEY)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

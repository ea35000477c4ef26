/** SQL of the admin-edited stage templates; a template without a row is the domain's built-in one. */
import type { Kysely } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';

type StageTemplateTable = {
  key: string;
  name: string;
  /** JSON: StageDef[]. */
  stages: string;
  version: number;
  updatedAt: string;
  updatedBy: number | null;
};
type TemplateDatabase = Database & { stageTemplates: StageTemplateTable };
const tdb = (db: Db) => db as unknown as Kysely<TemplateDatabase>;

export type StageTemplateRow = StageTemplateTable & { updatedByName: string | null };

export async function findStageTemplateRows(db: Db): Promise<StageTemplateRow[]> {
  return tdb(db)
    .selectFrom('stageTemplates as t')
    .leftJoin('users as u', 'u.id', 't.updatedBy')
    .selectAll('t')
    .select('u.displayName as updatedByName')
    .execute();
}

export async function insertStageTemplate(db: Db, row: StageTemplateTable): Promise<void> {
  await tdb(db).insertInto('stageTemplates').values(row).execute();
}

export async function updateStageTemplateIfVersion(
  db: Db,
  key: string,
  version: number,
  patch: Omit<StageTemplateTable, 'key' | 'version'>,
): Promise<boolean> {
  const res = await tdb(db)
    .updateTable('stageTemplates')
    .set({ ...patch, version: version + 1 })
    .where('key', '=', key)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

import type { Kysely } from 'kysely';
import type { Engine } from '../connect.ts';

// The ledger of one year joins every project of the year: a covering index lets the count and the
// default sort read project_years from the index alone (measured: 40 → 20 ms at 50k projects).
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations must not depend on the current schema type */
export async function up(db: Kysely<any>, _engine: Engine): Promise<void> {
  await db.schema
    .createIndex('project_years_ledger')
    .on('project_years')
    .columns(['year', 'project_id', 'level', 'category', 'annual_plan'])
    .execute();
}

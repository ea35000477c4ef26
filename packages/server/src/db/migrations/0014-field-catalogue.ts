import type { Kysely } from 'kysely';
import type { Engine } from '../connect.ts';

// The fields issue 9 adds through the project field catalogue (packages/domain/src/project-fields.ts):
// a project marked started in a ledger without any date (√ with no 开工时间 and no 计划开工时间), and a
// year's figures as the ledger reported them — year-to-date completed investment (元), the progress
// narrative (形象进度) and the date they were reported as of. The monthly dispatch supersedes them.
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations must not depend on the current schema type */
export async function up(db: Kysely<any>, _engine: Engine): Promise<void> {
  await db.schema
    .alterTable('projects')
    .addColumn('started_undated', 'integer', (c: any) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('project_years').addColumn('reported_ytd', 'bigint').execute();
  await db.schema.alterTable('project_years').addColumn('reported_progress', 'text').execute();
  await db.schema.alterTable('project_years').addColumn('reported_as_of', 'text').execute();
}

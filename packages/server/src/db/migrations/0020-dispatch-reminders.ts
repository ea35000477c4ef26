import type { Kysely } from 'kysely';

// 一月一调度 (issue 10): the last reminder sent for a project of a round ('before' | 'due' | 'late';
// null: none yet), so that each reminder goes out once even when the job runs again or twice.
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations must not depend on the current schema type */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('dispatch_round_projects').addColumn('last_reminder', 'text').execute();
}

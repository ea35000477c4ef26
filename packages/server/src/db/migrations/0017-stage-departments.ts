import type { Kysely } from 'kysely';
import type { Engine } from '../connect.ts';

// Departments record the procedures they handle (issue 9, item 12): a stage template names the
// department in charge of each procedure stage (自然资源局 issues the 不动产权证), beside the stages
// it keeps: JSON object stage key → department name. A name, not an id: a template is inherited
// down the region tree, and each project's region chain has its own 自然资源局.
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations must not depend on the current schema type */
export async function up(db: Kysely<any>, _engine: Engine): Promise<void> {
  await db.schema
    .alterTable('stage_templates')
    .addColumn('stage_departments', 'text', (c: any) => c.notNull().defaultTo('{}'))
    .execute();
}

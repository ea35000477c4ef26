import type { Kysely } from 'kysely';
import type { Engine } from '../connect.ts';

// Set up from the official divisions (issue 9, item 1): a region is an official division
// ('division', named and coded as GB/T 2260 has it, or an uncoded one an admin added) or a
// development zone ('zone': 经济开发区, 高新区, 产业园 — town level, no official code). An official
// code names one region: a unique index (NULLs, the uncoded regions, do not collide on either
// engine), so two set-ups racing cannot create a division twice.
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations must not depend on the current schema type */
export async function up(db: Kysely<any>, _engine: Engine): Promise<void> {
  await db.schema
    .alterTable('regions')
    .addColumn('kind', 'text', (c: any) => c.notNull().defaultTo('division'))
    .execute();
  await db.schema.createIndex('regions_code').unique().on('regions').column('code').execute();
}

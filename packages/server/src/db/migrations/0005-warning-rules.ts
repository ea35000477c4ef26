import type { Kysely } from 'kysely';
import type { Engine } from '../connect.ts';

// 预警规则 (issue 4): the stage-warning thresholds as data an admin changes. One row keyed
// 'stage'; no row means the domain's defaultWarningRules at version 1. JSON is text, as everywhere.
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations must not depend on the current schema type */
export async function up(db: Kysely<any>, _engine: Engine): Promise<void> {
  await db.schema
    .createTable('warning_rules')
    .addColumn('key', 'text', (c: any) => c.primaryKey())
    .addColumn('rules', 'text', (c: any) => c.notNull())
    .addColumn('version', 'integer', (c: any) => c.notNull())
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_by', 'integer', (c: any) => c.references('users.id'))
    .execute();
}

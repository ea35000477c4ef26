import type { Kysely } from 'kysely';
import type { Engine } from '../connect.ts';

// Several app servers, one database (issue 8, item 6): one row per cached setting (calendar,
// stage templates, warning rules) holding a stamp that every write of that setting replaces with a
// fresh random value in its own transaction. Each request reads the three stamps (one primary-key
// read of three rows) and rebuilds a cache only when its stamp changed, so a change made through
// one app server is used by the others at once. A random stamp never comes back, not even after a
// backup is restored, so a stamp names one content.
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations must not depend on the current schema type */
export async function up(db: Kysely<any>, _engine: Engine): Promise<void> {
  await db.schema
    .createTable('settings_versions')
    .addColumn('key', 'text', (c: any) => c.primaryKey())
    .addColumn('stamp', 'text', (c: any) => c.notNull())
    .execute();
  await db
    .insertInto('settings_versions')
    .values(['calendar', 'stage_templates', 'warning_rules'].map((key) => ({ key, stamp: `${key}:initial` })))
    .execute();
}

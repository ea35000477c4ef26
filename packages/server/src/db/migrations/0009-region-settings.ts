import type { Kysely } from 'kysely';
import type { Engine } from '../connect.ts';

// Per-region settings (issue 7, hole 3): the working-day calendar's entries, the stage templates
// and the warning rules each belong to a region and are inherited down its subtree. Rows that
// exist belong to the root region. The templates' and rules' primary keys gain the region, so
// those two tables are rebuilt (SQLite cannot change a primary key in place).
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations must not depend on the current schema type */
export async function up(db: Kysely<any>, _engine: Engine): Promise<void> {
  const root = await db
    .selectFrom('regions')
    .select('id')
    .where('parent_id', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
  const rootId: number | null = root ? Number(root.id) : null;

  await db.schema
    .alterTable('calendar_entries')
    .addColumn('region_id', 'integer', (c: any) => c.references('regions.id'))
    .execute();
  if (rootId !== null) await db.updateTable('calendar_entries').set({ region_id: rootId }).execute();
  await db.schema.createIndex('calendar_entries_region').on('calendar_entries').column('region_id').execute();

  await db.schema
    .createTable('stage_templates_by_region')
    .addColumn('region_id', 'integer', (c: any) => c.notNull().references('regions.id'))
    .addColumn('key', 'text', (c: any) => c.notNull())
    .addColumn('name', 'text', (c: any) => c.notNull())
    .addColumn('stages', 'text', (c: any) => c.notNull())
    .addColumn('version', 'integer', (c: any) => c.notNull())
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_by', 'integer', (c: any) => c.references('users.id'))
    .addPrimaryKeyConstraint('stage_templates_region_pk', ['region_id', 'key'])
    .execute();
  await db.schema
    .createTable('warning_rules_by_region')
    .addColumn('region_id', 'integer', (c: any) => c.notNull().references('regions.id'))
    .addColumn('key', 'text', (c: any) => c.notNull())
    .addColumn('rules', 'text', (c: any) => c.notNull())
    .addColumn('version', 'integer', (c: any) => c.notNull())
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_by', 'integer', (c: any) => c.references('users.id'))
    .addPrimaryKeyConstraint('warning_rules_region_pk', ['region_id', 'key'])
    .execute();
  if (rootId !== null) {
    const templates = await db.selectFrom('stage_templates').selectAll().execute();
    for (const t of templates)
      await db
        .insertInto('stage_templates_by_region')
        .values({ region_id: rootId, ...t })
        .execute();
    const rules = await db.selectFrom('warning_rules').selectAll().execute();
    for (const r of rules)
      await db
        .insertInto('warning_rules_by_region')
        .values({ region_id: rootId, ...r })
        .execute();
  }
  await db.schema.dropTable('stage_templates').execute();
  await db.schema.dropTable('warning_rules').execute();
  await db.schema.alterTable('stage_templates_by_region').renameTo('stage_templates').execute();
  await db.schema.alterTable('warning_rules_by_region').renameTo('warning_rules').execute();
}

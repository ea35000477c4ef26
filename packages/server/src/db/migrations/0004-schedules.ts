import type { Kysely } from 'kysely';
import type { Engine } from '../connect.ts';

// 倒排工期 and 挂图作战 (issue 4): stage templates edited by the admin, the admin's calendar
// entries and added years, each project's plan (template, edits, targets), its stages' actual
// dates, and saved baselines. Dates are text, JSON is text, as everywhere.
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations must not depend on the current schema type */
export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  const idCol = (t: any) =>
    engine === 'postgres'
      ? t.addColumn('id', 'serial', (c: any) => c.primaryKey())
      : t.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement());

  // A template without a row is the built-in default of the domain (version 1).
  await db.schema
    .createTable('stage_templates')
    .addColumn('key', 'text', (c: any) => c.primaryKey())
    .addColumn('name', 'text', (c: any) => c.notNull())
    .addColumn('stages', 'text', (c: any) => c.notNull())
    .addColumn('version', 'integer', (c: any) => c.notNull())
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_by', 'integer', (c: any) => c.references('users.id'))
    .execute();

  await idCol(db.schema.createTable('calendar_entries'))
    .addColumn('kind', 'text', (c: any) => c.notNull())
    .addColumn('from_date', 'text', (c: any) => c.notNull())
    .addColumn('to_date', 'text', (c: any) => c.notNull())
    .addColumn('name', 'text', (c: any) => c.notNull())
    .addColumn('version', 'integer', (c: any) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('created_by', 'integer', (c: any) => c.references('users.id'))
    .execute();

  // Years beyond the built-in statutory calendar, added by an admin with their holidays.
  await db.schema
    .createTable('calendar_years')
    .addColumn('year', 'integer', (c: any) => c.primaryKey())
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('created_by', 'integer', (c: any) => c.references('users.id'))
    .execute();

  // No row: the 'industrial' template with the ledger's 计划开工/计划竣工 as targets.
  // targets NULL: follow the ledger; a JSON array: the planner's own finish-by dates.
  await db.schema
    .createTable('project_schedules')
    .addColumn('project_id', 'integer', (c: any) =>
      c.primaryKey().references('projects.id').onDelete('cascade'),
    )
    .addColumn('template_key', 'text', (c: any) => c.notNull())
    .addColumn('edits', 'text', (c: any) => c.notNull())
    .addColumn('targets', 'text')
    .addColumn('version', 'integer', (c: any) => c.notNull())
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_by', 'integer', (c: any) => c.references('users.id'))
    .execute();

  await db.schema
    .createTable('project_stages')
    .addColumn('project_id', 'integer', (c: any) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('stage_key', 'text', (c: any) => c.notNull())
    .addColumn('actual_start', 'text')
    .addColumn('actual_finish', 'text')
    .addColumn('note', 'text')
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_by', 'integer', (c: any) => c.references('users.id'))
    .addPrimaryKeyConstraint('project_stages_pk', ['project_id', 'stage_key'])
    .execute();

  await idCol(db.schema.createTable('project_baselines'))
    .addColumn('project_id', 'integer', (c: any) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('name', 'text', (c: any) => c.notNull())
    .addColumn('saved_at', 'text', (c: any) => c.notNull())
    .addColumn('data', 'text', (c: any) => c.notNull())
    .addColumn('created_by', 'integer', (c: any) => c.references('users.id'))
    .addUniqueConstraint('project_baselines_name', ['project_id', 'name'])
    .execute();
}

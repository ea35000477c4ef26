import type { Kysely } from 'kysely';
import type { Engine } from '../connect.ts';

// 一月一调度 (issue 10): a region's monthly dispatch round (one per region and month, the unique
// index makes a second open of one month a 409 even when two race), the projects it covers, one
// report per project and round, and every submitted version of a report. Money is bigint 元;
// dates ISO text; booleans 0/1; JSON lists as text.
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations must not depend on the current schema type */
export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  const serial = (t: any) =>
    engine === 'postgres'
      ? t.addColumn('id', 'serial', (c: any) => c.primaryKey())
      : t.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement());

  await serial(db.schema.createTable('dispatch_rounds'))
    .addColumn('region_id', 'integer', (c: any) => c.notNull().references('regions.id'))
    .addColumn('year', 'integer', (c: any) => c.notNull())
    // 'YYYY-MM'
    .addColumn('month', 'text', (c: any) => c.notNull())
    // 'YYYY-MM-DD': reports after this day are late; the round closes after it unless reopened.
    .addColumn('deadline', 'text', (c: any) => c.notNull())
    // Set by hand: 'open' | 'closed'; the effective status also follows the deadline.
    .addColumn('status', 'text', (c: any) => c.notNull().defaultTo('open'))
    .addColumn('closed_at', 'text')
    // Reopened by hand after its deadline: open until closed again.
    .addColumn('reopened_at', 'text')
    .addColumn('include_reserve', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('created_by', 'integer', (c: any) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_by', 'integer', (c: any) => c.references('users.id'))
    .addColumn('version', 'integer', (c: any) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('dispatch_rounds_region_month')
    .on('dispatch_rounds')
    .columns(['region_id', 'month'])
    .unique()
    .execute();
  await db.schema
    .createIndex('dispatch_rounds_year')
    .on('dispatch_rounds')
    .columns(['year', 'month'])
    .execute();

  await db.schema
    .createTable('dispatch_round_projects')
    .addColumn('round_id', 'integer', (c: any) =>
      c.notNull().references('dispatch_rounds.id').onDelete('cascade'),
    )
    .addColumn('project_id', 'integer', (c: any) => c.notNull().references('projects.id'))
    .addPrimaryKeyConstraint('dispatch_round_projects_pk', ['round_id', 'project_id'])
    .execute();
  await db.schema
    .createIndex('dispatch_round_projects_project')
    .on('dispatch_round_projects')
    .column('project_id')
    .execute();

  await serial(db.schema.createTable('dispatch_reports'))
    .addColumn('round_id', 'integer', (c: any) =>
      c.notNull().references('dispatch_rounds.id').onDelete('cascade'),
    )
    .addColumn('project_id', 'integer', (c: any) => c.notNull().references('projects.id'))
    // 'draft' | 'submitted' | 'accepted' | 'returned'
    .addColumn('status', 'text', (c: any) => c.notNull().defaultTo('draft'))
    .addColumn('completed_this_month', 'bigint')
    .addColumn('progress_text', 'text')
    .addColumn('workers_on_site', 'integer')
    .addColumn('funds_in_place', 'bigint')
    .addColumn('stats_included', 'integer')
    .addColumn('stats_code', 'text')
    .addColumn('stats_date', 'text')
    // JSON: string[]
    .addColumn('problems', 'text', (c: any) => c.notNull().defaultTo('[]'))
    .addColumn('next_month_plan', 'text')
    // JSON: Array<{ key, actualStart, actualFinish }>
    .addColumn('stages', 'text', (c: any) => c.notNull().defaultTo('[]'))
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by', 'integer', (c: any) => c.references('users.id'))
    .addColumn('late', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('return_reason', 'text')
    // The client's key of the draft (uuid): an offline draft sent twice is stored once.
    .addColumn('idempotency_key', 'text', (c: any) => c.notNull())
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_by', 'integer', (c: any) => c.references('users.id'))
    .addColumn('version', 'integer', (c: any) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('dispatch_reports_round_project')
    .on('dispatch_reports')
    .columns(['round_id', 'project_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('dispatch_reports_idempotency_key')
    .on('dispatch_reports')
    .column('idempotency_key')
    .unique()
    .execute();
  await db.schema
    .createIndex('dispatch_reports_project')
    .on('dispatch_reports')
    .column('project_id')
    .execute();

  await serial(db.schema.createTable('dispatch_report_versions'))
    .addColumn('report_id', 'integer', (c: any) =>
      c.notNull().references('dispatch_reports.id').onDelete('cascade'),
    )
    .addColumn('version', 'integer', (c: any) => c.notNull())
    .addColumn('status', 'text', (c: any) => c.notNull())
    // JSON: the report's figures and texts as submitted.
    .addColumn('data', 'text', (c: any) => c.notNull())
    .addColumn('at', 'text', (c: any) => c.notNull())
    .addColumn('by', 'integer', (c: any) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('dispatch_report_versions_report')
    .on('dispatch_report_versions')
    .columns(['report_id', 'version'])
    .unique()
    .execute();
}

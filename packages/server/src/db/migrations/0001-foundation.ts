import { sql, type Kysely } from 'kysely';
import type { Engine } from '../connect.ts';

// Dialect-neutral: text dates, integer booleans, bigint money. Only the id column differs.
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations must not depend on the current schema type */
export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  const id = (t: any) =>
    engine === 'postgres'
      ? t.addColumn('id', 'serial', (c: any) => c.primaryKey())
      : t.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement());

  await id(db.schema.createTable('regions'))
    .addColumn('parent_id', 'integer', (c: any) => c.references('regions.id'))
    .addColumn('name', 'text', (c: any) => c.notNull())
    .addColumn('level', 'text', (c: any) => c.notNull())
    .addColumn('code', 'text')
    .addColumn('path', 'text', (c: any) => c.notNull())
    .addColumn('version', 'integer', (c: any) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('regions_path').on('regions').column('path').execute();
  await db.schema.createIndex('regions_parent').on('regions').column('parent_id').execute();

  await id(db.schema.createTable('departments'))
    .addColumn('region_id', 'integer', (c: any) => c.notNull().references('regions.id'))
    .addColumn('name', 'text', (c: any) => c.notNull())
    .addColumn('version', 'integer', (c: any) => c.notNull().defaultTo(1))
    .addUniqueConstraint('departments_region_name', ['region_id', 'name'])
    .execute();

  await id(db.schema.createTable('users'))
    .addColumn('username', 'text', (c: any) => c.notNull().unique())
    .addColumn('display_name', 'text', (c: any) => c.notNull())
    .addColumn('password_hash', 'text', (c: any) => c.notNull())
    .addColumn('roles', 'text', (c: any) => c.notNull())
    .addColumn('region_id', 'integer', (c: any) => c.notNull().references('regions.id'))
    .addColumn('department_id', 'integer', (c: any) => c.references('departments.id'))
    .addColumn('phone', 'text')
    .addColumn('active', 'integer', (c: any) => c.notNull().defaultTo(1))
    .addColumn('failed_logins', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .addColumn('version', 'integer', (c: any) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c: any) => c.primaryKey())
    .addColumn('user_id', 'integer', (c: any) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c: any) => c.notNull())
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('last_seen_at', 'text', (c: any) => c.notNull())
    .addColumn('ip', 'text')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await id(db.schema.createTable('projects'))
    .addColumn('code', 'text', (c: any) => c.unique())
    .addColumn('name', 'text', (c: any) => c.notNull())
    .addColumn('nature', 'text', (c: any) => c.notNull())
    .addColumn('industry', 'text')
    .addColumn('owner_unit', 'text')
    .addColumn('region_id', 'integer', (c: any) => c.notNull().references('regions.id'))
    .addColumn('address', 'text')
    .addColumn('longitude', 'double precision')
    .addColumn('latitude', 'double precision')
    .addColumn('content', 'text')
    .addColumn('total_investment', 'bigint', (c: any) => c.notNull())
    .addColumn('planned_start', 'text')
    .addColumn('planned_finish', 'text')
    .addColumn('actual_start', 'text')
    .addColumn('stats_included', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('stats_code', 'text')
    .addColumn('stats_date', 'text')
    .addColumn('leader_id', 'integer', (c: any) => c.references('users.id'))
    .addColumn('department_id', 'integer', (c: any) => c.references('departments.id'))
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('notes', 'text')
    .addColumn('archived_at', 'text')
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_by', 'integer', (c: any) => c.references('users.id'))
    .addColumn('version', 'integer', (c: any) => c.notNull().defaultTo(1))
    .execute();
  for (const col of ['region_id', 'leader_id', 'department_id', 'name']) {
    await db.schema.createIndex(`projects_${col}`).on('projects').column(col).execute();
  }

  await db.schema
    .createTable('project_years')
    .addColumn('project_id', 'integer', (c: any) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c: any) => c.notNull())
    .addColumn('level', 'text', (c: any) => c.notNull())
    .addColumn('category', 'text', (c: any) => c.notNull())
    .addColumn('annual_plan', 'bigint', (c: any) => c.notNull())
    .addPrimaryKeyConstraint('project_years_pk', ['project_id', 'year'])
    .execute();
  await db.schema.createIndex('project_years_year').on('project_years').columns(['year', 'level']).execute();

  await db.schema
    .createTable('project_members')
    .addColumn('project_id', 'integer', (c: any) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c: any) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('project_members_pk', ['project_id', 'user_id'])
    .execute();
  await db.schema.createIndex('project_members_user').on('project_members').column('user_id').execute();

  await id(db.schema.createTable('audit_log'))
    .addColumn('at', 'text', (c: any) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor_name', 'text')
    .addColumn('action', 'text', (c: any) => c.notNull())
    .addColumn('entity', 'text', (c: any) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('ip', 'text')
    .execute();
  await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity', 'entity_id']).execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
  void sql;
}

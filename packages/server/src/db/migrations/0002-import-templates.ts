import type { Kysely } from 'kysely';
import type { Engine } from '../connect.ts';

// Import mapping templates (per user, offered next time) and uploaded ledgers awaiting
// preview and commit: stored in the database so that app servers stay stateless.
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations must not depend on the current schema type */
export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  const idCol = (t: any) =>
    engine === 'postgres'
      ? t.addColumn('id', 'serial', (c: any) => c.primaryKey())
      : t.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement());

  await idCol(db.schema.createTable('import_templates'))
    .addColumn('user_id', 'integer', (c: any) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('region_id', 'integer', (c: any) => c.notNull().references('regions.id'))
    .addColumn('name', 'text', (c: any) => c.notNull())
    .addColumn('columns', 'text', (c: any) => c.notNull())
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .addUniqueConstraint('import_templates_user_name', ['user_id', 'name'])
    .execute();

  await db.schema
    .createTable('import_uploads')
    .addColumn('id', 'text', (c: any) => c.primaryKey())
    .addColumn('user_id', 'integer', (c: any) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('region_id', 'integer', (c: any) => c.notNull().references('regions.id'))
    .addColumn('file_name', 'text', (c: any) => c.notNull())
    .addColumn('sheets', 'text', (c: any) => c.notNull())
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('expires_at', 'text', (c: any) => c.notNull())
    .execute();
  await db.schema.createIndex('import_uploads_expires').on('import_uploads').column('expires_at').execute();
}

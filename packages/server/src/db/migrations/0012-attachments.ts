import type { Kysely } from 'kysely';
import type { Engine } from '../connect.ts';

// Files (issue 8, item 4): one row per attachment of an owner (a project; later a report), the
// content kept by the file store under its SHA-256 (the same content stored once). Deleting an
// attachment sets deleted_at (the audit log names it); the content stays for other rows.
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations must not depend on the current schema type */
export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  const table = db.schema.createTable('attachments');
  await (
    engine === 'postgres'
      ? table.addColumn('id', 'serial', (c: any) => c.primaryKey())
      : table.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement())
  )
    .addColumn('owner_entity', 'text', (c: any) => c.notNull())
    .addColumn('owner_id', 'integer', (c: any) => c.notNull())
    .addColumn('uploader_id', 'integer', (c: any) => c.notNull().references('users.id'))
    .addColumn('sha256', 'text', (c: any) => c.notNull())
    .addColumn('mime', 'text', (c: any) => c.notNull())
    .addColumn('size', 'bigint', (c: any) => c.notNull())
    .addColumn('file_name', 'text', (c: any) => c.notNull())
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('deleted_by', 'integer', (c: any) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('attachments_owner')
    .on('attachments')
    .columns(['owner_entity', 'owner_id'])
    .execute();
  await db.schema.createIndex('attachments_sha256').on('attachments').column('sha256').execute();
}

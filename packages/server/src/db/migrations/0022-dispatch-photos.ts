import type { Kysely } from 'kysely';
import type { Engine } from '../connect.ts';

// Report photos (一月一调度, issue 10 item 2): one row per photo of a dispatch report. The original
// is an attachment of the report (attachments.owner_entity 'report'); the display copy (≈1600 px)
// and the thumbnail (≈320 px), both JPEG, are in the same file store under their SHA-256. The EXIF
// time (ISO UTC) and place (decimal degrees) are kept. client_key: the phone's key of the photo, so
// a photo sent twice (an offline queue) is stored once per report (NULLs do not collide).
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations must not depend on the current schema type */
export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  const table = db.schema.createTable('dispatch_photos');
  await (
    engine === 'postgres'
      ? table.addColumn('id', 'serial', (c: any) => c.primaryKey())
      : table.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement())
  )
    .addColumn('report_id', 'integer', (c: any) =>
      c.notNull().references('dispatch_reports.id').onDelete('cascade'),
    )
    .addColumn('attachment_id', 'integer', (c: any) => c.notNull().references('attachments.id'))
    .addColumn('client_key', 'text')
    .addColumn('display_sha256', 'text', (c: any) => c.notNull())
    .addColumn('display_size', 'bigint', (c: any) => c.notNull())
    .addColumn('thumbnail_sha256', 'text', (c: any) => c.notNull())
    .addColumn('thumbnail_size', 'bigint', (c: any) => c.notNull())
    .addColumn('width', 'integer', (c: any) => c.notNull())
    .addColumn('height', 'integer', (c: any) => c.notNull())
    .addColumn('taken_at', 'text')
    .addColumn('latitude', 'double precision')
    .addColumn('longitude', 'double precision')
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('created_by', 'integer', (c: any) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('dispatch_photos_report_client_key')
    .on('dispatch_photos')
    .columns(['report_id', 'client_key'])
    .unique()
    .execute();
  await db.schema
    .createIndex('dispatch_photos_attachment')
    .on('dispatch_photos')
    .column('attachment_id')
    .execute();
  await db.schema
    .createIndex('dispatch_photos_display')
    .on('dispatch_photos')
    .column('display_sha256')
    .execute();
  await db.schema
    .createIndex('dispatch_photos_thumbnail')
    .on('dispatch_photos')
    .column('thumbnail_sha256')
    .execute();
}

import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { AttachmentTable } from '../db/schema.ts';

export type AttachmentRow = Selectable<AttachmentTable> & { uploaderName: string | null };

const withUploader = (db: Db) =>
  db
    .selectFrom('attachments as a')
    .leftJoin('users as u', 'u.id', 'a.uploaderId')
    .selectAll('a')
    .select('u.displayName as uploaderName');

const normal = (r: AttachmentRow): AttachmentRow => ({ ...r, size: Number(r.size) });

export async function insertAttachment(db: Db, values: Insertable<AttachmentTable>): Promise<number> {
  const row = await db.insertInto('attachments').values(values).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

/** The attachments of one owner not deleted, oldest first. */
export async function findAttachmentsOf(
  db: Db,
  ownerEntity: string,
  ownerId: number,
): Promise<AttachmentRow[]> {
  const rows = await withUploader(db)
    .where('a.ownerEntity', '=', ownerEntity)
    .where('a.ownerId', '=', ownerId)
    .where('a.deletedAt', 'is', null)
    .orderBy('a.id')
    .execute();
  return rows.map(normal);
}

/** One attachment, deleted or not. */
export async function findAttachment(db: Db, id: number): Promise<AttachmentRow | null> {
  const row = await withUploader(db).where('a.id', '=', id).executeTakeFirst();
  return row ? normal(row) : null;
}

/** Marks it deleted unless it already is; false when it was (a concurrent delete). */
export async function softDeleteAttachment(db: Db, id: number, by: number, at: string): Promise<boolean> {
  const r = await db
    .updateTable('attachments')
    .set({ deletedAt: at, deletedBy: by })
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Which of these hashes some attachment row (deleted or not) names. */
export async function findReferencedHashes(db: Db, hashes: readonly string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const rows = await db
    .selectFrom('attachments')
    .where('sha256', 'in', hashes)
    .select('sha256')
    .distinct()
    .execute();
  return new Set(rows.map((r) => r.sha256));
}

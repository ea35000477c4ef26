/**
 * SQL of the ledger import's own tables: the users' mapping templates and the uploads awaiting
 * their commit. The projects, years and audit rows an import writes go through the project and
 * audit repositories.
 */
import type { Insertable } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { ImportUploadTable } from '../db/schema.ts';

export type TemplateRow = { id: number; name: string; columns: string; updatedAt: string };

export async function findTemplates(db: Db, userId: number): Promise<TemplateRow[]> {
  return db
    .selectFrom('importTemplates')
    .where('userId', '=', userId)
    .select(['id', 'name', 'columns', 'updatedAt'])
    .orderBy('updatedAt', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function findTemplate(db: Db, userId: number, id: number): Promise<TemplateRow | null> {
  return (
    (await db
      .selectFrom('importTemplates')
      .where('userId', '=', userId)
      .where('id', '=', id)
      .select(['id', 'name', 'columns', 'updatedAt'])
      .executeTakeFirst()) ?? null
  );
}

/** Saves a template under its name, replacing the user's template of the same name. */
export async function upsertTemplate(
  db: Db,
  v: { userId: number; regionId: number; name: string; columns: string; at: string },
): Promise<number> {
  const existing = await db
    .selectFrom('importTemplates')
    .where('userId', '=', v.userId)
    .where('name', '=', v.name)
    .select('id')
    .executeTakeFirst();
  if (existing) {
    await db
      .updateTable('importTemplates')
      .set({ columns: v.columns, regionId: v.regionId, updatedAt: v.at })
      .where('id', '=', existing.id)
      .execute();
    return existing.id;
  }
  const row = await db
    .insertInto('importTemplates')
    .values({
      userId: v.userId,
      regionId: v.regionId,
      name: v.name,
      columns: v.columns,
      createdAt: v.at,
      updatedAt: v.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteTemplate(db: Db, userId: number, id: number): Promise<boolean> {
  const res = await db
    .deleteFrom('importTemplates')
    .where('userId', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

export async function insertUpload(db: Db, v: Insertable<ImportUploadTable>): Promise<void> {
  await db.insertInto('importUploads').values(v).execute();
}

export async function findUpload(db: Db, id: string, userId: number, nowIso: string) {
  return (
    (await db
      .selectFrom('importUploads')
      .where('id', '=', id)
      .where('userId', '=', userId)
      .where('expiresAt', '>', nowIso)
      .where('kind', '=', 'ledger')
      .selectAll()
      .executeTakeFirst()) ?? null
  );
}

export async function deleteUpload(db: Db, id: string): Promise<void> {
  await db.deleteFrom('importUploads').where('id', '=', id).execute();
}

/** Deletes the uploads expired at `nowIso`; answers how many (the purge-expired-uploads job). */
export async function deleteExpiredUploads(db: Db, nowIso: string): Promise<number> {
  const res = await db.deleteFrom('importUploads').where('expiresAt', '<=', nowIso).executeTakeFirst();
  return Number(res.numDeletedRows);
}

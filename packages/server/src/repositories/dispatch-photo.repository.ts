/**
 * SQL of report photos (一月一调度, issue 10 item 2): the `dispatch_photos` rows with their
 * original's attachment (file name, uploader, deleted) and their report (round, project, status).
 */
import type { Insertable } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { DispatchPhotoTable } from '../db/schema.ts';

export type PhotoRow = {
  id: number;
  reportId: number;
  attachmentId: number;
  clientKey: string | null;
  displaySha256: string;
  thumbnailSha256: string;
  width: number;
  height: number;
  takenAt: string | null;
  latitude: number | null;
  longitude: number | null;
  createdAt: string;
  createdBy: number | null;
  fileName: string;
  originalSha256: string;
  roundId: number;
  projectId: number;
};

/** The report a photo belongs to, as its photos need it. */
export type PhotoReport = { id: number; roundId: number; projectId: number; status: string };

const joined = (db: Db) =>
  db
    .selectFrom('dispatchPhotos as p')
    .innerJoin('attachments as a', 'a.id', 'p.attachmentId')
    .innerJoin('dispatchReports as r', 'r.id', 'p.reportId')
    .where('a.deletedAt', 'is', null)
    .select([
      'p.id',
      'p.reportId',
      'p.attachmentId',
      'p.clientKey',
      'p.displaySha256',
      'p.thumbnailSha256',
      'p.width',
      'p.height',
      'p.takenAt',
      'p.latitude',
      'p.longitude',
      'p.createdAt',
      'p.createdBy',
      'a.fileName',
      'a.sha256 as originalSha256',
      'r.roundId',
      'r.projectId',
    ]);

const normal = (r: PhotoRow): PhotoRow => ({
  ...r,
  id: Number(r.id),
  latitude: r.latitude === null ? null : Number(r.latitude),
  longitude: r.longitude === null ? null : Number(r.longitude),
});

export async function findReportById(db: Db, id: number): Promise<PhotoReport | null> {
  const r = await db
    .selectFrom('dispatchReports')
    .select(['id', 'roundId', 'projectId', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
  return r ? { ...r, id: Number(r.id) } : null;
}

export async function insertPhoto(db: Db, values: Insertable<DispatchPhotoTable>): Promise<number> {
  const row = await db.insertInto('dispatchPhotos').values(values).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

/** One photo whose original is not deleted. */
export async function findPhoto(db: Db, id: number): Promise<PhotoRow | null> {
  const r = await joined(db).where('p.id', '=', id).executeTakeFirst();
  return r ? normal(r) : null;
}

/** The photo a report already holds under the phone's key. */
export async function findPhotoByClientKey(
  db: Db,
  reportId: number,
  clientKey: string,
): Promise<PhotoRow | null> {
  const r = await joined(db)
    .where('p.reportId', '=', reportId)
    .where('p.clientKey', '=', clientKey)
    .executeTakeFirst();
  return r ? normal(r) : null;
}

/** A report's photos, oldest first. */
export async function findPhotosOfReport(db: Db, reportId: number): Promise<PhotoRow[]> {
  const rows = await joined(db).where('p.reportId', '=', reportId).orderBy('p.id').execute();
  return rows.map(normal);
}

/** Removes the photo's row; false when it was already gone (a concurrent delete). */
export async function deletePhoto(db: Db, id: number): Promise<boolean> {
  const r = await db.deleteFrom('dispatchPhotos').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** Which of these hashes a photo row names as its display copy or thumbnail. */
export async function findReferencedPhotoHashes(db: Db, hashes: readonly string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const [display, thumbnail] = await Promise.all([
    db
      .selectFrom('dispatchPhotos')
      .where('displaySha256', 'in', hashes)
      .select('displaySha256 as h')
      .distinct()
      .execute(),
    db
      .selectFrom('dispatchPhotos')
      .where('thumbnailSha256', 'in', hashes)
      .select('thumbnailSha256 as h')
      .distinct()
      .execute(),
  ]);
  return new Set([...display, ...thumbnail].map((r) => r.h));
}

/**
 * SQL of the dispatch table import's sessions (issue 10, item 6): uploads of kind 'dispatch' in the
 * ledger import's table (import_uploads, migration 0023), bound to their round and their user, and
 * purged with the ledger's uploads by the purge-expired-uploads job. The reports an import writes go
 * through dispatch-report.repository.ts.
 */
import type { Db } from '../db/connect.ts';

export async function insertDispatchUpload(
  db: Db,
  v: {
    id: string;
    userId: number;
    regionId: number;
    roundId: number;
    fileName: string;
    sheets: string;
    createdAt: string;
    expiresAt: string;
  },
): Promise<void> {
  await db
    .insertInto('importUploads')
    .values({ ...v, kind: 'dispatch' })
    .execute();
}

/** The user's live upload of a round, or null (another user's, another round's, expired, a ledger's). */
export async function findDispatchUpload(
  db: Db,
  id: string,
  userId: number,
  roundId: number,
  nowIso: string,
) {
  return (
    (await db
      .selectFrom('importUploads')
      .where('id', '=', id)
      .where('userId', '=', userId)
      .where('kind', '=', 'dispatch')
      .where('roundId', '=', roundId)
      .where('expiresAt', '>', nowIso)
      .select(['id', 'fileName', 'sheets', 'expiresAt'])
      .executeTakeFirst()) ?? null
  );
}

export async function deleteDispatchUpload(db: Db, id: string, userId: number): Promise<boolean> {
  const res = await db
    .deleteFrom('importUploads')
    .where('id', '=', id)
    .where('userId', '=', userId)
    .where('kind', '=', 'dispatch')
    .executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

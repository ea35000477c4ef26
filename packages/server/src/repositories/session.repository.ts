import type { Db } from '../db/connect.ts';

export async function insertSession(
  db: Db,
  s: { tokenHash: string; userId: number; csrfToken: string; now: string; ip: string | null },
) {
  await db
    .insertInto('sessions')
    .values({
      tokenHash: s.tokenHash,
      userId: s.userId,
      csrfToken: s.csrfToken,
      createdAt: s.now,
      lastSeenAt: s.now,
      ip: s.ip,
    })
    .execute();
}

export async function touchSession(db: Db, tokenHash: string, now: string) {
  await db.updateTable('sessions').set({ lastSeenAt: now }).where('tokenHash', '=', tokenHash).execute();
}

export async function deleteSession(db: Db, tokenHash: string) {
  await db.deleteFrom('sessions').where('tokenHash', '=', tokenHash).execute();
}

export async function deleteSessionsOfUser(db: Db, userId: number) {
  await db.deleteFrom('sessions').where('userId', '=', userId).execute();
}

/** Ends the user's sessions but the one whose token hash is `keepTokenHash`. */
export async function deleteOtherSessionsOfUser(db: Db, userId: number, keepTokenHash: string) {
  await db
    .deleteFrom('sessions')
    .where('userId', '=', userId)
    .where('tokenHash', '!=', keepTokenHash)
    .execute();
}

/**
 * Deletes the sessions idle since before `idleBefore` or opened before `openedBefore` (the
 * absolute lifetime); returns how many.
 */
export async function deleteExpiredSessions(db: Db, idleBefore: string, openedBefore: string) {
  const r = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('lastSeenAt', '<', idleBefore), eb('createdAt', '<', openedBefore)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

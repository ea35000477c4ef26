import type { Db } from '../db/connect.ts';

/** The newest `limit` password hashes of a user, newest first. */
export async function recentPasswordHashes(db: Db, userId: number, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('passwordHistory')
    .select('passwordHash')
    .where('userId', '=', userId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.passwordHash);
}

/** Records a newly set password and its date; keeps the newest `keep` entries. */
export async function recordPasswordSet(
  db: Db,
  userId: number,
  passwordHash: string,
  now: string,
  keep: number,
): Promise<void> {
  await db.insertInto('passwordHistory').values({ userId, passwordHash, createdAt: now }).execute();
  await db.updateTable('users').set({ passwordChangedAt: now }).where('id', '=', userId).execute();
  const old = await db
    .selectFrom('passwordHistory')
    .select('id')
    .where('userId', '=', userId)
    .orderBy('id', 'desc')
    .offset(keep)
    .limit(1000)
    .execute();
  if (old.length > 0)
    await db
      .deleteFrom('passwordHistory')
      .where(
        'id',
        'in',
        old.map((r) => r.id),
      )
      .execute();
}

export async function findPasswordAge(db: Db, userId: number) {
  return (
    (await db
      .selectFrom('users')
      .select(['passwordChangedAt', 'createdAt'])
      .where('id', '=', userId)
      .executeTakeFirst()) ?? null
  );
}

/** The password reached its maximum age: the next session may only change it (must_change_password). */
export async function markPasswordExpired(db: Db, userId: number): Promise<void> {
  await db.updateTable('users').set({ mustChangePassword: 1 }).where('id', '=', userId).execute();
}

export async function currentPasswordHash(db: Db, userId: number): Promise<string | null> {
  const row = await db.selectFrom('users').select('passwordHash').where('id', '=', userId).executeTakeFirst();
  return row?.passwordHash ?? null;
}

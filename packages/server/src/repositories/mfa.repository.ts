import { openPersonal, sealPersonal } from '../crypto/personal-data.ts';
import type { Db } from '../db/connect.ts';

// The TOTP secret is stored sealed with the personal-data key (SM4 or AES-GCM, field
// 'user_mfa.secret'), both while pending and once active: a copy of the database alone does not
// give the codes.
const FIELD = 'user_mfa.secret';

async function findSealed(db: Db, userId: number) {
  return (await db.selectFrom('userMfa').selectAll().where('userId', '=', userId).executeTakeFirst()) ?? null;
}

/** The user's second factor, secrets opened. */
export async function findMfa(db: Db, userId: number) {
  const row = await findSealed(db, userId);
  if (!row) return null;
  return {
    ...row,
    secret: openPersonal(FIELD, row.secret, userId),
    pendingSecret: openPersonal(FIELD, row.pendingSecret, userId),
  };
}

/** The users among `ids` with an active second factor. */
export async function enabledAmong(db: Db, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('userMfa')
    .select('userId')
    .where('userId', 'in', ids)
    .where('enabledAt', 'is not', null)
    .execute();
  return new Set(rows.map((r) => r.userId));
}

export async function setPendingSecret(db: Db, userId: number, plainSecret: string, now: string) {
  const pendingSecret = sealPersonal(FIELD, plainSecret);
  const existing = await findSealed(db, userId);
  if (existing)
    await db
      .updateTable('userMfa')
      .set({ pendingSecret, updatedAt: now })
      .where('userId', '=', userId)
      .execute();
  else
    await db
      .insertInto('userMfa')
      .values({ userId, secret: null, pendingSecret, enabledAt: null, updatedAt: now, totpLastStep: null })
      .execute();
}

/**
 * Activates the pending secret, its confirming code's time step used up (`step`); false when the
 * secret changed meanwhile (another setup).
 */
export async function activate(
  db: Db,
  userId: number,
  plainSecret: string,
  now: string,
  step: number,
): Promise<boolean> {
  const row = await findSealed(db, userId);
  const pendingSecret = row?.pendingSecret ?? null;
  if (pendingSecret === null || openPersonal(FIELD, pendingSecret, userId) !== plainSecret) return false;
  const r = await db
    .updateTable('userMfa')
    .set({ secret: pendingSecret, pendingSecret: null, enabledAt: now, updatedAt: now, totpLastStep: step })
    .where('userId', '=', userId)
    .where('pendingSecret', '=', pendingSecret)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Records `step` as the user's last accepted TOTP time step, only when it is later than the one
 * recorded (one conditional update: of two requests with the same code, one wins); false when the
 * code's step was already used (a replay).
 */
export async function acceptTotpStep(db: Db, userId: number, step: number): Promise<boolean> {
  const r = await db
    .updateTable('userMfa')
    .set({ totpLastStep: step })
    .where('userId', '=', userId)
    .where((eb) => eb.or([eb('totpLastStep', 'is', null), eb('totpLastStep', '<', step)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Removes the second factor and its recovery codes. */
export async function removeMfa(db: Db, userId: number) {
  await db.deleteFrom('mfaRecoveryCodes').where('userId', '=', userId).execute();
  await db.deleteFrom('mfaChallenges').where('userId', '=', userId).execute();
  await db.deleteFrom('userMfa').where('userId', '=', userId).execute();
}

export async function replaceRecoveryCodes(db: Db, userId: number, hashes: string[], now: string) {
  await db.deleteFrom('mfaRecoveryCodes').where('userId', '=', userId).execute();
  await db
    .insertInto('mfaRecoveryCodes')
    .values(hashes.map((codeHash) => ({ userId, codeHash, createdAt: now, usedAt: null })))
    .execute();
}

/** Marks an unused code used; true when this call used it (a second use, even concurrent, fails). */
export async function useRecoveryCode(db: Db, userId: number, codeHash: string, now: string) {
  const r = await db
    .updateTable('mfaRecoveryCodes')
    .set({ usedAt: now })
    .where('userId', '=', userId)
    .where('codeHash', '=', codeHash)
    .where('usedAt', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function countUnusedRecoveryCodes(db: Db, userId: number): Promise<number> {
  const row = await db
    .selectFrom('mfaRecoveryCodes')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('userId', '=', userId)
    .where('usedAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertChallenge(
  db: Db,
  c: { tokenHash: string; userId: number; createdAt: string; expiresAt: string },
) {
  await db
    .insertInto('mfaChallenges')
    .values({ ...c, attempts: 0 })
    .execute();
}

export async function findChallenge(db: Db, tokenHash: string) {
  return (
    (await db
      .selectFrom('mfaChallenges')
      .selectAll()
      .where('tokenHash', '=', tokenHash)
      .executeTakeFirst()) ?? null
  );
}

export async function countChallengeAttempt(db: Db, tokenHash: string) {
  await db
    .updateTable('mfaChallenges')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('tokenHash', '=', tokenHash)
    .execute();
}

/** Consumes a challenge; true when this call removed it (a token opens one session only). */
export async function deleteChallenge(db: Db, tokenHash: string): Promise<boolean> {
  const r = await db.deleteFrom('mfaChallenges').where('tokenHash', '=', tokenHash).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function deleteExpiredChallenges(db: Db, now: string): Promise<number> {
  const r = await db.deleteFrom('mfaChallenges').where('expiresAt', '<=', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}

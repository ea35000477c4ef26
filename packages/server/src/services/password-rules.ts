/**
 * Every place a password is set (change, reset, create, bootstrap) goes through here (issue 7,
 * item 9): the domain rule (length, classes, username, common passwords), the last
 * PASSWORD_HISTORY passwords, and the date it was set (maximum age, GUATU_PASSWORD_MAX_DAYS).
 */
import { checkPassword, PASSWORD_HISTORY } from '@guatu/domain';
import type { Config } from '../config.ts';
import type { Db } from '../db/connect.ts';
import { AppError } from '../errors.ts';
import { verifyPassword } from '../auth/password.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import * as history from '../repositories/password-history.repository.ts';

/**
 * Throws 400 password_policy (rule), password_common (on the common list) or password_reused
 * (one of the last 5, the current one included) unless `plain` may become the user's password.
 * `user.id` null: a new account, no history yet.
 */
export async function assertPasswordAllowed(
  db: Db,
  user: { id: number | null; username: string; passwordHash?: string | null },
  plain: string,
): Promise<void> {
  const check = checkPassword(plain, user.username);
  if (!check.ok) {
    if (check.reason === 'common') throw new AppError('password_common', {}, { reason: check.reason });
    throw new AppError('password_policy', {}, { reason: check.reason });
  }
  if (user.id === null) return;
  const current =
    user.passwordHash === undefined ? await history.currentPasswordHash(db, user.id) : user.passwordHash;
  const recent = await history.recentPasswordHashes(db, user.id, PASSWORD_HISTORY);
  // The current password counts even when it was set before the history was kept.
  const candidates = [...new Set([...(current ? [current] : []), ...recent])].slice(0, PASSWORD_HISTORY);
  for (const hash of candidates)
    if (await verifyPassword(plain, hash))
      throw new AppError('password_reused', { count: PASSWORD_HISTORY }, { reason: 'reused' });
}

/** Call in the transaction that stores a new password hash: history + the date it was set. */
export async function recordPasswordSet(db: Db, userId: number, passwordHash: string, now: Date) {
  await history.recordPasswordSet(db, userId, passwordHash, now.toISOString(), PASSWORD_HISTORY);
}

/** When the password of a user reaches its maximum age, or null when there is no maximum. */
export function passwordExpiresAt(
  config: Pick<Config, 'passwordMaxDays'>,
  age: { passwordChangedAt: string | null; createdAt: string },
): string | null {
  if (!config.passwordMaxDays) return null;
  const from = Date.parse(age.passwordChangedAt ?? age.createdAt);
  return new Date(from + config.passwordMaxDays * 86_400_000).toISOString();
}

/** The password's expiry and whether it is within the warning window (or past). */
export async function passwordExpiry(
  db: Db,
  config: Pick<Config, 'passwordMaxDays' | 'passwordWarnDays'>,
  userId: number,
  now: Date,
): Promise<{ expiresAt: string | null; expired: boolean; soon: boolean }> {
  const age = await history.findPasswordAge(db, userId);
  const expiresAt = age ? passwordExpiresAt(config, age) : null;
  if (!expiresAt) return { expiresAt: null, expired: false, soon: false };
  const left = Date.parse(expiresAt) - now.getTime();
  return { expiresAt, expired: left <= 0, soon: left <= config.passwordWarnDays * 86_400_000 };
}

/**
 * At login: a password past its maximum age sets must_change_password (the accounts' mechanism),
 * so that the session opened may only change it. Audited once, as password_expired.
 */
export async function expirePasswordIfDue(
  db: Db,
  config: Pick<Config, 'passwordMaxDays' | 'passwordWarnDays'>,
  user: { id: number; displayName: string; mustChangePassword?: number | null; demo?: number | null },
  ip: string | null,
  now: Date,
): Promise<void> {
  // Demo accounts (one published password, loopback-only) are not forced; nor twice.
  if (user.mustChangePassword === 1 || user.demo === 1) return;
  const expiry = await passwordExpiry(db, config, user.id, now);
  if (!expiry.expired) return;
  await db.transaction().execute(async (trx) => {
    await history.markPasswordExpired(trx, user.id);
    await recordAudit(
      trx,
      { id: user.id, displayName: user.displayName, ip },
      {
        action: 'password_expired',
        entity: 'user',
        entityId: user.id,
        after: { expiredAt: expiry.expiresAt },
      },
    );
  });
}

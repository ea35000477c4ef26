import { checkPassword, setupAccounts, type RegionLevel } from '@guatu/domain';
import { hashPassword, generatePassword } from '../auth/password.ts';
import type { Db } from '../db/connect.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import { findRootRegion, insertRegion } from '../repositories/region.repository.ts';
import { findUserByUsername, insertUser } from '../repositories/user.repository.ts';

/** A root region for a deployment without demo data: '本级' unless named. */
export async function ensureRootRegion(db: Db, name = '本级行政区', level: RegionLevel = 'county') {
  const root = await findRootRegion(db);
  if (root) return root;
  return insertRegion(db, { parentId: null, parentPath: '/', name, level, code: null });
}

/** First passwords of the setup accounts (GUATU_ADMIN_PASSWORD, GUATU_SECADMIN_PASSWORD, GUATU_AUDITOR_PASSWORD). */
export type SetupPasswords = { admin: string | null; secadmin: string | null; auditor: string | null };

export type CreatedAccount = { username: string; displayName: string; generatedPassword: string | null };

/** Refuses (AppError setup_password naming the variable) a given password that fails the policy. */
export function checkSetupPasswords(passwords: SetupPasswords): void {
  for (const a of setupAccounts) {
    const pw = passwords[a.username];
    if (pw !== null && !checkPassword(pw, a.username).ok)
      throw new AppError('setup_password', { variable: a.env });
  }
}

/**
 * 三员分立 at setup: creates each missing setup account — admin (系统管理员), secadmin (安全管理员),
 * auditor (审计员) — at the root region with one officer role each. A given password must pass the
 * policy; a missing one is generated and returned to print once, and must be changed at first login.
 * `mustChange: false` is for the test harness only (its accounts log in with known passwords).
 */
export async function ensureSetupAccounts(
  db: Db,
  passwords: SetupPasswords,
  opts: { mustChangeGenerated?: boolean } = {},
): Promise<CreatedAccount[]> {
  checkSetupPasswords(passwords);
  const created: CreatedAccount[] = [];
  for (const a of setupAccounts) {
    if (await findUserByUsername(db, a.username)) continue;
    const root = await ensureRootRegion(db);
    const given = passwords[a.username];
    const plain = given ?? generatePassword();
    const at = new Date().toISOString();
    await db.transaction().execute(async (trx) => {
      const id = await insertUser(trx, {
        username: a.username,
        displayName: a.displayName,
        passwordHash: await hashPassword(plain),
        roles: JSON.stringify([a.role]),
        regionId: root.id,
        departmentId: null,
        phone: null,
        mustChangePassword: given === null && opts.mustChangeGenerated !== false ? 1 : 0,
        createdAt: at,
        updatedAt: at,
      });
      await recordAudit(trx, null, {
        action: 'create',
        entity: 'user',
        entityId: id,
        after: { username: a.username, roles: [a.role], setup: true },
      });
    });
    created.push({
      username: a.username,
      displayName: a.displayName,
      generatedPassword: given === null ? plain : null,
    });
  }
  return created;
}

import type { RegionLevel } from '@guatu/domain';
import { hashPassword, generatePassword } from '../auth/password.ts';
import type { Db } from '../db/connect.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import { findRootRegion, insertRegion } from '../repositories/region.repository.ts';
import { countUsers, findUserByUsername, insertUser } from '../repositories/user.repository.ts';

/** A root region for a deployment without demo data: '本级' unless named. */
export async function ensureRootRegion(db: Db, name = '本级行政区', level: RegionLevel = 'county') {
  const root = await findRootRegion(db);
  if (root) return root;
  return insertRegion(db, { parentId: null, parentPath: '/', name, level, code: null });
}

/**
 * Creates the first admin (roles admin + security_admin, at the root region) when there is no user
 * at all. Returns the generated password when none was given, to print once.
 */
export async function ensureFirstAdmin(
  db: Db,
  password: string | null,
): Promise<{ created: boolean; generatedPassword: string | null }> {
  if ((await countUsers(db)) > 0 || (await findUserByUsername(db, 'admin')))
    return { created: false, generatedPassword: null };
  const root = await ensureRootRegion(db);
  const plain = password ?? generatePassword();
  const at = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    const id = await insertUser(trx, {
      username: 'admin',
      displayName: '系统管理员',
      passwordHash: await hashPassword(plain),
      roles: JSON.stringify(['admin', 'security_admin']),
      regionId: root.id,
      departmentId: null,
      phone: null,
      createdAt: at,
      updatedAt: at,
    });
    await recordAudit(trx, null, {
      action: 'create',
      entity: 'user',
      entityId: id,
      after: { username: 'admin' },
    });
  });
  return { created: true, generatedPassword: password ? null : plain };
}

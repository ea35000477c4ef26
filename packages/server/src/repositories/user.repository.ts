import type { User, UserQuery } from '@guatu/contracts';
import { maskPhone, type Role } from '@guatu/domain';
import { openPersonal, sealPersonal } from '../crypto/personal-data.ts';
import { param, runCompiled } from '../db/compiled-once.ts';
import type { Db } from '../db/connect.ts';
import type { Insertable } from 'kysely';
import type { UserRow, UserTable } from '../db/schema.ts';

export const parseRoles = (s: string): Role[] => JSON.parse(s) as Role[];

const userColumns = [
  'u.id',
  'u.username',
  'u.displayName',
  'u.roles',
  'u.regionId',
  'r.name as regionName',
  'r.path as regionPath',
  'u.departmentId',
  'd.name as departmentName',
  'u.phone',
  'u.active',
  'u.lockedUntil',
  'u.version',
  'u.mustChangePassword',
  'u.demo',
  'pe.id as personId',
  'pe.name as personName',
] as const;

/** An account with its region, department and linked person (the Actor's source). */
export type JoinedUser = Joined;
type Joined = {
  id: number;
  username: string;
  displayName: string;
  roles: string;
  regionId: number;
  regionName: string;
  regionPath: string;
  departmentId: number | null;
  departmentName: string | null;
  phone: string | null;
  active: number;
  lockedUntil: string | null;
  version: number;
  mustChangePassword: number;
  demo: number;
  /** The person this account is linked to (people.user_id is unique). */
  personId: number | null;
  personName: string | null;
};

export const toUser = (u: Joined, now: string): User => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  roles: parseRoles(u.roles),
  regionId: u.regionId,
  regionName: u.regionName,
  departmentId: u.departmentId,
  departmentName: u.departmentName,
  // Every answer carries the phone masked; the plain one only from GET /api/users/:id/phone.
  phone: maskPhone(openPersonal('users.phone', u.phone, u.id)),
  active: u.active === 1,
  locked: u.lockedUntil !== null && u.lockedUntil > now,
  mustChangePassword: u.mustChangePassword === 1,
  demo: u.demo === 1,
  personId: u.personId,
  personName: u.personName,
  version: u.version,
});

function joined(db: Db) {
  return db
    .selectFrom('users as u')
    .innerJoin('regions as r', 'r.id', 'u.regionId')
    .leftJoin('departments as d', 'd.id', 'u.departmentId')
    .leftJoin('people as pe', 'pe.userId', 'u.id')
    .select(userColumns);
}

/** Usernames are unique whatever their case (index users_username_lower on lower(username)). */
export async function findUserByUsername(db: Db, username: string): Promise<UserRow | null> {
  return (
    (await db
      .selectFrom('users')
      .selectAll()
      .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
      .executeTakeFirst()) ?? null
  );
}

/** Whether any demo account exists (the 演示环境 banner and the demo password hint). */
export async function hasDemoUsers(db: Db): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('demo', '=', 1).limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * A session, its user and whether the user has a second factor, in one read (every request):
 * compiled once per handle.
 */
export type SessionUser = Joined & {
  csrfToken: string;
  sessionCreatedAt: string;
  lastSeenAt: string;
  /** 1 when the account's second factor is active (user_mfa: enabled, with a secret). */
  mfaOn: number;
};
export async function findSessionUser(db: Db, tokenHash: string): Promise<SessionUser | null> {
  const rows = await runCompiled(
    db,
    'findSessionUser',
    (d) =>
      d
        .selectFrom('sessions as s')
        .innerJoin('users as u', 'u.id', 's.userId')
        .innerJoin('regions as r', 'r.id', 'u.regionId')
        .leftJoin('departments as d', 'd.id', 'u.departmentId')
        .leftJoin('people as pe', 'pe.userId', 'u.id')
        .leftJoin('userMfa as m', 'm.userId', 'u.id')
        .select(userColumns)
        .select(['s.csrfToken', 's.createdAt as sessionCreatedAt', 's.lastSeenAt'])
        .select((eb) =>
          eb
            .case()
            .when(eb.and([eb('m.enabledAt', 'is not', null), eb('m.secret', 'is not', null)]))
            .then(1)
            .else(0)
            .end()
            .as('mfaOn'),
        )
        .where('s.tokenHash', '=', param(0)),
    [tokenHash],
  );
  return (rows[0] as SessionUser | undefined) ?? null;
}

export async function findUserJoined(db: Db, id: number): Promise<Joined | null> {
  return ((await joined(db).where('u.id', '=', id).executeTakeFirst()) as Joined | undefined) ?? null;
}

export async function findUserRow(db: Db, id: number): Promise<UserRow | null> {
  return (await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

/** Users in the region subtree, optionally by role and keyword. */
export async function findUsers(
  db: Db,
  path: string,
  q: UserQuery,
): Promise<{ items: Joined[]; total: number }> {
  let query = joined(db).where('r.path', 'like', `${path}%`);
  if (q.role) query = query.where('u.roles', 'like', `%"${q.role}"%`);
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('u.username', 'like', like), eb('u.displayName', 'like', like)]));
  }
  const all = (await query.orderBy('u.id').execute()) as Joined[];
  const start = (q.page - 1) * q.pageSize;
  return { total: all.length, items: all.slice(start, start + q.pageSize) };
}

/** Active users holding `role` in the region subtree (for the leader / task-force pickers). */
export async function findUsersWithRole(db: Db, path: string, role: Role) {
  return db
    .selectFrom('users as u')
    .innerJoin('regions as r', 'r.id', 'u.regionId')
    .where('r.path', 'like', `${path}%`)
    .where('u.active', '=', 1)
    .where('u.roles', 'like', `%"${role}"%`)
    .select(['u.id', 'u.displayName as name'])
    .orderBy('u.id')
    .execute();
}

/** The ids of the given usernames (all users when `usernames` is omitted). */
export async function findUserIdsByUsername(
  db: Db,
  usernames?: readonly string[],
): Promise<Array<{ id: number; username: string }>> {
  if (usernames?.length === 0) return [];
  let q = db.selectFrom('users').select(['id', 'username']);
  if (usernames) q = q.where('username', 'in', usernames);
  return q.execute();
}

export async function insertUser(
  db: Db,
  v: Omit<Insertable<UserTable>, 'id' | 'failedLogins' | 'lockedUntil' | 'active' | 'version'>,
): Promise<number> {
  const row = await db
    .insertInto('users')
    .values({
      ...v,
      phone: sealPersonal('users.phone', v.phone ?? null),
      active: 1,
      failedLogins: 0,
      lockedUntil: null,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUserIfVersion(
  db: Db,
  id: number,
  version: number,
  patch: Partial<Omit<UserRow, 'id' | 'version'>>,
): Promise<boolean> {
  const res = await db
    .updateTable('users')
    .set({
      ...patch,
      ...(patch.phone === undefined ? {} : { phone: sealPersonal('users.phone', patch.phone) }),
      version: version + 1,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** The owner's own new password: clears the forced change; not an account edit, so no version bump. */
export async function setOwnPassword(db: Db, id: number, passwordHash: string, now: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ passwordHash, mustChangePassword: 0, updatedAt: now })
    .where('id', '=', id)
    .execute();
}

/** Login bookkeeping: not a user edit, so it does not bump the version. */
export async function setLoginState(
  db: Db,
  id: number,
  s: { failedLogins: number; lockedUntil: string | null },
): Promise<void> {
  await db.updateTable('users').set(s).where('id', '=', id).execute();
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function findUserIdsByIds(
  db: Db,
  ids: readonly number[],
): Promise<Array<{ id: number; roles: string }>> {
  if (ids.length === 0) return [];
  return db.selectFrom('users').where('id', 'in', ids).select(['id', 'roles']).execute();
}

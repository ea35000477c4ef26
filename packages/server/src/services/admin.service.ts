import type {
  DepartmentCreate,
  DepartmentUpdate,
  Lookups,
  RegionCreate,
  RegionUpdate,
  User,
  UserCreate,
  UserQuery,
  UserUpdate,
} from '@guatu/contracts';
import { checkRoleSet, regionLevels, type Role } from '@guatu/domain';
import type { Db } from '../db/connect.ts';
import { AppError } from '../errors.ts';
import { hasRole, type Actor } from '../policies/actor.ts';
import { projectReadGrants } from '../policies/project.policy.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import * as departments from '../repositories/department.repository.ts';
import { findIndustries } from '../repositories/project.repository.ts';
import * as regions from '../repositories/region.repository.ts';
import * as sessions from '../repositories/session.repository.ts';
import * as users from '../repositories/user.repository.ts';
import * as people from '../repositories/people.repository.ts';
import { hashPassword } from '../auth/password.ts';
import { assertPasswordAllowed, recordPasswordSet } from './password-rules.ts';
import { phoneToWrite } from './personal-data.service.ts';
import { versionConflict } from './version-conflict.ts';

/** 三员分立: only the security administrator manages accounts, roles and passwords. */
const requireAccountAdmin = (actor: Actor) => {
  if (!hasRole(actor, 'security_admin')) throw new AppError('forbidden');
};
/** An officer role (admin, security_admin, auditor) stands alone on an account. */
const requireRoleSet = (roles: readonly Role[]) => {
  if (!checkRoleSet(roles).ok) throw new AppError('roles_exclusive');
};
const sameRoles = (a: readonly Role[], b: readonly Role[]) =>
  new Set(a).size === new Set(b).size && a.every((r) => b.includes(r));
const requireDataAdmin = (actor: Actor) => {
  if (!hasRole(actor, 'admin')) throw new AppError('forbidden');
};
const inScope = (actor: Actor, path: string) => path.startsWith(actor.regionPath);

async function regionInScope(db: Db, actor: Actor, id: number) {
  const region = await regions.findRegionById(db, id);
  if (!region) throw new AppError('invalid_reference', { field: 'regionId', value: id });
  if (!inScope(actor, region.path)) throw new AppError('out_of_scope_region');
  return region;
}

// ---- regions -------------------------------------------------------------

export async function listRegions(db: Db, actor: Actor) {
  return { items: await regions.findRegionsInScope(db, actor.regionPath) };
}

export async function createRegion(db: Db, actor: Actor, input: RegionCreate) {
  requireDataAdmin(actor);
  const parent = await regionInScope(db, actor, input.parentId);
  const childLevel = regionLevels[regionLevels.indexOf(parent.level as (typeof regionLevels)[number]) + 1];
  // A development zone (经济开发区, 高新区, 产业园) is a town-level area of a county or a city, uncoded.
  if (input.kind === 'zone') {
    if (input.level !== 'town' || input.code !== null || !['county', 'city'].includes(parent.level))
      throw new AppError('region_zone', { parent: parent.level });
  } else if (input.level !== childLevel)
    throw new AppError('region_level', { parent: parent.level, child: childLevel ?? '-' });
  return db.transaction().execute(async (trx) => {
    const row = await regions.insertRegion(trx, { ...input, parentPath: parent.path });
    await recordAudit(trx, actor, { action: 'create', entity: 'region', entityId: row.id, after: row });
    return {
      id: row.id,
      parentId: row.parentId,
      name: row.name,
      level: input.level,
      code: row.code,
      kind: input.kind,
      version: row.version,
    };
  });
}

export async function updateRegion(db: Db, actor: Actor, id: number, input: RegionUpdate) {
  requireDataAdmin(actor);
  const before = await regions.findRegionById(db, id);
  if (!before || !inScope(actor, before.path)) throw new AppError('not_found', { entity: 'region' });
  const { version, ...patch } = input;
  if (before.kind === 'zone' && patch.code) throw new AppError('region_zone', { parent: before.level });
  return db.transaction().execute(async (trx) => {
    if (!(await regions.updateRegionIfVersion(trx, id, version, patch))) {
      const current = await regions.findRegionById(trx, id);
      throw versionConflict({ version: current?.version ?? version });
    }
    const after = (await regions.findRegionById(trx, id))!;
    await recordAudit(trx, actor, { action: 'update', entity: 'region', entityId: id, before, after });
    return {
      ...after,
      level: after.level as (typeof regionLevels)[number],
      kind: after.kind === 'zone' ? ('zone' as const) : ('division' as const),
    };
  });
}

// ---- departments ---------------------------------------------------------

export async function listDepartments(db: Db, actor: Actor) {
  return { items: await departments.findDepartmentsInScope(db, actor.regionPath) };
}

export async function createDepartment(db: Db, actor: Actor, input: DepartmentCreate) {
  requireDataAdmin(actor);
  await regionInScope(db, actor, input.regionId);
  if (await departments.findDepartmentByName(db, input.regionId, input.name))
    throw new AppError('duplicate', { field: 'department', value: input.name });
  const id = await db.transaction().execute(async (trx) => {
    const newId = await departments.insertDepartment(trx, input);
    await recordAudit(trx, actor, { action: 'create', entity: 'department', entityId: newId, after: input });
    return newId;
  });
  const { regionPath: _p, ...d } = (await departments.findDepartmentById(db, id))!;
  return d;
}

export async function updateDepartment(db: Db, actor: Actor, id: number, input: DepartmentUpdate) {
  requireDataAdmin(actor);
  const before = await departments.findDepartmentById(db, id);
  if (!before || !inScope(actor, before.regionPath))
    throw new AppError('not_found', { entity: 'department' });
  const { version, ...patch } = input;
  const clash =
    patch.name === undefined ? null : await departments.findDepartmentByName(db, before.regionId, patch.name);
  if (clash && clash.id !== id) throw new AppError('duplicate', { field: 'department', value: patch.name! });
  await db.transaction().execute(async (trx) => {
    if (!(await departments.updateDepartmentIfVersion(trx, id, version, patch))) {
      const current = await departments.findDepartmentById(trx, id);
      throw versionConflict({ version: current?.version ?? version });
    }
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'department',
      entityId: id,
      before,
      after: patch,
    });
  });
  const { regionPath: _p, ...d } = (await departments.findDepartmentById(db, id))!;
  return d;
}

// ---- users ---------------------------------------------------------------

export async function listUsers(db: Db, actor: Actor, q: UserQuery, now: Date) {
  requireAccountAdmin(actor);
  const { items, total } = await users.findUsers(db, actor.regionPath, q);
  return { items: items.map((u) => users.toUser(u, now.toISOString())), total };
}

/**
 * The region and department a user account is given (issue 7, hole 3: a department user reads
 * every project of his department, so the department decides what the account sees):
 * - the region lies in the writer's subtree (else 403 out_of_scope_region);
 * - the department is a department of a region in the writer's subtree — not of a sibling
 *   county, nor of a region above the writer (403 out_of_scope_region);
 * - the department sits in or above the user's own region, on its line to the root (a town's
 *   user may belong to the county's 发改局, a county user not to a town's office), else 400
 *   invalid_reference. On an update, `current` gives the account's stored region and
 *   department, so that changing only one of the two is checked against the other.
 */
async function checkUserRefs(
  db: Db,
  actor: Actor,
  v: { regionId?: number; departmentId?: number | null },
  current?: { regionId: number; departmentId: number | null },
) {
  const region = v.regionId !== undefined ? await regionInScope(db, actor, v.regionId) : null;
  const departmentId = v.departmentId !== undefined ? v.departmentId : (current?.departmentId ?? null);
  if (departmentId === null) return;
  const d = await departments.findDepartmentById(db, departmentId);
  if (!d) throw new AppError('invalid_reference', { field: 'departmentId', value: departmentId });
  if (!inScope(actor, d.regionPath)) throw new AppError('out_of_scope_region');
  const userRegion = region ?? (current ? await regions.findRegionById(db, current.regionId) : null) ?? null;
  if (userRegion && !userRegion.path.startsWith(d.regionPath))
    throw new AppError('invalid_reference', { field: 'departmentId', value: departmentId });
}

const userAudit = (u: User) => ({ ...u, locked: undefined });

export async function createUser(db: Db, actor: Actor, input: UserCreate, now: Date): Promise<User> {
  requireAccountAdmin(actor);
  requireRoleSet(input.roles);
  await checkUserRefs(db, actor, input);
  await assertPasswordAllowed(db, { id: null, username: input.username }, input.password);
  if (await users.findUserByUsername(db, input.username))
    throw new AppError('duplicate', { field: 'username', value: input.username });
  const at = now.toISOString();
  const passwordHash = await hashPassword(input.password);
  const id = await db.transaction().execute(async (trx) => {
    const newId = await users.insertUser(trx, {
      username: input.username,
      displayName: input.displayName,
      passwordHash,
      roles: JSON.stringify([...new Set(input.roles)]),
      regionId: input.regionId,
      departmentId: input.departmentId,
      phone: phoneToWrite(input.phone, null) ?? null,
      // A password someone else chose is changed by its owner at first login.
      mustChangePassword: 1,
      createdAt: at,
      updatedAt: at,
    });
    await recordPasswordSet(trx, newId, passwordHash, now);
    const created = users.toUser((await users.findUserJoined(trx, newId))!, at);
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'user',
      entityId: newId,
      after: userAudit(created),
    });
    return newId;
  });
  return users.toUser((await users.findUserJoined(db, id))!, at);
}

export async function updateUser(
  db: Db,
  actor: Actor,
  id: number,
  input: UserUpdate,
  now: Date,
): Promise<User> {
  requireAccountAdmin(actor);
  const row = await users.findUserJoined(db, id);
  if (!row || !inScope(actor, row.regionPath)) throw new AppError('not_found', { entity: 'user' });
  // Nobody changes his own roles, deactivates himself or resets his own password here.
  const own = id === actor.id;
  if (own && input.roles !== undefined && !sameRoles(input.roles, users.parseRoles(row.roles)))
    throw new AppError('own_roles');
  if (own && (input.active === false || input.password !== undefined)) throw new AppError('own_account');
  if (input.roles !== undefined) requireRoleSet(input.roles);
  await checkUserRefs(db, actor, input, { regionId: row.regionId, departmentId: row.departmentId });
  if (input.password !== undefined)
    await assertPasswordAllowed(db, { id, username: row.username }, input.password);
  const at = now.toISOString();
  const before = users.toUser(row, at);
  const { version, password, unlock, roles, active, personId, ...sent } = input;
  const link = personId === undefined || personId === before.personId ? undefined : personId;
  const person = link ? await people.findPersonJoined(db, link) : null;
  // The person is one of the security administrator's scope, linked to no other account.
  if (link && (!person || !inScope(actor, person.regionPath)))
    throw new AppError('not_found', { entity: 'person' });
  if (person && person.userId !== null && person.userId !== id)
    throw new AppError('person_linked', { name: person.name, username: person.username ?? '' });
  // The masked phone the form was shown, sent back unchanged, keeps the stored number.
  const rest = { ...sent, phone: phoneToWrite(sent.phone, before.phone) };
  const patch = {
    ...rest,
    ...(roles ? { roles: JSON.stringify([...new Set(roles)]) } : {}),
    ...(active === undefined ? {} : { active: active ? 1 : 0 }),
    // A reset password is changed by its owner at first login (demo accounts excepted: loopback-only).
    ...(password
      ? { passwordHash: await hashPassword(password), mustChangePassword: row.demo === 1 ? 0 : 1 }
      : {}),
    ...(unlock ? { failedLogins: 0, lockedUntil: null } : {}),
    updatedAt: at,
  };
  await db.transaction().execute(async (trx) => {
    if (!(await users.updateUserIfVersion(trx, id, version, patch))) {
      const cur = await users.findUserRow(trx, id);
      throw versionConflict({ version: cur?.version ?? version, updatedAt: cur?.updatedAt ?? null });
    }
    if (patch.passwordHash) await recordPasswordSet(trx, id, patch.passwordHash, now);
    // Scope follows the link (issue 9, item 3): the account acts as this person from its next request.
    if (link !== undefined) {
      if (before.personId !== null) {
        await people.setPersonUser(trx, before.personId, null, actor.id, at);
        await recordAudit(trx, actor, {
          action: 'unlink_account',
          entity: 'person',
          entityId: before.personId,
          before: { userId: id, username: row.username },
        });
      }
      if (link !== null) {
        await people.setPersonUser(trx, link, id, actor.id, at);
        await recordAudit(trx, actor, {
          action: 'link_account',
          entity: 'person',
          entityId: link,
          after: { userId: id, username: row.username },
        });
      }
    }
    // A deactivated account or a reset password ends the account's sessions.
    if (active === false || password) await sessions.deleteSessionsOfUser(trx, id);
    const after = users.toUser((await users.findUserJoined(trx, id))!, at);
    await recordAudit(trx, actor, {
      action: password ? 'update_password_reset' : unlock ? 'unlock' : 'update',
      entity: 'user',
      entityId: id,
      before: userAudit(before),
      after: userAudit(after),
    });
  });
  return users.toUser((await users.findUserJoined(db, id))!, at);
}

// ---- lookups & audit -----------------------------------------------------

export async function lookups(db: Db, actor: Actor): Promise<Lookups> {
  const [r, d, leaders, taskForceUsers, industries] = await Promise.all([
    regions.findRegionsInScope(db, actor.regionPath),
    departments.findDepartmentsInScope(db, actor.regionPath),
    // Leaders and task-force members are people (issue 9, item 3): the ledger's leader filter lists
    // those who lead a project; the pickers every person of the scope.
    people.findResponsiblePeople(db, actor.regionPath, 'leader'),
    people.findPeopleInScope(db, actor.regionPath).then((l) => l.map(({ id, name }) => ({ id, name }))),
    findIndustries(db, projectReadGrants(actor)),
  ]);
  return {
    regions: r,
    departments: d.map(({ id, name, regionId }) => ({ id, name, regionId })),
    leaders,
    taskForceUsers,
    industries,
  };
}

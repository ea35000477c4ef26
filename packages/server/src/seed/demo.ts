import {
  buildLaolingDemo,
  DEMO_PASSWORD,
  generateProjects,
  laolingPeople,
  shanghaiToday,
  type DemoDataset,
  type DemoPerson,
  type DemoProject,
  withLaolingDispatch,
} from '@guatu/domain';
import { hashPassword } from '../auth/password.ts';
import { sealPersonal } from '../crypto/personal-data.ts';
import type { Db } from '../db/connect.ts';
import { AppError } from '../errors.ts';
import type { NewProject } from '../db/schema.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import { hasDemoRows, insertDemoUser, markDemoRows } from '../repositories/demo.repository.ts';
import {
  findAllDepartmentNames,
  findDepartmentByName,
  insertDepartment,
} from '../repositories/department.repository.ts';
import {
  insertProjectMembersBatch,
  insertProjectsBatch,
  insertYearsBatch,
} from '../repositories/project-batch.repository.ts';
import {
  findAllRegionNames,
  findRegionByNameUnder,
  findRootRegion,
  insertRegion,
  renameRegionUnversioned,
} from '../repositories/region.repository.ts';
import { findUserIdsByUsername, hasDemoUsers } from '../repositories/user.repository.ts';
import { findPeopleInScope, insertPeople } from '../repositories/people.repository.ts';
import type { FileStore } from '../storage/index.ts';
import { seedDemoDispatch } from './demo-dispatch.ts';
import { seedDemoPhotos } from './demo-photos.ts';
import { seedProjectStages } from './demo-schedules.ts';

export type DemoIds = {
  regions: Map<string, number>;
  departments: Map<string, number>;
  users: Map<string, number>;
  /** People (leaders, task-force members) by their demo key: the linked account's username. */
  people: Map<string, number>;
  projects: Map<string, number>;
};

/**
 * The dataset's people: the 乐陵 demo's (with 职务 and 单位) whose region and account are in the
 * dataset, and a person for every other leader or task-force account (named as the account).
 */
function demoPeople(data: DemoDataset): DemoPerson[] {
  const regions = new Set(data.regions.map((r) => r.key));
  const users = new Map(data.users.map((u) => [u.username, u]));
  const people = laolingPeople().filter(
    (p) => regions.has(p.regionKey) && (p.username === null || users.has(p.username)),
  );
  const keys = new Set(people.map((p) => p.key));
  for (const u of data.users)
    if (!keys.has(u.username) && (u.roles.includes('leader') || u.roles.includes('task_force')))
      people.push({
        key: u.username,
        name: u.displayName,
        title: null,
        unit: null,
        phone: u.phone,
        regionKey: u.regionKey,
        username: u.username,
      });
  return people;
}

/** Whether the demo is loaded (its accounts or rows exist; `demo --remove` clears both). */
export async function hasDemo(db: Db): Promise<boolean> {
  if (await hasDemoUsers(db)) return true;
  return hasDemoRows(db);
}

/**
 * Why the demo cannot be loaded, or null: a system set up from the official divisions (its root
 * region carries an official code, e.g. 乐陵市 371481) has its own region tree, which the demo's
 * (山东省 → 德州市 → 乐陵市, with the same codes) would collide with — refused, never merged.
 */
export async function demoRefusal(db: Db): Promise<AppError | null> {
  const root = await findRootRegion(db);
  if (!root || root.code === null || (await hasDemo(db))) return null;
  return new AppError('demo_after_setup', { name: root.name, code: root.code });
}

/** The setup accounts (admin, secadmin, auditor) are not demo accounts, but tests find them by name. */
const SETUP_USERNAMES = ['admin', 'secadmin', 'auditor'];

/**
 * Loads a dataset in one transaction: the region tree (under an existing root region of the same
 * name when there is one), departments, users (all with the demo password) and projects.
 * The same seeder builds the demo database, the API test data and the e2e data.
 */
/**
 * The 乐陵 demo lived to today (Asia/Shanghai) by the given clock, with its monthly dispatch from
 * January 2023 to last month: the one source of the demo's date.
 */
export const demoOfToday = (now: Date = new Date()): DemoDataset =>
  withLaolingDispatch(buildLaolingDemo(shanghaiToday(now)));

export async function seedDataset(
  db: Db,
  data: DemoDataset = demoOfToday(),
  /** The file store for the dispatch's photos (none without it: the API tests' seed). */
  store?: FileStore,
): Promise<DemoIds> {
  const passwordHash = await hashPassword(data.demoPassword ?? DEMO_PASSWORD);
  const ids = await db.transaction().execute(async (trx) => {
    const refused = await demoRefusal(trx);
    if (refused) throw refused;
    const ids: DemoIds = {
      regions: new Map(),
      departments: new Map(),
      users: new Map(),
      people: new Map(),
      projects: new Map(),
    };
    const paths = new Map<string, string>();
    for (const r of data.regions) {
      const parentId = r.parentKey ? ids.regions.get(r.parentKey)! : null;
      let row = await findRegionByNameUnder(trx, r.name, parentId);
      // A deployment without demo data has one root; the demo's root takes its place in name.
      if (!row && parentId === null) row = await findRootRegion(trx);
      if (!row) {
        row = await insertRegion(trx, {
          parentId,
          parentPath: r.parentKey ? paths.get(r.parentKey)! : '/',
          name: r.name,
          level: r.level,
          code: r.code,
        });
        await markDemoRows(trx, 'region', [row.id]);
      } else if (parentId === null && row.name !== r.name) {
        await renameRegionUnversioned(trx, row.id, r.name, r.level);
      }
      ids.regions.set(r.key, row.id);
      paths.set(r.key, row.path);
    }
    for (const d of data.departments) {
      const regionId = ids.regions.get(d.regionKey)!;
      // A department kept by an earlier `demo --remove` (something else used it) is reused.
      const kept = await findDepartmentByName(trx, regionId, d.name);
      if (kept) {
        ids.departments.set(d.key, kept.id);
        continue;
      }
      const id = await insertDepartment(trx, { regionId, name: d.name });
      await markDemoRows(trx, 'department', [id]);
      ids.departments.set(d.key, id);
    }
    const at = new Date().toISOString();
    for (const u of data.users) {
      const id = await insertDemoUser(trx, {
        username: u.username,
        displayName: u.displayName,
        passwordHash,
        roles: JSON.stringify(u.roles),
        regionId: ids.regions.get(u.regionKey)!,
        departmentId: u.departmentKey ? ids.departments.get(u.departmentKey)! : null,
        phone: sealPersonal('users.phone', u.phone),
        active: 1,
        failedLogins: 0,
        lockedUntil: null,
        createdAt: at,
        updatedAt: at,
        version: 1,
        // Loopback-only and bannered: never a forced password change (nor a second factor).
        demo: 1,
        mustChangePassword: 0,
      });
      ids.users.set(u.username, id);
    }
    for (const setup of await findUserIdsByUsername(trx, SETUP_USERNAMES))
      ids.users.set(setup.username, setup.id);
    // Leaders and task-force members are people; the demo's accounts are linked to theirs.
    const people = demoPeople(data);
    const personIds = await insertPeople(
      trx,
      people.map((p) => ({
        regionId: ids.regions.get(p.regionKey)!,
        name: p.name,
        title: p.title,
        unit: p.unit,
        phone: p.phone,
        userId: p.username ? (ids.users.get(p.username) ?? null) : null,
        demo: true,
      })),
      { now: at },
    );
    people.forEach((p, k) => ids.people.set(p.key, personIds[k]!));
    await insertProjects(trx, data.projects, ids, at);
    await seedProjectStages(trx, data.projects, ids.projects, data.today);
    const dispatch = data.dispatch ? await seedDemoDispatch(trx, data.dispatch, ids) : null;
    await recordAudit(trx, null, {
      action: 'seed',
      entity: 'dataset',
      entityId: null,
      after: {
        regions: data.regions.length,
        users: data.users.length,
        projects: data.projects.length,
        ...(dispatch ? { dispatchRounds: dispatch.rounds, dispatchReports: dispatch.reports } : {}),
      },
    });
    return ids;
  });
  // The report photos go through the photo service, which writes in its own transactions.
  if (store && data.dispatch?.photos.length) await seedDemoPhotos(db, store, data.dispatch, ids);
  return ids;
}

async function insertProjects(
  db: Db,
  projects: readonly DemoProject[],
  ids: DemoIds,
  at: string,
  markDemo = true,
) {
  const chunk = 200;
  for (let i = 0; i < projects.length; i += chunk) {
    const part = projects.slice(i, i + chunk);
    const newIds = await insertProjectsBatch(
      db,
      part.map((p): NewProject => ({
        code: p.code,
        name: p.name,
        nature: p.nature,
        industry: p.industry,
        ownerUnit: p.ownerUnit,
        regionId: ids.regions.get(p.regionKey)!,
        address: p.address,
        longitude: p.longitude,
        latitude: p.latitude,
        content: p.content,
        totalInvestment: p.totalInvestment,
        plannedStart: p.plannedStart,
        plannedFinish: p.plannedFinish,
        actualStart: p.actualStart,
        statsIncluded: p.statsIncluded ? 1 : 0,
        statsCode: p.statsCode,
        statsDate: p.statsDate,
        leaderId: p.leaderUsername ? (ids.people.get(p.leaderUsername) ?? null) : null,
        departmentId: p.departmentKey ? (ids.departments.get(p.departmentKey) ?? null) : null,
        contactName: p.contactName,
        contactPhone: p.contactPhone, // sealed by the repository
        notes: p.notes,
        archivedAt: null,
        createdAt: at,
        updatedAt: at,
        updatedBy: null,
        version: 1,
      })),
    );
    const rows = part.map((p, k) => ({ id: newIds[k]!, name: p.name }));
    if (markDemo && rows.length)
      await markDemoRows(
        db,
        'project',
        rows.map((r) => r.id),
      );
    const years = part.flatMap((p, k) => p.years.map((y) => ({ projectId: rows[k]!.id, ...y })));
    const members = part.flatMap((p, k) =>
      p.taskForceUsernames.flatMap((u) =>
        ids.people.has(u) ? [{ projectId: rows[k]!.id, personId: ids.people.get(u)! }] : [],
      ),
    );
    if (years.length) await insertYearsBatch(db, years, false);
    if (members.length) await insertProjectMembersBatch(db, members);
    rows.forEach((r) => ids.projects.set(r.name, r.id));
  }
}

/** Adds `count` generated projects to the loaded demo (for benchmarks), in one transaction. */
export async function seedGeneratedProjects(db: Db, count: number, seed = 2023): Promise<number> {
  const data = buildLaolingDemo();
  const regionRows = await findAllRegionNames(db);
  const userRows = await findUserIdsByUsername(db);
  const deptRows = await findAllDepartmentNames(db);
  const ids: DemoIds = {
    regions: new Map(),
    departments: new Map(),
    users: new Map(),
    people: new Map(),
    projects: new Map(),
  };
  for (const r of data.regions) {
    const row = regionRows.find((x) => x.name === r.name);
    if (row) ids.regions.set(r.key, row.id);
  }
  for (const d of data.departments) {
    const row = deptRows.find((x) => x.name === d.name);
    if (row) ids.departments.set(d.key, row.id);
  }
  for (const u of userRows) ids.users.set(u.username, u.id);
  // The generator names people by their demo key, the username of the linked account.
  const personByUser = new Map(
    (await findPeopleInScope(db, '/')).flatMap((p) => (p.userId === null ? [] : [[p.userId, p.id] as const])),
  );
  for (const [username, userId] of ids.users)
    if (personByUser.has(userId)) ids.people.set(username, personByUser.get(userId)!);
  const towns = data.regions.filter((r) => r.level === 'town' && ids.regions.has(r.key)).map((r) => r.key);
  const leaders = data.users.filter((u) => u.roles.includes('leader')).map((u) => u.username);
  const tfs = data.users.filter((u) => u.roles.includes('task_force')).map((u) => u.username);
  const projects = generateProjects(count, seed, towns, leaders, tfs, [...ids.departments.keys()]);
  await db.transaction().execute(async (trx) => {
    await insertProjects(trx, projects, ids, new Date().toISOString());
    // Generated projects are dated in 2023: their stages are lived to the year's end.
    await seedProjectStages(trx, projects, ids.projects, '2023-12-31', seed);
    await recordAudit(trx, null, {
      action: 'seed',
      entity: 'dataset',
      entityId: null,
      after: { generated: count },
    });
  });
  return projects.length;
}

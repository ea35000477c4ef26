/**
 * Test factories (issue 8, item 8): each builds one thing through the API as the officer who may
 * create it — regions, departments and projects as the root admin, accounts as the security
 * admin — filling in whatever the caller leaves out with fresh rows of its own, so that a test
 * states only the fields it cares about and never leans on another test's writes.
 *
 * Names are unique per call (a sequence and a random tail), so tests of one file sharing one
 * database never collide, in any order.
 */
import { randomBytes } from 'node:crypto';
import type {
  Department,
  Person,
  PersonCreate,
  Project,
  ProjectCreate,
  Region,
  RegionLevel,
  User,
} from '@guatu/contracts';
import type { Role } from '@guatu/domain';
import { regionLevels } from '@guatu/domain';
import { call, login, loginAdmin, type Session, type TestContext } from './harness.ts';

/** The password every built account is created with, and the one it is changed to at first login. */
export const BUILT_PASSWORD = 'Qx7#vLm2pRz';
export const BUILT_CHANGED_PASSWORD = 'Wn4$kTq8sYb';

let seq = 0;
/** A name no other call of this run gives: `prefix-<n>-<random>`. */
export const unique = (prefix: string) => `${prefix}-${++seq}-${randomBytes(2).toString('hex')}`;

/** The officers' sessions, one per app, logged in again when one has expired. */
const officers = new WeakMap<TestContext['app'], Map<string, Session>>();
async function as(ctx: TestContext, who: 'admin' | 'secadmin', fresh = false): Promise<Session> {
  const sessions = officers.get(ctx.app) ?? new Map<string, Session>();
  officers.set(ctx.app, sessions);
  let s = sessions.get(who);
  if (!s || fresh) {
    s = who === 'admin' ? await loginAdmin(ctx.app) : await login(ctx.app, 'secadmin');
    sessions.set(who, s);
  }
  return s;
}

/** A write as an officer that must answer 201; retried once with a new session after a 401. */
async function create<T>(
  ctx: TestContext,
  who: 'admin' | 'secadmin',
  url: string,
  body: unknown,
): Promise<T> {
  let res = await call(ctx.app, await as(ctx, who), 'POST', url, body);
  if (res.statusCode === 401) res = await call(ctx.app, await as(ctx, who, true), 'POST', url, body);
  if (res.statusCode !== 201) throw new Error(`factory POST ${url}: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

const levelBelow = (level: RegionLevel): RegionLevel => {
  const below = regionLevels[regionLevels.indexOf(level) + 1];
  if (!below) throw new Error(`no region level below ${level}`);
  return below;
};

export type RegionOverrides = { parentId?: number; name?: string; code?: string | null };

/**
 * A region as the root admin: by default a fresh county under the demo's 德州市; with `parentId`,
 * a child of that region at the level below it (a town under a county).
 */
export async function buildRegion(ctx: TestContext, overrides: RegionOverrides = {}): Promise<Region> {
  const parentId = overrides.parentId ?? ctx.ids.regions.get('dezhou')!;
  const parent = await ctx.handle.db
    .selectFrom('regions')
    .select('level')
    .where('id', '=', parentId)
    .executeTakeFirstOrThrow();
  return create<Region>(ctx, 'admin', '/api/regions', {
    parentId,
    name: overrides.name ?? unique('测试区划'),
    level: levelBelow(parent.level as RegionLevel),
    code: overrides.code ?? null,
  });
}

export type DepartmentOverrides = { regionId?: number; name?: string };

/** A department as the root admin: by default in a fresh county ({@link buildRegion}). */
export async function buildDepartment(
  ctx: TestContext,
  overrides: DepartmentOverrides = {},
): Promise<Department> {
  const regionId = overrides.regionId ?? (await buildRegion(ctx)).id;
  return create<Department>(ctx, 'admin', '/api/departments', {
    regionId,
    name: overrides.name ?? unique('测试部门'),
  });
}

export type PersonOverrides = Partial<PersonCreate>;

/**
 * A person (a leader or task-force member, issue 9 item 3) as the root admin, without an account:
 * by default in 乐陵市 with a fresh name.
 */
export async function buildPerson(ctx: TestContext, overrides: PersonOverrides = {}): Promise<Person> {
  return create<Person>(ctx, 'admin', '/api/people', {
    regionId: ctx.ids.regions.get('laoling')!,
    name: unique('测试人员'),
    ...overrides,
  });
}

export type UserOverrides = {
  username?: string;
  displayName?: string;
  /** Default ['task_force']. */
  roles?: Role[];
  /** Default 乐陵市, the demo's county. */
  regionId?: number;
  departmentId?: number | null;
  phone?: string | null;
  /** false: create the account only (no first login, `session` null, the password still to change). */
  login?: boolean;
};
export type BuiltUser = {
  id: number;
  /** The person a leader or task-force account acts as (created and linked by buildUser); else null. */
  personId: number | null;
  username: string;
  user: User;
  session: Session | null;
  password: string;
};

/**
 * An account as the security admin, then its first login: the password the security admin set is
 * changed ({@link BUILT_CHANGED_PASSWORD}), so `session` is a plain logged-in session (an officer's
 * second factor enrolled by the harness).
 */
export async function buildUser(ctx: TestContext, overrides: UserOverrides = {}): Promise<BuiltUser> {
  const { login: logIn = true, ...fields } = overrides;
  const username = fields.username ?? unique('u').replace(/[^A-Za-z0-9_.-]/g, '');
  const user = await create<User>(ctx, 'secadmin', '/api/users', {
    displayName: unique('测试用户'),
    roles: ['task_force'],
    regionId: ctx.ids.regions.get('laoling')!,
    ...fields,
    username,
    password: BUILT_PASSWORD,
  });
  // A leader or task-force account acts as a person of its own (scope follows the link).
  let personId: number | null = null;
  if (user.roles.includes('leader') || user.roles.includes('task_force')) {
    personId = (await buildPerson(ctx, { regionId: user.regionId, name: user.displayName })).id;
    const linked = await call(ctx.app, await as(ctx, 'secadmin'), 'PATCH', `/api/users/${user.id}`, {
      personId,
      version: user.version,
    });
    if (linked.statusCode !== 200) throw new Error(`link ${username}: ${linked.statusCode} ${linked.body}`);
    Object.assign(user, linked.json() as User);
  }
  if (!logIn) return { id: user.id, personId, username, user, session: null, password: BUILT_PASSWORD };
  const first = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: BUILT_PASSWORD },
  });
  if (first.statusCode !== 200) throw new Error(`first login ${username}: ${first.statusCode} ${first.body}`);
  const cookie = first.cookies.find((c) => c.name === 'guatu_session')!;
  const pending = {
    cookie: `guatu_session=${cookie.value}`,
    csrf: first.json().csrfToken as string,
    username,
  };
  const changed = await call(ctx.app, pending, 'POST', '/api/auth/password', {
    currentPassword: BUILT_PASSWORD,
    newPassword: BUILT_CHANGED_PASSWORD,
  });
  if (changed.statusCode !== 200) throw new Error(`password change ${username}: ${changed.body}`);
  const session = await login(ctx.app, username, BUILT_CHANGED_PASSWORD);
  return {
    id: user.id,
    personId,
    username,
    user: { ...user, mustChangePassword: false },
    session,
    password: BUILT_CHANGED_PASSWORD,
  };
}

/** What a project is created with; every field optional. `null`/`[]` for none of a reference. */
export type ProjectOverrides = Partial<ProjectCreate>;
export type BuiltProject = {
  id: number;
  project: Project;
  regionId: number;
  departmentId: number | null;
  leaderId: number | null;
  taskForceIds: number[];
};

/**
 * A project as the root admin. Whatever is not given is made fresh: a county under 德州市, a
 * department and a leader (a person without an account) in it, one task-force member, and one year
 * entry (2026, county level, implementation). Pass `leaderId: null`, `departmentId: null` or
 * `taskForceIds: []` for none.
 */
export async function buildProject(
  ctx: TestContext,
  overrides: ProjectOverrides = {},
): Promise<BuiltProject> {
  const regionId = overrides.regionId ?? (await buildRegion(ctx)).id;
  const departmentId =
    overrides.departmentId !== undefined
      ? overrides.departmentId
      : (await buildDepartment(ctx, { regionId })).id;
  const leaderId =
    overrides.leaderId !== undefined ? overrides.leaderId : (await buildPerson(ctx, { regionId })).id;
  const taskForceIds = overrides.taskForceIds ?? [(await buildPerson(ctx, { regionId })).id];
  const project = await create<Project>(ctx, 'admin', '/api/projects', {
    name: unique('测试项目'),
    nature: 'new',
    totalInvestment: 10_000_000,
    plannedStart: '2026-03-02',
    plannedFinish: '2027-06-30',
    years: [{ year: 2026, level: 'county', category: 'implementation', annualPlan: 1_000_000 }],
    ...overrides,
    regionId,
    departmentId,
    leaderId,
    taskForceIds,
  });
  return { id: project.id, project, regionId, departmentId, leaderId, taskForceIds };
}

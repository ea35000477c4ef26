/**
 * SQL of the monthly dispatch (一月一调度, migrations 0019–0020): rounds, the projects they cover and
 * their reminders (reports and their versions: dispatch-report.repository.ts). Money columns are bigint: PostgreSQL returns them as strings, turned into
 * numbers here.
 */
import { PostgresAdapter, sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { ProjectGrant } from '../policies/project.policy.ts';
import { escapeLike, grantExpr } from './project.repository.ts';

/** A bigint column as a number (PostgreSQL returns strings). */
export const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

export type RoundRow = {
  id: number;
  regionId: number;
  regionName: string;
  regionPath: string;
  year: number;
  month: string;
  deadline: string;
  status: string;
  closedAt: string | null;
  reopenedAt: string | null;
  includeReserve: number;
  createdAt: string;
  updatedAt: string;
  version: number;
};

const roundColumns = [
  'dr.id',
  'dr.regionId',
  'r.name as regionName',
  'r.path as regionPath',
  'dr.year',
  'dr.month',
  'dr.deadline',
  'dr.status',
  'dr.closedAt',
  'dr.reopenedAt',
  'dr.includeReserve',
  'dr.createdAt',
  'dr.updatedAt',
  'dr.version',
] as const;

const rounds = (db: Db) =>
  db.selectFrom('dispatchRounds as dr').innerJoin('regions as r', 'r.id', 'dr.regionId');

export async function findRoundById(db: Db, id: number): Promise<RoundRow | null> {
  return (await rounds(db).select(roundColumns).where('dr.id', '=', id).executeTakeFirst()) ?? null;
}

/**
 * The rounds of a year an actor of `regionPath` sees: those of his region, of the regions above it
 * (a town sees its county's round) and below it (a city sees its counties'), in month order.
 */
export async function findRoundsOfYear(db: Db, regionPath: string, year: number): Promise<RoundRow[]> {
  const ancestors = regionPath
    .split('/')
    .filter(Boolean)
    .map((_, i, ids) => `/${ids.slice(0, i + 1).join('/')}/`);
  return rounds(db)
    .select(roundColumns)
    .where('dr.year', '=', year)
    .where((eb) => eb.or([eb('r.path', 'like', `${escapeLike(regionPath)}%`), eb('r.path', 'in', ancestors)]))
    .orderBy('dr.month', 'asc')
    .orderBy('r.path', 'asc')
    .execute();
}

/** The projects a new round covers by default: the year's list under the actor's grants. */
export async function findDispatchableProjectIds(
  db: Db,
  year: number,
  grants: readonly ProjectGrant[],
  includeReserve: boolean,
): Promise<number[]> {
  let q = db
    .selectFrom('projects as p')
    .innerJoin('regions as r', 'r.id', 'p.regionId')
    .innerJoin('projectYears as py', (j) => j.onRef('py.projectId', '=', 'p.id').on('py.year', '=', year))
    .where('p.archivedAt', 'is', null)
    .where((eb) => grantExpr(eb as never, grants));
  if (!includeReserve) q = q.where('py.category', '=', 'implementation');
  const rows = await q.select('p.id').orderBy('p.id').execute();
  return rows.map((r) => r.id);
}

export async function insertRound(
  db: Db,
  values: {
    regionId: number;
    year: number;
    month: string;
    deadline: string;
    includeReserve: boolean;
    by: number | null;
    now: string;
  },
): Promise<number> {
  const row = await db
    .insertInto('dispatchRounds')
    .values({
      regionId: values.regionId,
      year: values.year,
      month: values.month,
      deadline: values.deadline,
      status: 'open',
      closedAt: null,
      reopenedAt: null,
      includeReserve: values.includeReserve ? 1 : 0,
      createdAt: values.now,
      createdBy: values.by || null,
      updatedAt: values.now,
      updatedBy: values.by || null,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertRoundProjects(db: Db, roundId: number, projectIds: readonly number[]) {
  for (let i = 0; i < projectIds.length; i += 500)
    await db
      .insertInto('dispatchRoundProjects')
      .values(projectIds.slice(i, i + 500).map((projectId) => ({ roundId, projectId })))
      .execute();
}

/** Sets the round's hand status if its version is `version`; false when stale. */
export async function updateRoundIfVersion(
  db: Db,
  id: number,
  version: number,
  patch: { status: string; closedAt: string | null; reopenedAt: string | null },
  by: number | null,
  now: string,
): Promise<boolean> {
  const r = await db
    .updateTable('dispatchRounds')
    .set({ ...patch, updatedAt: now, updatedBy: by || null, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function findRoundLastChange(db: Db, id: number) {
  return (
    (await db
      .selectFrom('dispatchRounds as dr')
      .leftJoin('users as u', 'u.id', 'dr.updatedBy')
      .where('dr.id', '=', id)
      .select(['dr.version', 'dr.updatedAt', 'u.displayName as updatedByName'])
      .executeTakeFirst()) ?? null
  );
}

export type RoundReportState = { roundId: number; status: string; late: number };

/** Per round: the number of projects it covers, and its reports' status and late flag. */
export async function findRoundCounts(
  db: Db,
  roundIds: readonly number[],
): Promise<{ projects: Map<number, number>; reports: RoundReportState[] }> {
  if (roundIds.length === 0) return { projects: new Map(), reports: [] };
  const counts = await db
    .selectFrom('dispatchRoundProjects')
    .select(['roundId', sql<string | number>`count(*)`.as('n')])
    .where('roundId', 'in', roundIds)
    .groupBy('roundId')
    .execute();
  const reports = await db
    .selectFrom('dispatchReports')
    .select(['roundId', 'status', 'late'])
    .where('roundId', 'in', roundIds)
    .execute();
  return { projects: new Map(counts.map((c) => [c.roundId, Number(c.n)])), reports };
}

export type RoundProjectRow = {
  projectId: number;
  name: string;
  level: string;
  category: string;
  regionName: string;
  /** The project's region (its town, for the figures by town), leader (a person) and department. */
  regionId: number;
  regionPath: string;
  leaderId: number | null;
  leaderName: string | null;
  departmentId: number | null;
  departmentName: string | null;
  totalInvestment: number;
  actualStart: string | null;
  statsIncluded: number;
  annualPlan: number;
  reportedYtd: number | null;
  reportedAsOf: string | null;
  reportedProgress: string | null;
};

/** The round's projects the grants reach, with their year's list entry, by level then plan. */
export async function findRoundProjects(
  db: Db,
  roundId: number,
  year: number,
  grants: readonly ProjectGrant[],
): Promise<RoundProjectRow[]> {
  const rows = await db
    .selectFrom('dispatchRoundProjects as rp')
    .innerJoin('projects as p', 'p.id', 'rp.projectId')
    .innerJoin('regions as r', 'r.id', 'p.regionId')
    .leftJoin('projectYears as py', (j) => j.onRef('py.projectId', '=', 'p.id').on('py.year', '=', year))
    .leftJoin('people as l', 'l.id', 'p.leaderId')
    .leftJoin('departments as d', 'd.id', 'p.departmentId')
    .where('rp.roundId', '=', roundId)
    .where((eb) => grantExpr(eb as never, grants))
    .select([
      'p.id as projectId',
      'p.name',
      'py.level',
      'py.category',
      'r.name as regionName',
      'p.regionId',
      'r.path as regionPath',
      'p.leaderId',
      'l.name as leaderName',
      'p.departmentId',
      'd.name as departmentName',
      'p.totalInvestment',
      'p.actualStart',
      'p.statsIncluded',
      'py.annualPlan',
      'py.reportedYtd',
      'py.reportedAsOf',
      'py.reportedProgress',
    ])
    .orderBy('p.id')
    .execute();
  return rows.map((r) => ({
    ...r,
    level: r.level ?? '',
    category: r.category ?? '',
    totalInvestment: Number(r.totalInvestment),
    annualPlan: Number(r.annualPlan ?? 0),
    reportedYtd: num(r.reportedYtd),
  }));
}

export type RoundStagePlans = {
  /** The plan rows (template and edits) of the round's projects that have one. */
  plans: Map<number, { templateKey: string; edits: string }>;
  /** Each project's recorded actual dates packed in one string: 'key,start,finish;…'. */
  packed: Map<number, string>;
};

/**
 * What the 当前工序 of every project of a round is read from: one query for the plans and one for
 * the actual dates of all the round's projects (packed per project, as the war chart reads them:
 * schedule.repository.ts findPackedStagesOf), whatever their number; of `only` among them (a page).
 */
export async function findRoundStagePlans(
  db: Db,
  roundId: number,
  only?: readonly number[],
): Promise<RoundStagePlans> {
  if (only && only.length === 0) return { plans: new Map(), packed: new Map() };
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const item = sql<string>`ps.stage_key || ',' || coalesce(ps.actual_start, '') || ',' || coalesce(ps.actual_finish, '')`;
  const packedOf = postgres ? sql<string>`string_agg(${item}, ';')` : sql<string>`group_concat(${item}, ';')`;
  const [plans, packed] = await Promise.all([
    db
      .selectFrom('dispatchRoundProjects as rp')
      .innerJoin('projectSchedules as s', 's.projectId', 'rp.projectId')
      .where('rp.roundId', '=', roundId)
      .$if(only !== undefined, (q) => q.where('rp.projectId', 'in', only!))
      .select(['s.projectId', 's.templateKey', 's.edits'])
      .execute(),
    db
      .selectFrom('dispatchRoundProjects as rp')
      .innerJoin('projectStages as ps', 'ps.projectId', 'rp.projectId')
      .where('rp.roundId', '=', roundId)
      .$if(only !== undefined, (q) => q.where('rp.projectId', 'in', only!))
      .where((eb) => eb.or([eb('ps.actualStart', 'is not', null), eb('ps.actualFinish', 'is not', null)]))
      .groupBy('ps.projectId')
      .select(['ps.projectId', packedOf.as('packed')])
      .execute(),
  ]);
  return {
    plans: new Map(plans.map((p) => [p.projectId, { templateKey: p.templateKey, edits: p.edits }])),
    packed: new Map(packed.map((p) => [p.projectId, p.packed])),
  };
}

/**
 * The rounds a reminder may concern: open by hand (not closed), with a deadline between `from` and
 * `to` (inclusive).
 */
export async function findRoundsWithDeadlineBetween(db: Db, from: string, to: string): Promise<RoundRow[]> {
  return rounds(db)
    .select(roundColumns)
    .where('dr.status', '=', 'open')
    .where('dr.deadline', '>=', from)
    .where('dr.deadline', '<=', to)
    .orderBy('dr.id')
    .execute();
}

/**
 * The round's projects without a submitted (or accepted) report whose last reminder is one of
 * `earlier` or none, with their name and the accounts of their task force (people with a user).
 */
export async function findProjectsToRemind(
  db: Db,
  roundId: number,
  earlier: readonly string[],
): Promise<Array<{ projectId: number; name: string; userIds: number[] }>> {
  const projects = await db
    .selectFrom('dispatchRoundProjects as rp')
    .innerJoin('projects as p', 'p.id', 'rp.projectId')
    .leftJoin('dispatchReports as rep', (j) =>
      j.onRef('rep.roundId', '=', 'rp.roundId').onRef('rep.projectId', '=', 'rp.projectId'),
    )
    .where('rp.roundId', '=', roundId)
    .where((eb) =>
      eb.or([eb('rep.status', 'is', null), eb('rep.status', 'not in', ['submitted', 'accepted'])]),
    )
    .where((eb) =>
      earlier.length === 0
        ? eb('rp.lastReminder', 'is', null)
        : eb.or([eb('rp.lastReminder', 'is', null), eb('rp.lastReminder', 'in', [...earlier])]),
    )
    .select(['rp.projectId', 'p.name'])
    .orderBy('rp.projectId')
    .execute();
  if (projects.length === 0) return [];
  const members = await db
    .selectFrom('projectMembers as pm')
    .innerJoin('people as pe', 'pe.id', 'pm.personId')
    .where(
      'pm.projectId',
      'in',
      projects.map((p) => p.projectId),
    )
    .where('pe.userId', 'is not', null)
    .select(['pm.projectId', 'pe.userId'])
    .execute();
  return projects.map((p) => ({
    ...p,
    userIds: [...new Set(members.filter((m) => m.projectId === p.projectId).map((m) => m.userId!))].sort(
      (a, b) => a - b,
    ),
  }));
}

/**
 * Records `stage` as the project's last reminder if its last one is none or one of `earlier`;
 * false when another run already sent it (the reminder then goes out once).
 */
export async function markReminded(
  db: Db,
  roundId: number,
  projectId: number,
  stage: string,
  earlier: readonly string[],
): Promise<boolean> {
  const r = await db
    .updateTable('dispatchRoundProjects')
    .set({ lastReminder: stage })
    .where('roundId', '=', roundId)
    .where('projectId', '=', projectId)
    .where((eb) =>
      earlier.length === 0
        ? eb('lastReminder', 'is', null)
        : eb.or([eb('lastReminder', 'is', null), eb('lastReminder', 'in', [...earlier])]),
    )
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * The two counters a round's table and figures are computed at (portfolio/dispatch-round-cache.ts):
 * the portfolio's (migration 0025) and the dispatch tables' (0027), read in one statement.
 */
export async function readDispatchStamp(db: Db): Promise<string> {
  const row = await db
    .selectFrom('portfolioState as p')
    .innerJoin('dispatchState as d', 'd.id', 'p.id')
    .select(['p.version as portfolio', 'd.version as dispatch'])
    .where('p.id', '=', 1)
    .executeTakeFirst();
  return `${Number(row?.portfolio ?? 0)}:${Number(row?.dispatch ?? 0)}`;
}

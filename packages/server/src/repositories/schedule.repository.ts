/**
 * SQL of project schedules (倒排工期): each project's plan, its stages' actual dates and its
 * baselines, one project at a time for the detail and in bulk for the war chart.
 */
import { PostgresAdapter, sql, type Insertable, type Selectable } from 'kysely';
import type { Db } from '../db/connect.ts';
import { findChanges, pruneChanges, readChangeState, warChartLog } from './change-log.repository.ts';
import type { ProjectBaselineTable, ProjectScheduleTable, ProjectStageTable } from '../db/schema.ts';
import type { ProjectGrant } from '../policies/project.policy.ts';
import { ledgerBase, levelRank, type LedgerFilter } from './project.repository.ts';

type ScheduleTableRow = Selectable<ProjectScheduleTable>;
type StageTableRow = Selectable<ProjectStageTable>;

export type ScheduleRow = ScheduleTableRow & { updatedByName: string | null };
export type StageRow = Omit<StageTableRow, 'updatedBy' | 'updatedAt'>;
export type NewStageRow = StageTableRow;

// Bound parameters per statement stay well below SQLite's 32,766 and PostgreSQL's 65,535.
const ID_CHUNK = 10_000;
const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

export async function findSchedule(db: Db, projectId: number): Promise<ScheduleRow | null> {
  const row = await db
    .selectFrom('projectSchedules as s')
    .leftJoin('users as u', 'u.id', 's.updatedBy')
    .where('s.projectId', '=', projectId)
    .selectAll('s')
    .select('u.displayName as updatedByName')
    .executeTakeFirst();
  return row ?? null;
}

export async function findStages(db: Db, projectId: number): Promise<StageRow[]> {
  return db
    .selectFrom('projectStages')
    .where('projectId', '=', projectId)
    .select(['projectId', 'stageKey', 'actualStart', 'actualFinish', 'note'])
    .execute();
}

/**
 * Creates the plan row of a project that had none (it then has version 2: the implicit plan was 1);
 * false when a concurrent writer created it first.
 */
export async function insertSchedule(db: Db, row: ScheduleTableRow): Promise<boolean> {
  const res = await db
    .insertInto('projectSchedules')
    .values(row)
    .onConflict((oc) => oc.column('projectId').doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Writes the plan only when it still has `version`; false on a stale version. */
export async function updateScheduleIfVersion(
  db: Db,
  projectId: number,
  version: number,
  patch: Partial<Omit<ScheduleTableRow, 'projectId' | 'version'>>,
): Promise<boolean> {
  const res = await db
    .updateTable('projectSchedules')
    .set({ ...patch, version: version + 1 })
    .where('projectId', '=', projectId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Replaces one stage's actual dates and note; a stage with nothing left is deleted. */
export async function saveStage(db: Db, row: NewStageRow): Promise<void> {
  await db
    .deleteFrom('projectStages')
    .where('projectId', '=', row.projectId)
    .where('stageKey', '=', row.stageKey)
    .execute();
  if (row.actualStart !== null || row.actualFinish !== null || row.note !== null)
    await db.insertInto('projectStages').values(row).execute();
}

export type BaselineRow = { id: number; name: string; savedAt: string };

export async function findBaselines(db: Db, projectId: number): Promise<BaselineRow[]> {
  return db
    .selectFrom('projectBaselines')
    .where('projectId', '=', projectId)
    .select(['id', 'name', 'savedAt'])
    .orderBy('savedAt', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function findBaselineData(
  db: Db,
  projectId: number,
  id: number,
): Promise<(BaselineRow & { data: string }) | null> {
  const row = await db
    .selectFrom('projectBaselines')
    .where('projectId', '=', projectId)
    .where('id', '=', id)
    .select(['id', 'name', 'savedAt', 'data'])
    .executeTakeFirst();
  return row ?? null;
}

export async function insertBaseline(
  db: Db,
  row: Omit<Insertable<ProjectBaselineTable>, 'id'>,
): Promise<number> {
  const { id } = await db
    .insertInto('projectBaselines')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export type BulkSchedule = Pick<ScheduleTableRow, 'projectId' | 'templateKey' | 'edits' | 'targets'>;

/** The plan rows of many projects, a few queries for any number of ids. */
export async function findSchedulesOf(db: Db, projectIds: readonly number[]): Promise<BulkSchedule[]> {
  const out: BulkSchedule[] = [];
  for (const part of chunks(projectIds, ID_CHUNK)) {
    out.push(
      ...(await db
        .selectFrom('projectSchedules')
        .where('projectId', 'in', part)
        .select(['projectId', 'templateKey', 'edits', 'targets'])
        .execute()),
    );
  }
  return out;
}

export type BulkStage = Pick<StageTableRow, 'projectId' | 'stageKey' | 'actualStart' | 'actualFinish'>;

/** The actual dates of many projects' stages, a few queries for any number of ids. */
export async function findStagesOf(db: Db, projectIds: readonly number[]): Promise<BulkStage[]> {
  const out: BulkStage[] = [];
  for (const part of chunks(projectIds, ID_CHUNK)) {
    const rows = await db
      .selectFrom('projectStages')
      .where('projectId', 'in', part)
      .select(['projectId', 'stageKey', 'actualStart', 'actualFinish'])
      .execute();
    for (const r of rows) out.push(r);
  }
  return out;
}

/** Bulk inserts for the seeders: multi-row statements inside the caller's transaction. */
export async function insertStagesBulk(db: Db, rows: readonly NewStageRow[]): Promise<void> {
  for (const part of chunks(rows, 2000)) await db.insertInto('projectStages').values(part).execute();
}

export async function insertSchedulesBulk(db: Db, rows: readonly ScheduleTableRow[]): Promise<void> {
  for (const part of chunks(rows, 2000)) await db.insertInto('projectSchedules').values(part).execute();
}

/**
 * Every project's actual dates packed in one string per project ('key,start,finish;…'), so that
 * 50,000 projects × 10 recorded stages cost one aggregated row each instead of half a million rows
 * through the driver (measured on SQLite: 2.5 s as rows, 0.75 s packed and split).
 */
export async function findPackedStagesOf(
  db: Db,
  projectIds: readonly number[],
): Promise<Map<number, string>> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const item = sql<string>`stage_key || ',' || coalesce(actual_start, '') || ',' || coalesce(actual_finish, '')`;
  const packed = postgres ? sql<string>`string_agg(${item}, ';')` : sql<string>`group_concat(${item}, ';')`;
  const out = new Map<number, string>();
  for (const part of chunks(projectIds, ID_CHUNK)) {
    const rows = await db
      .selectFrom('projectStages')
      .where('projectId', 'in', part)
      .where((eb) => eb.or([eb('actualStart', 'is not', null), eb('actualFinish', 'is not', null)]))
      .groupBy('projectId')
      .select(['projectId', packed.as('packed')])
      .execute();
    for (const r of rows) out.set(r.projectId, r.packed);
  }
  return out;
}

export type WarChartProjectRow = {
  id: number;
  name: string;
  level: string;
  regionId: number;
  regionName: string;
  leaderId: number | null;
  leaderName: string | null;
  departmentId: number | null;
  departmentName: string | null;
  plannedStart: string | null;
  plannedFinish: string | null;
};

/** A war-chart row's columns (the project, its year's level, the names its groups show). */
const WAR_CHART_COLUMNS = [
  'p.id',
  'p.name',
  'py.level',
  'p.regionId',
  'r.name as regionName',
  'p.leaderId',
  'l.name as leaderName',
  'p.departmentId',
  'd.name as departmentName',
  'p.plannedStart',
  'p.plannedFinish',
] as const;

/**
 * The narrow rows of the war chart under the ledger's grants and filters (ledgerBase, the ledger's
 * own rule), in the ledger's default order (level, annual plan, id). Going through findLedgerPage
 * instead cost 4.5 s at 50,000 projects (its page-by-id detail query).
 */
export async function findWarChartProjects(
  db: Db,
  f: LedgerFilter,
  grants: readonly ProjectGrant[],
): Promise<WarChartProjectRow[]> {
  if (grants.length === 0) return [];
  return ledgerBase(db, f, grants)
    .leftJoin('people as l', 'l.id', 'p.leaderId')
    .leftJoin('departments as d', 'd.id', 'p.departmentId')
    .select(WAR_CHART_COLUMNS)
    .orderBy(levelRank)
    .orderBy('py.annualPlan', 'desc')
    .orderBy('p.id')
    .execute();
}

/**
 * One year's war-chart rows, every project on the year's list (all of them, or only `ids`),
 * unfiltered and unordered: the war-chart cache (portfolio/war-chart-cache.ts) keeps them by id and
 * the portfolio index gives each request its ids in the ledger's order.
 */
export async function findWarChartRowsOfYear(
  db: Db,
  year: number,
  ids?: readonly number[],
): Promise<Array<WarChartProjectRow & { level: string }>> {
  if (ids && ids.length === 0) return [];
  const out: Array<WarChartProjectRow & { level: string }> = [];
  for (const part of ids ? chunks(ids, ID_CHUNK) : [null]) {
    let q = db
      .selectFrom('projects as p')
      .innerJoin('regions as r', 'r.id', 'p.regionId')
      .innerJoin('projectYears as py', (j) => j.onRef('py.projectId', '=', 'p.id').on('py.year', '=', year))
      .leftJoin('people as l', 'l.id', 'p.leaderId')
      .leftJoin('departments as d', 'd.id', 'p.departmentId')
      .select(WAR_CHART_COLUMNS);
    if (part) q = q.where('p.id', 'in', part);
    for (const r of await q.execute()) out.push(r);
  }
  return out;
}

/** The war chart's change counter and log (migration 0026): plans, actual dates, leaders' and departments' names. */
export const readWarChartState = (db: Db) => readChangeState(db, warChartLog);
export const findWarChartChanges = (db: Db, since: number, through: number) =>
  findChanges(db, warChartLog, since, through);
export const pruneWarChartChanges = (db: Db, through: number) => pruneChanges(db, warChartLog, through);

/**
 * SQL of the dispatch reports (一月一调度): drafts, submissions, reviews and their kept versions.
 * Money columns are bigint, turned into numbers by `num`.
 */
import { sql, type Selectable } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Database, DispatchReportTable } from '../db/schema.ts';
import { num } from './dispatch.repository.ts';

export type ReportRow = Omit<Database['dispatchReports'], 'id' | 'completedThisMonth' | 'fundsInPlace'> & {
  id: number;
  completedThisMonth: number | null;
  fundsInPlace: number | null;
};

/** Every report of a round. */
export async function findReportsOfRound(db: Db, roundId: number): Promise<ReportRow[]> {
  const rows = await db.selectFrom('dispatchReports').selectAll().where('roundId', '=', roundId).execute();
  return rows.map(toReport);
}

/**
 * The submitted (or accepted) monthly amounts of the region's rounds of a year up to `month`, per
 * project: what the year to date adds to the ledger's imported figure. With `projectId`, that
 * project's only (a report's checks: not every project's rows of the year per submission).
 */
export async function findReportedMonths(
  db: Db,
  regionId: number,
  year: number,
  month: string,
  projectId?: number,
): Promise<Array<{ projectId: number; month: string; amount: number }>> {
  let q = db
    .selectFrom('dispatchReports as rep')
    .innerJoin('dispatchRounds as dr', 'dr.id', 'rep.roundId')
    .where('dr.regionId', '=', regionId)
    .where('dr.year', '=', year)
    .where('dr.month', '<=', month)
    .where('rep.status', 'in', ['submitted', 'accepted'])
    .where('rep.completedThisMonth', 'is not', null);
  if (projectId !== undefined) q = q.where('rep.projectId', '=', projectId);
  const rows = await q.select(['rep.projectId', 'dr.month', 'rep.completedThisMonth']).execute();
  return rows.map((r) => ({ projectId: r.projectId, month: r.month, amount: Number(r.completedThisMonth) }));
}

const toReport = (r: Selectable<Database['dispatchReports']>): ReportRow => ({
  ...r,
  completedThisMonth: num(r.completedThisMonth),
  fundsInPlace: num(r.fundsInPlace),
});

export async function findReport(db: Db, roundId: number, projectId: number): Promise<ReportRow | null> {
  const r = await db
    .selectFrom('dispatchReports')
    .selectAll()
    .where('roundId', '=', roundId)
    .where('projectId', '=', projectId)
    .executeTakeFirst();
  return r ? toReport(r) : null;
}

export async function findReportByKey(db: Db, idempotencyKey: string): Promise<ReportRow | null> {
  const r = await db
    .selectFrom('dispatchReports')
    .selectAll()
    .where('idempotencyKey', '=', idempotencyKey)
    .executeTakeFirst();
  return r ? toReport(r) : null;
}

export async function isRoundProject(db: Db, roundId: number, projectId: number): Promise<boolean> {
  return (
    (await db
      .selectFrom('dispatchRoundProjects')
      .select('projectId')
      .where('roundId', '=', roundId)
      .where('projectId', '=', projectId)
      .executeTakeFirst()) !== undefined
  );
}

/** The report's stored fields (figures, texts, status) as a service writes them: amounts as numbers. */
export type ReportValues = Pick<
  Selectable<DispatchReportTable>,
  | 'status'
  | 'progressText'
  | 'workersOnSite'
  | 'statsIncluded'
  | 'statsCode'
  | 'statsDate'
  | 'problems'
  | 'nextMonthPlan'
  | 'stages'
  | 'submittedAt'
  | 'submittedBy'
  | 'late'
  | 'returnReason'
> & { completedThisMonth: number | null; fundsInPlace: number | null };

export async function insertReport(
  db: Db,
  values: ReportValues & { roundId: number; projectId: number; idempotencyKey: string },
  by: number | null,
  now: string,
): Promise<number> {
  const row = await db
    .insertInto('dispatchReports')
    .values({ ...values, createdAt: now, updatedAt: now, updatedBy: by || null, version: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateReportIfVersion(
  db: Db,
  id: number,
  version: number,
  values: ReportValues,
  by: number | null,
  now: string,
): Promise<boolean> {
  const r = await db
    .updateTable('dispatchReports')
    .set({ ...values, updatedAt: now, updatedBy: by || null, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function findReportLastChange(db: Db, id: number) {
  return (
    (await db
      .selectFrom('dispatchReports as rep')
      .leftJoin('users as u', 'u.id', 'rep.updatedBy')
      .where('rep.id', '=', id)
      .select(['rep.version', 'rep.updatedAt', 'u.displayName as updatedByName'])
      .executeTakeFirst()) ?? null
  );
}

/** Keeps a submitted version of a report (every one is kept and viewable). */
export async function insertReportVersion(
  db: Db,
  v: { reportId: number; version: number; status: string; data: unknown; by: number | null; at: string },
) {
  await db
    .insertInto('dispatchReportVersions')
    .values({
      reportId: v.reportId,
      version: v.version,
      status: v.status,
      data: JSON.stringify(v.data),
      at: v.at,
      by: v.by || null,
    })
    .execute();
}

export async function countReportVersions(db: Db, reportId: number): Promise<number> {
  const r = await db
    .selectFrom('dispatchReportVersions')
    .select(sql<string | number>`count(*)`.as('n'))
    .where('reportId', '=', reportId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Every kept version of a report, oldest first, with the name of who made it. */
export async function findReportVersions(db: Db, reportId: number) {
  return db
    .selectFrom('dispatchReportVersions as v')
    .leftJoin('users as u', 'u.id', 'v.by')
    .where('v.reportId', '=', reportId)
    .select(['v.version', 'v.status', 'v.data', 'v.at', 'u.displayName as byName'])
    .orderBy('v.version')
    .execute();
}

/** Sets a report's status (accepted, returned) and reason if its version is `version`. */
export async function decideReportIfVersion(
  db: Db,
  id: number,
  version: number,
  patch: { status: string; returnReason: string | null },
  by: number | null,
  now: string,
): Promise<boolean> {
  const r = await db
    .updateTable('dispatchReports')
    .set({ ...patch, updatedAt: now, updatedBy: by || null, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

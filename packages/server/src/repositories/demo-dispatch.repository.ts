/**
 * SQL of the demo's monthly dispatch (seed/demo-dispatch.ts): rounds, their projects, reports and
 * their kept versions written many rows per statement, so that years of reports seed in a moment.
 * Ids come back with a key of the row (month, idempotency key), not by position.
 */
import type { Insertable } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { DispatchReportTable, DispatchReportVersionTable, DispatchRoundTable } from '../db/schema.ts';

/** Rows per statement: at most ~11,000 parameters (a report has 22 columns), within both engines' limits. */
const CHUNK = 500;

/** Inserts rounds (one region's: months are unique); their ids by month. */
export async function insertRoundsBatch(
  db: Db,
  rows: ReadonlyArray<Insertable<DispatchRoundTable>>,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const res = await db
      .insertInto('dispatchRounds')
      .values(rows.slice(i, i + CHUNK) as Array<Insertable<DispatchRoundTable>>)
      .returning(['id', 'month'])
      .execute();
    for (const r of res) ids.set(r.month, r.id);
  }
  return ids;
}

export async function insertRoundProjectsBatch(
  db: Db,
  rows: ReadonlyArray<{ roundId: number; projectId: number }>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK * 8)
    await db
      .insertInto('dispatchRoundProjects')
      .values(rows.slice(i, i + CHUNK * 8) as Array<{ roundId: number; projectId: number }>)
      .execute();
}

/** Inserts reports; their ids by idempotency key. */
export async function insertReportsBatch(
  db: Db,
  rows: ReadonlyArray<Insertable<DispatchReportTable>>,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const res = await db
      .insertInto('dispatchReports')
      .values(rows.slice(i, i + CHUNK) as Array<Insertable<DispatchReportTable>>)
      .returning(['id', 'idempotencyKey'])
      .execute();
    for (const r of res) ids.set(r.idempotencyKey, r.id);
  }
  return ids;
}

export async function insertReportVersionsBatch(
  db: Db,
  rows: ReadonlyArray<Insertable<DispatchReportVersionTable>>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK * 2)
    await db
      .insertInto('dispatchReportVersions')
      .values(rows.slice(i, i + CHUNK * 2) as Array<Insertable<DispatchReportVersionTable>>)
      .execute();
}

/**
 * Deletes the rounds left without a project (`demo --remove`, once the demo's projects and so their
 * round rows and reports are gone): a round covers at least one project, so an empty one is the
 * demo's (or one opened over its projects only). Returns how many.
 */
export async function deleteRoundsWithoutProjects(db: Db): Promise<number> {
  const res = await db
    .deleteFrom('dispatchRounds')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('dispatchRoundProjects as rp')
            .select('rp.projectId')
            .whereRef('rp.roundId', '=', 'dispatchRounds.id'),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** A region's report of a project in a month's round (the demo's photos find theirs). */
export async function findDemoReport(db: Db, regionId: number, month: string, projectId: number) {
  return (
    (await db
      .selectFrom('dispatchReports as rep')
      .innerJoin('dispatchRounds as dr', 'dr.id', 'rep.roundId')
      .where('dr.regionId', '=', regionId)
      .where('dr.month', '=', month)
      .where('rep.projectId', '=', projectId)
      .select(['rep.id', 'rep.roundId', 'rep.status', 'rep.submittedBy', 'rep.submittedAt'])
      .executeTakeFirst()) ?? null
  );
}

/** Sets a report's status as it is, version untouched (the demo's photos, while they are added). */
export async function setReportStatusUnversioned(db: Db, id: number, status: string): Promise<void> {
  await db.updateTable('dispatchReports').set({ status }).where('id', '=', id).execute();
}

/**
 * SQL of the job runner: the `jobs` rows (one per job of the catalogue), claiming a due job for one
 * runner, and the `job_runs` history. A claim is a lease (locked_by, locked_until) taken inside a
 * transaction; on PostgreSQL the row is first selected FOR UPDATE SKIP LOCKED so that runners of
 * several app servers never take one job twice.
 */
import type { Selectable } from 'kysely';
import type { DbHandle, Db } from '../db/connect.ts';
import type { JobRunTable, JobTable } from '../db/schema.ts';

export type JobRow = Selectable<JobTable>;
export type JobRunRow = Selectable<JobRunTable>;

export async function findJobRows(db: Db): Promise<JobRow[]> {
  return db.selectFrom('jobs').selectAll().orderBy('name').execute();
}

export async function findJobRow(db: Db, name: string): Promise<JobRow | null> {
  return (await db.selectFrom('jobs').selectAll().where('name', '=', name).executeTakeFirst()) ?? null;
}

/** Adds a job of the catalogue; a row another runner inserted meanwhile is left alone. */
export async function insertJobIfMissing(
  db: Db,
  v: { name: string; schedule: string | null; nextRunAt: string | null; at: string },
): Promise<void> {
  await db
    .insertInto('jobs')
    .values({
      name: v.name,
      schedule: v.schedule,
      nextRunAt: v.nextRunAt,
      createdAt: v.at,
      updatedAt: v.at,
    })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}

/** A changed schedule in the catalogue: the stored one follows, with its next time. */
export async function updateJobSchedule(
  db: Db,
  v: { name: string; schedule: string | null; nextRunAt: string | null; at: string },
): Promise<void> {
  await db
    .updateTable('jobs')
    .set((eb) => ({
      schedule: v.schedule,
      nextRunAt: v.nextRunAt,
      updatedAt: v.at,
      version: eb('version', '+', 1),
    }))
    .where('name', '=', v.name)
    .execute();
}

/**
 * Takes one due job (requested, or its next time reached) that no live lease holds, among `names`,
 * for `runner` until `leaseUntil`. Null when nothing is due or another runner was faster.
 */
export async function claimDueJob(
  handle: DbHandle,
  v: { names: string[]; now: string; runner: string; leaseUntil: string },
): Promise<JobRow | null> {
  if (v.names.length === 0) return null;
  return handle.db.transaction().execute(async (trx) => {
    let query = trx
      .selectFrom('jobs')
      .selectAll()
      .where('name', 'in', v.names)
      .where((eb) => eb.or([eb('requestedAt', 'is not', null), eb('nextRunAt', '<=', v.now)]))
      .where((eb) => eb.or([eb('lockedUntil', 'is', null), eb('lockedUntil', '<=', v.now)]))
      .orderBy('nextRunAt')
      .orderBy('id')
      .limit(1);
    if (handle.engine === 'postgres') query = query.forUpdate().skipLocked();
    const row = await query.executeTakeFirst();
    if (!row) return null;
    const res = await trx
      .updateTable('jobs')
      .set((eb) => ({
        lockedBy: v.runner,
        lockedUntil: v.leaseUntil,
        requestedAt: null,
        requestedBy: null,
        lastRunAt: v.now,
        lastStatus: 'running',
        attempts: eb('attempts', '+', 1),
        updatedAt: v.now,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', row.id)
      .where((eb) => eb.or([eb('lockedUntil', 'is', null), eb('lockedUntil', '<=', v.now)]))
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return null;
    return { ...row, lockedBy: v.runner, lockedUntil: v.leaseUntil, attempts: row.attempts + 1 };
  });
}

/** Ends a run: the outcome, the next time, the lease released — only by the runner holding it. */
export async function finishJob(
  db: Db,
  v: {
    id: number;
    runner: string;
    finishedAt: string;
    status: 'ok' | 'failed';
    error: string | null;
    failures: number;
    failed: boolean;
    nextRunAt: string | null;
  },
): Promise<boolean> {
  const res = await db
    .updateTable('jobs')
    .set((eb) => ({
      lastFinishedAt: v.finishedAt,
      lastStatus: v.status,
      lastError: v.error,
      failures: v.failures,
      totalFailures: v.failed ? eb('totalFailures', '+', 1) : eb.ref('totalFailures'),
      nextRunAt: v.nextRunAt,
      lockedBy: null,
      lockedUntil: null,
      updatedAt: v.finishedAt,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', v.id)
    .where('lockedBy', '=', v.runner)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** "Run now": due at the next poll of any runner. False for a job not (yet) stored. */
export async function requestJobRun(db: Db, name: string, at: string, by: number | null): Promise<boolean> {
  const res = await db
    .updateTable('jobs')
    .set((eb) => ({ requestedAt: at, requestedBy: by, updatedAt: at, version: eb('version', '+', 1) }))
    .where('name', '=', name)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function insertJobRun(
  db: Db,
  v: { job: string; runner: string; attempt: number; startedAt: string },
): Promise<number> {
  const row = await db
    .insertInto('jobRuns')
    .values({ ...v, status: 'running' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function finishJobRun(
  db: Db,
  v: {
    id: number;
    finishedAt: string;
    status: 'ok' | 'failed';
    summary: string | null;
    error: string | null;
  },
): Promise<void> {
  await db
    .updateTable('jobRuns')
    .set({ finishedAt: v.finishedAt, status: v.status, summary: v.summary, error: v.error })
    .where('id', '=', v.id)
    .execute();
}

/** The latest runs of a job, newest first. */
export async function findRecentRuns(db: Db, job: string, limit: number): Promise<JobRunRow[]> {
  return db
    .selectFrom('jobRuns')
    .selectAll()
    .where('job', '=', job)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Forgets runs started before `before` (the history is for the admin page, not an audit). */
export async function deleteRunsBefore(db: Db, job: string, before: string): Promise<void> {
  await db.deleteFrom('jobRuns').where('job', '=', job).where('startedAt', '<', before).execute();
}

/**
 * 后台任务 for the root region's admin: the catalogue's jobs with their stored state and latest
 * runs, and "run now" (audited), which makes a job due for the next poll of any runner.
 */
import type { JobInfo, JobList, JobRunDto, JobStatus } from '@guatu/contracts';
import type { Db } from '../db/connect.ts';
import { AppError } from '../errors.ts';
import { jobCatalogue } from '../jobs/catalogue.ts';
import { JOB_TIME_ZONE, nextCronTime, runNow } from '../jobs/runner.ts';
import type { JobDefinition } from '../jobs/types.ts';
import type { Actor } from '../policies/actor.ts';
import { canManageJobs } from '../policies/jobs.policy.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import * as repo from '../repositories/jobs.repository.ts';

const RECENT_RUNS = 10;

function requireJobAdmin(actor: Actor) {
  if (!canManageJobs(actor)) throw new AppError('forbidden');
}

const runDto = (r: repo.JobRunRow): JobRunDto => ({
  id: r.id,
  runner: r.runner,
  attempt: r.attempt,
  startedAt: r.startedAt,
  finishedAt: r.finishedAt,
  status: r.status as JobStatus,
  summary: r.summary === null ? null : (JSON.parse(r.summary) as Record<string, unknown>),
  error: r.error,
});

async function infoOf(db: Db, def: JobDefinition, row: repo.JobRow | null, now: Date): Promise<JobInfo> {
  const running =
    row?.lastStatus === 'running' && row.lockedUntil !== null && row.lockedUntil > now.toISOString();
  return {
    name: def.name,
    schedule: def.schedule,
    timeZone: JOB_TIME_ZONE,
    nextRunAt: row
      ? row.nextRunAt
      : def.schedule
        ? (nextCronTime(def.schedule, now)?.toISOString() ?? null)
        : null,
    requestedAt: row?.requestedAt ?? null,
    lastRunAt: row?.lastRunAt ?? null,
    lastFinishedAt: row?.lastFinishedAt ?? null,
    lastStatus: (row?.lastStatus ?? null) as JobStatus | null,
    lastError: row?.lastError ?? null,
    failures: row?.failures ?? 0,
    totalFailures: row?.totalFailures ?? 0,
    attempts: row?.attempts ?? 0,
    running,
    recentRuns: (await repo.findRecentRuns(db, def.name, RECENT_RUNS)).map(runDto),
  };
}

/** Every job of the catalogue, by name, with what the table knows of it (nothing before a runner ran). */
export async function listJobs(
  db: Db,
  actor: Actor,
  now: Date,
  catalogue: JobDefinition[] = jobCatalogue,
): Promise<JobList> {
  requireJobAdmin(actor);
  const rows = new Map((await repo.findJobRows(db)).map((r) => [r.name, r]));
  const defs = [...catalogue].sort((a, b) => a.name.localeCompare(b.name));
  return { items: await Promise.all(defs.map((d) => infoOf(db, d, rows.get(d.name) ?? null, now))) };
}

/** "Run now": due at the next poll; audited in the same transaction. Unknown name → 404. */
export async function requestRunNow(
  db: Db,
  actor: Actor,
  name: string,
  now: Date,
  catalogue: JobDefinition[] = jobCatalogue,
): Promise<JobInfo> {
  requireJobAdmin(actor);
  const def = catalogue.find((d) => d.name === name);
  if (!def) throw new AppError('not_found', { entity: 'job' });
  await db.transaction().execute(async (trx) => {
    await runNow(trx, name, { now, by: actor.id > 0 ? actor.id : null, catalogue });
    await recordAudit(trx, actor, {
      action: 'run',
      entity: 'job',
      entityId: name,
      after: { requestedAt: now.toISOString() },
    });
  });
  return infoOf(db, def, await repo.findJobRow(db, name), now);
}

/**
 * The durable job runner. The catalogue (./catalogue.ts) is synced into the `jobs` table; a job is
 * due when its cron time (croner, Asia/Shanghai) has come or someone asked to run it now. A runner
 * claims one due job at a time — FOR UPDATE SKIP LOCKED then a lease on PostgreSQL, the same lease
 * in process on SQLite — runs it, records the run in `job_runs`, and sets the next time: the cron's
 * next after a success, a growing delay (1, 2, 4 … 60 minutes) after a failure.
 *
 * Tests drive it with `runDueJobs(handle, config, now)` and a fake clock; `serve` starts
 * `startJobRunner`, never buildApp (tests build many apps).
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Cron } from 'croner';
import type { Config } from '../config.ts';
import type { Db, DbHandle } from '../db/connect.ts';
import * as repo from '../repositories/jobs.repository.ts';
import { jobCatalogue } from './catalogue.ts';
import type { JobDefinition } from './types.ts';

export const JOB_TIME_ZONE = 'Asia/Shanghai';
export const DEFAULT_LEASE_MINUTES = 30;
const BACKOFF_MAX_MINUTES = 60;
const RUN_HISTORY_DAYS = 30;
const ERROR_MAX_CHARS = 2000;

const MINUTE = 60_000;

/** The first time strictly after `after` that the cron expression names (Asia/Shanghai), or null. */
export function nextCronTime(schedule: string, after: Date): Date | null {
  return new Cron(schedule, { timezone: JOB_TIME_ZONE, paused: true }).nextRun(after);
}

/** Minutes to wait before retrying after the n-th consecutive failure: 1, 2, 4 … capped at 60. */
export function retryDelayMinutes(failures: number): number {
  return Math.min(BACKOFF_MAX_MINUTES, 2 ** Math.max(0, failures - 1));
}

/** A new runner's id, written in locked_by and job_runs.runner: host, process, random. */
export function newRunnerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

function checkCatalogue(catalogue: JobDefinition[]): void {
  const seen = new Set<string>();
  for (const def of catalogue) {
    if (seen.has(def.name)) throw new Error(`job ${def.name} is listed twice in the catalogue`);
    seen.add(def.name);
    if (def.schedule !== null && nextCronTime(def.schedule, new Date()) === null)
      throw new Error(`job ${def.name}: the schedule "${def.schedule}" never fires`);
  }
}

/** Adds the catalogue's new jobs to the table and follows changed schedules (idempotent). */
export async function syncJobs(db: Db, catalogue: JobDefinition[], now: Date): Promise<void> {
  checkCatalogue(catalogue);
  const stored = new Map((await repo.findJobRows(db)).map((r) => [r.name, r]));
  const at = now.toISOString();
  for (const def of catalogue) {
    const nextRunAt = def.schedule ? (nextCronTime(def.schedule, now)?.toISOString() ?? null) : null;
    const row = stored.get(def.name);
    if (!row) await repo.insertJobIfMissing(db, { name: def.name, schedule: def.schedule, nextRunAt, at });
    else if (row.schedule !== def.schedule)
      await repo.updateJobSchedule(db, { name: def.name, schedule: def.schedule, nextRunAt, at });
  }
}

export type JobOutcome = {
  name: string;
  runId: number;
  attempt: number;
  status: 'ok' | 'failed';
  summary: Record<string, unknown> | null;
  error: string | null;
  /** When the job is due next (ISO), or null for a job without a schedule. */
  nextRunAt: string | null;
};

export type RunOptions = { runner?: string; log?: (message: string) => void };

const defaultLog = (message: string) => console.log(`[guatu] job ${message}`);

/**
 * Runs, once each, the jobs of the catalogue that are due at `now` and that no other runner holds;
 * returns what ran, in order. A job's failure is recorded, never thrown.
 */
export async function runDueJobs(
  handle: DbHandle,
  config: Config,
  now: Date,
  catalogue: JobDefinition[] = jobCatalogue,
  opts: RunOptions = {},
): Promise<JobOutcome[]> {
  const { db } = handle;
  const runner = opts.runner ?? newRunnerId();
  const log = opts.log ?? defaultLog;
  await syncJobs(db, catalogue, now);
  const byName = new Map(catalogue.map((d) => [d.name, d]));
  const lease = Math.max(DEFAULT_LEASE_MINUTES, ...catalogue.map((d) => d.leaseMinutes ?? 0));
  const outcomes: JobOutcome[] = [];
  const done = new Set<string>();
  for (;;) {
    const names = [...byName.keys()].filter((n) => !done.has(n));
    const row = await repo.claimDueJob(handle, {
      names,
      now: now.toISOString(),
      runner,
      leaseUntil: new Date(now.getTime() + lease * MINUTE).toISOString(),
    });
    if (!row) break;
    done.add(row.name);
    outcomes.push(await runClaimed(db, config, now, byName.get(row.name)!, row, runner, log));
  }
  return outcomes;
}

async function runClaimed(
  db: Db,
  config: Config,
  now: Date,
  def: JobDefinition,
  row: repo.JobRow,
  runner: string,
  log: (message: string) => void,
): Promise<JobOutcome> {
  const started = Date.now();
  const runId = await repo.insertJobRun(db, {
    job: def.name,
    runner,
    attempt: row.failures + 1,
    startedAt: now.toISOString(),
  });
  let summary: Record<string, unknown> | null = null;
  let error: string | null = null;
  try {
    summary = (await def.run({ db, config, now, log: (m) => log(`${def.name}: ${m}`) })) ?? null;
  } catch (err) {
    error = (err instanceof Error ? err.message || err.name : String(err)).slice(0, ERROR_MAX_CHARS);
    log(`${def.name} failed: ${error}`);
  }
  const status = error === null ? 'ok' : 'failed';
  const failures = error === null ? 0 : row.failures + 1;
  const next =
    error !== null
      ? new Date(now.getTime() + retryDelayMinutes(failures) * MINUTE)
      : def.schedule
        ? nextCronTime(def.schedule, now)
        : null;
  const nextRunAt = next?.toISOString() ?? null;
  const finishedAt = new Date(now.getTime() + (Date.now() - started)).toISOString();
  await repo.finishJobRun(db, {
    id: runId,
    finishedAt,
    status,
    summary: summary === null ? null : JSON.stringify(summary),
    error,
  });
  const kept = await repo.finishJob(db, {
    id: row.id,
    runner,
    finishedAt,
    status,
    error,
    failures,
    failed: error !== null,
    nextRunAt,
  });
  if (!kept) log(`${def.name}: the lease ran out before the run ended; another runner may have taken it`);
  await repo.deleteRunsBefore(
    db,
    def.name,
    new Date(now.getTime() - RUN_HISTORY_DAYS * 1440 * MINUTE).toISOString(),
  );
  return { name: def.name, runId, attempt: row.failures + 1, status, summary, error, nextRunAt };
}

/**
 * "Run now": the job becomes due for the next poll of any runner. False for a name the catalogue
 * does not have.
 */
export async function runNow(
  db: Db,
  name: string,
  opts: { now?: Date; by?: number | null; catalogue?: JobDefinition[] } = {},
): Promise<boolean> {
  const catalogue = opts.catalogue ?? jobCatalogue;
  if (!catalogue.some((d) => d.name === name)) return false;
  const now = opts.now ?? new Date();
  await syncJobs(db, catalogue, now);
  return repo.requestJobRun(db, name, now.toISOString(), opts.by ?? null);
}

export type JobRunnerHandle = { runner: string; stop: () => Promise<void> };

/**
 * Polls every `pollSeconds` (first poll at once) until stopped; `stop` waits for the running job.
 * Started by `serve` after listen; one per app server.
 */
export function startJobRunner(opts: {
  handle: DbHandle;
  config: Config;
  pollSeconds?: number;
  catalogue?: JobDefinition[];
  log?: (message: string) => void;
}): JobRunnerHandle {
  const runner = newRunnerId();
  const log = opts.log ?? defaultLog;
  const pollMs = Math.max(1, opts.pollSeconds ?? opts.config.jobPollSeconds) * 1000;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<void> | null = null;
  const tick = () => {
    timer = null;
    current = runDueJobs(opts.handle, opts.config, new Date(), opts.catalogue, { runner, log })
      .then(
        () => undefined,
        (err: unknown) => log(`runner ${runner}: ${err instanceof Error ? err.message : String(err)}`),
      )
      .finally(() => {
        current = null;
        if (!stopped) timer = setTimeout(tick, pollMs);
      });
  };
  tick();
  return {
    runner,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}

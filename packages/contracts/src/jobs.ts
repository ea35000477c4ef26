import { z } from 'zod';
import { lazy } from './lazy.ts';

/** A job's name: lower-case words joined by '-' (e.g. purge-expired-uploads). */
export const jobName = lazy(() =>
  z
    .string()
    .max(100)
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'job name'),
);
export const jobNameParams = lazy(() => z.strictObject({ name: jobName }));
export type JobNameParams = z.infer<typeof jobNameParams>;

export const jobStatus = lazy(() => z.enum(['running', 'ok', 'failed']));
export type JobStatus = z.infer<typeof jobStatus>;

export const jobRun = lazy(() =>
  z.object({
    id: z.int(),
    runner: z.string(),
    attempt: z.int(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    status: jobStatus,
    /** What the job reported, e.g. { deleted: 3 }. */
    summary: z.record(z.string(), z.unknown()).nullable(),
    error: z.string().nullable(),
  }),
);
export type JobRunDto = z.infer<typeof jobRun>;

export const jobInfo = lazy(() =>
  z.object({
    name: z.string(),
    /** Cron expression (Asia/Shanghai), or null for a job run only on request. */
    schedule: z.string().nullable(),
    timeZone: z.string(),
    nextRunAt: z.string().nullable(),
    /** "Run now" was asked and no run has started since. */
    requestedAt: z.string().nullable(),
    lastRunAt: z.string().nullable(),
    lastFinishedAt: z.string().nullable(),
    lastStatus: jobStatus.nullable(),
    lastError: z.string().nullable(),
    /** Consecutive failures since the last success (the retry delay grows with it). */
    failures: z.int(),
    totalFailures: z.int(),
    attempts: z.int(),
    running: z.boolean(),
    recentRuns: z.array(jobRun),
  }),
);
export type JobInfo = z.infer<typeof jobInfo>;
export const jobList = lazy(() => z.object({ items: z.array(jobInfo) }));
export type JobList = z.infer<typeof jobList>;

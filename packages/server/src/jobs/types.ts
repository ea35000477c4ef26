import type { Config } from '../config.ts';
import type { Db } from '../db/connect.ts';

/** What a job gets when it runs: the database, the configuration and the runner's clock. */
export type JobContext = {
  db: Db;
  config: Config;
  now: Date;
  log: (message: string) => void;
};

/**
 * One durable background job. `schedule` is a cron expression (croner syntax, Asia/Shanghai time),
 * or null for a job that only runs when enqueued or started by hand ("run now").
 * `run` returns an optional summary kept with the run record (e.g. `{ deleted: 12 }`).
 */
export type JobDefinition = {
  name: string;
  schedule: string | null;
  run: (ctx: JobContext) => Promise<Record<string, unknown> | void>;
  /**
   * How long a runner holds the job (default 30 minutes): a runner that dies mid-run leaves the
   * job to be taken again after this lease. Set it above the longest expected run.
   */
  leaseMinutes?: number;
};

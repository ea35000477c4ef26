import type { JobDefinition } from '../jobs/types.ts';
import {
  portfolioLog,
  pruneChanges,
  readChangeState,
  warChartLog,
  type ChangeLog,
} from '../repositories/change-log.repository.ts';

/** Changes kept behind a counter: an app server further behind than this reloads everything. */
export const PORTFOLIO_CHANGES_KEPT = 100_000;
export const WAR_CHART_CHANGES_KEPT = 100_000;

/**
 * Keeps a change log short: hourly, forgets the changes more than `kept` versions behind its
 * counter. A cache older than what was pruned reloads whole (portfolio/portfolio.ts,
 * portfolio/war-chart-cache.ts), so pruning never makes a reader stale.
 */
function pruneJob(name: string, schedule: string, log: ChangeLog, kept: number): JobDefinition {
  return {
    name,
    schedule,
    async run({ db }) {
      const { version } = await readChangeState(db, log);
      const through = version - kept;
      if (through <= 0) return { deleted: 0 };
      return { deleted: await pruneChanges(db, log, through), through };
    },
  };
}

/** The portfolio's log (migrations 0025, 0029). */
export const prunePortfolioChangesJob = pruneJob(
  'prune-portfolio-changes',
  '17 * * * *',
  portfolioLog,
  PORTFOLIO_CHANGES_KEPT,
);
/** The war chart's log (migration 0026). */
export const pruneWarChartChangesJob = pruneJob(
  'prune-war-chart-changes',
  '19 * * * *',
  warChartLog,
  WAR_CHART_CHANGES_KEPT,
);

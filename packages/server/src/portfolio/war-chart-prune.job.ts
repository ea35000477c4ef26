import type { JobDefinition } from '../jobs/types.ts';
import { pruneWarChartChanges, readWarChartState } from '../repositories/schedule.repository.ts';

/** Changes kept behind the counter: an app server further behind than this recomputes its charts. */
export const WAR_CHART_CHANGES_KEPT = 100_000;

/**
 * Keeps the war chart's change log (migration 0026) short: hourly, forgets the changes more than
 * WAR_CHART_CHANGES_KEPT versions behind the counter. A cache older than what was pruned rebuilds
 * its charts (portfolio/war-chart-cache.ts), so pruning never makes a reader stale.
 */
export const pruneWarChartChangesJob: JobDefinition = {
  name: 'prune-war-chart-changes',
  schedule: '19 * * * *',
  async run({ db }) {
    const { version } = await readWarChartState(db);
    const through = version - WAR_CHART_CHANGES_KEPT;
    if (through <= 0) return { deleted: 0 };
    return { deleted: await pruneWarChartChanges(db, through), through };
  },
};

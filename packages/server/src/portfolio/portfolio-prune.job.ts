import type { JobDefinition } from '../jobs/types.ts';
import { prunePortfolioChanges, readPortfolioState } from '../repositories/portfolio.repository.ts';

/** Changes kept behind the counter: an app server further behind than this reloads everything. */
export const PORTFOLIO_CHANGES_KEPT = 100_000;

/**
 * Keeps the portfolio's change log (migration 0025) short: hourly, forgets the changes more than
 * PORTFOLIO_CHANGES_KEPT versions behind the counter. A cache older than what was pruned reloads
 * its years whole (portfolio/portfolio.ts), so pruning never makes a reader stale.
 */
export const prunePortfolioChangesJob: JobDefinition = {
  name: 'prune-portfolio-changes',
  schedule: '17 * * * *',
  async run({ db }) {
    const { version } = await readPortfolioState(db);
    const through = version - PORTFOLIO_CHANGES_KEPT;
    if (through <= 0) return { deleted: 0 };
    return { deleted: await prunePortfolioChanges(db, through), through };
  },
};

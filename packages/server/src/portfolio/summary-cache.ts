/**
 * The ledger summary at province scale (issue 11): kept per portfolio index (one year at one
 * counter version, portfolio.ts) and query, so that repeated summaries of 50,000 projects — the
 * ledger's header on every page, several readers at once — cost a lookup. A new index (any project
 * change through any app server) starts with none; the key holds the grants and every filter,
 * 截止日期 (asOf) or today included.
 */
import { summariseLedger, type LedgerSummary } from '@guatu/domain';
import type { ProjectGrant } from '../policies/project.policy.ts';
import type { PortfolioFilter, PortfolioIndex } from './portfolio-index.ts';

/** Distinct summaries kept per index. */
const KEPT = 64;

const kept = new WeakMap<PortfolioIndex, Map<string, LedgerSummary>>();

/** summariseLedger over the index's rows matching the filter and grants, kept while the index lives. */
export function portfolioSummary(
  index: PortfolioIndex,
  year: number,
  filter: PortfolioFilter,
  grants: readonly ProjectGrant[],
): LedgerSummary {
  let byKey = kept.get(index);
  if (!byKey) kept.set(index, (byKey = new Map()));
  const key = JSON.stringify([year, filter, grants]);
  const known = byKey.get(key);
  if (known) return known;
  const summary = summariseLedger(year, index.summaryRows(filter, grants));
  byKey.set(key, summary);
  if (byKey.size > KEPT) byKey.delete(byKey.keys().next().value!);
  return summary;
}

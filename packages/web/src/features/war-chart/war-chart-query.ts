import type { QueryClient } from '@tanstack/react-query';
import { WAR_CHART_BINARY_TYPE } from '@guatu/contracts';
import { api, type Query } from '../../api/client.ts';
import { scheduleKeys } from '../../api/schedule-queries.ts';
import { filterKeys } from '../../pages/ledger/use-ledger-params.ts';
import { decodeWarChart, type WarChartData } from './war-chart-decode.ts';

// The war chart's request, shared by the page and the menu: a click on 挂图作战 starts it at once,
// in parallel with the page's chunk, under the very key the page then reads (no second request).
// Kept small and free of the page's code: the shell imports it.

/** The request of the war chart: year, the ledger's filters and the grouping, in one order. */
export function warChartQueryOf(
  year: number | null,
  filters: Partial<Record<string, string>>,
  groupBy: string,
): Query {
  return { year, ...filters, groupBy };
}

/** GET /api/war-chart in its binary form, decoded (war-chart-decode.ts); marked for the click benchmark. */
async function fetchWarChart(query: Query): Promise<WarChartData> {
  const bytes = await api.bytes('/war-chart', query, WAR_CHART_BINARY_TYPE);
  performance.mark('war-chart-received');
  const data = decodeWarChart(bytes);
  performance.mark('war-chart-parsed');
  return data;
}

/**
 * The query's options: 5 MB of JSON for a province is never compared deep with the previous answer
 * (structural sharing would walk every cell on each refetch).
 */
export function warChartQueryOptions(query: Query) {
  return {
    queryKey: scheduleKeys.warChart(query),
    queryFn: () => fetchWarChart(query),
    staleTime: 30_000,
    structuralSharing: false,
  } as const;
}

const yearsKey = ['projects', 'years'] as const;

type Place = { pathname: string; search: string };

/** The year and filters of the ledger or the war chart being shown, which the other one keeps. */
function shared(location: Place) {
  const from = location.pathname.replace(/\/+$/, '');
  const here = new URLSearchParams(from === '/projects' || from === '/war-chart' ? location.search : '');
  const search = new URLSearchParams();
  const filters: Record<string, string> = {};
  const y = Number(here.get('year'));
  const year = Number.isInteger(y) && y > 0 ? y : null;
  if (year !== null) search.set('year', String(year));
  for (const k of filterKeys) {
    const v = here.get(k);
    if (!v) continue;
    filters[k] = v;
    search.set(k, v);
  }
  return { year, filters, search: search.toString() };
}

/**
 * Starts the request of the war chart that a click on 挂图作战 from `location` opens, when its year is
 * known (in the address, or the current year already fetched); a request under way is not repeated.
 */
export function prefetchWarChart(location: Place, client: QueryClient): void {
  const { year, filters } = shared(location);
  const resolved = year ?? client.getQueryData<{ current?: number | null }>(yearsKey)?.current ?? null;
  if (resolved !== null)
    void client.prefetchQuery(warChartQueryOptions(warChartQueryOf(resolved, filters, 'level')));
}

/**
 * Where a menu click on the ledger or the war chart goes: the other one keeps the year and the
 * filters in use (they share them). A click on 挂图作战 also starts the chart's request now (if the
 * press of the button has not already).
 */
export function menuTarget(key: string, location: Place, client: QueryClient): string {
  if (key !== '/war-chart' && key !== '/projects') return key;
  if (key === '/war-chart') prefetchWarChart(location, client);
  const { search } = shared(location);
  return search ? `${key}?${search}` : key;
}

/** The menu item of 挂图作战 under a pointer press (rc-menu marks items data-menu-id="<menu id>-<key>"). */
export function pressedWarChart(target: EventTarget | null): boolean {
  const item = target instanceof Element ? target.closest('[data-menu-id]') : null;
  return item?.getAttribute('data-menu-id')?.endsWith('-/war-chart') ?? false;
}

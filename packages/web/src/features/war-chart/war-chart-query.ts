import type { QueryClient } from '@tanstack/react-query';
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

/** GET /api/war-chart read as bytes and decoded (war-chart-decode.ts); marked for the click benchmark. */
async function fetchWarChart(query: Query): Promise<WarChartData> {
  const bytes = await api.bytes('/war-chart', query);
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

/**
 * Where a menu click on the ledger or the war chart goes: the other one keeps the year and the
 * filters in use (they share them). A click on 挂图作战 also starts the chart's request now, when
 * its year is known (in the address, or the current year already fetched).
 */
export function menuTarget(key: string, location: { pathname: string; search: string }, client: QueryClient) {
  if (key !== '/war-chart' && key !== '/projects') return key;
  const from = location.pathname.replace(/\/+$/, '');
  const here = new URLSearchParams(from === '/projects' || from === '/war-chart' ? location.search : '');
  const carried = new URLSearchParams();
  const filters: Record<string, string> = {};
  const y = Number(here.get('year'));
  const year = Number.isInteger(y) && y > 0 ? y : null;
  if (year !== null) carried.set('year', String(year));
  for (const k of filterKeys) {
    const v = here.get(k);
    if (!v) continue;
    filters[k] = v;
    carried.set(k, v);
  }
  if (key === '/war-chart') {
    const current = client.getQueryData<{ current?: number | null }>(yearsKey)?.current ?? null;
    const resolved = year ?? current;
    if (resolved !== null)
      void client.prefetchQuery(warChartQueryOptions(warChartQueryOf(resolved, filters, 'level')));
  }
  const s = carried.toString();
  return s ? `${key}?${s}` : key;
}

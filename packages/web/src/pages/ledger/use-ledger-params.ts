import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { Query } from '../../api/client.ts';

/** The ledger's filters, sort and page live in the URL so a view can be bookmarked and shared. */
export const filterKeys = [
  'level',
  'category',
  'started',
  'regionId',
  'leaderId',
  'departmentId',
  'industry',
  'q',
  'archived',
] as const;
export type FilterKey = (typeof filterKeys)[number];

export type LedgerParams = {
  year: number | null;
  /** 截止日期 of the summary (YYYY-MM-DD), null for today. */
  asOf: string | null;
  filters: Partial<Record<FilterKey, string>>;
  sort: string | null;
  order: 'asc' | 'desc' | null;
  page: number;
  pageSize: number;
};

export function useLedgerParams() {
  const [search, setSearch] = useSearchParams();

  const params = useMemo<LedgerParams>(() => {
    const filters: Partial<Record<FilterKey, string>> = {};
    for (const k of filterKeys) {
      const v = search.get(k);
      if (v) filters[k] = v;
    }
    const year = Number(search.get('year'));
    const order = search.get('order');
    const asOf = search.get('asOf');
    return {
      year: Number.isInteger(year) && year > 0 ? year : null,
      asOf: asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : null,
      filters,
      sort: search.get('sort'),
      order: order === 'asc' || order === 'desc' ? order : null,
      page: Math.max(1, Number(search.get('page')) || 1),
      pageSize: Math.min(100, Math.max(10, Number(search.get('pageSize')) || 20)),
    };
  }, [search]);

  /** Merges changes; any change but the page itself goes back to page 1. */
  const update = useCallback(
    (changes: Record<string, string | number | null | undefined>) => {
      setSearch(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes)) {
            if (v === null || v === undefined || v === '') next.delete(k);
            else next.set(k, String(v));
          }
          if (!('page' in changes)) next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setSearch],
  );

  const reset = useCallback(() => {
    setSearch((prev) => {
      const next = new URLSearchParams();
      for (const key of ['year', 'asOf']) {
        const value = prev.get(key);
        if (value) next.set(key, value);
      }
      return next;
    });
  }, [setSearch]);

  return { params, update, reset };
}

export function summaryQuery(year: number, p: LedgerParams): Query {
  return { year, ...p.filters, asOf: p.asOf };
}

export function ledgerQuery(year: number, p: LedgerParams): Query {
  return {
    year,
    ...p.filters,
    sort: p.sort,
    order: p.sort ? p.order : null,
    page: p.page,
    pageSize: p.pageSize,
  };
}

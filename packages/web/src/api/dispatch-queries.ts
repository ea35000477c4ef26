import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { DispatchRoundList, DispatchTable } from '@guatu/contracts';
import { api } from './client.ts';

/** 调度轮次: the dispatch rounds of a year in the caller's scope (GET /api/dispatch/rounds?year=). */
export function useDispatchRounds(year: number) {
  return useQuery({
    queryKey: ['dispatch-rounds', year],
    queryFn: () => api.get<DispatchRoundList>('/dispatch/rounds', { year }),
    placeholderData: keepPreviousData,
  });
}

/** 调度表: a round's dispatch table with totals (GET /api/dispatch/rounds/:id/table). */
export function useDispatchTable(id: number) {
  return useQuery({
    queryKey: ['dispatch-table', id],
    queryFn: () => api.get<DispatchTable>(`/dispatch/rounds/${id}/table`),
    enabled: Number.isInteger(id) && id > 0,
  });
}

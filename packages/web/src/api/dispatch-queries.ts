import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { DispatchRoundList } from '@guatu/contracts';
import { api } from './client.ts';

/** 调度轮次: the dispatch rounds of a year in the caller's scope (GET /api/dispatch/rounds?year=). */
export function useDispatchRounds(year: number) {
  return useQuery({
    queryKey: ['dispatch-rounds', year],
    queryFn: () => api.get<DispatchRoundList>('/dispatch/rounds', { year }),
    placeholderData: keepPreviousData,
  });
}

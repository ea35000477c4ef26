import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  DispatchFigures,
  DispatchReport,
  DispatchReportVersionList,
  DispatchRound,
  DispatchRoundCreate,
  DispatchRoundList,
  DispatchTable,
} from '@guatu/contracts';
import { withSnapshot } from '../offline/snapshots.ts';
import { api, ApiError } from './client.ts';

/** A round's table (scoped to the reader), remembered for the phone report pages without signal. */
export const fetchDispatchTable = (id: number) =>
  withSnapshot(['dispatch-table', id], () => api.get<DispatchTable>(`/dispatch/rounds/${id}/table`));

export type DispatchFigureGrouping = DispatchFigures['by'];

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
    queryFn: () => fetchDispatchTable(id),
    enabled: Number.isInteger(id) && id > 0,
  });
}

/** 调度分析: a round's counts, pace and warnings, overall and grouped (GET …/figures?by=). */
export function useDispatchFigures(id: number, by: DispatchFigureGrouping) {
  return useQuery({
    queryKey: ['dispatch-figures', id, by],
    queryFn: () => api.get<DispatchFigures>(`/dispatch/rounds/${id}/figures`, { by }),
    enabled: Number.isInteger(id) && id > 0,
    placeholderData: keepPreviousData,
  });
}

/** A project's report in a round; null when the task force has not saved one yet (404). */
export function useDispatchReport(roundId: number, projectId: number | null) {
  return useQuery({
    queryKey: ['dispatch-report', roundId, projectId],
    queryFn: async () => {
      try {
        return await api.get<DispatchReport>(`/dispatch/rounds/${roundId}/reports/${projectId}`);
      } catch (e) {
        if (e instanceof ApiError && e.status === 404 && e.params.entity === 'dispatchReport') return null;
        throw e;
      }
    },
    enabled: projectId !== null,
    retry: false,
  });
}

/** 历次版本: every submission, acceptance and return of a report, oldest first. */
export function useDispatchReportVersions(roundId: number, projectId: number | null, enabled: boolean) {
  return useQuery({
    queryKey: ['dispatch-report-versions', roundId, projectId],
    queryFn: () =>
      api.get<DispatchReportVersionList>(`/dispatch/rounds/${roundId}/reports/${projectId}/versions`),
    enabled: enabled && projectId !== null,
    retry: false,
  });
}

/** After a review or a round change: the round's table, figures, rounds and the report read again. */
function useRefreshDispatch() {
  const client = useQueryClient();
  return (roundId: number) =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['dispatch-rounds'] }),
      client.invalidateQueries({ queryKey: ['dispatch-table', roundId] }),
      client.invalidateQueries({ queryKey: ['dispatch-figures', roundId] }),
      client.invalidateQueries({ queryKey: ['dispatch-report', roundId] }),
      client.invalidateQueries({ queryKey: ['dispatch-report-versions', roundId] }),
    ]);
}

/** 通过 / 退回: the admin's decision on a submitted report, on the version read. */
export function useReviewReport(roundId: number) {
  const refresh = useRefreshDispatch();
  return useMutation({
    mutationFn: (
      input:
        | { projectId: number; decision: 'accept'; version: number }
        | { projectId: number; decision: 'return'; version: number; reason: string },
    ) =>
      api.post<DispatchReport>(
        `/dispatch/rounds/${roundId}/reports/${input.projectId}/${input.decision}`,
        input.decision === 'return'
          ? { version: input.version, reason: input.reason }
          : { version: input.version },
      ),
    // A stale version (409) or a report no longer submitted: read everything again either way.
    onSettled: () => refresh(roundId),
  });
}

/** 发起调度: open the round of a month. */
export function useCreateRound() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: DispatchRoundCreate) => api.post<DispatchRound>('/dispatch/rounds', input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['dispatch-rounds'] }),
  });
}

/** 关闭 / 重新开放 a round by hand, on the version read. */
export function useChangeRound() {
  const refresh = useRefreshDispatch();
  return useMutation({
    mutationFn: (input: { id: number; action: 'close' | 'reopen'; version: number }) =>
      api.post<DispatchRound>(`/dispatch/rounds/${input.id}/${input.action}`, { version: input.version }),
    onSettled: (_d, _e, input) => refresh(input.id),
  });
}

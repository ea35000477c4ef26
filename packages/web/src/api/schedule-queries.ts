import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProjectEditDto, ProjectScheduleDto, StageTemplateDto, WarChartDto } from '@guatu/contracts';
import { api, toSearch, type Query } from './client.ts';

// 倒排工期 / 挂图作战 (issue 4): the war chart, one project's schedule, its edits and baselines.

export const scheduleKeys = {
  warChart: (q: Query) => ['war-chart', q] as const,
  schedule: (id: number, baselineId: number | null) => ['schedule', id, baselineId] as const,
  templates: ['stage-templates'] as const,
  calendar: ['calendar'] as const,
};

/** The same query string the export link and the GET use. */
export function warChartSearch(q: Query): string {
  return toSearch(q);
}

export function useWarChart(query: Query, enabled: boolean) {
  return useQuery({
    queryKey: scheduleKeys.warChart(query),
    queryFn: () => api.get<WarChartDto>('/war-chart', query),
    placeholderData: keepPreviousData,
    enabled,
    staleTime: 30_000,
  });
}

export function useProjectSchedule(id: number | null, baselineId: number | null = null, enabled = true) {
  return useQuery({
    queryKey: scheduleKeys.schedule(id ?? 0, baselineId),
    queryFn: () =>
      api.get<ProjectScheduleDto>(`/projects/${id}/schedule`, baselineId ? { baselineId } : undefined),
    enabled: enabled && id !== null,
    staleTime: 30_000,
  });
}

export function useStageTemplates() {
  return useQuery({
    queryKey: scheduleKeys.templates,
    queryFn: () => api.get<{ items: StageTemplateDto[] } | StageTemplateDto[]>('/stage-templates'),
    staleTime: 300_000,
  });
}

/** After a schedule write: the answer is the new schedule; the war chart is stale. */
function useScheduleSaved(id: number) {
  const client = useQueryClient();
  return (s: ProjectScheduleDto) => {
    client.setQueryData(scheduleKeys.schedule(id, s.baselineId), s);
    void client.invalidateQueries({
      queryKey: ['schedule', id],
      predicate: (q) => q.queryKey[2] !== s.baselineId,
    });
    void client.invalidateQueries({ queryKey: ['war-chart'] });
  };
}

export type ScheduleUpdate = {
  templateKey?: ProjectScheduleDto['templateKey'];
  edits?: ProjectEditDto[];
  targets?: ProjectScheduleDto['targets'];
  version: number;
};

export function useUpdateSchedule(id: number) {
  const saved = useScheduleSaved(id);
  return useMutation({
    mutationFn: (body: ScheduleUpdate) => api.patch<ProjectScheduleDto>(`/projects/${id}/schedule`, body),
    onSuccess: saved,
  });
}

export type StageProgress = {
  actualStart?: string | null;
  actualFinish?: string | null;
  note?: string | null;
  version: number;
};

export function useRecordStage(id: number) {
  const saved = useScheduleSaved(id);
  return useMutation({
    mutationFn: (v: { stage: string; body: StageProgress }) =>
      api.put<ProjectScheduleDto>(`/projects/${id}/stages/${encodeURIComponent(v.stage)}`, v.body),
    onSuccess: saved,
  });
}

export function useSaveBaseline(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.post<unknown>(`/projects/${id}/baselines`, { name }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['schedule', id] }),
  });
}

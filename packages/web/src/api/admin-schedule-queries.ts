import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { StageDefDto, StageTemplateDto } from '@guatu/contracts';
import { api } from './client.ts';
import { scheduleKeys } from './schedule-queries.ts';

// 系统管理 › 工作日历 / 工序模板 (issue 4 items 1–2): admin edits of the calendar and the templates.

export type CalendarEntryKind = 'holiday' | 'workday' | 'stop';
export type CalendarEntry = {
  id: number;
  kind: CalendarEntryKind;
  from: string;
  to: string;
  name: string;
  version: number;
  /** The region whose subtree the entry holds for (issue 7), and whether it is the shown region's own. */
  regionId: number;
  regionName: string;
  own: boolean;
};
export type CalendarDto = {
  firstYear: number;
  lastYear: number;
  builtInYears: number[];
  /** The region shown (the caller's): its entries and those inherited from the regions above. */
  regionId: number;
  regionName: string;
  canEdit: boolean;
  canAddYear: boolean;
  entries: CalendarEntry[];
};

export function useCalendar() {
  return useQuery({
    queryKey: scheduleKeys.calendar,
    queryFn: () => api.get<CalendarDto>('/calendar'),
  });
}

/** Every schedule and the war chart depend on the calendar and the templates. */
function useInvalidateSchedules() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: ['schedule'] });
    void client.invalidateQueries({ queryKey: ['war-chart'] });
  };
}

export function useAddCalendarEntry() {
  const client = useQueryClient();
  const stale = useInvalidateSchedules();
  return useMutation({
    mutationFn: (body: { kind: CalendarEntryKind; from: string; to: string; name: string }) =>
      api.post<CalendarEntry>('/calendar/entries', body),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: scheduleKeys.calendar });
      stale();
    },
  });
}

export function useDeleteCalendarEntry() {
  const client = useQueryClient();
  const stale = useInvalidateSchedules();
  return useMutation({
    mutationFn: (id: number) => api.delete<unknown>(`/calendar/entries/${id}`),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: scheduleKeys.calendar });
      stale();
    },
  });
}

export function useAddCalendarYear() {
  const client = useQueryClient();
  const stale = useInvalidateSchedules();
  return useMutation({
    mutationFn: (body: { year: number; holidays: string[]; workdays: string[] }) =>
      api.post<CalendarDto>('/calendar/years', body),
    onSuccess: (data) => {
      client.setQueryData(scheduleKeys.calendar, data);
      stale();
    },
  });
}

/** GET /api/stage-templates answers an array; older servers wrapped it in `items`. */
export function templateList(data: { items: StageTemplateDto[] } | StageTemplateDto[] | undefined) {
  if (!data) return [];
  return Array.isArray(data) ? data : data.items;
}

/** 恢复继承: deletes the caller's region's own copy of a template; the answer is the inherited one. */
export function useDeleteStageTemplateOverride() {
  const client = useQueryClient();
  const stale = useInvalidateSchedules();
  return useMutation({
    mutationFn: (key: StageTemplateDto['key']) => api.delete<StageTemplateDto>(`/stage-templates/${key}`),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: scheduleKeys.templates });
      stale();
    },
  });
}

export function useUpdateStageTemplate() {
  const client = useQueryClient();
  const stale = useInvalidateSchedules();
  return useMutation({
    mutationFn: (v: {
      key: StageTemplateDto['key'];
      body: {
        name?: string;
        stages?: StageDefDto[];
        departments?: StageTemplateDto['departments'];
        version: number;
      };
    }) => api.put<StageTemplateDto>(`/stage-templates/${v.key}`, v.body),
    onSuccess: (saved) => {
      client.setQueryData<{ items: StageTemplateDto[] } | StageTemplateDto[]>(
        scheduleKeys.templates,
        (old) => (old ? templateList(old).map((tpl) => (tpl.key === saved.key ? saved : tpl)) : old),
      );
      void client.invalidateQueries({ queryKey: scheduleKeys.templates });
      stale();
    },
  });
}

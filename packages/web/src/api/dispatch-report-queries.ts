import { useQueries, useQuery } from '@tanstack/react-query';
import type {
  DispatchPhoto,
  DispatchPhotoList,
  DispatchReport,
  DispatchReportVersionList,
  DispatchRound,
  DispatchRoundList,
  ProjectScheduleDto,
} from '@guatu/contracts';
import { withSnapshot } from '../offline/snapshots.ts';
import { api, ApiError } from './client.ts';
import { fetchDispatchTable } from './dispatch-queries.ts';
import { scheduleKeys } from './schedule-queries.ts';

/**
 * The phone report page's reads (issue 10, item 2): my rounds and projects, one report, its
 * photos and versions. Every send goes through offline/report-outbox.ts, never through here.
 */

/** A report photo as the photos API answers it. */
export type ReportPhoto = DispatchPhoto;

export const reportKeys = {
  report: (roundId: number, projectId: number) => ['dispatch-report', roundId, projectId] as const,
  photos: (roundId: number, projectId: number) => ['dispatch-report-photos', roundId, projectId] as const,
  versions: (roundId: number, projectId: number) => ['dispatch-report-versions', roundId, projectId] as const,
};

const reportPath = (roundId: number, projectId: number) => `/dispatch/rounds/${roundId}/reports/${projectId}`;

/** The report of a project in a round; null while none is saved (the API's 404). */
export function fetchReport(roundId: number, projectId: number): Promise<DispatchReport | null> {
  return withSnapshot(reportKeys.report(roundId, projectId), async () => {
    try {
      return await api.get<DispatchReport>(reportPath(roundId, projectId));
    } catch (e) {
      if (e instanceof ApiError && e.status === 404 && e.params.entity === 'dispatchReport') return null;
      throw e;
    }
  });
}

export function useDispatchReport(roundId: number, projectId: number) {
  return useQuery({
    queryKey: reportKeys.report(roundId, projectId),
    queryFn: () => fetchReport(roundId, projectId),
    enabled: roundId > 0 && projectId > 0,
    // Read fresh on each visit (gcTime 0), then never again behind the form's back: the form is the user's.
    gcTime: 0,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

/** The photos stored with the report (none until a draft is saved). */
export function useReportPhotos(roundId: number, projectId: number, enabled: boolean) {
  return useQuery({
    queryKey: reportKeys.photos(roundId, projectId),
    queryFn: () =>
      withSnapshot(reportKeys.photos(roundId, projectId), async () => {
        try {
          return (await api.get<DispatchPhotoList>(`${reportPath(roundId, projectId)}/photos`)).items;
        } catch (e) {
          if (e instanceof ApiError && e.status === 404) return [];
          throw e;
        }
      }),
    enabled,
  });
}

export const deleteReportPhoto = (photoId: number) => api.delete<void>(`/dispatch/photos/${photoId}`);

/** Every kept version (submissions, acceptances, returns), oldest first. */
export function useReportVersions(roundId: number, projectId: number, enabled: boolean) {
  return useQuery({
    queryKey: reportKeys.versions(roundId, projectId),
    queryFn: () => api.get<DispatchReportVersionList>(`${reportPath(roundId, projectId)}/versions`),
    enabled,
  });
}

/**
 * 我的填报: the rounds the user may still report in — the open ones, and closed ones of the last
 * months (a returned report is corrected even there) — each with its scoped table (the projects the
 * user reports for).
 */
export function useMyReportRounds(year: number) {
  const rounds = useQuery({
    queryKey: ['dispatch-rounds', year],
    queryFn: () =>
      withSnapshot(['dispatch-rounds', year], () => api.get<DispatchRoundList>('/dispatch/rounds', { year })),
  });
  const items: DispatchRound[] = (rounds.data?.items ?? [])
    .slice()
    .sort((a, b) => b.month.localeCompare(a.month))
    .filter((r, i) => r.status === 'open' || i < 3);
  const tables = useQueries({
    queries: items.map((r) => ({
      queryKey: ['dispatch-table', r.id],
      queryFn: () => fetchDispatchTable(r.id),
    })),
  });
  return { rounds, items, tables };
}

/** The project's stages for the report page (its actual dates), remembered for a phone without signal. */
export function useReportSchedule(projectId: number) {
  return useQuery({
    queryKey: scheduleKeys.schedule(projectId, null),
    queryFn: () =>
      withSnapshot(scheduleKeys.schedule(projectId, null), () =>
        api.get<ProjectScheduleDto>(`/projects/${projectId}/schedule`),
      ),
    staleTime: 30_000,
  });
}

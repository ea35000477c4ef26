import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DivisionList, SessionUser, SetupResult, SetupStatus } from '@guatu/contracts';
import { api } from '../../api/client.ts';
import { canManageJobs } from '../../permissions.ts';

// 初始化：选择本级行政区 — the deployment's set-up from the official divisions (root admin only).

export const setupKeys = { status: ['setup', 'status'] as const };

/**
 * Whether the signed-in user should be sent to the set-up page: the root region's admin, with a
 * password and a second factor in order, on a system not set up yet (placeholder root, no project).
 */
export function useNeedsSetup(user: SessionUser | null, ready: boolean): boolean {
  const enabled = user !== null && ready && canManageJobs(user) && !user.mustChangePassword;
  const status = useQuery({
    queryKey: [...setupKeys.status, user?.id ?? 0],
    queryFn: () => api.get<SetupStatus>('/setup/status'),
    enabled,
    staleTime: 60_000,
  });
  return enabled && status.data !== undefined && !status.data.setUp && status.data.canSetUp;
}

export const fetchDivisions = (query: { parent?: string; q?: string }) =>
  api.get<DivisionList>('/setup/divisions', query).then((r) => r.items);

export function useSetUp() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api.post<SetupResult>('/setup', { code }),
    onSuccess: () => {
      // Set up now: the gate lets the user through at once (before the status is fetched again).
      client.setQueriesData<SetupStatus>({ queryKey: setupKeys.status }, (old) =>
        old ? { ...old, setUp: true } : old,
      );
      void client.invalidateQueries();
    },
  });
}

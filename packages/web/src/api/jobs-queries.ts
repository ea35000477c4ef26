import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { JobInfo, JobList, NotificationPage, NotificationsReadAll } from '@guatu/contracts';
import { api } from './client.ts';

// 后台任务 (root admin) and the notification bell (everyone).

export const jobKeys = {
  jobs: ['admin', 'jobs'] as const,
  notifications: ['notifications'] as const,
};

export function useJobs() {
  return useQuery({
    queryKey: jobKeys.jobs,
    queryFn: () => api.get<JobList>('/admin/jobs'),
    refetchInterval: 15_000,
  });
}

export function useRunJobNow() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.post<JobInfo>(`/admin/jobs/${encodeURIComponent(name)}/run`),
    onSuccess: () => void client.invalidateQueries({ queryKey: jobKeys.jobs }),
  });
}

/** The caller's latest notifications and unread count, polled every minute. */
export function useNotifications(pageSize: number) {
  return useQuery({
    queryKey: [...jobKeys.notifications, pageSize],
    queryFn: () => api.get<NotificationPage>('/notifications', { pageSize }),
    refetchInterval: 60_000,
    refetchIntervalInBackground: false,
  });
}

export function useMarkNotificationRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<{ ok: true }>(`/notifications/${id}/read`),
    onSuccess: () => void client.invalidateQueries({ queryKey: jobKeys.notifications }),
  });
}

export function useMarkAllNotificationsRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<NotificationsReadAll>('/notifications/read-all'),
    onSuccess: () => void client.invalidateQueries({ queryKey: jobKeys.notifications }),
  });
}

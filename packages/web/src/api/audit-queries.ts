import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { AuditActors, AuditStats, AuditVerifyResult, SecurityEventPage } from '@guatu/contracts';
import { api, type Query } from './client.ts';

export const auditKeys = {
  actors: ['audit', 'actors'] as const,
  stats: (q: Query) => ['audit', 'stats', q] as const,
  securityEvents: (q: Query) => ['security-events', q] as const,
};

/** The people in the log, for the auditor's user picker. */
export function useAuditActors() {
  return useQuery({ queryKey: auditKeys.actors, queryFn: () => api.get<AuditActors>('/audit/actors') });
}

export function useAuditStats(query: Query, enabled: boolean) {
  return useQuery({
    queryKey: auditKeys.stats(query),
    queryFn: () => api.get<AuditStats>('/audit/stats', query),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** 校验审计链: a GET that is run on demand (and recorded by the server). */
export function useVerifyAudit() {
  return useMutation({ mutationFn: () => api.get<AuditVerifyResult>('/audit/verify') });
}

export function useSecurityEvents(query: Query) {
  return useQuery({
    queryKey: auditKeys.securityEvents(query),
    queryFn: () => api.get<SecurityEventPage>('/security-events', query),
    placeholderData: keepPreviousData,
  });
}

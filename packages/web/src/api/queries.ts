import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AuditEntry,
  Department,
  DepartmentCreate,
  DepartmentUpdate,
  LedgerPage,
  LedgerSummary,
  Lookups,
  Project,
  ProjectArchive,
  ProjectCreate,
  ProjectUpdate,
  Region,
  RegionCreate,
  RegionUpdate,
  User,
  UserCreate,
  UserUpdate,
  YearsResponse,
} from '@guatu/contracts';
import { api, type Query } from './client.ts';

export const keys = {
  years: ['projects', 'years'] as const,
  ledger: (q: Query) => ['projects', 'ledger', q] as const,
  summary: (q: Query) => ['projects', 'summary', q] as const,
  project: (id: number) => ['projects', 'one', id] as const,
  lookups: ['lookups'] as const,
  regions: ['regions'] as const,
  departments: ['departments'] as const,
  users: (q: Query) => ['users', q] as const,
  audit: (q: Query) => ['audit', q] as const,
};

export function useYears() {
  return useQuery({ queryKey: keys.years, queryFn: () => api.get<YearsResponse>('/projects/years') });
}

export function useLedger(query: Query, enabled: boolean) {
  return useQuery({
    queryKey: keys.ledger(query),
    queryFn: () => api.get<LedgerPage>('/projects', query),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useSummary(query: Query, enabled: boolean) {
  return useQuery({
    queryKey: keys.summary(query),
    queryFn: () => api.get<LedgerSummary>('/projects/summary', query),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useProject(id: number | null) {
  return useQuery({
    queryKey: keys.project(id ?? 0),
    queryFn: () => api.get<Project>(`/projects/${id}`),
    enabled: id !== null,
  });
}

export function useLookups() {
  return useQuery({ queryKey: keys.lookups, queryFn: () => api.get<Lookups>('/lookups'), staleTime: 60_000 });
}

/** After a project write: refresh the ledger, the summary and the project itself. */
function useProjectSaved() {
  const client = useQueryClient();
  return (project: Project) => {
    client.setQueryData(keys.project(project.id), project);
    void client.invalidateQueries({ queryKey: ['projects'] });
  };
}

export function useCreateProject() {
  const saved = useProjectSaved();
  return useMutation({
    mutationFn: (body: ProjectCreate) => api.post<Project>('/projects', body),
    onSuccess: saved,
  });
}

export function useUpdateProject(id: number) {
  const saved = useProjectSaved();
  return useMutation({
    mutationFn: (body: ProjectUpdate) => api.patch<Project>(`/projects/${id}`, body),
    onSuccess: saved,
  });
}

export function useArchiveProject(id: number) {
  const saved = useProjectSaved();
  return useMutation({
    mutationFn: (body: ProjectArchive) => api.post<Project>(`/projects/${id}/archive`, body),
    onSuccess: saved,
  });
}

export function useRegions() {
  return useQuery({ queryKey: keys.regions, queryFn: () => api.get<{ items: Region[] }>('/regions') });
}

export function useDepartments() {
  return useQuery({
    queryKey: keys.departments,
    queryFn: () => api.get<{ items: Department[] }>('/departments'),
  });
}

function useInvalidate(...prefixes: string[]) {
  const client = useQueryClient();
  return () => {
    for (const prefix of prefixes) void client.invalidateQueries({ queryKey: [prefix] });
  };
}

export function useSaveRegion() {
  const done = useInvalidate('regions', 'lookups', 'departments', 'users');
  return useMutation({
    mutationFn: (v: { id: number; body: RegionUpdate } | { id: null; body: RegionCreate }) =>
      v.id === null ? api.post<Region>('/regions', v.body) : api.patch<Region>(`/regions/${v.id}`, v.body),
    onSuccess: done,
  });
}

export function useSaveDepartment() {
  const done = useInvalidate('departments', 'lookups', 'users');
  return useMutation({
    mutationFn: (v: { id: number; body: DepartmentUpdate } | { id: null; body: DepartmentCreate }) =>
      v.id === null
        ? api.post<Department>('/departments', v.body)
        : api.patch<Department>(`/departments/${v.id}`, v.body),
    onSuccess: done,
  });
}

export function useUsers(query: Query) {
  return useQuery({
    queryKey: keys.users(query),
    queryFn: () => api.get<{ items: User[]; total: number }>('/users', query),
    placeholderData: keepPreviousData,
  });
}

export function useSaveUser() {
  const done = useInvalidate('users', 'lookups');
  return useMutation({
    mutationFn: (v: { id: number; body: UserUpdate } | { id: null; body: UserCreate }) =>
      v.id === null ? api.post<User>('/users', v.body) : api.patch<User>(`/users/${v.id}`, v.body),
    onSuccess: done,
  });
}

export function useAudit(query: Query) {
  return useQuery({
    queryKey: keys.audit(query),
    queryFn: () => api.get<{ items: AuditEntry[]; total: number }>('/audit', query),
    placeholderData: keepPreviousData,
  });
}

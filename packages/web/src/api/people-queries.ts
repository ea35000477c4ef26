import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Person, PersonCreate, PersonPage, PersonUpdate } from '@guatu/contracts';
import { api, type Query } from './client.ts';

/** People: leaders and task-force members (not accounts), GET /api/people in the caller's scope. */
export function usePeople(query: Query, enabled = true) {
  return useQuery({
    queryKey: ['people', query],
    queryFn: () => api.get<PersonPage>('/people', query),
    placeholderData: keepPreviousData,
    enabled,
  });
}

function useInvalidatePeople() {
  const client = useQueryClient();
  return () => {
    for (const prefix of ['people', 'lookups', 'users'])
      void client.invalidateQueries({ queryKey: [prefix] });
  };
}

export function useSavePerson() {
  const done = useInvalidatePeople();
  return useMutation({
    mutationFn: (v: { id: number; body: PersonUpdate } | { id: null; body: PersonCreate }) =>
      v.id === null ? api.post<Person>('/people', v.body) : api.put<Person>(`/people/${v.id}`, v.body),
    onSuccess: done,
  });
}

export function useDeletePerson() {
  const done = useInvalidatePeople();
  return useMutation({
    mutationFn: (id: number) => api.delete<{ ok: true }>(`/people/${id}`),
    onSuccess: done,
  });
}

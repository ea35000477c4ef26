import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  DispatchImportCommitRequest,
  DispatchImportPreview,
  DispatchImportResult,
} from '@guatu/contracts';
import { api } from './client.ts';
import { uploadSpreadsheet } from './import-queries.ts';

/** 导入调度表: uploads a filled dispatch table into a round; the answer is the session's preview. */
export const uploadDispatchTable = (
  roundId: number,
  file: File,
  onProgress: (percent: number) => void,
  signal?: AbortSignal,
) =>
  uploadSpreadsheet<DispatchImportPreview>(
    `/api/dispatch/rounds/${roundId}/import`,
    file,
    onProgress,
    signal,
  );

/** Discards an import session (nothing was written). */
export const discardDispatchImport = (roundId: number, sessionId: string) =>
  api.delete<{ ok: true }>(`/dispatch/rounds/${roundId}/import/${sessionId}`);

/** Commits an import session; afterwards the round's table, figures and reports are stale. */
export function useCommitDispatchImport(roundId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ sessionId, body }: { sessionId: string; body: DispatchImportCommitRequest }) =>
      api.post<DispatchImportResult>(`/dispatch/rounds/${roundId}/import/${sessionId}/commit`, body),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ['dispatch-rounds'] }),
        client.invalidateQueries({ queryKey: ['dispatch-table', roundId] }),
        client.invalidateQueries({ queryKey: ['dispatch-figures', roundId] }),
        client.invalidateQueries({ queryKey: ['dispatch-report', roundId] }),
        client.invalidateQueries({ queryKey: ['dispatch-report-versions', roundId] }),
      ]),
  });
}

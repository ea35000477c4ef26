import type { Attachment, AttachmentList, ErrorBody } from '@guatu/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, getCsrfToken } from './client.ts';

const key = (projectId: number) => ['attachments', 'project', projectId] as const;

/** A project's attachments, oldest first. */
export function useProjectAttachments(projectId: number) {
  return useQuery({
    queryKey: key(projectId),
    queryFn: () => api.get<AttachmentList>(`/projects/${projectId}/attachments`),
  });
}

/** Sends one file as multipart (field "file"); the server checks its type and size. */
async function uploadAttachment(projectId: number, file: File, language: string): Promise<Attachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': language };
  const csrf = getCsrfToken();
  if (csrf) headers['X-CSRF-Token'] = csrf;
  let res: Response;
  try {
    res = await fetch(`/api/projects/${projectId}/attachments`, {
      method: 'POST',
      headers,
      body: form,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(
      0,
      'network',
      language.startsWith('zh') ? '无法连接服务器' : 'Cannot reach the server',
    );
  }
  const data = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const err = (data as Partial<ErrorBody> | null)?.error;
    throw new ApiError(
      res.status,
      err?.code ?? `http_${res.status}`,
      err?.message ?? res.statusText,
      err?.details,
      err?.params ?? {},
    );
  }
  return data as Attachment;
}

export function useUploadAttachment(projectId: number, language: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => uploadAttachment(projectId, file, language),
    onSuccess: () => client.invalidateQueries({ queryKey: key(projectId) }),
  });
}

export function useDeleteAttachment(projectId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete<{ ok: true }>(`/attachments/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: key(projectId) }),
  });
}

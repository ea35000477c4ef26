import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ErrorBody,
  ImportCommitRequest,
  ImportCommitResult,
  ImportPreview,
  ImportPreviewRequest,
  ImportTemplate,
  ImportTemplateSave,
  ImportUpload,
  SessionResponse,
} from '@guatu/contracts';
import { api, ApiError, getCsrfToken, toSearch, type Query } from './client.ts';

/** The server's upload limit of a ledger file (413 above it). */
export const IMPORT_FILE_LIMIT = 20 * 1024 * 1024;

export const importKeys = {
  templates: ['import', 'templates'] as const,
  preview: (uploadId: string, body: ImportPreviewRequest) => ['import', 'preview', uploadId, body] as const,
};

const zh = () => document.documentElement.lang !== 'en-US';

function apiErrorOf(status: number, text: string, statusText: string): ApiError {
  let err: ErrorBody['error'] | undefined;
  try {
    err = (JSON.parse(text) as Partial<ErrorBody>).error;
  } catch {
    err = undefined;
  }
  if (!err && status === 413)
    return new ApiError(
      413,
      'too_large',
      zh() ? '文件超过 20 MB 上限' : 'The file exceeds the 20 MB limit',
      undefined,
      { limit: '20 MB' },
    );
  return new ApiError(
    status,
    err?.code ?? `http_${status}`,
    err?.message ?? `${status} ${statusText}`,
    err?.details,
    err?.params ?? {},
  );
}

/** Uploads a ledger file (uploadSpreadsheet): the server answers with its sheets and detected mapping. */
export const uploadLedger = (file: File, onProgress: (percent: number) => void, signal?: AbortSignal) =>
  uploadSpreadsheet<ImportUpload>('/api/projects/import', file, onProgress, signal);

/**
 * Uploads a spreadsheet to `url` as multipart form data (field "file") through XMLHttpRequest, which
 * reports the upload progress (fetch does not). `onProgress` gets 0–100; 100 means sent, the server
 * is reading it. The ledger import and the dispatch table import (导入调度表) upload through it.
 */
export async function uploadSpreadsheet<T>(
  url: string,
  file: File,
  onProgress: (percent: number) => void,
  signal?: AbortSignal,
): Promise<T> {
  const token = getCsrfToken() ?? (await api.get<SessionResponse>('/auth/me')).csrfToken;
  const language = document.documentElement.lang || 'zh-CN';
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', language);
    xhr.setRequestHeader('X-CSRF-Token', token);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.min(100, Math.round((e.loaded / e.total) * 100)));
    };
    xhr.upload.onload = () => onProgress(100);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as T);
        } catch {
          reject(new ApiError(xhr.status, 'bad_response', xhr.statusText));
        }
      } else reject(apiErrorOf(xhr.status, xhr.responseText, xhr.statusText));
    };
    xhr.onerror = () =>
      reject(new ApiError(0, 'network', zh() ? '无法连接服务器' : 'Cannot reach the server'));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', zh() ? '已取消上传' : 'Upload cancelled'));
    signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** The preview of an upload under the current choices (counts and issues cover the whole sheet). */
export function useImportPreview(uploadId: string | null, body: ImportPreviewRequest, enabled: boolean) {
  return useQuery({
    queryKey: importKeys.preview(uploadId ?? '', body),
    queryFn: () => api.post<ImportPreview>(`/projects/import/${uploadId}/preview`, body),
    enabled: enabled && uploadId !== null,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 60_000,
  });
}

/** A one-off preview (e.g. to read the detection of another sheet). */
export function previewImport(uploadId: string, body: ImportPreviewRequest): Promise<ImportPreview> {
  return api.post<ImportPreview>(`/projects/import/${uploadId}/preview`, body);
}

/** Commits an upload; afterwards the ledger, its summary and the years are stale. */
export function useCommitImport(uploadId: string | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ImportCommitRequest) =>
      api.post<ImportCommitResult>(`/projects/import/${uploadId}/commit`, body),
    onSuccess: (result) => {
      void client.invalidateQueries({ queryKey: ['projects'] });
      if (result.templateId !== null) void client.invalidateQueries({ queryKey: importKeys.templates });
    },
  });
}

export function useImportTemplates(enabled = true) {
  return useQuery({
    queryKey: importKeys.templates,
    queryFn: () => api.get<{ items: ImportTemplate[] }>('/projects/import/templates'),
    enabled,
  });
}

export function useSaveImportTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ImportTemplateSave) => api.post<ImportTemplate>('/projects/import/templates', body),
    onSuccess: () => void client.invalidateQueries({ queryKey: importKeys.templates }),
  });
}

export function useDeleteImportTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete<{ ok: true }>(`/projects/import/templates/${id}`),
    onSuccess: () => void client.invalidateQueries({ queryKey: importKeys.templates }),
  });
}

function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? fallback;
}

/**
 * Downloads a file of the API (the ledger export, the blank template) through fetch, so that an
 * error answer is shown instead of saved, and saves it under the server's file name.
 */
export async function downloadFile(path: string, query?: Query): Promise<string> {
  const language = document.documentElement.lang || 'zh-CN';
  let res: Response;
  try {
    res = await fetch(`/api${path}${toSearch(query)}`, {
      credentials: 'same-origin',
      headers: { 'Accept-Language': language },
    });
  } catch {
    throw new ApiError(0, 'network', zh() ? '无法连接服务器' : 'Cannot reach the server');
  }
  if (!res.ok) throw apiErrorOf(res.status, await res.text(), res.statusText);
  const blob = await res.blob();
  const name = fileNameOf(res.headers.get('Content-Disposition'), 'ledger.xlsx');
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

import type { DispatchReport, DispatchReportDraft, DispatchReportSubmit, ErrorBody } from '@guatu/contracts';
import { api, ApiError, getCsrfToken } from '../api/client.ts';

/**
 * The one way the phone report page sends a report (issue 10, 一月一调度): a draft save or a
 * submission with the photos taken since the last send. Online it is sent at once; the offline
 * version (PWA) keeps it on the phone and sends it when the connection returns, exactly once (the
 * draft's idempotency key, each photo's client key).
 *
 * This first version only sends online; the PWA work replaces the inside, not the shape.
 */
export type OutgoingPhoto = { clientKey: string; file: Blob; fileName: string };

export type ReportAction = {
  roundId: number;
  projectId: number;
  kind: 'draft' | 'submit';
  body: DispatchReportDraft | DispatchReportSubmit;
  /** Photos not yet sent; sent after the draft is stored and before a submission. */
  photos: OutgoingPhoto[];
};

export type SendResult = { status: 'sent'; report: DispatchReport } | { status: 'queued' };

/** A report still waiting on this phone to be sent. */
export type PendingReport = {
  roundId: number;
  projectId: number;
  kind: 'draft' | 'submit';
  photos: number;
  queuedAt: string;
  lastError: string | null;
};

const base = (a: { roundId: number; projectId: number }) =>
  `/dispatch/rounds/${a.roundId}/reports/${a.projectId}`;

async function uploadPhoto(
  a: { roundId: number; projectId: number },
  photo: OutgoingPhoto,
  language: string,
): Promise<void> {
  const form = new FormData();
  form.append('clientKey', photo.clientKey);
  form.append('file', photo.file, photo.fileName);
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': language };
  const csrf = getCsrfToken();
  if (csrf) headers['X-CSRF-Token'] = csrf;
  let res: Response;
  try {
    res = await fetch(`/api${base(a)}/photos`, {
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
  if (!res.ok) {
    const data = (await res.json().catch(() => null)) as Partial<ErrorBody> | null;
    const err = data?.error;
    throw new ApiError(
      res.status,
      err?.code ?? `http_${res.status}`,
      err?.message ?? res.statusText,
      err?.details,
      err?.params ?? {},
    );
  }
}

/** Sends the action now: the draft (PUT), then each photo, then the submission (POST …/submit). */
export async function sendReport(action: ReportAction, language = 'zh-CN'): Promise<SendResult> {
  const { confirmWarnings: _ignored, ...draft } = action.body as DispatchReportSubmit;
  let report = await api.put<DispatchReport>(base(action), draft);
  for (const photo of action.photos) await uploadPhoto(action, photo, language);
  if (action.kind === 'submit') {
    report = await api.post<DispatchReport>(`${base(action)}/submit`, {
      ...action.body,
      version: report.version,
    });
  }
  return { status: 'sent', report };
}

/** The reports waiting on this phone (none while sending is online only). */
export function usePendingReports(): PendingReport[] {
  return [];
}

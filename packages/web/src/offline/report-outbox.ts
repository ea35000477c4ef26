import { useMemo, useSyncExternalStore } from 'react';
import { createStore, del, get, set, values } from 'idb-keyval';
import type { DispatchReport, DispatchReportDraft, DispatchReportSubmit, ErrorBody } from '@guatu/contracts';
import { api, ApiError, getCsrfToken } from '../api/client.ts';
import {
  memoryStore,
  Outbox,
  type OutboxSnapshot,
  type OutboxStore,
  type OutboxTransport,
  type QueueItem,
} from './outbox-queue.ts';

/**
 * The one way the phone report page sends a report (issue 10, 一月一调度): a draft save or a
 * submission with the photos taken since the last send. Every action is first kept on the phone
 * (IndexedDB: the draft JSON and the photo Blobs), then sent when there is a connection — at once
 * when online, else on the `online` event, the next start of the app and a retry with backoff —
 * exactly once: the draft's idempotency key, each photo's client key (outbox-queue.ts).
 */
export type OutgoingPhoto = { clientKey: string; file: Blob; fileName: string };

export type ReportAction = {
  roundId: number;
  projectId: number;
  kind: 'draft' | 'submit';
  body: DispatchReportDraft | DispatchReportSubmit;
  /** Photos not yet sent; sent after the draft is stored and before a submission. */
  photos: OutgoingPhoto[];
  /** The project's name, shown in the list of what waits (optional). */
  title?: string;
};

export type SendResult = { status: 'sent'; report: DispatchReport } | { status: 'queued' };

/** A report still waiting on this phone to be sent. */
export type PendingReport = {
  roundId: number;
  projectId: number;
  kind: 'draft' | 'submit';
  /** The project's name when the page gave it. */
  title: string | null;
  /** Photos not yet stored on the server. */
  photos: number;
  queuedAt: string;
  /** The server's message when it refused the report (the item waits for an edit, retry or discard). */
  lastError: string | null;
  /** The refusal as an API error, for `errorMessage` to word it; null while waiting. */
  error: ApiError | null;
};

const base = (a: { roundId: number; projectId: number }) =>
  `/dispatch/rounds/${a.roundId}/reports/${a.projectId}`;

let language = 'zh-CN';

async function uploadPhoto(a: { roundId: number; projectId: number }, photo: OutgoingPhoto): Promise<void> {
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

/**
 * No session token yet (the app opened without signal on the phone's remembered session): a send
 * waits as if offline, never goes out without its CSRF token to be refused for it.
 */
function needSession(): void {
  if (getCsrfToken() === null)
    throw new ApiError(0, 'network', language.startsWith('zh') ? '尚未连接服务器' : 'Not connected yet');
}

const transport: OutboxTransport = {
  putDraft: (roundId, projectId, body) => {
    needSession();
    return api.put<DispatchReport>(base({ roundId, projectId }), body);
  },
  getReport: async (roundId, projectId) => {
    try {
      return await api.get<DispatchReport>(base({ roundId, projectId }));
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }
  },
  uploadPhoto: (roundId, projectId, photo) => {
    needSession();
    return uploadPhoto({ roundId, projectId }, photo);
  },
  submit: (roundId, projectId, body) => {
    needSession();
    return api.post<DispatchReport>(`${base({ roundId, projectId })}/submit`, body);
  },
};

/** The queue in IndexedDB (Blobs kept as they are); in memory where a browser has none. */
function browserStore(): OutboxStore {
  if (typeof indexedDB === 'undefined') return memoryStore();
  const db = createStore('guatu-outbox', 'reports');
  return {
    all: () => values<QueueItem>(db),
    get: (key) => get<QueueItem>(key, db),
    put: (item) => set(item.key, item, db),
    remove: (key) => del(key, db),
  };
}

const online = () => typeof navigator === 'undefined' || navigator.onLine !== false;

export const outbox = new Outbox(browserStore(), transport, {
  isOnline: online,
  now: () => new Date(),
  setTimer: (fn, ms) => {
    const id = setTimeout(fn, ms);
    return () => clearTimeout(id);
  },
});

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => void outbox.flush());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && online()) void outbox.flush();
  });
}

const asApiError = (e: QueueItem['error']) =>
  e && new ApiError(e.status, e.code, e.message, e.details, e.params);

/**
 * Keeps the action on the phone and sends it when it can: `sent` with the stored report, `queued`
 * while it waits for the connection. A refusal (a 4xx other than 408/429) throws the API error, as an
 * online request would; what was not yet delivered stays listed (`usePendingReports`).
 */
export async function sendReport(action: ReportAction, lang = 'zh-CN'): Promise<SendResult> {
  language = lang;
  const result = await outbox.send(action);
  if (result.status === 'failed') throw asApiError(result.error)!;
  return result;
}

/** Sends for this signed-in user from now on (the shell calls it); the queue of another user is not touched. */
export function startOutbox(userId: number): void {
  void outbox.start(userId);
}
export function stopOutbox(): void {
  outbox.stop();
}
/**
 * Called with the stored report each time a kept report has been sent, also later in the background
 * (the page learns the new version and status of a report it queued).
 */
export const onReportSent = (listener: (report: DispatchReport) => void) => outbox.onSent(listener);
export const retryReport = (roundId: number, projectId: number) => outbox.retry(roundId, projectId);
export const discardReport = (roundId: number, projectId: number) => outbox.discard(roundId, projectId);

/** The queue as it stands (re-renders on every change). */
export function useOutbox(): OutboxSnapshot {
  return useSyncExternalStore(
    (l) => outbox.subscribe(l),
    () => outbox.snapshot(),
  );
}

/** The reports waiting on this phone, in the order they will be sent. */
export function usePendingReports(): PendingReport[] {
  const { items } = useOutbox();
  return useMemo(
    () =>
      items.map((i) => ({
        roundId: i.roundId,
        projectId: i.projectId,
        kind: i.kind,
        title: i.title,
        photos: i.photos.length,
        queuedAt: i.queuedAt,
        lastError: i.error?.message ?? null,
        error: asApiError(i.error),
      })),
    [items],
  );
}

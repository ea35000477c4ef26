import type { ErrorBody } from '@guatu/contracts';
import { errorsZhCN } from '../i18n/errors.zh-CN.ts';
import type { BytesResult } from './fetch-bytes.ts';
import type { MessageKey, Translate } from '../i18n/index.tsx';

/** An error answer of the API: `message` is already in the user's language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** What the message is made from (contracts `ErrorParams`), for `errorMessage` to word it. */
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type ClientState = {
  csrfToken: string | null;
  language: string;
  onUnauthorized: (code: string) => void;
};

const state: ClientState = { csrfToken: null, language: 'zh-CN', onUnauthorized: () => {} };

export function setCsrfToken(token: string | null): void {
  state.csrfToken = token;
}
/** The session's CSRF token, for requests the client does not send itself (file uploads). */
export function getCsrfToken(): string | null {
  return state.csrfToken;
}
export function setApiLanguage(language: string): void {
  state.language = language;
}
/** Called on every 401 except from the login request itself. */
export function setUnauthorizedHandler(handler: (code: string) => void): void {
  state.onUnauthorized = handler;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function toSearch(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

type BytesFetcher = (url: string, headers: Record<string, string>) => Promise<BytesResult>;
let fetchBytes: BytesFetcher | null = null;

/**
 * Who fetches the answers taken as bytes (api.bytes): a worker, once the shell has loaded it
 * (fetch-bytes.ts, its own chunk, registered while idle); the page itself until then.
 */
export function setBytesFetcher(fetcher: BytesFetcher | null): void {
  fetchBytes = fetcher;
}

const NO_SESSION_401 = new Set(['/auth/login', '/auth/mfa/verify', '/auth/mfa/activate']);

async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  query?: Query,
  /** Answer the body's bytes (a large answer the caller decodes itself); errors as usual. */
  bytes = false,
  accept = 'application/json',
): Promise<T> {
  const headers: Record<string, string> = { Accept: accept, 'Accept-Language': state.language };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && state.csrfToken) headers['X-CSRF-Token'] = state.csrfToken;
  const url = `/api${path}${toSearch(query)}`;
  const unreachable = () =>
    new ApiError(
      0,
      'network',
      state.language.startsWith('zh') ? '无法连接服务器' : 'Cannot reach the server',
    );
  let res: { ok: boolean; status: number; statusText: string };
  let text: string;
  if (bytes && method === 'GET' && fetchBytes) {
    // off the main thread (fetch-bytes.ts), at once: the request starts as the caller asks
    const got = await fetchBytes(url, headers);
    if (got.network) throw unreachable();
    if (got.ok && got.bytes) return got.bytes as T;
    res = got;
    text = got.text ?? '';
  } else {
    let answer: Response;
    try {
      answer = await fetch(url, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw unreachable();
    }
    if (bytes && answer.ok) return new Uint8Array(await answer.arrayBuffer()) as T;
    res = answer;
    text = await answer.text();
  }
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const err = (data as Partial<ErrorBody> | null)?.error;
    const code = err?.code ?? `http_${res.status}`;
    const message = err?.message ?? `${res.status} ${res.statusText}`;
    // A wrong password or second-factor code is a 401 that does not end a session.
    if (res.status === 401 && !NO_SESSION_401.has(path)) state.onUnauthorized(code);
    throw new ApiError(res.status, code, message, err?.details, paramsOf(err?.params));
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** A GET answered as bytes (the war chart decodes its 5 MB itself), asking for `accept` and JSON. */
  bytes: (path: string, query?: Query, accept?: string) =>
    request<Uint8Array>('GET', path, undefined, query, true, accept && `${accept}, application/json`),
};

type Params = Record<string, string | number>;

const known = (key: string): key is MessageKey => Object.hasOwn(errorsZhCN, key);
const paramsOf = (p: unknown): Params =>
  p && typeof p === 'object' && !Array.isArray(p) ? (p as Params) : {};

/** The params of an error worded for the reader: codes the server sends (entity, field, system) named. */
function wordParams(code: string, params: Params, t: Translate): Params {
  const out: Params = { ...params };
  const entityKey = `error.entity.${String(params.entity)}`;
  if (code === 'not_found' && known(entityKey)) out.entity = t(entityKey);
  const fieldKey = `error.field.${String(params.field)}`;
  if ((code === 'duplicate' || code === 'invalid_reference') && known(fieldKey)) out.field = t(fieldKey);
  if (code === 'version_conflict' && params.byKind === 'system') out.by = t('error.system');
  const reasonKey = `error.${code}.${String(params.reason)}`;
  if (params.reason !== undefined && known(reasonKey)) out.detail = t(reasonKey, out);
  return out;
}

/**
 * The one place an error becomes words: a known API code is worded from the web's dictionaries
 * (i18n/errors.*.ts) with its params, anything else falls back to the server's message (already
 * in the reader's language) or the error's own.
 */
export function errorMessage(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    // A table that does not record its editor (regions, departments, users): no name, no time.
    const unrecorded = error.code === 'version_conflict' && error.params.byKind === 'unrecorded';
    const key = unrecorded ? 'error.version_conflict_unrecorded' : `error.${error.code}`;
    if (!known(key)) return error.message;
    return t(key, wordParams(error.code, error.params, t));
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

/** An import issue's reason in the reader's language, from its code and the cell's value. */
export function importIssueText(
  issue: { code: string; params?: { value: string }; message: string },
  t: Translate,
): string {
  const key = `importIssue.${issue.code}`;
  return known(key) ? t(key, { value: issue.params?.value ?? '' }) : issue.message;
}

/** A stage warning in the reader's language, from its reason and params. */
export function stageWarningText(
  warning: { reason: string; params?: Params; message: string },
  t: Translate,
): string {
  const key = `stageWarning.${warning.reason}`;
  return known(key) ? t(key, warning.params ?? {}) : warning.message;
}

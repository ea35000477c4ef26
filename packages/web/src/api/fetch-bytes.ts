import type { BytesAnswer, BytesAsk } from './bytes-worker.ts';

// A GET whose body the page takes as bytes (the war chart's ~3.4 MB), fetched by a worker
// (bytes-worker.ts) where there is one: the page's main thread may be busy rendering the page
// that asked (the same click mounts it) and would otherwise leave the body waiting in the network
// pipe until it is done. Without workers (tests, an old browser) or when the worker fails to
// load, the page fetches it itself. Its own chunk: the shell loads it while idle and hands
// fetchBytes to the api client (client.ts setBytesFetcher), which fetches on the page until then.

export type BytesResult =
  | { network: true }
  | { network?: false; ok: boolean; status: number; statusText: string; bytes?: Uint8Array; text?: string };

type Waiting = { url: string; headers: Record<string, string>; done: (r: BytesResult) => void };

let worker: Worker | null = null;
let broken = typeof Worker === 'undefined';
let nextId = 1;
const waiting = new Map<number, Waiting>();

async function onThisThread(url: string, headers: Record<string, string>): Promise<BytesResult> {
  let res: Response;
  try {
    res = await fetch(url, { headers, credentials: 'same-origin' });
  } catch {
    return { network: true };
  }
  const base = { ok: res.ok, status: res.status, statusText: res.statusText };
  return res.ok
    ? { ...base, bytes: new Uint8Array(await res.arrayBuffer()) }
    : { ...base, text: await res.text() };
}

function answer(a: BytesAnswer): void {
  const w = waiting.get(a.id);
  if (!w) return;
  waiting.delete(a.id);
  if (a.network) return w.done({ network: true });
  if (a.timing)
    // the request's timing for the page (a worker's requests are in the worker's resource timing)
    performance.measure(w.url, {
      start: a.timing.start - performance.timeOrigin,
      end: a.timing.end - performance.timeOrigin,
      detail: { bytes: a.timing.bytes },
    });
  const ok = a.status >= 200 && a.status < 300;
  w.done({
    ok,
    status: a.status,
    statusText: a.statusText,
    bytes: a.buffer ? new Uint8Array(a.buffer) : undefined,
    text: a.text,
  });
}

/** The worker that fetches, started ahead of its first request (a thread and its small chunk). */
export function startBytesWorker(): Worker | null {
  if (worker || broken) return worker;
  try {
    worker = new Worker(new URL('./bytes-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    broken = true;
    return null;
  }
  worker.addEventListener('message', (e: MessageEvent<BytesAnswer>) => answer(e.data));
  worker.addEventListener('error', () => {
    // not loaded (or failed): what waits, and what comes, is fetched here
    broken = true;
    worker?.terminate();
    worker = null;
    const left = [...waiting.values()];
    waiting.clear();
    for (const w of left) void onThisThread(w.url, w.headers).then(w.done);
  });
  return worker;
}

/** GET `url` (same origin) with `headers`: the body as bytes when the answer is a success, else its text. */
export function fetchBytes(url: string, headers: Record<string, string>): Promise<BytesResult> {
  const w = startBytesWorker();
  if (!w) return onThisThread(url, headers);
  return new Promise((done) => {
    const id = nextId++;
    waiting.set(id, { url: new URL(url, location.href).href, headers, done });
    w.postMessage({ id, url, headers } satisfies BytesAsk);
  });
}

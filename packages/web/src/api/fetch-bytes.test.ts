import { afterEach, describe, expect, it, vi } from 'vitest';

// fetch-bytes.ts: a large GET fetched by a worker, its bytes handed over; the page's own fetch when
// there is no worker or it fails to load.

type Listener = (e: { data: unknown }) => void;

/** A stand-in for the worker: answers each request (or fails to load) as told. */
function fakeWorker(behaviour: 'answer' | 'fail') {
  const made: FakeWorker[] = [];
  class FakeWorker {
    listeners: Record<string, Listener[]> = {};
    asked: unknown[] = [];
    terminated = false;
    constructor() {
      made.push(this);
    }
    addEventListener(type: string, l: Listener) {
      (this.listeners[type] ??= []).push(l);
    }
    postMessage(ask: { id: number; url: string }) {
      this.asked.push(ask);
      setTimeout(() => {
        if (behaviour === 'fail') return this.listeners.error?.forEach((l) => l({ data: null }));
        const buffer = new Uint8Array([1, 2, 3]).buffer;
        const now = Date.now();
        const timing = { start: now - 20, end: now - 5, bytes: 3 };
        this.listeners.message?.forEach((l) =>
          l({ data: { id: ask.id, status: 200, statusText: 'OK', buffer, timing } }),
        );
      }, 0);
    }
    terminate() {
      this.terminated = true;
    }
  }
  return { FakeWorker, made };
}

async function load(worker?: unknown) {
  vi.resetModules();
  if (worker) vi.stubGlobal('Worker', worker);
  vi.stubGlobal('location', { href: 'http://guatu.test/projects' });
  return import('./fetch-bytes.ts');
}

afterEach(() => {
  vi.unstubAllGlobals();
  performance.clearMeasures();
});

describe('fetchBytes', () => {
  it('takes the bytes from the worker, one worker for all requests, and measures the request', async () => {
    const { FakeWorker, made } = fakeWorker('answer');
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const { fetchBytes, startBytesWorker } = await load(FakeWorker);
    startBytesWorker();
    const a = await fetchBytes('/api/war-chart?year=2023', { Accept: 'x' });
    const b = await fetchBytes('/api/war-chart?year=2024', { Accept: 'x' });
    expect(a).toMatchObject({ ok: true, status: 200 });
    expect(!a.network && [...a.bytes!]).toEqual([1, 2, 3]);
    expect(b).toMatchObject({ ok: true });
    expect(made).toHaveLength(1);
    expect(made[0]!.asked).toHaveLength(2);
    expect(fetch).not.toHaveBeenCalled();
    const measured = performance.getEntriesByName('http://guatu.test/api/war-chart?year=2023', 'measure');
    expect(measured).toHaveLength(1);
    expect(Math.round(measured[0]!.duration)).toBe(15);
  });

  it('fetches on the page when the worker fails to load', async () => {
    const { FakeWorker, made } = fakeWorker('fail');
    const fetch = vi.fn(async () => new Response(new Uint8Array([9]), { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    const { fetchBytes } = await load(FakeWorker);
    const got = await fetchBytes('/api/war-chart?year=2023', {});
    expect(!got.network && [...got.bytes!]).toEqual([9]);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(made[0]!.terminated).toBe(true);
    // and later requests do not try the worker again
    await fetchBytes('/api/war-chart?year=2024', {});
    expect(made).toHaveLength(1);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('fetches on the page without workers, and hands an error answer back as text', async () => {
    const fetch = vi.fn(async () => new Response('{"error":{"code":"forbidden"}}', { status: 403 }));
    vi.stubGlobal('fetch', fetch);
    const { fetchBytes } = await load();
    const got = await fetchBytes('/api/war-chart?year=2023', {});
    expect(got).toMatchObject({ ok: false, status: 403, text: '{"error":{"code":"forbidden"}}' });
  });
});

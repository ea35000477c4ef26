import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { Spin } from 'antd';
import { loadMessages } from '../i18n/index.tsx';

const RELOADED_AT = 'guatu.chunkReloadAt';

/**
 * A chunk that no longer exists (a new build replaced dist/ while this tab kept the old index.html)
 * fails its import with a 404: load the page again, once, to get the new index.html and its chunks.
 * A second failure within a minute is thrown (a real outage, not a new build).
 */
async function importOrReload<M>(load: () => Promise<M>): Promise<M> {
  try {
    return await load();
  } catch (error) {
    // Without signal (a phone at a site) a reload only shows the browser's offline page: throw, so
    // that the page says it cannot load and the next visit tries again.
    if (typeof navigator !== 'undefined' && navigator.onLine === false) throw error;
    let last = 0;
    try {
      last = Number(sessionStorage.getItem(RELOADED_AT) ?? 0);
      if (Date.now() - last > 60_000) sessionStorage.setItem(RELOADED_AT, String(Date.now()));
    } catch {
      // storage unavailable: reload at most as often as the check below allows (never twice a minute)
    }
    if (Date.now() - last > 60_000) {
      window.location.reload();
      return new Promise<M>(() => {}); // the reload replaces the page
    }
    throw error;
  }
}

/**
 * A page loaded on first visit (its own chunk): `lazyPage(() => import('./x-page.tsx'), 'XPage')`.
 * Pages keep their named exports; this picks one as the lazy component. The page renders once its
 * chunk and the whole dictionary of the language in use are loaded; `{ messages: 'core' }` marks a
 * page whose words are all in the entry's core part (i18n/zh-CN.core.ts: the login, the shell, the
 * ledger), which then does not wait for (nor load) the rest.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any page's props
export function lazyPage<K extends string, M extends Record<K, ComponentType<any>>>(
  load: () => Promise<M>,
  name: K,
  options: { messages?: 'core' | 'all' } = {},
) {
  const withMessages =
    options.messages === 'core' ? load : () => Promise.all([load(), loadMessages()]).then(([m]) => m);
  let loading: Promise<M> | null = null;
  /** The page's component once its chunk (and words) are loaded. */
  let loaded: M[K] | null = null;
  // A failed load is forgotten, so that a later visit (back online) loads it again.
  const remember = (p: Promise<M>) => {
    loading = p;
    p.then(
      (m) => {
        loaded = m[name];
      },
      () => {
        if (loading === p) loading = null;
      },
    );
    return p;
  };
  const once = () => loading ?? remember(importOrReload(withMessages));
  // React calls this at the page's first render. A preloaded page is handed over at once by a
  // thenable that calls back synchronously: React then renders it in the same pass, instead of
  // suspending on a promise already settled (a fallback committed, or a transition waiting for a
  // microtask, and the whole page rendered a second time).
  const page = lazy(() => {
    const ready = loaded;
    if (ready)
      return { then: (resolve: (m: { default: M[K] }) => void) => resolve({ default: ready }) } as Promise<{
        default: M[K];
      }>;
    return once().then((m) => ({ default: m[name] }));
  });
  /**
   * Starts loading the chunk now (before the page renders): the same promise the page awaits. A
   * preload never reloads the tab when it fails (it may run just as a phone loses its signal).
   */
  return Object.assign(page, { preload: () => void (loading ?? remember(withMessages())).catch(() => {}) });
}

/**
 * Loads the given pages' chunks one after another while the browser is idle, so that a later
 * click on the menu finds its page ready instead of fetching and evaluating it then.
 */
export function preloadWhenIdle(pages: { preload: () => void }[]): () => void {
  let cancelled = false;
  let i = 0;
  const idle = (cb: () => void) => {
    if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(cb, { timeout: 2000 });
    else setTimeout(cb, 200);
  };
  const next = () => {
    if (cancelled || i >= pages.length) return;
    pages[i++]!.preload();
    idle(next);
  };
  idle(next);
  return () => {
    cancelled = true;
  };
}

/** What shows while a page's chunk loads: a large spinner in the middle of the content area. */
export function PageSpin() {
  return (
    <div
      style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', minHeight: '40vh' }}
      data-testid="page-loading"
    >
      <Spin size="large" />
    </div>
  );
}

/** A boundary around lazy content, with the centred spinner as fallback. */
export function PageSuspense({ children }: { children: ReactNode }) {
  return <Suspense fallback={<PageSpin />}>{children}</Suspense>;
}

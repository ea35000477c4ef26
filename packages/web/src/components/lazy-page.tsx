import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { Spin } from 'antd';

/**
 * A page loaded on first visit (its own chunk): `lazyPage(() => import('./x-page.tsx'), 'XPage')`.
 * Pages keep their named exports; this picks one as the lazy component.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any page's props
export function lazyPage<K extends string, M extends Record<K, ComponentType<any>>>(
  load: () => Promise<M>,
  name: K,
) {
  return lazy(async () => ({ default: (await load())[name] }));
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

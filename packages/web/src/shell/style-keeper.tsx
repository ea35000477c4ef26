import { useSyncExternalStore, type ReactNode } from 'react';

// Hidden instances of antd controls, kept mounted by the shell. antd's css-in-js drops a
// component's styles (and removes its CSS-variable <style>) when its last instance unmounts: going
// from the ledger to the war chart (both show the filter bar) the ledger's selects and search box
// went first, and the war chart's made their styles again and inserted them (a recalculation of
// every style of the page) in the click's render (issue 11). The filter bar hands its controls
// here (ledger-filters.tsx), so that the shell does not load them for pages without one.

let kept: ReactNode = null;
const listeners = new Set<() => void>();

/** Keeps `node` mounted, hidden, for the rest of the session (the first call wins). */
export function keepMounted(node: ReactNode): void {
  if (kept !== null) return;
  kept = node;
  for (const l of listeners) l();
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export function StyleKeeper() {
  const node = useSyncExternalStore(
    subscribe,
    () => kept,
    () => null,
  );
  return node === null ? null : (
    <div hidden aria-hidden data-testid="style-keeper">
      {node}
    </div>
  );
}

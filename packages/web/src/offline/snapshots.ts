import { clear, createStore, get, set, type UseStore } from 'idb-keyval';
import { ApiError } from '../api/client.ts';

/**
 * The last answer of each read the phone report pages need (我的填报, a round's table, a report,
 * its photos, the project's stages), kept in IndexedDB so that the pages open without signal after
 * one visit with it (issue 10, item 3). Read only when the server cannot be reached; written on
 * every answer; cleared when the user signs out (they are the user's projects).
 */
let store: UseStore | null | undefined;
const snapshots = (): UseStore | null =>
  store !== undefined
    ? store
    : (store = typeof indexedDB === 'undefined' ? null : createStore('guatu-snapshots', 'reads'));

/** `fetch()`, remembered; when the network fails, the remembered answer if there is one. */
export async function withSnapshot<T>(key: readonly unknown[], fetch: () => Promise<T>): Promise<T> {
  const db = snapshots();
  const id = JSON.stringify(key);
  try {
    const fresh = await fetch();
    if (db) void set(id, fresh, db).catch(() => undefined);
    return fresh;
  } catch (e) {
    if (db && e instanceof ApiError && e.code === 'network') {
      const kept = await get<T>(id, db).catch(() => undefined);
      if (kept !== undefined) return kept;
    }
    throw e;
  }
}

/** Forgets every remembered answer (sign-out). */
export async function clearSnapshots(): Promise<void> {
  const db = snapshots();
  if (db) await clear(db).catch(() => undefined);
}

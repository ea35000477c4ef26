/**
 * A round's dispatch table (调度表) and figures at province scale (issue 11): computed once per
 * state of what they read and kept in memory per database handle, so that the figures of a round
 * of 50,000 projects, a page of its table or the table again cost a lookup instead of the joins,
 * the reports and the 当前工序 of every project.
 *
 * The state is the stamp of two counters written by triggers in the writing transaction — the
 * portfolio's (migration 0025: projects, list entries, task forces, regions) and the dispatch
 * tables' (0027: rounds, their projects and reports, plans, actual dates, stage templates, the
 * leaders' and departments' names) — so a change made through any app server is seen on the next
 * request. What an answer depends on besides (the round, the reader's grants and language, today)
 * is part of its key. The stamp is read before the rows, so the rows are never older than it; a
 * write committed in between only computes the answer once more on the next request.
 *
 * Concurrent requests for one key share one computation; a failed one is not kept.
 */
import type { Db } from '../db/connect.ts';
import { readDispatchStamp } from '../repositories/dispatch.repository.ts';

type Cache = { stamp: string; entries: Map<string, Promise<unknown>> };

/** Answers kept per database: a table of 50,000 rows is tens of MB (and its JSON ~20 MB), so few of them. */
const KEPT = { table: 2, light: 3, figures: 32 } as const;

const caches = new WeakMap<Db, Record<keyof typeof KEPT, Cache>>();

/** The counters' stamp now: part of every key (see the module comment). */
export const dispatchStamp = (db: Db): Promise<string> => readDispatchStamp(db);

/**
 * The answer of `key` computed at `stamp` (the stamp read before anything the answer reads):
 * the kept one, else `build()` kept. Answers of another stamp are dropped.
 */
export function cachedDispatchAnswer<T>(
  db: Db,
  kind: keyof typeof KEPT,
  stamp: string,
  key: string,
  build: () => Promise<T>,
): Promise<T> {
  let all = caches.get(db);
  if (!all) {
    all = {
      table: { stamp, entries: new Map() },
      light: { stamp, entries: new Map() },
      figures: { stamp, entries: new Map() },
    };
    caches.set(db, all);
  }
  const cache = all[kind];
  if (cache.stamp !== stamp) {
    cache.stamp = stamp;
    cache.entries.clear();
  }
  const known = cache.entries.get(key) as Promise<T> | undefined;
  if (known) {
    cache.entries.delete(key);
    cache.entries.set(key, known);
    return known;
  }
  const made = build();
  cache.entries.set(key, made);
  while (cache.entries.size > KEPT[kind]) cache.entries.delete(cache.entries.keys().next().value!);
  made.catch(() => {
    if (cache.entries.get(key) === made) cache.entries.delete(key);
  });
  return made;
}

/** The answer of `key` at `stamp` when it is kept (computed or being computed), else undefined. */
export function peekDispatchAnswer<T>(
  db: Db,
  kind: keyof typeof KEPT,
  stamp: string,
  key: string,
): Promise<T> | undefined {
  const cache = caches.get(db)?.[kind];
  return cache && cache.stamp === stamp ? (cache.entries.get(key) as Promise<T> | undefined) : undefined;
}

/** Drops a database's answers (tests). */
export function forgetDispatchAnswers(db: Db): void {
  caches.delete(db);
}

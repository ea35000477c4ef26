/**
 * The portfolio read path (issue 11): each year's projects in memory (PortfolioIndex), per
 * database handle, kept current by the change counter that migration 0025's triggers write in the
 * same transaction as every project, list-entry, task-force and region write — through this app
 * server or any other on the same database. Every read first compares the counter (one indexed
 * row) with the one the cache was built at, and reloads only the projects changed since; a region
 * change, a restored database or changes pruned away reload everything.
 *
 * The counter is read before the rows, so the rows are never older than the version recorded;
 * a write committed in between is simply reloaded once more on the next read.
 */
import type { Db } from '../db/connect.ts';
import { shanghaiToday } from '@guatu/domain';
import {
  findPortfolioChanges,
  findPortfolioYears,
  loadPortfolioRows,
  readPortfolioState,
} from '../repositories/portfolio.repository.ts';
import { PortfolioIndex } from './portfolio-index.ts';

/** Years kept in memory per database (the least recently read is dropped first). */
const MAX_YEARS = 6;
/** More changed projects than this since the last read: reload the year whole. */
const MAX_PATCH = 5000;

type Cache = {
  version: number;
  years: Map<number, PortfolioIndex>;
  /** Catch-ups and builds run one at a time per database. */
  lock: Promise<unknown>;
};

const caches = new WeakMap<Db, Cache>();

function serial<T>(c: Cache, fn: () => Promise<T>): Promise<T> {
  const run = c.lock.then(fn, fn);
  c.lock = run.catch(() => undefined);
  return run;
}

/** The year's portfolio as committed now (see the module comment). */
export async function portfolioOf(db: Db, year: number): Promise<PortfolioIndex> {
  let c = caches.get(db);
  if (!c) {
    c = { version: -1, years: new Map(), lock: Promise.resolve() };
    caches.set(db, c);
  }
  const cache = c;
  const state = await readPortfolioState(db);
  const hit = cache.years.get(year);
  if (hit && state.version === cache.version) return touch(cache, year, hit);
  return serial(cache, async () => {
    // Another caller may have caught up while this one waited.
    const now = await readPortfolioState(db);
    if (now.version !== cache.version) await catchUp(db, cache, now);
    const known = cache.years.get(year);
    if (known) return touch(cache, year, known);
    const built = new PortfolioIndex(await loadPortfolioRows(db, year));
    cache.years.set(year, built);
    while (cache.years.size > MAX_YEARS) cache.years.delete(cache.years.keys().next().value!);
    return built;
  });
}

function touch(c: Cache, year: number, index: PortfolioIndex): PortfolioIndex {
  c.years.delete(year);
  c.years.set(year, index);
  return index;
}

async function catchUp(db: Db, c: Cache, state: { version: number; prunedThrough: number }) {
  const whole =
    c.version < 0 || state.version < c.version || state.prunedThrough > c.version || c.years.size === 0;
  const changed = whole ? [] : await findPortfolioChanges(db, c.version, state.version);
  if (whole || changed.includes(0) || changed.length > MAX_PATCH) {
    c.years.clear();
  } else {
    const ids = new Set(changed);
    for (const [year, index] of c.years) {
      const fresh = await loadPortfolioRows(db, year, changed);
      const kept = index.entries().filter((r) => !ids.has(r.id));
      c.years.set(year, new PortfolioIndex([...kept, ...fresh]));
    }
  }
  c.version = state.version;
}

/**
 * Builds the default year's portfolio in the background at start (issue 11: long work off the
 * request path): this year when it has a list, else the latest year that has one.
 */
export async function warmPortfolio(db: Db, now: Date): Promise<number | null> {
  const years = await findPortfolioYears(db);
  const thisYear = Number(shanghaiToday(now).slice(0, 4));
  const year = years.includes(thisYear) ? thisYear : (years[0] ?? null);
  if (year !== null) await portfolioOf(db, year);
  return year;
}

/** Drops a database's cache (tests, a restore in this process). */
export function forgetPortfolio(db: Db): void {
  caches.delete(db);
}

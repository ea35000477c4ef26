/**
 * Several app servers, one database (issue 8, item 6): the settings the scheduler runs on — the
 * calendars, the stage templates, the warning rules — are cached in memory per database handle
 * and used only while the stamp stored in the database for them is the one they were read at.
 * Every write of a setting replaces its stamp in its own transaction (the repositories do it), and
 * a request reads the three stamps once (one primary-key read of a three-row table), so a change
 * made through one app server is used by every other at once, at the cost of that one query.
 */
import type { Db } from '../db/connect.ts';
import { findSettingsStamps, type SettingsStamps } from '../repositories/settings-stamp.repository.ts';

export type { SettingsStamps };

/** The stamps a request runs on: read once per request and handed to each loader. */
export const readSettingsStamps = (db: Db): Promise<SettingsStamps> => findSettingsStamps(db);

/**
 * A value read from the database and kept per handle while its stamp holds. The stamp is read
 * before the value, so a write landing in between leaves newer content under the older stamp,
 * which the next request reloads — never older content under a newer stamp.
 */
export function stampedCache<T>(read: (db: Db) => Promise<T>): (db: Db, stamp: string) => Promise<T> {
  const cache = new WeakMap<Db, { stamp: string; value: Promise<T> }>();
  return (db, stamp) => {
    const hit = cache.get(db);
    if (hit && hit.stamp === stamp) return hit.value;
    const value = read(db);
    cache.set(db, { stamp, value });
    value.catch(() => {
      if (cache.get(db)?.value === value) cache.delete(db);
    });
    return value;
  };
}

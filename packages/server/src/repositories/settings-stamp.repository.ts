/**
 * SQL of the settings stamps (issue 8, item 6): one row per cached setting, its stamp replaced by
 * a fresh random value in the transaction of every write of that setting.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/connect.ts';

export type SettingsKey = 'calendar' | 'stage_templates' | 'warning_rules';
export type SettingsStamps = Record<SettingsKey, string>;

/** The three stamps: one read of a three-row table by its primary key. */
export async function findSettingsStamps(db: Db): Promise<SettingsStamps> {
  const rows = await db
    .selectFrom('settingsVersions')
    .select(['key', 'stamp'])
    .where('key', 'in', ['calendar', 'stage_templates', 'warning_rules'])
    .execute();
  // A missing row (a database written by hand) reads as a stamp of its own that no write produces.
  const out: SettingsStamps = { calendar: '-', stage_templates: '-', warning_rules: '-' };
  for (const r of rows) out[r.key as SettingsKey] = r.stamp;
  return out;
}

/** Marks a setting changed: call inside the transaction that changes it. */
export async function bumpSettingsStamp(db: Db, key: SettingsKey): Promise<void> {
  const stamp = randomUUID();
  const res = await db
    .updateTable('settingsVersions')
    .set({ stamp })
    .where('key', '=', key)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0)
    await db.insertInto('settingsVersions').values({ key, stamp }).execute();
}

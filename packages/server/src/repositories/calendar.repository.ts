/**
 * SQL of the working-day calendar's admin data: entries (holidays, make-up days, stops), each of
 * a region and inherited by its subtree, and the years added beyond the built-in holidays.
 */
import type { Db } from '../db/connect.ts';
import { bumpSettingsStamp } from './settings-stamp.repository.ts';

export type CalendarEntryRow = {
  id: number;
  kind: string;
  from: string;
  to: string;
  name: string;
  version: number;
  /** null: an entry older than per-region settings, the root's. */
  regionId: number | null;
  regionName: string | null;
};

const entryColumns = [
  'e.id',
  'e.kind',
  'e.fromDate as from',
  'e.toDate as to',
  'e.name',
  'e.version',
  'e.regionId',
  'r.name as regionName',
] as const;

/** Every region's entries: few (tens per region), read whole and cached by the service. */
export async function findCalendarEntries(db: Db): Promise<CalendarEntryRow[]> {
  return db
    .selectFrom('calendarEntries as e')
    .leftJoin('regions as r', 'r.id', 'e.regionId')
    .select(entryColumns)
    .orderBy('e.fromDate')
    .orderBy('e.id')
    .execute();
}

export async function findCalendarEntry(
  db: Db,
  id: number,
): Promise<(CalendarEntryRow & { regionPath: string | null }) | null> {
  const row = await db
    .selectFrom('calendarEntries as e')
    .leftJoin('regions as r', 'r.id', 'e.regionId')
    .where('e.id', '=', id)
    .select([...entryColumns, 'r.path as regionPath'])
    .executeTakeFirst();
  return row ?? null;
}

export async function insertCalendarEntries(
  db: Db,
  entries: ReadonlyArray<{ kind: string; from: string; to: string; name: string }>,
  regionId: number,
  createdAt: string,
  createdBy: number | null,
): Promise<number[]> {
  if (entries.length === 0) return [];
  const rows = await db
    .insertInto('calendarEntries')
    .values(
      entries.map((e) => ({
        kind: e.kind,
        fromDate: e.from,
        toDate: e.to,
        name: e.name,
        version: 1,
        createdAt,
        createdBy,
        regionId,
      })),
    )
    .returning('id')
    .execute();
  await bumpSettingsStamp(db, 'calendar');
  return rows.map((r) => r.id);
}

export async function deleteCalendarEntry(db: Db, id: number): Promise<boolean> {
  const res = await db.deleteFrom('calendarEntries').where('id', '=', id).executeTakeFirst();
  const ok = Number(res.numDeletedRows) === 1;
  if (ok) await bumpSettingsStamp(db, 'calendar');
  return ok;
}

export async function findCalendarYears(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('calendarYears').select('year').orderBy('year').execute();
  return rows.map((r) => Number(r.year));
}

export async function insertCalendarYear(db: Db, year: number, createdAt: string, createdBy: number | null) {
  await db.insertInto('calendarYears').values({ year, createdAt, createdBy }).execute();
  await bumpSettingsStamp(db, 'calendar');
}

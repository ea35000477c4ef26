/** SQL of the working-day calendar's admin data: entries (holidays, make-up days, stops) and added years. */
import type { Generated, Kysely } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';

type CalendarEntryTable = {
  id: Generated<number>;
  kind: string;
  fromDate: string;
  toDate: string;
  name: string;
  version: number;
  createdAt: string;
  createdBy: number | null;
};
type CalendarYearTable = { year: number; createdAt: string; createdBy: number | null };
type CalendarDatabase = Database & { calendarEntries: CalendarEntryTable; calendarYears: CalendarYearTable };
const cdb = (db: Db) => db as unknown as Kysely<CalendarDatabase>;

export type CalendarEntryRow = {
  id: number;
  kind: string;
  from: string;
  to: string;
  name: string;
  version: number;
};

export async function findCalendarEntries(db: Db): Promise<CalendarEntryRow[]> {
  return cdb(db)
    .selectFrom('calendarEntries')
    .select(['id', 'kind', 'fromDate as from', 'toDate as to', 'name', 'version'])
    .orderBy('fromDate')
    .orderBy('id')
    .execute();
}

export async function findCalendarEntry(db: Db, id: number): Promise<CalendarEntryRow | null> {
  const row = await cdb(db)
    .selectFrom('calendarEntries')
    .where('id', '=', id)
    .select(['id', 'kind', 'fromDate as from', 'toDate as to', 'name', 'version'])
    .executeTakeFirst();
  return row ?? null;
}

export async function insertCalendarEntries(
  db: Db,
  entries: ReadonlyArray<{ kind: string; from: string; to: string; name: string }>,
  createdAt: string,
  createdBy: number | null,
): Promise<number[]> {
  if (entries.length === 0) return [];
  const rows = await cdb(db)
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
      })),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function deleteCalendarEntry(db: Db, id: number): Promise<boolean> {
  const res = await cdb(db).deleteFrom('calendarEntries').where('id', '=', id).executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

export async function findCalendarYears(db: Db): Promise<number[]> {
  const rows = await cdb(db).selectFrom('calendarYears').select('year').orderBy('year').execute();
  return rows.map((r) => Number(r.year));
}

export async function insertCalendarYear(db: Db, year: number, createdAt: string, createdBy: number | null) {
  await cdb(db).insertInto('calendarYears').values({ year, createdAt, createdBy }).execute();
}

/**
 * The working-day calendar: the built-in statutory holidays and 调休 (chinese-days, through the
 * domain's chinaCalendarSpec) plus what an admin adds — holidays, make-up days, stop periods
 * (冬季停工) and whole years the package does not cover yet.
 *
 * Decisions:
 * - It starts in 2020: the 2023 ledger has projects planned to start in 2021, and 倒排 puts
 *   their permit stages a year earlier still.
 * - Dates a person enters (targets, stop periods) must lie in a year with announced holidays
 *   (built-in or added). Forecasts of late projects may run on up to three provisional years
 *   after that, counted on weekends only, so that a late project still gets a forecast instead
 *   of an error; the calendar response says which years are provisional only by `lastYear`.
 * - Per region (issue 7): the statutory holidays and added years are global (chinese-days and
 *   the root's entries); a region's own entries — stop periods, local holidays or make-up days —
 *   hold for its subtree on top of its ancestors'. An admin edits his region's and those below.
 * - The built calendars are cached in memory per database, keyed by the effective region (the
 *   deepest one on the line with entries of its own) and used while the calendar's stamp in the
 *   settings_versions table holds (settings-cache.ts): every write replaces it in its
 *   transaction, so several app servers see each other's changes at once.
 */
import type { calendarEntryCreate, calendarResponse, calendarYearCreate } from '@guatu/contracts';
import {
  buildCalendar,
  chinaCalendarSpec,
  fromOrdinal,
  toOrdinal,
  weekdayOfOrdinal,
  type CalendarSpec,
  type WorkingCalendar,
} from '@guatu/domain';
import type { z } from 'zod';
import type { Db } from '../db/connect.ts';
import { AppError } from '../errors.ts';
import { hasRole, type Actor } from '../policies/actor.ts';
import type { RegionRow } from '../db/schema.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import * as repo from '../repositories/calendar.repository.ts';
import { canWriteSettings, nearestOnPath, pathIds, settingsRegion } from './region-settings.ts';
import { readSettingsStamps, stampedCache, type SettingsStamps } from './settings-cache.ts';

export const CALENDAR_FIRST_YEAR = 2020;
const PROVISIONAL_YEARS = 3;

type CalendarEntryCreate = z.infer<typeof calendarEntryCreate>;
type CalendarResponse = z.infer<typeof calendarResponse>;
type CalendarYearCreate = z.infer<typeof calendarYearCreate>;

let lastBuiltIn: number | undefined;
/**
 * The last year chinese-days has the State Council's notice for (2026 at the time of writing);
 * found on first use, not at start (issue 11: each year probed costs milliseconds).
 */
export function builtInLastYear(): number {
  if (lastBuiltIn === undefined) {
    let year = 2026;
    for (; year < 2100; year++) {
      try {
        chinaCalendarSpec({ firstYear: year + 1, lastYear: year + 1 });
      } catch {
        break;
      }
    }
    lastBuiltIn = year;
  }
  return lastBuiltIn;
}
let builtIn: CalendarSpec | undefined;
/** The built-in holidays and make-up days of every announced year, computed on first use. */
const builtInSpec = (): CalendarSpec =>
  (builtIn ??= chinaCalendarSpec({ firstYear: CALENDAR_FIRST_YEAR, lastYear: builtInLastYear() }));

export type NonWorkingPeriod = { from: string; to: string; name: string };
export type CalendarState = {
  calendar: WorkingCalendar;
  firstYear: number;
  /** The last year with announced holidays (built-in or added by an admin). */
  lastYear: number;
  /** The entries in force: the root's and those of every region down to the effective one. */
  entries: repo.CalendarEntryRow[];
  /** Holidays and stop periods, sorted, for shading a Gantt. */
  nonWorking: NonWorkingPeriod[];
  /** The deepest region with entries of its own this calendar is built for; null: the root's only. */
  regionId: number | null;
};

/**
 * Every region's entries and the added years, read whole (they are few), and the calendars built
 * from them keyed by effective region and year of "today"; kept while the calendar's stamp in the
 * database holds (settings-cache.ts), so a change made through another app server is used on the
 * next request.
 */
type Store = {
  entries: repo.CalendarEntryRow[];
  years: number[];
  withEntries: Set<number>;
  states: Map<string, Promise<CalendarState>>;
};
const cachedStore = stampedCache(async (db): Promise<Store> => {
  const [entries, years] = await Promise.all([repo.findCalendarEntries(db), repo.findCalendarYears(db)]);
  const withEntries = new Set(entries.flatMap((e) => (e.regionId === null ? [] : [e.regionId])));
  return { entries, years, withEntries, states: new Map() };
});

/** The stamps a request already read, or read them now. */
type Stamps = SettingsStamps | Promise<SettingsStamps>;
async function storeOf(db: Db, stamps?: Stamps): Promise<Store> {
  return cachedStore(db, (await (stamps ?? readSettingsStamps(db))).calendar);
}

function stateFor(store: Store, regionPath: string, todayYear: number): Promise<CalendarState> {
  // Every region below the effective one adds nothing, so they share its calendar.
  const effective = nearestOnPath(regionPath, (id) => store.withEntries.has(id));
  const key = `${effective ?? 'root'}|${todayYear}`;
  let state = store.states.get(key);
  if (!state) {
    const line = new Set(pathIds(regionPath));
    const entries = store.entries.filter((e) => e.regionId === null || line.has(e.regionId));
    state = Promise.resolve(buildState(store.years, entries, todayYear, effective));
    store.states.set(key, state);
  }
  return state;
}

/** The calendar of a region (its own entries on top of its ancestors') for schedules computed on `today`. */
export async function loadCalendar(
  db: Db,
  today: string,
  regionPath: string,
  stamps?: Stamps,
): Promise<CalendarState> {
  return stateFor(await storeOf(db, stamps), regionPath, Number(today.slice(0, 4)));
}

/** The calendars of many regions with one stamp check: the war chart's. */
export async function loadCalendars(
  db: Db,
  today: string,
  regionPaths: Iterable<string>,
  stamps?: Stamps,
): Promise<Map<string, CalendarState>> {
  const store = await storeOf(db, stamps);
  const year = Number(today.slice(0, 4));
  const out = new Map<string, CalendarState>();
  for (const path of regionPaths) if (!out.has(path)) out.set(path, await stateFor(store, path, year));
  return out;
}

function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  for (let o = toOrdinal(from), end = toOrdinal(to); o <= end; o++) days.push(fromOrdinal(o));
  return days;
}

// Consecutive days as ranges: one line per holiday instead of one per day.
function runs(days: readonly string[], name: string): NonWorkingPeriod[] {
  const sorted = [...new Set(days)].sort();
  const out: NonWorkingPeriod[] = [];
  for (const day of sorted) {
    const last = out[out.length - 1];
    if (last && toOrdinal(day) === toOrdinal(last.to) + 1) last.to = day;
    else out.push({ from: day, to: day, name });
  }
  return out;
}

function buildState(
  years: readonly number[],
  entries: repo.CalendarEntryRow[],
  todayYear: number,
  regionId: number | null,
): CalendarState {
  let lastYear = builtInLastYear();
  for (const y of years) if (y === lastYear + 1) lastYear = y;
  const of = (kind: string) => entries.filter((e) => e.kind === kind);
  const spec: CalendarSpec = {
    holidays: [...builtInSpec().holidays, ...of('holiday').flatMap((e) => daysOf(e.from, e.to))],
    makeupWorkdays: [...builtInSpec().makeupWorkdays, ...of('workday').flatMap((e) => daysOf(e.from, e.to))],
    stopPeriods: of('stop').map((e) => ({ name: e.name, from: e.from, to: e.to })),
    firstYear: CALENDAR_FIRST_YEAR,
    lastYear: Math.max(lastYear, todayYear) + PROVISIONAL_YEARS,
  };
  const nonWorking = [
    ...runs(builtInSpec().holidays, '法定节假日'),
    ...of('holiday').map((e) => ({ from: e.from, to: e.to, name: e.name })),
    ...of('stop').map((e) => ({ from: e.from, to: e.to, name: e.name })),
  ].sort((a, b) => a.from.localeCompare(b.from));
  return {
    calendar: buildCalendar(spec),
    firstYear: CALENDAR_FIRST_YEAR,
    lastYear,
    entries,
    nonWorking,
    regionId,
  };
}

/** 422 unless every date lies in a year with announced holidays. */
export function requireCalendarDates(state: CalendarState, dates: ReadonlyArray<string>) {
  const first = `${state.firstYear}-01-01`;
  const last = `${state.lastYear}-12-31`;
  for (const date of dates) {
    if (date < first || date > last)
      throw new AppError('date_out_of_range', { reason: 'date', date, first, last });
  }
}

function present(state: CalendarState, region: RegionRow, actor: Actor): CalendarResponse {
  const builtInYears: number[] = [];
  for (let y = CALENDAR_FIRST_YEAR; y <= builtInLastYear(); y++) builtInYears.push(y);
  const rootId = pathIds(region.path)[0]!;
  return {
    firstYear: state.firstYear,
    lastYear: state.lastYear,
    builtInYears,
    regionId: region.id,
    regionName: region.name,
    canEdit: canWriteSettings(actor, region),
    canAddYear: hasRole(actor, 'admin') && actor.regionPath === `/${rootId}/`,
    entries: state.entries.map((e) => ({
      id: e.id,
      kind: e.kind as CalendarEntryCreate['kind'],
      from: e.from,
      to: e.to,
      name: e.name,
      version: e.version,
      regionId: e.regionId ?? rootId,
      regionName: e.regionName ?? '',
      own: (e.regionId ?? rootId) === region.id,
    })),
  };
}

/** The calendar in force in a region (default: the caller's): the statutory one, its ancestors' entries and its own. */
export async function getCalendar(
  db: Db,
  actor: Actor,
  today: string,
  regionId?: number,
): Promise<CalendarResponse> {
  const region = await settingsRegion(db, actor, regionId, 'read');
  return present(await loadCalendar(db, today, region.path), region, actor);
}

/** An admin adds an entry to his region (or one below it); it holds for that region's subtree. */
export async function addCalendarEntry(
  db: Db,
  actor: Actor,
  input: CalendarEntryCreate,
  now: Date,
  today: string,
  regionId?: number,
) {
  const region = await settingsRegion(db, actor, regionId, 'write');
  if (input.to < input.from)
    throw new AppError('validation', {}, [
      {
        path: 'body.to',
        message: `结束日期 ${input.to} 早于开始日期 ${input.from}`,
        reason: 'calendar_to_before_from',
        params: { from: input.from, to: input.to },
      },
    ]);
  requireCalendarDates(await loadCalendar(db, today, region.path), [input.from, input.to]);
  const id = await db.transaction().execute(async (trx) => {
    const [newId] = await repo.insertCalendarEntries(
      trx,
      [input],
      region.id,
      now.toISOString(),
      actor.id > 0 ? actor.id : null,
    );
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'calendar_entry',
      entityId: newId!,
      after: { ...input, regionId: region.id, regionName: region.name },
    });
    return newId!;
  });
  return { id, ...input, version: 1, regionId: region.id, regionName: region.name, own: true };
}

/** An admin deletes an entry of his region or of one below it; an ancestor's entry is 403. */
export async function deleteCalendarEntry(db: Db, actor: Actor, id: number) {
  if (!hasRole(actor, 'admin')) throw new AppError('forbidden');
  const before = await repo.findCalendarEntry(db, id);
  if (!before) throw new AppError('not_found', { entity: 'calendarEntry' });
  // An entry without a region (older than per-region settings) is the root's.
  const path = before.regionPath ?? `/${pathIds(actor.regionPath)[0]}/`;
  if (!path.startsWith(actor.regionPath)) throw new AppError('out_of_scope_region');
  const { regionPath: _p, ...audited } = before;
  await db.transaction().execute(async (trx) => {
    if (!(await repo.deleteCalendarEntry(trx, id)))
      throw new AppError('not_found', { entity: 'calendarEntry' });
    await recordAudit(trx, actor, {
      action: 'delete',
      entity: 'calendar_entry',
      entityId: id,
      before: audited,
    });
  });
  return { ok: true as const };
}

/**
 * Adds the year after the calendar's last, with the holidays and 调休 days of its notice. The
 * statutory calendar is one for the country: only an admin of the root region adds a year.
 */
export async function addCalendarYear(
  db: Db,
  actor: Actor,
  input: CalendarYearCreate,
  now: Date,
  today: string,
): Promise<CalendarResponse> {
  if (!hasRole(actor, 'admin')) throw new AppError('forbidden');
  const root = await settingsRegion(db, actor, pathIds(actor.regionPath)[0], 'write');
  const state = await loadCalendar(db, today, root.path);
  if (input.year <= state.lastYear)
    throw new AppError('duplicate', { field: 'calendarYear', value: String(input.year) });
  if (input.year !== state.lastYear + 1)
    throw new AppError('calendar_year', { next: state.lastYear + 1, last: state.lastYear });
  const issues = [
    ...input.holidays.map((d, i) => ({ d, path: `body.holidays.${i}` })),
    ...input.workdays.map((d, i) => ({ d, path: `body.workdays.${i}` })),
  ]
    .filter(({ d }) => !d.startsWith(`${input.year}-`))
    .map(({ d, path }) => ({
      path,
      message: `${d} 不在 ${input.year} 年`,
      reason: 'calendar_date_outside_year',
      params: { date: d, year: input.year },
    }));
  for (const [i, d] of input.workdays.entries()) {
    const weekday = weekdayOfOrdinal(toOrdinal(d));
    if (weekday !== 0 && weekday !== 6)
      issues.push({
        path: `body.workdays.${i}`,
        message: `${d} 不是周末，无需调休上班`,
        reason: 'calendar_workday_not_weekend',
        params: { date: d, year: input.year },
      });
  }
  if (issues.length > 0) throw new AppError('validation', {}, issues);
  const entries = [
    ...runs(input.holidays, `${input.year}年法定节假日`).map((r) => ({ ...r, kind: 'holiday' })),
    ...runs(input.workdays, `${input.year}年调休上班`).map((r) => ({ ...r, kind: 'workday' })),
  ];
  const at = now.toISOString();
  const by = actor.id > 0 ? actor.id : null;
  await db.transaction().execute(async (trx) => {
    await repo.insertCalendarYear(trx, input.year, at, by);
    await repo.insertCalendarEntries(trx, entries, root.id, at, by);
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'calendar_year',
      entityId: input.year,
      after: input,
    });
  });
  return getCalendar(db, actor, today, root.id);
}

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
 * - The built calendar is cached in memory per database and rebuilt after an admin's change.
 *   That is enough for one app server; several servers behind a load balancer would keep a
 *   version row and re-read when it moved.
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
import { recordAudit } from '../repositories/audit.repository.ts';
import * as repo from '../repositories/calendar.repository.ts';

export const CALENDAR_FIRST_YEAR = 2020;
const PROVISIONAL_YEARS = 3;

type CalendarEntryCreate = z.infer<typeof calendarEntryCreate>;
type CalendarResponse = z.infer<typeof calendarResponse>;
type CalendarYearCreate = z.infer<typeof calendarYearCreate>;

/** The last year chinese-days has the State Council's notice for (2026 at the time of writing). */
export const BUILT_IN_LAST_YEAR = (() => {
  let year = 2026;
  for (; year < 2100; year++) {
    try {
      chinaCalendarSpec({ firstYear: year + 1, lastYear: year + 1 });
    } catch {
      break;
    }
  }
  return year;
})();
const builtInSpec = chinaCalendarSpec({ firstYear: CALENDAR_FIRST_YEAR, lastYear: BUILT_IN_LAST_YEAR });

export type NonWorkingPeriod = { from: string; to: string; name: string };
export type CalendarState = {
  calendar: WorkingCalendar;
  firstYear: number;
  /** The last year with announced holidays (built-in or added by an admin). */
  lastYear: number;
  entries: repo.CalendarEntryRow[];
  /** Holidays and stop periods, sorted, for shading a Gantt. */
  nonWorking: NonWorkingPeriod[];
};

// One entry per database (tests open many) and per year of "today" (the provisional tail follows it).
const cache = new WeakMap<Db, Map<number, Promise<CalendarState>>>();

/** The calendar for schedules computed on `today`, built once and cached. */
export function loadCalendar(db: Db, today: string): Promise<CalendarState> {
  const year = Number(today.slice(0, 4));
  let byYear = cache.get(db);
  if (!byYear) cache.set(db, (byYear = new Map()));
  let state = byYear.get(year);
  if (!state) {
    state = buildState(db, year);
    byYear.set(year, state);
    state.catch(() => byYear.delete(year));
  }
  return state;
}

function invalidate(db: Db) {
  cache.delete(db);
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

async function buildState(db: Db, todayYear: number): Promise<CalendarState> {
  const [years, entries] = await Promise.all([repo.findCalendarYears(db), repo.findCalendarEntries(db)]);
  let lastYear = BUILT_IN_LAST_YEAR;
  for (const y of years) if (y === lastYear + 1) lastYear = y;
  const of = (kind: string) => entries.filter((e) => e.kind === kind);
  const spec: CalendarSpec = {
    holidays: [...builtInSpec.holidays, ...of('holiday').flatMap((e) => daysOf(e.from, e.to))],
    makeupWorkdays: [...builtInSpec.makeupWorkdays, ...of('workday').flatMap((e) => daysOf(e.from, e.to))],
    stopPeriods: of('stop').map((e) => ({ name: e.name, from: e.from, to: e.to })),
    firstYear: CALENDAR_FIRST_YEAR,
    lastYear: Math.max(lastYear, todayYear) + PROVISIONAL_YEARS,
  };
  const nonWorking = [
    ...runs(builtInSpec.holidays, '法定节假日'),
    ...of('holiday').map((e) => ({ from: e.from, to: e.to, name: e.name })),
    ...of('stop').map((e) => ({ from: e.from, to: e.to, name: e.name })),
  ].sort((a, b) => a.from.localeCompare(b.from));
  return { calendar: buildCalendar(spec), firstYear: CALENDAR_FIRST_YEAR, lastYear, entries, nonWorking };
}

/** 422 unless every date lies in a year with announced holidays. */
export function requireCalendarDates(state: CalendarState, dates: ReadonlyArray<string>) {
  const first = `${state.firstYear}-01-01`;
  const last = `${state.lastYear}-12-31`;
  for (const date of dates) {
    if (date < first || date > last)
      throw new AppError('date_out_of_range', {
        detail: `日期 ${date} 超出工作日历范围 ${first} 至 ${last}，请在日历中添加该年份`,
        first,
        last,
      });
  }
}

function requireAdmin(actor: Actor) {
  if (!hasRole(actor, 'admin')) throw new AppError('forbidden');
}

function present(state: CalendarState): CalendarResponse {
  const builtInYears: number[] = [];
  for (let y = CALENDAR_FIRST_YEAR; y <= BUILT_IN_LAST_YEAR; y++) builtInYears.push(y);
  return {
    firstYear: state.firstYear,
    lastYear: state.lastYear,
    builtInYears,
    entries: state.entries.map((e) => ({ ...e, kind: e.kind as CalendarEntryCreate['kind'] })),
  };
}

export async function getCalendar(db: Db, today: string): Promise<CalendarResponse> {
  return present(await loadCalendar(db, today));
}

export async function addCalendarEntry(
  db: Db,
  actor: Actor,
  input: CalendarEntryCreate,
  now: Date,
  today: string,
) {
  requireAdmin(actor);
  if (input.to < input.from)
    throw new AppError('validation', {}, [
      { path: 'body.to', message: `结束日期 ${input.to} 早于开始日期 ${input.from}` },
    ]);
  requireCalendarDates(await loadCalendar(db, today), [input.from, input.to]);
  const id = await db.transaction().execute(async (trx) => {
    const [newId] = await repo.insertCalendarEntries(
      trx,
      [input],
      now.toISOString(),
      actor.id > 0 ? actor.id : null,
    );
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'calendar_entry',
      entityId: newId!,
      after: input,
    });
    return newId!;
  });
  invalidate(db);
  return { id, ...input, version: 1 };
}

export async function deleteCalendarEntry(db: Db, actor: Actor, id: number) {
  requireAdmin(actor);
  const before = await repo.findCalendarEntry(db, id);
  if (!before) throw new AppError('not_found', { entity: 'calendarEntry' });
  await db.transaction().execute(async (trx) => {
    if (!(await repo.deleteCalendarEntry(trx, id)))
      throw new AppError('not_found', { entity: 'calendarEntry' });
    await recordAudit(trx, actor, { action: 'delete', entity: 'calendar_entry', entityId: id, before });
  });
  invalidate(db);
  return { ok: true as const };
}

/** Adds the year after the calendar's last, with the holidays and 调休 days of its notice. */
export async function addCalendarYear(
  db: Db,
  actor: Actor,
  input: CalendarYearCreate,
  now: Date,
  today: string,
): Promise<CalendarResponse> {
  requireAdmin(actor);
  const state = await loadCalendar(db, today);
  if (input.year <= state.lastYear)
    throw new AppError('duplicate', { field: 'calendarYear', value: input.year });
  if (input.year !== state.lastYear + 1)
    throw new AppError('calendar_year', { next: state.lastYear + 1, last: state.lastYear });
  const issues = [
    ...input.holidays.map((d, i) => ({ d, path: `body.holidays.${i}` })),
    ...input.workdays.map((d, i) => ({ d, path: `body.workdays.${i}` })),
  ]
    .filter(({ d }) => !d.startsWith(`${input.year}-`))
    .map(({ d, path }) => ({ path, message: `${d} 不在 ${input.year} 年` }));
  for (const [i, d] of input.workdays.entries()) {
    const weekday = weekdayOfOrdinal(toOrdinal(d));
    if (weekday !== 0 && weekday !== 6)
      issues.push({ path: `body.workdays.${i}`, message: `${d} 不是周末，无需调休上班` });
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
    await repo.insertCalendarEntries(trx, entries, at, by);
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'calendar_year',
      entityId: input.year,
      after: input,
    });
  });
  invalidate(db);
  return getCalendar(db, today);
}

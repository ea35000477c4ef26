/**
 * A working-day calendar precomputed into two typed arrays, so that every question is a
 * lookup: `cumulative[r]` counts working days strictly before day r of the range, and
 * `workingOrdinals[k]` is the k-th working day. No day-by-day stepping anywhere.
 */
import type { CalendarSpec } from './calendar-spec.ts';
import { fromOrdinal, toOrdinal, weekdayOfOrdinal } from './day-ordinal.ts';

/** The raw index, read directly by the scheduler's hot loop. Treat as read-only. */
export type CalendarIndex = {
  /** Ordinal of the first day of the range (firstYear-01-01). */
  base: number;
  /** Days in the range. */
  size: number;
  /** Length size + 1: working days in [base, base + r). */
  cumulative: Int32Array;
  /** Ordinal of the k-th working day, k in [0, workingCount). */
  workingOrdinals: Int32Array;
  workingCount: number;
};

export type WorkingCalendar = {
  firstDate: string;
  lastDate: string;
  index: CalendarIndex;
  isWorkingDay(date: string): boolean;
  /** n working days after (n > 0) or before (n < 0) `date`; n = 0 rolls a non-working day forward. */
  addWorkingDays(date: string, n: number): string;
  /** Working days in [a, b) — negative when b is before a. */
  workingDaysBetween(a: string, b: string): number;
  /** The first working day strictly after `date`. */
  nextWorkingDay(date: string): string;
  /** The last working day strictly before `date`. */
  prevWorkingDay(date: string): string;
  isWorkingOrdinal(ordinal: number): boolean;
  addWorkingDaysOrdinal(ordinal: number, n: number): number;
  workingDaysBetweenOrdinals(a: number, b: number): number;
};

/** Thrown when a date, or the result of date arithmetic, falls outside the calendar's years. */
export class CalendarRangeError extends Error {
  readonly code = 'date_out_of_range';
  constructor(
    readonly date: string,
    readonly firstDate: string,
    readonly lastDate: string,
    detail = '',
  ) {
    super(`日期 ${date}${detail} 超出工作日历范围 ${firstDate} 至 ${lastDate}，请在日历中添加该年份`);
    this.name = 'CalendarRangeError';
  }
}

/** Builds the working-day index of a calendar spec over [firstYear-01-01, lastYear-12-31]. */
export function buildCalendar(spec: CalendarSpec): WorkingCalendar {
  const { firstYear, lastYear } = spec;
  if (!Number.isInteger(firstYear) || !Number.isInteger(lastYear) || firstYear > lastYear) {
    throw new Error(`日历年份范围无效：${firstYear}–${lastYear}`);
  }
  const firstDate = `${String(firstYear).padStart(4, '0')}-01-01`;
  const lastDate = `${String(lastYear).padStart(4, '0')}-12-31`;
  const base = toOrdinal(firstDate);
  const size = toOrdinal(lastDate) - base + 1;
  const working = markWorkingDays(spec, base, size);

  const cumulative = new Int32Array(size + 1);
  for (let r = 0; r < size; r++) cumulative[r + 1] = cumulative[r]! + working[r]!;
  const workingCount = cumulative[size]!;
  const workingOrdinals = new Int32Array(workingCount);
  for (let r = 0, k = 0; r < size; r++) if (working[r] === 1) workingOrdinals[k++] = base + r;

  const index: CalendarIndex = { base, size, cumulative, workingOrdinals, workingCount };
  return makeCalendar(index, firstDate, lastDate);
}

// Precedence, lowest to highest: weekend < statutory holiday < 调休 make-up day < stop period.
// A stop wins over a make-up day because the site is closed whatever the office does.
function markWorkingDays(spec: CalendarSpec, base: number, size: number): Uint8Array {
  const working = new Uint8Array(size);
  for (let r = 0; r < size; r++) {
    const weekday = weekdayOfOrdinal(base + r);
    working[r] = weekday === 0 || weekday === 6 ? 0 : 1;
  }
  const set = (date: string, value: 0 | 1): void => {
    const r = toOrdinal(date) - base;
    if (r >= 0 && r < size) working[r] = value; // dates of other years are simply not ours
  };
  for (const day of spec.holidays) set(day, 0);
  for (const day of spec.makeupWorkdays) set(day, 1);
  for (const stop of spec.stopPeriods) {
    const from = toOrdinal(stop.from);
    const to = toOrdinal(stop.to);
    if (to < from) throw new Error(`停工期「${stop.name}」的结束日期 ${stop.to} 早于开始日期 ${stop.from}`);
    for (let o = Math.max(from, base); o <= Math.min(to, base + size - 1); o++) working[o - base] = 0;
  }
  return working;
}

function makeCalendar(index: CalendarIndex, firstDate: string, lastDate: string): WorkingCalendar {
  const { base, size, cumulative, workingOrdinals, workingCount } = index;
  const offset = (ordinal: number): number => {
    const r = ordinal - base;
    if (!(r >= 0 && r < size)) throw new CalendarRangeError(fromOrdinal(ordinal), firstDate, lastDate);
    return r;
  };
  const addOrdinal = (ordinal: number, n: number): number => {
    if (!Number.isInteger(n)) throw new Error(`工作日数应为整数：${n}`);
    const r = offset(ordinal);
    // Counting starts at the first working day strictly after (n > 0) or before (n < 0).
    const k = n > 0 ? cumulative[r + 1]! + n - 1 : cumulative[r]! + n;
    if (k < 0 || k >= workingCount) {
      throw new CalendarRangeError(
        fromOrdinal(ordinal),
        firstDate,
        lastDate,
        ` ${n >= 0 ? '+' : '−'} ${Math.abs(n)} 个工作日`,
      );
    }
    return workingOrdinals[k]!;
  };
  const betweenOrdinals = (a: number, b: number): number => cumulative[offset(b)]! - cumulative[offset(a)]!;
  const isWorkingOrdinal = (ordinal: number): boolean => {
    const r = offset(ordinal);
    return cumulative[r + 1]! > cumulative[r]!;
  };
  return {
    firstDate,
    lastDate,
    index,
    isWorkingDay: (date) => isWorkingOrdinal(toOrdinal(date)),
    addWorkingDays: (date, n) => fromOrdinal(addOrdinal(toOrdinal(date), n)),
    workingDaysBetween: (a, b) => betweenOrdinals(toOrdinal(a), toOrdinal(b)),
    nextWorkingDay: (date) => fromOrdinal(addOrdinal(toOrdinal(date), 1)),
    prevWorkingDay: (date) => fromOrdinal(addOrdinal(toOrdinal(date), -1)),
    isWorkingOrdinal,
    addWorkingDaysOrdinal: addOrdinal,
    workingDaysBetweenOrdinals: betweenOrdinals,
  };
}

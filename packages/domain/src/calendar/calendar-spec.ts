/**
 * The data a working-day calendar is built from. The server stores it and an admin edits
 * it (a new year's holidays, a 冬季停工 or heavy-pollution stop) without a code change.
 */
import chineseDays from 'chinese-days';
import { weekdayOfOrdinal, toOrdinal } from './day-ordinal.ts';

/** A period when sites are stopped (冬季停工, 重污染天气停工): no working day inside, both ends included. */
export type StopPeriod = { name: string; from: string; to: string };

/** Non-working and make-up days over the years [firstYear, lastYear]; weekends are implied. */
export type CalendarSpec = {
  /** Statutory holidays (法定节假日), including those that fall on a weekend. */
  holidays: string[];
  /** Weekend days that are working days (调休上班). */
  makeupWorkdays: string[];
  stopPeriods: StopPeriod[];
  firstYear: number;
  lastYear: number;
};

/** The years the State Council notices are taken for when no range is given. */
export const defaultCalendarYears = { firstYear: 2023, lastYear: 2026 } as const;

/** The national calendar (holidays and 调休 from `chinese-days`) for a range of years, with no stop periods. */
export function chinaCalendarSpec(
  years: { firstYear: number; lastYear: number } = defaultCalendarYears,
): CalendarSpec {
  const { firstYear, lastYear } = years;
  if (!Number.isInteger(firstYear) || !Number.isInteger(lastYear) || firstYear > lastYear) {
    throw new Error(`日历年份范围无效：${firstYear}–${lastYear}`);
  }
  const holidays: string[] = [];
  const makeupWorkdays: string[] = [];
  for (let year = firstYear; year <= lastYear; year++) {
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    // includeWeekends=false lists only the named statutory holidays, not ordinary weekends.
    const yearHolidays = chineseDays.getHolidaysInRange(from, to, false);
    // Every announced year has 元旦; none at all means the package has no notice for it yet.
    if (yearHolidays.length === 0) {
      throw new Error(`chinese-days 没有 ${year} 年的节假日安排，请在日历中手工添加该年的节假日和调休`);
    }
    holidays.push(...yearHolidays);
    for (const day of chineseDays.getWorkdaysInRange(from, to, true)) {
      const weekday = weekdayOfOrdinal(toOrdinal(day));
      if (weekday === 0 || weekday === 6) makeupWorkdays.push(day);
    }
  }
  return { holidays, makeupWorkdays, stopPeriods: [], firstYear, lastYear };
}

/**
 * Month arithmetic of the monthly dispatch (一月一调度): a round is for a month 'YYYY-MM'.
 * Pure; dates are 'YYYY-MM-DD' in Asia/Shanghai.
 */
import { addMonths, daysInMonth } from '../dates.ts';

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export const isMonth = (s: string): boolean => MONTH_PATTERN.test(s);

/** The month of a date: '2023-03-31' → '2023-03'. */
export const monthOfDate = (isoDate: string): string => isoDate.slice(0, 7);

export const yearOfMonth = (month: string): number => Number(month.slice(0, 4));

/** The month's number in its year: '2023-03' → 3. */
export const monthNumber = (month: string): number => Number(month.slice(5, 7));

/** Months from a to b: ('2022-11', '2023-03') → 4; negative when b is before a. */
export function monthsBetween(a: string, b: string): number {
  return (yearOfMonth(b) - yearOfMonth(a)) * 12 + monthNumber(b) - monthNumber(a);
}

/** The default day of the month a round's reports are due (a setting; 25 unless the region says). */
export const DEFAULT_DEADLINE_DAY = 25;

/** The deadline of a month's round: its `day`-th, or its last day when the month is shorter. */
export function defaultDeadline(month: string, day: number = DEFAULT_DEADLINE_DAY): string {
  const last = daysInMonth(yearOfMonth(month), monthNumber(month));
  return `${month}-${String(Math.min(Math.max(1, Math.trunc(day)), last)).padStart(2, '0')}`;
}

/** The last day of a month: '2023-02' → '2023-02-28'. */
export const monthEnd = (month: string): string =>
  `${month}-${String(daysInMonth(yearOfMonth(month), monthNumber(month))).padStart(2, '0')}`;

/**
 * The last month a reported figure covers, from the date it is as of: a month's last day covers
 * that month ('2023-03-31' → '2023-03'); an earlier day covers the months before it — 1-3月完成投资
 * 截至2023年4月13日 is the figure to the end of March ('2023-04-13' → '2023-03').
 */
export function coveredThrough(asOf: string): string {
  const month = monthOfDate(asOf);
  return asOf === monthEnd(month) ? month : addMonths(month, -1);
}

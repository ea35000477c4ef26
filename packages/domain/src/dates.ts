/**
 * Calendar dates as ISO text: 'YYYY-MM-DD', or 'YYYY-MM' where only the month is
 * known (an article's "2022年11月开工"). No clock: callers pass `now` or `today`.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The calendar date 'YYYY-MM-DD' of the instant `now` in an IANA time zone. */
export function todayIn(timeZone: string, now: Date): string {
  const parts = formatterFor(timeZone).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** China has kept UTC+8 without summer time since 1992 (Asia/Shanghai in the tz database). */
const CHINA_FIXED_SINCE = Date.UTC(1991, 11, 31, 16); // 1992-01-01 00:00 in China
const CHINA_OFFSET_MS = 8 * 3_600_000;

/**
 * The calendar date 'YYYY-MM-DD' of `now` in China (Asia/Shanghai), the product's "today".
 * Asked on every request: since 1992 it is UTC+8 arithmetic (Intl's formatToParts costs ~50 µs);
 * earlier instants go through the time-zone database (summer time 1986–1991).
 */
export function shanghaiToday(now: Date): string {
  const t = now.getTime();
  if (t >= CHINA_FIXED_SINCE && t < 253_402_300_800_000 - CHINA_OFFSET_MS)
    return new Date(t + CHINA_OFFSET_MS).toISOString().slice(0, 10);
  return todayIn('Asia/Shanghai', now);
}

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Days in a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True when `s` is 'YYYY-MM-DD' and a real calendar date (rejects 2023-02-30). */
export function isValidIsoDate(s: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** True when `s` is a month-precision date 'YYYY-MM' with a real month. */
export function monthPrecision(s: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(s);
}

/** True when `s` is either a full ISO date or a month-precision 'YYYY-MM'. */
export function isValidDateOrMonth(s: string): boolean {
  return isValidIsoDate(s) || monthPrecision(s);
}

/** The first day of a date's month as 'YYYY-MM-DD'; a full date is returned unchanged. */
export function monthStart(s: string): string {
  return monthPrecision(s) ? `${s}-01` : s;
}

/** Adds (or with a negative number subtracts) calendar days to 'YYYY-MM-DD'. */
export function addDays(isoDate: string, days: number): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  const date = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, (day ?? 1) + days));
  return date.toISOString().slice(0, 10);
}

/** Adds calendar months to 'YYYY-MM', returning 'YYYY-MM'. */
export function addMonths(yearMonth: string, months: number): string {
  const [year, month] = yearMonth.split('-').map(Number);
  const index = (year ?? 0) * 12 + (month ?? 1) - 1 + months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

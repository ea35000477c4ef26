/**
 * Day ordinals: whole days since 1970-01-01, the numeric form of an ISO date that the
 * calendar index and the scheduler use. Integer arithmetic only — no Date, no time zone.
 */
import { isValidIsoDate } from '../dates.ts';

/** Days since 1970-01-01 of 'YYYY-MM-DD'; throws on a malformed or impossible date. */
export function toOrdinal(isoDate: string): number {
  if (!isValidIsoDate(isoDate)) throw new Error(`不是有效日期（应为 YYYY-MM-DD）：${isoDate}`);
  const y = Number(isoDate.slice(0, 4));
  const m = Number(isoDate.slice(5, 7));
  const d = Number(isoDate.slice(8, 10));
  // Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** 'YYYY-MM-DD' of a day ordinal (days since 1970-01-01). */
export function fromOrdinal(ordinal: number): string {
  const z = ordinal + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Day of the week of an ordinal: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfOrdinal(ordinal: number): number {
  return (((ordinal + 4) % 7) + 7) % 7;
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  isValidDateOrMonth,
  isValidIsoDate,
  monthPrecision,
  monthStart,
  shanghaiToday,
  todayIn,
} from './dates.ts';

describe('todayIn / shanghaiToday', () => {
  it('gives the calendar date in the time zone, not in UTC', () => {
    const lateUtc = new Date('2023-04-12T16:30:00Z'); // 00:30 on the 13th in Shanghai
    expect(shanghaiToday(lateUtc)).toBe('2023-04-13');
    expect(todayIn('UTC', lateUtc)).toBe('2023-04-12');
    expect(todayIn('America/New_York', lateUtc)).toBe('2023-04-12');
    expect(shanghaiToday(new Date('2023-12-31T15:59:59Z'))).toBe('2023-12-31');
    expect(shanghaiToday(new Date('2023-12-31T16:00:00Z'))).toBe('2024-01-01');
  });

  it('gives what the time-zone database gives for any instant, summer time of 1986–1991 included', () => {
    // Summer 1988 China kept UTC+9: 15:30 UTC on 1 July was already 2 July (00:30); since 1992
    // UTC+8 arithmetic is exact.
    expect(shanghaiToday(new Date('1988-07-01T15:30:00Z'))).toBe('1988-07-02');
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1980-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }),
        (d) => shanghaiToday(d) === todayIn('Asia/Shanghai', d),
      ),
      { numRuns: 2000 },
    );
  });
});

describe('validation', () => {
  it('accepts real calendar dates only', () => {
    expect(isValidIsoDate('2023-04-13')).toBe(true);
    expect(isValidIsoDate('2024-02-29')).toBe(true);
    expect(isValidIsoDate('2023-02-29')).toBe(false);
    expect(isValidIsoDate('2023-02-30')).toBe(false);
    expect(isValidIsoDate('1900-02-29')).toBe(false);
    expect(isValidIsoDate('2000-02-29')).toBe(true);
    expect(isValidIsoDate('2023-04-31')).toBe(false);
    expect(isValidIsoDate('2023-13-01')).toBe(false);
    expect(isValidIsoDate('2023-00-10')).toBe(false);
    expect(isValidIsoDate('2023-4-13')).toBe(false);
    expect(isValidIsoDate('2023-04-13T00:00')).toBe(false);
    expect(isValidIsoDate('')).toBe(false);
  });

  it('recognises month precision', () => {
    expect(monthPrecision('2022-11')).toBe(true);
    expect(monthPrecision('2022-13')).toBe(false);
    expect(monthPrecision('2022-00')).toBe(false);
    expect(monthPrecision('2022-11-01')).toBe(false);
    expect(isValidDateOrMonth('2022-11')).toBe(true);
    expect(isValidDateOrMonth('2022-11-31')).toBe(false);
    expect(monthStart('2022-11')).toBe('2022-11-01');
    expect(monthStart('2022-11-20')).toBe('2022-11-20');
  });
});

describe('arithmetic', () => {
  it('adds days and months across year ends', () => {
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addMonths('2022-11', 3)).toBe('2023-02');
    expect(addMonths('2023-01', -1)).toBe('2022-12');
    expect(addMonths('2023-01', 0)).toBe('2023-01');
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chinaCalendarSpec } from './calendar-spec.ts';
import { fromOrdinal, toOrdinal } from './day-ordinal.ts';
import { buildCalendar, CalendarRangeError } from './working-calendar.ts';

const spec = chinaCalendarSpec();
const calendar = buildCalendar(spec);

describe('chinaCalendarSpec (State Council notices via chinese-days)', () => {
  it('has the 2023 Spring Festival make-up Saturday and Sunday', () => {
    expect(spec.makeupWorkdays).toEqual(expect.arrayContaining(['2023-01-28', '2023-01-29']));
    expect(calendar.isWorkingDay('2023-01-28')).toBe(true);
    expect(calendar.isWorkingDay('2023-01-29')).toBe(true);
    for (let d = 21; d <= 27; d++) expect(calendar.isWorkingDay(`2023-01-${d}`)).toBe(false);
  });

  it('has the 2024 Spring Festival 2-10..17 and its make-up Sundays 2-04 and 2-18', () => {
    for (let d = 10; d <= 17; d++) expect(calendar.isWorkingDay(`2024-02-${d}`)).toBe(false);
    expect(calendar.isWorkingDay('2024-02-04')).toBe(true);
    expect(calendar.isWorkingDay('2024-02-18')).toBe(true);
    expect(calendar.isWorkingDay('2024-02-09')).toBe(true); // 除夕 Friday is a working day in 2024
  });

  it('has the 2025 National Day 10-01..08 and its make-up days 9-28 and 10-11', () => {
    for (let d = 1; d <= 8; d++) expect(calendar.isWorkingDay(`2025-10-0${d}`)).toBe(false);
    expect(calendar.isWorkingDay('2025-10-09')).toBe(true);
    expect(calendar.isWorkingDay('2025-09-28')).toBe(true);
    expect(calendar.isWorkingDay('2025-10-11')).toBe(true);
  });

  it('has the 2026 Spring Festival 2-15..23 with make-up Saturdays 2-14 and 2-28', () => {
    for (let d = 15; d <= 23; d++) expect(calendar.isWorkingDay(`2026-02-${d}`)).toBe(false);
    expect(calendar.isWorkingDay('2026-02-14')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-28')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-24')).toBe(true);
  });

  it('refuses a year the package has no notice for', () => {
    expect(() => chinaCalendarSpec({ firstYear: 2026, lastYear: 2030 })).toThrow(/2027/);
  });
});

describe('buildCalendar', () => {
  it('adds working days across the 2024 Spring Festival', () => {
    expect(calendar.addWorkingDays('2024-02-08', 1)).toBe('2024-02-09');
    expect(calendar.addWorkingDays('2024-02-09', 1)).toBe('2024-02-18'); // make-up Sunday
    expect(calendar.addWorkingDays('2024-02-09', 2)).toBe('2024-02-19');
    expect(calendar.addWorkingDays('2024-02-19', -2)).toBe('2024-02-09');
    expect(calendar.workingDaysBetween('2024-02-09', '2024-02-19')).toBe(2);
    expect(calendar.workingDaysBetween('2024-02-19', '2024-02-09')).toBe(-2);
  });

  it('counts from the first working day after a non-working day, and n = 0 rolls forward', () => {
    expect(calendar.addWorkingDays('2024-02-12', 0)).toBe('2024-02-18');
    expect(calendar.addWorkingDays('2024-02-12', 1)).toBe('2024-02-18');
    expect(calendar.addWorkingDays('2024-02-12', -1)).toBe('2024-02-09');
    expect(calendar.addWorkingDays('2024-02-09', 0)).toBe('2024-02-09');
    expect(calendar.nextWorkingDay('2024-02-09')).toBe('2024-02-18');
    expect(calendar.prevWorkingDay('2024-02-18')).toBe('2024-02-09');
    expect(calendar.prevWorkingDay('2024-02-12')).toBe('2024-02-09');
  });

  it('excludes a 冬季停工 stop period 2023-12-15..2024-02-15, make-up days included', () => {
    const winter = buildCalendar({
      ...spec,
      stopPeriods: [{ name: '冬季停工', from: '2023-12-15', to: '2024-02-15' }],
    });
    expect(winter.isWorkingDay('2023-12-14')).toBe(true);
    expect(winter.isWorkingDay('2024-02-04')).toBe(false); // a make-up day, but the site is stopped
    expect(winter.nextWorkingDay('2023-12-14')).toBe('2024-02-18');
    expect(winter.addWorkingDays('2023-12-14', 2)).toBe('2024-02-19');
    expect(winter.workingDaysBetween('2023-12-01', '2024-03-01')).toBe(10 + 10); // 12-01..14, then 2-18 and 2-19..29
  });

  it('throws a clear error outside its years', () => {
    expect(() => calendar.isWorkingDay('2022-12-31')).toThrow(CalendarRangeError);
    expect(() => calendar.isWorkingDay('2027-01-04')).toThrow(
      '2027-01-04 超出工作日历范围 2023-01-01 至 2026-12-31',
    );
    expect(() => calendar.addWorkingDays('2026-12-30', 5)).toThrow(
      /2026-12-30 \+ 5 个工作日 超出工作日历范围/,
    );
  });

  it('treats an admin-added year without holidays as weekends only', () => {
    const plain = buildCalendar({
      holidays: [],
      makeupWorkdays: [],
      stopPeriods: [],
      firstYear: 2027,
      lastYear: 2027,
    });
    expect(plain.isWorkingDay('2027-01-01')).toBe(true);
    expect(plain.isWorkingDay('2027-01-02')).toBe(false);
    expect(plain.index.workingCount).toBe(261);
  });

  it('agrees with day-by-day stepping', () => {
    const range = fc.integer({ min: toOrdinal('2023-01-01'), max: toOrdinal('2026-12-31') });
    fc.assert(
      fc.property(range, fc.integer({ min: -60, max: 60 }), (ordinal, n) => {
        const date = fromOrdinal(ordinal);
        let expected = ordinal;
        if (n === 0) while (!calendar.isWorkingOrdinal(expected)) expected++;
        for (let left = Math.abs(n); left > 0;) {
          expected += Math.sign(n);
          if (expected < calendar.index.base || expected >= calendar.index.base + calendar.index.size) return;
          if (calendar.isWorkingOrdinal(expected)) left--;
        }
        expect(calendar.addWorkingDays(date, n)).toBe(fromOrdinal(expected));
        const result = fromOrdinal(expected);
        if (n > 0 && calendar.isWorkingDay(date)) expect(calendar.workingDaysBetween(date, result)).toBe(n);
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromOrdinal, toOrdinal, weekdayOfOrdinal } from './day-ordinal.ts';

describe('day ordinals', () => {
  it('counts days from 1970-01-01', () => {
    expect(toOrdinal('1970-01-01')).toBe(0);
    expect(toOrdinal('2000-03-01')).toBe(11017);
    expect(fromOrdinal(toOrdinal('2024-02-29'))).toBe('2024-02-29');
    expect(weekdayOfOrdinal(toOrdinal('2023-01-28'))).toBe(6); // Saturday
  });

  it('rejects impossible dates', () => {
    expect(() => toOrdinal('2023-02-30')).toThrow('2023-02-30');
  });

  it('agrees with Date.UTC and round-trips', () => {
    fc.assert(
      fc.property(fc.integer({ min: -40000, max: 80000 }), (ordinal) => {
        const iso = new Date(ordinal * 86_400_000).toISOString().slice(0, 10);
        expect(fromOrdinal(ordinal)).toBe(iso);
        expect(toOrdinal(iso)).toBe(ordinal);
        expect(weekdayOfOrdinal(ordinal)).toBe(new Date(ordinal * 86_400_000).getUTCDay());
      }),
    );
  });
});

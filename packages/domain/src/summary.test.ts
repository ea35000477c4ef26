import { describe, expect, it } from 'vitest';
import { formatPercent, isStarted, summariseLedger, type SummaryRow } from './summary.ts';

const row = (overrides: Partial<SummaryRow> = {}): SummaryRow => ({
  level: 'county',
  category: 'implementation',
  totalInvestment: 100_000_000,
  annualPlan: 30_000_000,
  started: false,
  ...overrides,
});

describe('summariseLedger', () => {
  it('counts categories, started implementation projects and levels, and sums money', () => {
    const rows = [
      row({ level: 'province', started: true }),
      row({ level: 'city', started: true }),
      row({ level: 'city' }),
      row({ category: 'reserve', annualPlan: 0 }),
    ];
    expect(summariseLedger(2023, rows)).toEqual({
      year: 2023,
      projects: 4,
      implementation: 3,
      reserve: 1,
      started: 2,
      notStarted: 1,
      startRate: 2 / 3,
      totalInvestment: 400_000_000,
      annualPlan: 90_000_000,
      byLevel: { province: 1, city: 2, county: 1 },
    });
  });

  it('never counts a reserve project as started', () => {
    const summary = summariseLedger(2023, [
      row({ category: 'reserve', started: true }),
      row({ started: true }),
    ]);
    expect(summary.started).toBe(1);
    expect(summary.notStarted).toBe(0);
    expect(summary.startRate).toBe(1);
  });

  it('gives a start rate of 0 without implementation projects', () => {
    expect(summariseLedger(2023, []).startRate).toBe(0);
    expect(summariseLedger(2023, [row({ category: 'reserve' })]).startRate).toBe(0);
  });
});

describe('isStarted', () => {
  it('is started on and after the actual start date', () => {
    expect(isStarted(null, '2023-04-13')).toBe(false);
    expect(isStarted('2023-04-13', '2023-04-13')).toBe(true);
    expect(isStarted('2023-04-14', '2023-04-13')).toBe(false);
    expect(isStarted('2021-08-16', '2023-04-13')).toBe(true);
  });

  it('counts a month-precision start from the first of that month', () => {
    expect(isStarted('2022-11', '2022-11-01')).toBe(true);
    expect(isStarted('2022-11', '2022-10-31')).toBe(false);
    expect(isStarted('2023-04', '2023-04-13')).toBe(true);
    expect(isStarted('2023-05', '2023-04-30')).toBe(false);
  });
});

describe('formatPercent', () => {
  it('formats fractions as rounded percentages', () => {
    expect(formatPercent(64 / 82)).toBe('78%');
    expect(formatPercent(64 / 82, 1)).toBe('78.0%');
    expect(formatPercent(64 / 82, 2)).toBe('78.05%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0.125)).toBe('13%');
    expect(formatPercent(0.005, 0)).toBe('1%');
    expect(formatPercent(0.0005, 1)).toBe('0.1%');
    expect(formatPercent(-0.125)).toBe('-13%');
    expect(formatPercent(-0.001)).toBe('0%');
    expect(formatPercent(Number.NaN)).toBe('—');
  });
});

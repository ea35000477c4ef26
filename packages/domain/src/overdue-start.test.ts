import { describe, expect, it } from 'vitest';
import { isOverdueToStart, startDueBy } from './overdue-start.ts';

describe('逾期未开工', () => {
  it('marks a project not started past its planned start day', () => {
    expect(isOverdueToStart({ plannedStart: '2026-11-28', started: false }, '2026-11-29')).toBe(true);
  });
  it('gives the planned start day itself to the project', () => {
    expect(isOverdueToStart({ plannedStart: '2026-11-29', started: false }, '2026-11-29')).toBe(false);
  });
  it('never marks a started project, with or without a date', () => {
    expect(isOverdueToStart({ plannedStart: '2020-01-01', started: true }, '2026-11-29')).toBe(false);
  });
  it('reads a month plan as due by the month’s last day', () => {
    expect(startDueBy('2024-02')).toBe('2024-02-29');
    expect(isOverdueToStart({ plannedStart: '2026-11', started: false }, '2026-11-30')).toBe(false);
    expect(isOverdueToStart({ plannedStart: '2026-10', started: false }, '2026-11-01')).toBe(true);
  });
  it('does not mark a project without a readable planned start', () => {
    expect(isOverdueToStart({ plannedStart: null, started: false }, '2026-11-29')).toBe(false);
    expect(isOverdueToStart({ plannedStart: '2026年', started: false }, '2026-11-29')).toBe(false);
  });
});

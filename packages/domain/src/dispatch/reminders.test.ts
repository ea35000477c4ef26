import { describe, expect, it } from 'vitest';
import { earlierStages, reminderStage } from './reminders.ts';

describe('dispatch reminders', () => {
  it('reminds three days before the deadline, on the day, and up to a week late', () => {
    // Deadline 2023-03-25: 25 − 3 = the 22nd starts the "before" reminder.
    expect(reminderStage('2023-03-25', '2023-03-21')).toBeNull();
    expect(reminderStage('2023-03-25', '2023-03-22')).toBe('before');
    expect(reminderStage('2023-03-25', '2023-03-24')).toBe('before');
    expect(reminderStage('2023-03-25', '2023-03-25')).toBe('due');
    expect(reminderStage('2023-03-25', '2023-03-26')).toBe('late');
    // 25 + 7 = 2023-04-01, the last day of "late"; after it the round is left alone.
    expect(reminderStage('2023-03-25', '2023-04-01')).toBe('late');
    expect(reminderStage('2023-03-25', '2023-04-02')).toBeNull();
    // Across a month and a year end: deadline 2024-01-02, 3 days before is 2023-12-30.
    expect(reminderStage('2024-01-02', '2023-12-30')).toBe('before');
    expect(reminderStage('2024-01-02', '2023-12-29')).toBeNull();
  });

  it('lets a later stage supersede the earlier ones', () => {
    expect(earlierStages('before')).toEqual([]);
    expect(earlierStages('due')).toEqual(['before']);
    expect(earlierStages('late')).toEqual(['before', 'due']);
  });
});

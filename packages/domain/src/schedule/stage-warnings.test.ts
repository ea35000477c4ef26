import { describe, expect, it } from 'vitest';
import { schedule } from './schedule.ts';
import { defaultWarningRules, stageWarnings, worstLevel, type WarningRules } from './stage-warnings.ts';
import { buildScheduleInput, testCalendar as calendar } from './test-fixtures.ts';

const warningsOn = (today: string, actuals = {}, rules: WarningRules = defaultWarningRules) =>
  stageWarnings(schedule(buildScheduleInput({ actuals }), calendar, today), rules, today);
const find = (ws: ReturnType<typeof warningsOn>, stage: string, kind: 'start' | 'stage') =>
  ws.find((w) => w.stage === stage && w.kind === kind);

describe('stageWarnings (开工 planned 2023-06-30)', () => {
  it('says nothing about 开工 during or before its planned month', () => {
    expect(find(warningsOn('2022-10-10'), 'start', 'start')).toBeUndefined();
  });

  it('is yellow the month after, red 3 months after, and green when started in the month', () => {
    expect(find(warningsOn('2023-07-03'), 'start', 'start')).toMatchObject({
      level: 'yellow',
      reason: 'not_started',
      amount: 1,
    });
    expect(find(warningsOn('2023-09-01'), 'start', 'start')).toMatchObject({ level: 'red', amount: 3 });
    const started = warningsOn('2023-08-01', { start: { start: '2023-06-20' } });
    expect(find(started, 'start', 'start')).toMatchObject({ level: 'green', reason: 'started_on_time' });
    const late = warningsOn('2023-08-01', { start: { start: '2023-07-20' } });
    expect(find(late, 'start', 'start')).toMatchObject({
      level: 'yellow',
      reason: 'started_late',
      amount: 1,
    });
  });

  it('warns yellow on negative float before anything is late', () => {
    const ws = warningsOn('2023-01-03');
    expect(find(ws, 'permit', 'stage')).toMatchObject({
      level: 'yellow',
      reason: 'negative_float',
      amount: -9,
    });
    expect(find(ws, 'energy', 'stage')).toBeUndefined();
    expect(worstLevel(ws)).toBe('yellow');
  });

  it('is yellow past the latest finish and red 30 days past', () => {
    // 施工许可 latest finish is 2023-06-29.
    expect(find(warningsOn('2023-07-10'), 'permit', 'stage')).toMatchObject({
      level: 'yellow',
      reason: 'overdue',
      amount: 11,
    });
    expect(find(warningsOn('2023-07-29'), 'permit', 'stage')).toMatchObject({ level: 'red', amount: 30 });
    expect(worstLevel(warningsOn('2023-07-29'))).toBe('red');
  });

  it('is green when finished by the latest finish and yellow when finished after it', () => {
    const onTime = warningsOn('2023-07-10', { permit: { start: '2023-06-10', finish: '2023-06-29' } });
    expect(find(onTime, 'permit', 'stage')).toMatchObject({ level: 'green', reason: 'finished_on_time' });
    const late = warningsOn('2023-07-10', { permit: { start: '2023-06-10', finish: '2023-07-05' } });
    expect(find(late, 'permit', 'stage')).toMatchObject({
      level: 'yellow',
      reason: 'finished_late',
      amount: 6,
    });
  });

  it('follows thresholds an admin changed', () => {
    const rules: WarningRules = {
      ...defaultWarningRules,
      stage: { yellowDaysPast: 1, redDaysPast: 5, negativeFloat: null },
    };
    expect(find(warningsOn('2023-07-10', {}, rules), 'permit', 'stage')?.level).toBe('red');
    expect(find(warningsOn('2023-01-03', {}, rules), 'permit', 'stage')).toBeUndefined();
  });
});

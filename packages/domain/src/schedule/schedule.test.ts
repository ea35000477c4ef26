import { describe, expect, it } from 'vitest';
import { toOrdinal } from '../calendar/day-ordinal.ts';
import { applyProjectEdits } from './project-edits.ts';
import { schedule, type ScheduledStage, type ScheduleResult } from './schedule.ts';
import { defaultStageTemplate } from './stage-templates.ts';
import { buildScheduleInput, testCalendar as calendar } from './test-fixtures.ts';

const stage = (result: ScheduleResult, key: string): ScheduledStage => {
  const s = result.stages.find((x) => x.key === key)!;
  if (s.status === 'not_applicable') throw new Error(`${key} is not applicable`);
  return s;
};

describe('schedule: 计划开工 2023-06-30, 计划竣工 2024-06-30 on the default template', () => {
  it('plans 施工许可 to finish before 开工, and 投产 on the last working day before the target', () => {
    const result = schedule(buildScheduleInput(), calendar, '2022-10-10');
    expect(stage(result, 'start').latestStart).toBe('2023-06-30');
    expect(stage(result, 'permit').latestFinish).toBe('2023-06-29');
    expect(stage(result, 'permit').latestStart).toBe(calendar.addWorkingDays('2023-06-29', -9));
    expect(stage(result, 'operation').latestFinish).toBe('2024-06-28'); // 06-30 is a Sunday
    expect(stage(result, 'acceptance').latestFinish).toBe('2024-06-27');
    expect(result.overall.targetFinish).toBe('2024-06-30');
    expect(result.overall.negativeFloat).toEqual([]);
    expect(result.overall.minFloat).toBeGreaterThan(0);
  });

  it('shows negative float when 开工 is too soon for the procedures from today', () => {
    const result = schedule(buildScheduleInput(), calendar, '2023-01-03');
    const procedures = 1 + 10 + 15 + 20 + 30 + 10 + 15 + 20 + 10; // the longest chain to 开工
    const available = calendar.workingDaysBetween('2023-01-03', '2023-06-30');
    expect(stage(result, 'start').totalFloat).toBe(available - procedures);
    expect(stage(result, 'start').totalFloat).toBeLessThan(0);
    expect(stage(result, 'start').forecast.start > '2023-06-30').toBe(true);
    expect(result.overall.negativeFloat).toEqual([
      'signing',
      'registration',
      'approval',
      'site',
      'land',
      'landPlanning',
      'worksPlanning',
      'drawings',
      'permit',
      'start',
    ]);
    expect(stage(result, 'energy').totalFloat).toBeGreaterThan(0);
    expect(stage(result, 'energy').critical).toBe(false);
  });

  it('gives the critical path from 签约 to 投产 through the longest procedures chain', () => {
    const result = schedule(buildScheduleInput(), calendar, '2023-01-03');
    expect(result.overall.criticalPath).toEqual([
      'signing',
      'registration',
      'approval',
      'site',
      'land',
      'landPlanning',
      'worksPlanning',
      'drawings',
      'permit',
      'start',
      'structure',
      'topping',
      'equipment',
      'acceptance',
      'operation',
    ]);
    expect(result.overall.forecastFinish).toBe(stage(result, 'operation').forecast.finish);
    expect(stage(result, 'statistics').critical).toBe(false);
    expect(stage(result, 'structure').critical).toBe(true);
  });

  it('keeps every stage of 40 working days of statistics within the project finish', () => {
    const result = schedule(buildScheduleInput(), calendar, '2023-01-03');
    expect(stage(result, 'statistics').latestFinish).toBe('2024-06-28');
  });

  it('plans nothing on a rest day and nothing unfinished before today', () => {
    const result = schedule(buildScheduleInput(), calendar, '2024-02-12'); // inside the Spring Festival
    for (const s of result.stages) {
      if (s.status === 'not_applicable') continue;
      for (const d of [s.latestStart, s.latestFinish, s.earliestStart, s.earliestFinish])
        expect(calendar.isWorkingDay(d)).toBe(true);
      expect(s.earliestStart >= '2024-02-18').toBe(true);
    }
    expect(stage(result, 'signing').earliestStart).toBe('2024-02-18');
  });
});

describe('schedule: actual dates', () => {
  const actuals = {
    signing: { start: '2023-01-03', finish: '2023-01-03' },
    registration: { start: '2023-01-04', finish: '2023-01-20' },
    approval: { start: '2023-02-01' },
  };

  it('reports done and in-progress stages from their actual dates', () => {
    const result = schedule(buildScheduleInput({ actuals }), calendar, '2023-02-10');
    expect(stage(result, 'registration')).toMatchObject({
      status: 'done',
      forecast: { start: '2023-01-04', finish: '2023-01-20' },
    });
    const approval = stage(result, 'approval');
    expect(approval.status).toBe('in_progress');
    expect(approval.forecast.finish).toBe(calendar.addWorkingDays('2023-02-01', 14));
    expect(stage(result, 'site').forecast.start).toBe(calendar.addWorkingDays('2023-02-01', 15));
  });

  it('moves an overrunning stage to finish no earlier than today', () => {
    const result = schedule(buildScheduleInput({ actuals }), calendar, '2023-04-03');
    expect(stage(result, 'approval').forecast.finish).toBe('2023-04-03');
    expect(stage(result, 'site').forecast.start).toBe('2023-04-04');
  });

  it('frees dependants the next working day after a finish on a rest day', () => {
    const stages = applyProjectEdits(defaultStageTemplate, [
      { kind: 'dependencies', stage: 'site', deps: [{ stage: 'approval', type: 'FS', lag: 2 }] },
    ]);
    const input = buildScheduleInput({
      stages,
      actuals: { ...actuals, approval: { start: '2023-02-01', finish: '2023-02-19' } },
    });
    const result = schedule(input, calendar, '2023-02-19');
    expect(stage(result, 'approval').forecast.finish).toBe('2023-02-19'); // a Sunday, reported as recorded
    expect(stage(result, 'site').forecast.start).toBe('2023-02-22'); // Monday is the first day, then 2 days of lag
  });

  it('treats a milestone with a start date as reached', () => {
    const result = schedule(
      buildScheduleInput({ actuals: { start: { start: '2023-05-06' } } }),
      calendar,
      '2023-06-01',
    );
    expect(stage(result, 'start')).toMatchObject({
      status: 'done',
      forecast: { start: '2023-05-06', finish: '2023-05-06' },
    });
    expect(stage(result, 'structure').forecast.start).toBe('2023-06-01');
  });

  it('rejects impossible actuals and targets, naming the stage', () => {
    const bad =
      (input: Parameters<typeof buildScheduleInput>[0], today = '2023-03-01') =>
      () =>
        schedule(buildScheduleInput(input), calendar, today);
    expect(bad({ actuals: { land: { start: '2023-02-10', finish: '2023-02-01' } } })).toThrow(
      '土地招拍挂（摘牌）与出让合同」的实际完成 2023-02-01 早于实际开始 2023-02-10',
    );
    expect(bad({ actuals: { land: { start: '2023-03-02' } } })).toThrow('实际日期晚于今天 2023-03-01');
    expect(bad({ actuals: { fire: { start: '2023-01-02' } } })).toThrow('实际日期所指的工序「fire」不存在');
    expect(bad({ targets: [] })).toThrow('没有目标日期');
    expect(bad({ targets: [{ stage: 'start', finishBy: '2023-13-01' }] })).toThrow(
      '「开工」的目标日期不是有效日期：2023-13-01',
    );
  });

  it('names the stage and the calendar when a plan runs off the calendar', () => {
    const narrow = { ...buildScheduleInput() };
    expect(() => schedule(narrow, calendar, '2026-06-01')).toThrow('晚于工作日历终点 2026-12-31');
  });
});

describe('schedule: edited stage lists', () => {
  it('reports not-applicable stages and schedules through them', () => {
    const stages = applyProjectEdits(defaultStageTemplate, [
      { kind: 'not_applicable', stage: 'registration' },
    ]);
    const result = schedule(buildScheduleInput({ stages }), calendar, '2023-01-03');
    expect(result.stages.map((s) => s.key)).toEqual(defaultStageTemplate.stages.map((s) => s.key));
    expect(result.stages[1]).toEqual({
      key: 'registration',
      name: '企业注册',
      group: 'landing',
      milestone: false,
      duration: 10,
      status: 'not_applicable',
    });
    expect(stage(result, 'approval').forecast.start).toBe(calendar.addWorkingDays('2023-01-03', 1));
    expect(result.overall.criticalPath.slice(0, 2)).toEqual(['signing', 'approval']);
  });

  it('ignores actual dates of a stage since marked not applicable, and refuses a target on it', () => {
    const stages = applyProjectEdits(defaultStageTemplate, [{ kind: 'not_applicable', stage: 'operation' }]);
    const withTarget = buildScheduleInput({ stages });
    expect(() => schedule(withTarget, calendar, '2023-01-03')).toThrow(
      '工序「投产运营」不适用，不能设目标日期',
    );
    const input = buildScheduleInput({
      stages,
      targets: [
        { stage: 'start', finishBy: '2023-06-30' },
        { stage: 'acceptance', finishBy: '2024-06-30' },
      ],
      actuals: { operation: { start: '2022-12-01' } },
    });
    expect(schedule(input, calendar, '2023-01-03').stages.at(-1)?.status).toBe('not_applicable');
  });

  it('starts a stage with an SS link a lag after its predecessor starts', () => {
    const stages = applyProjectEdits(defaultStageTemplate, [
      { kind: 'dependencies', stage: 'equipment', deps: [{ stage: 'structure', type: 'SS', lag: 30 }] },
    ]);
    const result = schedule(buildScheduleInput({ stages }), calendar, '2023-01-03');
    const structure = stage(result, 'structure');
    const equipment = stage(result, 'equipment');
    expect(equipment.earliestStart).toBe(calendar.addWorkingDays(structure.earliestStart, 30));
    // Backward: structure starts at least 30 days before equipment's latest start, and (through
    // 主体封顶, which now feeds only the project finish) finishes by the project finish.
    expect(structure.latestStart <= calendar.addWorkingDays(equipment.latestStart, -30)).toBe(true);
    expect(stage(result, 'topping').latestFinish).toBe('2024-06-28');
    expect(structure.latestFinish).toBe('2024-06-27');
  });

  it('applies a lag in working days after the predecessor finishes', () => {
    const stages = applyProjectEdits(defaultStageTemplate, [
      { kind: 'dependencies', stage: 'acceptance', deps: [{ stage: 'equipment', type: 'FS', lag: 5 }] },
    ]);
    const result = schedule(buildScheduleInput({ stages }), calendar, '2023-01-03');
    expect(stage(result, 'acceptance').earliestStart).toBe(
      calendar.addWorkingDays(stage(result, 'equipment').earliestFinish, 6),
    );
    expect(stage(result, 'equipment').latestFinish).toBe(
      calendar.addWorkingDays(stage(result, 'acceptance').latestStart, -6),
    );
  });

  it('is deterministic and leaves its input alone', () => {
    const input = buildScheduleInput({ actuals: { signing: { start: '2023-01-03', finish: '2023-01-03' } } });
    const copy = JSON.parse(JSON.stringify(input)) as typeof input;
    expect(schedule(input, calendar, '2023-03-01')).toEqual(schedule(copy, calendar, '2023-03-01'));
    expect(input).toEqual(copy);
  });

  it('uses the earlier of two targets on one stage', () => {
    const input = buildScheduleInput({
      targets: [...buildScheduleInput().targets, { stage: 'start', finishBy: '2023-05-31' }],
    });
    expect(stage(schedule(input, calendar, '2022-10-10'), 'start').latestStart).toBe('2023-05-31');
    expect(toOrdinal('2023-05-31')).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from 'vitest';
import { compareBaseline, makeBaseline } from './baseline.ts';
import { applyProjectEdits } from './project-edits.ts';
import { schedule } from './schedule.ts';
import { defaultStageTemplate } from './stage-templates.ts';
import { buildScheduleInput, testCalendar as calendar } from './test-fixtures.ts';

describe('baselines', () => {
  const initial = schedule(buildScheduleInput(), calendar, '2022-10-10');
  const baseline = makeBaseline(initial, '年初计划', '2022-10-10T08:00:00+08:00');

  it('saves the latest dates of every applicable stage', () => {
    expect(baseline.name).toBe('年初计划');
    expect(Object.keys(baseline.stages)).toHaveLength(19);
    expect(baseline.stages.permit).toEqual({ start: '2023-06-15', finish: '2023-06-29' });
  });

  it('gives the slip of the current plan and of the actuals in working days', () => {
    const actuals = { permit: { start: '2023-06-19', finish: '2023-07-03' } };
    const later = schedule(
      buildScheduleInput({
        targets: [
          { stage: 'start', finishBy: '2023-07-14' },
          { stage: 'operation', finishBy: '2024-06-30' },
        ],
        actuals,
      }),
      calendar,
      '2023-07-05',
    );
    const rows = compareBaseline(baseline, later, actuals, calendar);
    const permit = rows.find((r) => r.stage === 'permit')!;
    expect(permit.planFinishSlip).toBe(10); // 2023-06-29 → 2023-07-13
    expect(permit.actualStartSlip).toBe(2);
    expect(permit.actualFinishSlip).toBe(2);
    expect(rows.find((r) => r.stage === 'operation')!.planFinishSlip).toBe(0);
    expect(rows.find((r) => r.stage === 'signing')!.actualStartSlip).toBeNull();
  });

  it('shows stages since marked not applicable, and stages added after the baseline', () => {
    const stages = applyProjectEdits(defaultStageTemplate, [
      { kind: 'not_applicable', stage: 'energy' },
      {
        kind: 'add',
        stage: {
          key: 'fire',
          name: '消防验收',
          group: 'completion',
          duration: 10,
          milestone: false,
          deps: [{ stage: 'equipment', type: 'FS', lag: 0 }],
        },
      },
    ]);
    const rows = compareBaseline(
      baseline,
      schedule(buildScheduleInput({ stages }), calendar, '2022-10-10'),
      {},
      calendar,
    );
    expect(rows.find((r) => r.stage === 'energy')).toMatchObject({ plan: null, planFinishSlip: null });
    expect(rows.find((r) => r.stage === 'fire')).toMatchObject({ baseline: null, planStartSlip: null });
  });
});

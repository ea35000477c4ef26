import { describe, expect, it } from 'vitest';
import { applyProjectEdits, withoutNotApplicable } from './project-edits.ts';
import { ScheduleError } from './schedule-error.ts';
import { defaultStageTemplate } from './stage-templates.ts';
import type { StageDef } from './stage-types.ts';
import { validateStages } from './validate-stages.ts';

const byKey = (stages: StageDef[], key: string): StageDef => stages.find((s) => s.key === key)!;

describe('applyProjectEdits', () => {
  it('rewires the dependants of a not-applicable stage to its predecessors, adding lags', () => {
    const stages = applyProjectEdits(defaultStageTemplate, [
      { kind: 'dependencies', stage: 'land', deps: [{ stage: 'site', type: 'FS', lag: 3 }] },
      { kind: 'dependencies', stage: 'title', deps: [{ stage: 'land', type: 'FS', lag: 2 }] },
      { kind: 'not_applicable', stage: 'land' },
    ]);
    expect(byKey(stages, 'land').notApplicable).toBe(true);
    expect(byKey(stages, 'title').deps).toEqual([{ stage: 'site', type: 'FS', lag: 5 }]);
    expect(byKey(stages, 'landPlanning').deps).toEqual([{ stage: 'site', type: 'FS', lag: 3 }]);
  });

  it('keeps the chain connected through two not-applicable stages in either order', () => {
    const edits = [
      { kind: 'not_applicable', stage: 'landPlanning' },
      { kind: 'not_applicable', stage: 'worksPlanning' },
    ] as const;
    const a = applyProjectEdits(defaultStageTemplate, edits);
    const b = applyProjectEdits(defaultStageTemplate, [...edits].reverse());
    expect(byKey(a, 'drawings').deps).toEqual([{ stage: 'land', type: 'FS', lag: 0 }]);
    expect(byKey(b, 'drawings').deps).toEqual([{ stage: 'land', type: 'FS', lag: 0 }]);
  });

  it('keeps an SS link SS when the stage it went through is removed', () => {
    const stages = applyProjectEdits(defaultStageTemplate, [
      { kind: 'dependencies', stage: 'environment', deps: [{ stage: 'site', type: 'SS', lag: 5 }] },
      { kind: 'not_applicable', stage: 'environment' },
    ]);
    expect(byKey(stages, 'permit').deps).toContainEqual({ stage: 'site', type: 'SS', lag: 5 });
  });

  it('changes a duration, turning 0 into a milestone', () => {
    const stages = applyProjectEdits(defaultStageTemplate, [
      { kind: 'duration', stage: 'statistics', duration: 0 },
    ]);
    expect(byKey(stages, 'statistics')).toMatchObject({ duration: 0, milestone: true });
    expect(byKey(defaultStageTemplate.stages, 'statistics').duration).toBe(40);
  });

  it('adds a stage after its predecessors and before the stages named', () => {
    const fire: StageDef = {
      key: 'fire',
      name: '消防验收',
      group: 'completion',
      duration: 15,
      milestone: false,
      deps: [{ stage: 'equipment', type: 'FS', lag: 0 }],
    };
    const stages = applyProjectEdits(defaultStageTemplate, [
      { kind: 'add', stage: fire, before: ['acceptance'] },
    ]);
    expect(stages.map((s) => s.key).slice(16, 19)).toEqual(['equipment', 'fire', 'acceptance']);
    expect(byKey(stages, 'acceptance').deps.map((d) => d.stage)).toEqual(['equipment', 'fire']);
  });

  it('rejects an unknown stage, a duplicate and an edit that closes a cycle', () => {
    expect(() =>
      applyProjectEdits(defaultStageTemplate, [{ kind: 'duration', stage: 'nope', duration: 1 }]),
    ).toThrow('工序「nope」不存在');
    expect(() =>
      applyProjectEdits(defaultStageTemplate, [
        { kind: 'add', stage: { ...defaultStageTemplate.stages[0]! } },
      ]),
    ).toThrow('工序重复：项目签约');
    expect(() =>
      applyProjectEdits(defaultStageTemplate, [
        { kind: 'dependencies', stage: 'start', deps: [{ stage: 'structure', type: 'FS', lag: 0 }] },
      ]),
    ).toThrow('工序存在循环依赖：开工 → 主体施工 → 开工');
  });

  it('drops not-applicable stages for the scheduler without dangling links', () => {
    const stages = withoutNotApplicable(
      applyProjectEdits(defaultStageTemplate, [{ kind: 'not_applicable', stage: 'start' }]),
    );
    expect(stages.map((s) => s.key)).not.toContain('start');
    expect(byKey(stages, 'structure').deps).toEqual([{ stage: 'permit', type: 'FS', lag: 0 }]);
  });
});

describe('validateStages', () => {
  it('names both stages of an unknown predecessor', () => {
    const stages = defaultStageTemplate.stages.map((s) =>
      s.key === 'permit' ? { ...s, deps: [...s.deps, { stage: 'fire', type: 'FS' as const, lag: 0 }] } : s,
    );
    expect(() => validateStages(stages)).toThrow('工序「建筑工程施工许可证」的前置工序「fire」不存在');
  });

  it('reports a cycle with a code and the stage keys', () => {
    const stages = defaultStageTemplate.stages.map((s) =>
      s.key === 'signing' ? { ...s, deps: [{ stage: 'approval', type: 'FS' as const, lag: 0 }] } : s,
    );
    try {
      validateStages(stages);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ScheduleError);
      expect((err as ScheduleError).code).toBe('cycle');
      expect((err as ScheduleError).message).toBe(
        '工序存在循环依赖：项目签约 → 企业注册 → 立项（审批/核准/备案，赋项目代码） → 项目签约',
      );
      expect((err as ScheduleError).stages).toEqual(['signing', 'registration', 'approval', 'signing']);
    }
  });

  it('rejects a negative or fractional duration', () => {
    const stages = defaultStageTemplate.stages.map((s) => (s.key === 'land' ? { ...s, duration: 2.5 } : s));
    expect(() => validateStages(stages)).toThrow('工期应为非负整数');
  });
});

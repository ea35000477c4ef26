import { describe, expect, it } from 'vitest';
import { compileStages } from './compile-stages.ts';
import { defaultStageTemplate, stageTemplates } from './stage-templates.ts';

describe('stage templates', () => {
  it('has the 19 stages of PRODUCT.md in order, with their groups, days and predecessors', () => {
    const rows = defaultStageTemplate.stages.map((s) => [
      s.key,
      s.group,
      s.duration,
      s.deps.map((d) => d.stage).join(','),
    ]);
    expect(rows).toEqual([
      ['signing', 'landing', 1, ''],
      ['registration', 'landing', 10, 'signing'],
      ['approval', 'procedures', 15, 'registration'],
      ['site', 'procedures', 20, 'approval'],
      ['energy', 'procedures', 20, 'approval'],
      ['environment', 'procedures', 30, 'approval'],
      ['land', 'procedures', 30, 'site'],
      ['title', 'procedures', 10, 'land'],
      ['landPlanning', 'procedures', 10, 'land'],
      ['worksPlanning', 'procedures', 15, 'landPlanning'],
      ['drawings', 'procedures', 20, 'worksPlanning'],
      ['permit', 'procedures', 10, 'title,drawings,energy,environment'],
      ['start', 'construction', 0, 'permit'],
      ['statistics', 'construction', 40, 'start'],
      ['structure', 'construction', 120, 'start'],
      ['topping', 'construction', 0, 'structure'],
      ['equipment', 'construction', 60, 'topping'],
      ['acceptance', 'completion', 20, 'equipment'],
      ['operation', 'completion', 0, 'acceptance'],
    ]);
    expect(defaultStageTemplate.stages.filter((s) => s.milestone).map((s) => s.name)).toEqual([
      '开工',
      '主体封顶',
      '投产运营',
    ]);
    expect(
      defaultStageTemplate.stages.every((s) => s.deps.every((d) => d.type === 'FS' && d.lag === 0)),
    ).toBe(true);
  });

  it('keeps all 19 keys in every template, marking what does not apply', () => {
    for (const template of Object.values(stageTemplates)) {
      expect(template.stages.map((s) => s.key)).toEqual(defaultStageTemplate.stages.map((s) => s.key));
      expect(() => compileStages(template.stages)).not.toThrow();
    }
    const infra = stageTemplates.infrastructure.stages;
    expect(infra.find((s) => s.key === 'registration')?.notApplicable).toBe(true);
    expect(infra.find((s) => s.key === 'approval')?.deps).toEqual([{ stage: 'signing', type: 'FS', lag: 0 }]);
    expect(infra.find((s) => s.key === 'structure')?.duration).toBe(180);
    const social = stageTemplates.social.stages;
    expect(social.filter((s) => s.notApplicable).map((s) => s.key)).toEqual(['registration', 'energy']);
    expect(social.find((s) => s.key === 'permit')?.deps.map((d) => d.stage)).toEqual([
      'title',
      'drawings',
      'approval',
      'environment',
    ]);
  });

  it('does not share objects between templates', () => {
    expect(stageTemplates.social.stages[0]).not.toBe(defaultStageTemplate.stages[0]);
  });
});

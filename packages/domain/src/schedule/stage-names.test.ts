import { describe, expect, it } from 'vitest';
import { defaultStageNamesEn, defaultStageTemplate, stageDisplayName } from './stage-templates.ts';

describe('stage names in English', () => {
  it('names every default stage in English, and nothing else', () => {
    expect(Object.keys(defaultStageNamesEn).sort()).toEqual(
      defaultStageTemplate.stages.map((s) => s.key).sort(),
    );
  });
  it('shows the English name of a default stage in en-US and the Chinese one in zh-CN', () => {
    expect(stageDisplayName({ key: 'permit', name: '建筑工程施工许可证' }, 'en-US')).toBe(
      'Construction permit',
    );
    expect(stageDisplayName({ key: 'permit', name: '建筑工程施工许可证' }, 'zh-CN')).toBe(
      '建筑工程施工许可证',
    );
  });
  it('shows its own name for a renamed or an added stage', () => {
    expect(stageDisplayName({ key: 'permit', name: '施工许可' }, 'en-US')).toBe('施工许可');
    expect(stageDisplayName({ key: 'fire', name: '消防审验' }, 'en-US')).toBe('消防审验');
  });
});

import { auditActionNames, auditEntityNames } from '@guatu/contracts';
import { describe, expect, it } from 'vitest';
import { actionLabel, actionOptions, entityLabel, entityOptions, objectLabel } from './audit-labels.ts';

describe('audit labels', () => {
  it('names the entities and actions the audit engineer saw raw', () => {
    expect(entityLabel('project_stage', 'zh-CN')).toBe('项目工序');
    expect(entityLabel('project_stage', 'en-US')).toBe('Project stage');
    expect(entityLabel('calendar_entry', 'zh-CN')).toBe('工作日历条目');
    expect(entityLabel('warning_rules', 'en-US')).toBe('Warning rules');
    expect(actionLabel('replan', 'zh-CN')).toBe('重排工期');
    expect(actionLabel('replan', 'en-US')).toBe('Re-plan');
    expect(actionLabel('mfa_recovery_codes_regenerated', 'zh-CN')).toBe('重新生成恢复码');
    // A name outside the catalogue (an older row) shows as written.
    expect(entityLabel('gone', 'zh-CN')).toBe('gone');
    expect(actionLabel('gone', 'en-US')).toBe('gone');
  });

  it('offers every catalogue entity and action as a filter, labelled', () => {
    expect(entityOptions('zh-CN').map((o) => o.value)).toEqual(auditEntityNames);
    expect(actionOptions('en-US').map((o) => o.value)).toEqual(auditActionNames);
    for (const o of [...entityOptions('zh-CN'), ...actionOptions('zh-CN')]) expect(o.label).not.toBe(o.value);
    expect(entityOptions('en-US').find((o) => o.value === 'project_stage')!.label).toBe('Project stage');
  });

  it('names a project stage by its stage, a stage template by its name, a route by its path', () => {
    const row = { before: null, after: { actualFinish: '2026-11-20' } };
    expect(objectLabel({ ...row, entity: 'project_stage', entityId: '21:structure' })).toBe('#21 主体施工');
    expect(objectLabel({ ...row, entity: 'stage_template', entityId: 'social' })).toBe('社会民生项目');
    expect(objectLabel({ entity: 'route', entityId: 'GET /api/x', before: null, after: null })).toBe(
      'GET /api/x',
    );
    expect(objectLabel({ entity: 'user', entityId: '7', before: null, after: { displayName: '张三' } })).toBe(
      '#7 张三',
    );
    expect(objectLabel({ entity: 'audit_log', entityId: null, before: null, after: null })).toBe('');
  });
});

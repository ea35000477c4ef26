import { describe, expect, it } from 'vitest';
import { enUS } from '../../i18n/en-US.ts';
import { zhCN, type MessageKey } from '../../i18n/zh-CN.ts';
import type { Translate } from '../../i18n/index.tsx';
import { dependencyText } from './stage-template-draft.ts';

const tr =
  (dict: Record<MessageKey, string>): Translate =>
  (key, vars = {}) =>
    Object.entries(vars).reduce((s, [k, v]) => s.replaceAll(`{${k}}`, String(v)), dict[key]);
const names = new Map([['signing', '项目签约']]);

describe('a template dependency in plain words', () => {
  it('names the predecessor and says 完成后开始 / 开始后开始 instead of FS / SS', () => {
    expect(dependencyText(tr(zhCN), names, { stage: 'signing', type: 'FS', lag: 0 })).toBe(
      '项目签约（完成后开始）',
    );
    expect(dependencyText(tr(zhCN), names, { stage: 'signing', type: 'SS', lag: 3 })).toBe(
      '项目签约（开始后开始，间隔 +3 个工作日）',
    );
  });
  it('words it in English too', () => {
    expect(dependencyText(tr(enUS), names, { stage: 'signing', type: 'FS', lag: -2 })).toBe(
      '项目签约 (starts when it finishes, -2 working days apart)',
    );
  });
});

import type { warningRulesZhCN } from './warning-rules.zh-CN.ts';

export const warningRulesEnUS: Record<keyof typeof warningRulesZhCN, string> = {
  'warningRules.title': 'Warning rules',
  'warningRules.hint':
    'Start warnings count months, stage warnings calendar days; every schedule and the war chart use the new rules at once.',
  'warningRules.start': 'Start warnings',
  'warningRules.startStages': 'Stages',
  'warningRules.yellowMonthsPast': 'Yellow after months late',
  'warningRules.redMonthsPast': 'Red after months late',
  'warningRules.stage': 'Stage warnings',
  'warningRules.yellowDaysPast': 'Yellow after days past latest finish',
  'warningRules.redDaysPast': 'Red after days past latest finish',
  'warningRules.negativeFloat': 'When total float is negative',
  'warningRules.level.yellow': 'Yellow warning',
  'warningRules.level.red': 'Red warning',
  'warningRules.level.none': 'No warning',
  'warningRules.yellowAboveRed': 'The yellow threshold cannot exceed the red one',
  'warningRules.conflict': 'Someone else changed the warning rules. Reload them, then redo your changes.',
  'warningRules.save': 'Save warning rules',
};

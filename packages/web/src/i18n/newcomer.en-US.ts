import type { newcomerZhCN } from './newcomer.zh-CN.ts';

/** en-US keys of what a newcomer hit (issue 9): exactly the keys of ./newcomer.zh-CN.ts. */
export const newcomerEnUS: Record<keyof typeof newcomerZhCN, string> = {
  'menu.warningRules': 'Warning rules',
  'newcomer.dep.FS': 'starts when it finishes',
  'newcomer.dep.SS': 'starts when it starts',
  'newcomer.dep.text': '{stage} ({type})',
  'newcomer.dep.textLag': '{stage} ({type}, {lag} working days apart)',
  'newcomer.targets.title': 'Set the target dates',
  'newcomer.targets.hint':
    'This project has no planned start or completion yet, so it cannot be scheduled backwards. Enter the targets here (or the planned start and completion in the ledger).',
  'newcomer.targets.start': 'Start of works by',
  'newcomer.targets.finish': 'Operation by',
  'newcomer.targets.save': 'Save and schedule',
  'newcomer.targets.order': 'Operation cannot come before the start of works',
  'newcomer.targets.readOnly':
    'This project has no target dates yet; someone who may edit it has to set them.',
  'newcomer.warChart.group': '{label} ({n})',
  'newcomer.ledger.index': 'No.',
  'newcomer.ledger.overdueStart': 'Overdue to start',
  'newcomer.ledger.overdueStartHint': 'Planned to start by {date}, not started',
  'newcomer.ledger.columns': 'Columns',
  'newcomer.ledger.columnsReset': 'Reset',
} as const;

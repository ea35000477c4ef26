import type { personalZhCN } from './personal.zh-CN.ts';

export const personalEnUS: Record<keyof typeof personalZhCN, string> = {
  'personal.view': 'Show',
  'personal.viewTooltip': 'Show the whole number. Each view is recorded in the audit log',
  'personal.hide': 'Hide',
  'personal.maskedHelp':
    'The number is shown masked: leave it to keep the stored number; to change it, clear it and type the whole number',
  'personal.maskedInvalid': 'The number contains the masking character *: type the whole number',
} as const;

import type { demoZhCN } from './demo.zh-CN.ts';

/** en-US keys of the living demo's 截止日期: exactly the keys of ./demo.zh-CN.ts. */
export const demoEnUS: Record<keyof typeof demoZhCN, string> = {
  'asOf.label': 'As of',
  'asOf.today': 'As of today',
  'asOf.hint': 'Figures as of the date: a project counts as started when its actual start is on or before it',
};

import type { personalZhCN } from './personal.zh-CN.ts';

export const personalEnUS: Record<keyof typeof personalZhCN, string> = {};

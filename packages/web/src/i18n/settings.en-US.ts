import type { settingsZhCN } from './settings.zh-CN.ts';

export const settingsEnUS: Record<keyof typeof settingsZhCN, string> = {};

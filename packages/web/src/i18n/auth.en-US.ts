import type { authZhCN } from './auth.zh-CN.ts';

export const authEnUS: Record<keyof typeof authZhCN, string> = {};

import type { accountsZhCN } from './accounts.zh-CN.ts';

export const accountsEnUS: Record<keyof typeof accountsZhCN, string> = {};

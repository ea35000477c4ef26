import type { auditZhCN } from './audit.zh-CN.ts';

export const auditEnUS: Record<keyof typeof auditZhCN, string> = {};

import type { jobsZhCN } from './jobs.zh-CN.ts';

export const jobsEnUS: Record<keyof typeof jobsZhCN, string> = {};

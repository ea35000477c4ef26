import type { uploadsZhCN } from './uploads.zh-CN.ts';

export const uploadsEnUS: Record<keyof typeof uploadsZhCN, string> = {};

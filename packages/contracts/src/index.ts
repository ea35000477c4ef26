export * from './common.ts';
export * from './auth.ts';
export * from './projects.ts';
export * from './admin.ts';
export { categories, levels, natures, regionLevels } from '@guatu/domain';
export * from './ledger-import.ts';
export * from './schedule.ts';
export * from './warning-rules.ts';

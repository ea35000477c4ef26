export * from './fields.ts';
export * from './values.ts';
export * from './header.ts';
export * from './rows.ts';
export * from './plan.ts';

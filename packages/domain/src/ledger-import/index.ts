export * from './fields.ts';
export * from './values.ts';
export * from './header.ts';
export * from './rows.ts';
export * from './plan.ts';
export * from './title.ts';
export * from './address-match.ts';
export * from './near-name.ts';

export * from './month.ts';
export * from './figures.ts';
export * from './validate-report.ts';
export * from './reminders.ts';
export * from './current-stage.ts';
export * from './import-table.ts';
export * from './import-plan.ts';
export * from './photo-checks.ts';

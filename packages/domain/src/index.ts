export * from './vocabulary.ts';
export * from './war-chart-cell.ts';
export * from './rounding.ts';
export * from './money.ts';
export * from './dates.ts';
export * from './summary.ts';
export * from './project-fields.ts';
export * from './overdue-start.ts';
export * from './password-policy.ts';
export * from './separation-of-duties.ts';
export * from './personal-data.ts';
export * from './demo/types.ts';
export { mulberry32 } from './demo/random.ts';
export { buildLaoling2023, DEMO_PASSWORD, LAOLING_ARTICLE_DATE } from './demo/laoling-2023.ts';
export { buildLaolingDemo, constructionHitches, preStartHitches } from './demo/laoling-living.ts';
export { generateProjects } from './demo/generate-projects.ts';
export {
  buildLaolingDispatch,
  withLaolingDispatch,
  type DemoDispatch,
  type DemoPhoto,
  type DemoReport,
  type DemoReportValues,
  type DemoRound,
} from './demo/laoling-dispatch.ts';
export { laolingPeople, type DemoPerson } from './demo/laoling-people.ts';
export * from './ledger-import/index.ts';
export * from './calendar/day-ordinal.ts';
export * from './calendar/calendar-spec.ts';
export * from './calendar/working-calendar.ts';
export * from './schedule/stage-types.ts';
export * from './schedule/schedule-error.ts';
export * from './schedule/stage-templates.ts';
export * from './schedule/project-edits.ts';
export * from './schedule/validate-stages.ts';
export * from './schedule/compile-stages.ts';
export { createScheduleBatch, scheduleMany, NO_DATE, batchStatus } from './schedule/schedule-core.ts';
export type { ScheduleBatch, ScheduleBatchResult } from './schedule/schedule-core.ts';
export * from './schedule/schedule.ts';
export * from './schedule/stage-warnings.ts';
export * from './schedule/stage-warnings-batch.ts';
export * from './schedule/baseline.ts';
export * from './dispatch/index.ts';
export * from './divisions.ts';

import type { dispatchStagesZhCN } from './dispatch-stages.zh-CN.ts';

/** A dispatch report's stage updates (issue 10, item 2): the issues the server raises on them. */
export const dispatchStagesEnUS: Record<keyof typeof dispatchStagesZhCN, string> = {
  'dispatch.issue.dispatch_stage_unknown': 'The project’s schedule has no stage “{key}”',
  'dispatch.issue.dispatch_stage_not_applicable':
    'The stage “{stage}” does not apply to this project: no actual dates for it',
  'dispatch.issue.dispatch_stage_duplicate': 'The stage “{key}” is reported twice',
  'dispatch.issue.dispatch_stage_date_out_of_range':
    'The date {date} is outside the working calendar ({first} to {last})',
};

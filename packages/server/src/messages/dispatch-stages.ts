/** Server messages of a dispatch report's stage updates (issue 10, item 2): the report issues they raise. */
export const dispatchStagesMessages = {
  dispatch_stage_unknown: {
    'zh-CN': '该项目的工序计划中没有工序“{key}”',
    'en-US': 'The project’s schedule has no stage “{key}”',
  },
  dispatch_stage_not_applicable: {
    'zh-CN': '工序“{stage}”对该项目不适用，不能填报实际日期',
    'en-US': 'The stage “{stage}” does not apply to this project: no actual dates for it',
  },
  dispatch_stage_duplicate: {
    'zh-CN': '工序“{key}”填报了两次',
    'en-US': 'The stage “{key}” is reported twice',
  },
  dispatch_stage_date_out_of_range: {
    'zh-CN': '日期 {date} 不在工作日历的范围内（{first} 至 {last}）',
    'en-US': 'The date {date} is outside the working calendar ({first} to {last})',
  },
} as const;

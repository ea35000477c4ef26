/** A dispatch report's stage updates (issue 10, item 2): the issues the server raises on them. */
export const dispatchStagesZhCN = {
  'dispatch.issue.dispatch_stage_unknown': '该项目的工序计划中没有工序“{key}”',
  'dispatch.issue.dispatch_stage_not_applicable': '工序“{stage}”对该项目不适用，不能填报实际日期',
  'dispatch.issue.dispatch_stage_duplicate': '工序“{key}”填报了两次',
  'dispatch.issue.dispatch_stage_date_out_of_range': '日期 {date} 不在工作日历的范围内（{first} 至 {last}）',
} as const;

/** zh-CN keys of one feature: 项目字段目录 (未填日期的开工, 上报数). Spread into ./zh-CN.ts; ./catalogue.en-US.ts has exactly these keys. */
export const catalogueZhCN = {
  'catalogue.startedUndated': '已开工（日期未填）',
  'catalogue.reported': '上报',
  'catalogue.reportedLine': '截至 {asOf} 累计完成 {ytd}',
  'catalogue.reportedProgress': '形象进度：{progress}',
  'catalogue.reportedNone': '暂无上报数',
  'catalogue.reportedHelp': '台账导入时带入的上报数，月度调度上报后以调度为准',
  'catalogue.startedUndatedHelp': '已开工但不知道开工日期时勾选；填写实际开工日期后自动取消',
  'form.reported': '上报情况',
  'importIssue.started_undated': '标为已开工但没有开工时间和计划开工时间，按“已开工（日期未填）”导入',
} as const;

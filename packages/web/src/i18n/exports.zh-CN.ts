// Exports that print (issue 9, item 15) and the department in charge of a stage (item 12).
export const exportsZhCN = {
  'exports.warChartPrintTitle': '{jurisdiction}{year}年重点项目挂图作战图（{grouping}，截至{y}年{m}月{d}日）',
  'exports.stageDepartment': '负责部门',
  'exports.stageDepartmentPlaceholder': '不指定',
  'exports.stageDepartmentHint': '负责部门的人员可录入该工序的实际日期（按名称匹配项目所在区划及上级的部门）',
} as const;

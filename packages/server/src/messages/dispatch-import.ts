/** Server messages of the dispatch table import (issue 10, item 6): the row issues of its preview. */
export const dispatchImportMessages = {
  dispatch_import_issue_bad_number: {
    'zh-CN': '不是有效的金额：“{value}”',
    'en-US': 'Not a valid amount: "{value}"',
  },
  dispatch_import_issue_negative: {
    'zh-CN': '金额不能为负数：{value}',
    'en-US': 'The amount cannot be negative: {value}',
  },
  dispatch_import_issue_too_long: {
    'zh-CN': '内容过长（每项最多 {max} 字）',
    'en-US': 'Too long (at most {max} characters each)',
  },
  dispatch_import_issue_missing_name: {
    'zh-CN': '缺少项目名称',
    'en-US': 'The project name is missing',
  },
  dispatch_import_issue_unknown_project: {
    'zh-CN': '本轮调度中没有名为“{name}”的项目',
    'en-US': 'No project of this round is named "{name}"',
  },
  dispatch_import_issue_duplicate_project: {
    'zh-CN': '“{project}”已在第 {row} 行填报，同一项目只能出现一次',
    'en-US': '"{project}" is already reported on row {row}; a project may appear once',
  },
  dispatch_import_issue_ytd_mismatch: {
    'zh-CN':
      '本月完成 {thisMonth} 万元与1-N月累计 {ytd} 万元不符（上月累计 {previous} 万元，应为 {expected} 万元）',
    'en-US':
      'This month {thisMonth} (10k yuan) disagrees with the year to date {ytd} (last month {previous}, so {expected} expected)',
  },
  dispatch_import_issue_ytd_below_previous: {
    'zh-CN': '1-N月累计 {ytd} 万元小于上月累计 {previous} 万元',
    'en-US': 'The year to date {ytd} (10k yuan) is below last month’s {previous}',
  },
  dispatch_import_issue_missing_amount: {
    'zh-CN': '请填写本月完成或1-N月累计',
    'en-US': 'Fill in this month’s amount or the year to date',
  },
  dispatch_import_issue_near_name: {
    'zh-CN': '“{name}”按近似名称匹配为“{project}”，请核对',
    'en-US': '"{name}" was matched by a near name to "{project}"; please check',
  },
  dispatch_import_issue_plan_mismatch: {
    'zh-CN': '年度计划投资 {file} 万元与台账的 {ledger} 万元不一致（不导入，以台账为准）',
    'en-US':
      'The annual plan {file} (10k yuan) differs from the ledger’s {ledger} (not imported; the ledger stands)',
  },
} as const;

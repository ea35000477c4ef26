/** Server messages of the monthly dispatch (一月一调度, issue 10): its error codes and report issues. */
export const dispatchMessages = {
  dispatch_no_projects: {
    'zh-CN': '{year}年没有您管辖范围内的实施类项目，无法发起调度',
    'en-US': 'No implementation project of {year} is in your scope: there is nothing to dispatch',
  },
  dispatch_deadline_before_month: {
    'zh-CN': '{month}的调度截止日期 {deadline} 早于该月',
    'en-US': 'The deadline {deadline} of the {month} round falls before that month',
  },
  dispatch_round_closed: {
    'zh-CN': '{month}调度已关闭，需管理员重新开放后才能填报',
    'en-US': 'The {month} round is closed; reports wait until an administrator reopens it',
  },
  dispatch_report_invalid: {
    'zh-CN': '填报有 {errors} 处错误、{warnings} 处待确认的提醒',
    'en-US': 'The report has {errors} errors and {warnings} warnings to confirm',
  },
  dispatch_report_not_submitted: {
    'zh-CN': '只有已提交的填报才能通过或退回（当前：{status}）',
    'en-US': 'Only a submitted report can be accepted or returned (this one is {status})',
  },
  dispatch_amount_invalid: {
    'zh-CN': '请填写以元为单位的整数金额',
    'en-US': 'Enter a whole amount in yuan',
  },
  dispatch_amount_negative: {
    'zh-CN': '金额不能为负数（{value}）',
    'en-US': 'The amount cannot be negative ({value})',
  },
  dispatch_ytd_over_total: {
    'zh-CN': '本年累计完成 {ytd} 元超过项目总投资 {totalInvestment} 元',
    'en-US': 'The year to date, {ytd} yuan, exceeds the total investment of {totalInvestment} yuan',
  },
  dispatch_stage_finish_before_start: {
    'zh-CN': '完成日期 {finish} 早于开始日期 {start}',
    'en-US': 'The finish date {finish} is before the start date {start}',
  },
  dispatch_stage_date_future: {
    'zh-CN': '日期 {date} 晚于今天（{today}）',
    'en-US': 'The date {date} is after today ({today})',
  },
  dispatch_amount_above_usual: {
    'zh-CN': '本月完成 {amount} 元远高于该项目平常月份（约 {usual} 元），请确认',
    'en-US':
      'This month, {amount} yuan, is far above the project’s usual month (about {usual} yuan): please confirm',
  },
  dispatch_amount_above_remaining_plan: {
    'zh-CN': '本月完成 {amount} 元超过年度计划剩余的 {remaining} 元，请确认',
    'en-US':
      'This month, {amount} yuan, exceeds the {remaining} yuan left of the annual plan: please confirm',
  },
} as const;

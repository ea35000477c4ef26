/** 一月一调度 (issue 10): the dispatch round's words and error codes. */
export const dispatchZhCN = {
  'error.dispatch_no_projects': '{year}年没有您管辖范围内的实施类项目，无法发起调度',
  'error.dispatch_deadline_before_month': '{month}的调度截止日期 {deadline} 早于该月',
  'error.dispatch_round_closed': '{month}调度已关闭，需管理员重新开放后才能填报',
  'error.dispatch_report_invalid': '填报有 {errors} 处错误、{warnings} 处待确认的提醒',
  'error.entity.dispatchRound': '调度轮次',
  'error.entity.dispatchReport': '调度填报',
  'error.field.dispatchMonth': '调度月份',
  'dispatch.issue.dispatch_amount_invalid': '请填写以元为单位的整数金额',
  'dispatch.issue.dispatch_amount_negative': '金额不能为负数（{value}）',
  'dispatch.issue.dispatch_ytd_over_total': '本年累计完成 {ytd} 元超过项目总投资 {totalInvestment} 元',
  'dispatch.issue.dispatch_stage_finish_before_start': '完成日期 {finish} 早于开始日期 {start}',
  'dispatch.issue.dispatch_stage_date_future': '日期 {date} 晚于今天（{today}）',
  'dispatch.issue.dispatch_amount_above_usual':
    '本月完成 {amount} 元远高于该项目平常月份（约 {usual} 元），请确认',
  'dispatch.issue.dispatch_amount_above_remaining_plan':
    '本月完成 {amount} 元超过年度计划剩余的 {remaining} 元，请确认',
  'dispatch.round.status.open': '填报中',
  'dispatch.round.status.closed': '已关闭',
} as const;

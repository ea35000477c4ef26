import type { dispatchZhCN } from './dispatch.zh-CN.ts';

/** 一月一调度 (issue 10): the dispatch round's words and error codes. */
export const dispatchEnUS: Record<keyof typeof dispatchZhCN, string> = {
  'error.dispatch_no_projects':
    'No implementation project of {year} is in your scope: there is nothing to dispatch',
  'error.dispatch_deadline_before_month':
    'The deadline {deadline} of the {month} round falls before that month',
  'error.dispatch_round_closed':
    'The {month} round is closed; reports wait until an administrator reopens it',
  'error.dispatch_report_invalid': 'The report has {errors} errors and {warnings} warnings to confirm',
  'error.dispatch_report_not_submitted':
    'Only a submitted report can be accepted or returned (this one is {status})',
  'notify.kind.dispatch_report_returned': 'The {month} report of “{project}” was returned: {reason}',
  'notify.kind.dispatch_reminder_before':
    'The {month} round closes on {deadline}; “{project}” has not submitted its report',
  'notify.kind.dispatch_reminder_due':
    'Today ({deadline}) the {month} round closes; “{project}” has not submitted its report',
  'notify.kind.dispatch_reminder_late':
    'The {month} round closed on {deadline}; “{project}” has still not submitted its report: please report now',
  'jobs.label.dispatch-reminders': 'Dispatch report reminders',
  'error.entity.dispatchRound': 'Dispatch round',
  'error.entity.dispatchReport': 'Dispatch report',
  'error.field.dispatchMonth': 'Dispatch month',
  'dispatch.issue.dispatch_amount_invalid': 'Enter a whole amount in yuan',
  'dispatch.issue.dispatch_amount_negative': 'The amount cannot be negative ({value})',
  'dispatch.issue.dispatch_ytd_over_total':
    'The year to date, {ytd} yuan, exceeds the total investment of {totalInvestment} yuan',
  'dispatch.issue.dispatch_stage_finish_before_start':
    'The finish date {finish} is before the start date {start}',
  'dispatch.issue.dispatch_stage_date_future': 'The date {date} is after today ({today})',
  'dispatch.issue.dispatch_amount_above_usual':
    'This month, {amount} yuan, is far above the project’s usual month (about {usual} yuan): please confirm',
  'dispatch.issue.dispatch_amount_above_remaining_plan':
    'This month, {amount} yuan, exceeds the {remaining} yuan left of the annual plan: please confirm',
  'dispatch.round.status.open': 'Open',
  'dispatch.round.status.closed': 'Closed',
  'dispatch.rounds.title': 'Dispatch rounds',
  'dispatch.rounds.hint':
    'One dispatch a month: each round, the task forces report the month’s completed investment, progress and problems by the deadline.',
  'dispatch.rounds.year': 'Year',
  'dispatch.rounds.yearLabel': '{year}',
  'dispatch.rounds.monthLabel': '{month}/{year}',
  'dispatch.rounds.empty': 'No dispatch round in {year} yet',
  'dispatch.rounds.month': 'Month',
  'dispatch.rounds.region': 'Region',
  'dispatch.rounds.deadline': 'Deadline',
  'dispatch.rounds.status': 'Status',
  'dispatch.rounds.projects': 'Projects',
  'dispatch.rounds.reported': 'Reported',
  'dispatch.rounds.missing': 'Missing',
  'dispatch.rounds.late': 'Late',
  'dispatch.rounds.returned': 'Returned',
  'dispatch.table.title': '{region} key projects dispatch table, {year}-{month}',
  'dispatch.table.loading': 'Dispatch table',
  'dispatch.table.back': 'Back to the dispatch rounds',
  'dispatch.table.export': 'Export Excel',
  'dispatch.table.hint':
    'Deadline {deadline}, time-elapsed pace {pace}%, {reported} of {projects} projects reported; amounts in 10,000 yuan',
  'dispatch.table.seq': 'No.',
  'dispatch.table.name': 'Project',
  'dispatch.table.annualPlan': 'Annual plan',
  'dispatch.table.thisMonth': 'This month',
  'dispatch.table.ytd': 'Jan–{month} to date',
  'dispatch.table.rate': 'Completion',
  'dispatch.table.pace': 'Pace plan',
  'dispatch.table.progress': 'Visible progress',
  'dispatch.table.stage': 'Current stage',
  'dispatch.table.problems': 'Problems',
  'dispatch.table.next': 'Next month',
  'dispatch.table.total': 'Total ({n})',
};

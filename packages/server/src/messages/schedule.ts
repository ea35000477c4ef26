import type { Lang } from '../messages.ts';

/** Schedules, stage warnings, calendars and their dates. */
export const scheduleMessages = {
  schedule_invalid: { 'zh-CN': '工期计划有误：{detail}', 'en-US': 'Invalid schedule: {detail}' },
  // The detail of schedule_invalid by its reason (services/schedule-errors.ts), names of stages are data.
  schedule_invalid_unknown_stage: {
    'zh-CN': '工序「{stage}」不存在',
    'en-US': 'Stage "{stage}" does not exist',
  },
  schedule_invalid_duplicate_stage: {
    'zh-CN': '工序重复：{stage}（{key}）',
    'en-US': 'Stage listed twice: {stage} ({key})',
  },
  schedule_invalid_bad_target_date: {
    'zh-CN': '「{stage}」的目标日期不是有效日期：{date}',
    'en-US': 'The target date of "{stage}" is not a valid date: {date}',
  },
  schedule_invalid_bad_actual_start_date: {
    'zh-CN': '「{stage}」的实际开始不是有效日期：{date}',
    'en-US': 'The actual start of "{stage}" is not a valid date: {date}',
  },
  schedule_invalid_bad_actual_finish_date: {
    'zh-CN': '「{stage}」的实际完成不是有效日期：{date}',
    'en-US': 'The actual finish of "{stage}" is not a valid date: {date}',
  },
  schedule_invalid_bad_today_date: {
    'zh-CN': '今天不是有效日期：{date}',
    'en-US': 'Today is not a valid date: {date}',
  },
  schedule_invalid_unknown_target_stage: {
    'zh-CN': '目标日期所指的工序「{stage}」不存在',
    'en-US': 'A target date names stage "{stage}", which does not exist',
  },
  schedule_invalid_unknown_actual_stage: {
    'zh-CN': '实际日期所指的工序「{stage}」不存在',
    'en-US': 'An actual date names stage "{stage}", which does not exist',
  },
  schedule_invalid_target_not_applicable: {
    'zh-CN': '工序「{stage}」不适用，不能设目标日期',
    'en-US': 'Stage "{stage}" is not applicable: it cannot have a target date',
  },
  schedule_invalid_finish_before_start: {
    'zh-CN': '工序「{stage}」的实际完成 {finish} 早于实际开始 {start}',
    'en-US': 'The actual finish of "{stage}", {finish}, is before its actual start, {start}',
  },
  schedule_invalid_actual_in_future: {
    'zh-CN': '工序「{stage}」的实际日期晚于今天 {today}',
    'en-US': 'An actual date of "{stage}" is after today, {today}',
  },
  schedule_invalid_bad_duration: {
    'zh-CN': '工序「{stage}」的工期应为非负整数个工作日：{duration}',
    'en-US': 'The duration of "{stage}" must be a whole number of working days, 0 or more: {duration}',
  },
  schedule_invalid_unknown_dependency: {
    'zh-CN': '工序「{stage}」的紧前工序「{dep}」不存在',
    'en-US': 'The predecessor "{dep}" of stage "{stage}" does not exist',
  },
  schedule_invalid_bad_dependency: {
    'zh-CN': '工序「{stage}」对「{dep}」的依赖无效（{type}，间隔 {lag}）',
    'en-US': 'The dependency of "{stage}" on "{dep}" is invalid ({type}, lag {lag})',
  },
  schedule_invalid_cycle: {
    'zh-CN': '工序存在循环依赖：{stages}',
    'en-US': 'The stages depend on each other in a cycle: {stages}',
  },
  schedule_invalid_template_missing_targets: {
    'zh-CN': '模板须保留工序 {stages}：台账的计划开工、计划竣工是这两个工序的目标日期',
    'en-US':
      "The template must keep the stages {stages}: the ledger's planned start and finish are their target dates",
  },
  schedule_invalid_stage_not_applicable: {
    'zh-CN': '工序「{stage}」不适用，不能记录实际日期',
    'en-US': 'Stage "{stage}" is not applicable: no actual dates can be recorded for it',
  },
  // Stage warnings (预警), worded from the domain's reason and params in the reader's language.
  stage_warning_started_on_time: {
    'zh-CN': '{stage}：按计划于 {started} 开始',
    'en-US': '{stage}: started on plan on {started}',
  },
  stage_warning_started_late: {
    'zh-CN': '{stage}：计划 {planned}，{started} 开始，晚 {months} 个月',
    'en-US': '{stage}: planned for {planned}, started {started}, {months} month(s) late',
  },
  stage_warning_not_started: {
    'zh-CN': '{stage}：计划 {planned}，至 {until} 仍未开始',
    'en-US': '{stage}: planned for {planned}, still not started in {until}',
  },
  stage_warning_finished_on_time: { 'zh-CN': '{stage}：按计划完成', 'en-US': '{stage}: finished on plan' },
  stage_warning_finished_late: {
    'zh-CN': '{stage}：晚于最迟完成 {latestFinish} {days} 天完成',
    'en-US': '{stage}: finished {days} day(s) after the latest finish {latestFinish}',
  },
  stage_warning_overdue: {
    'zh-CN': '{stage}：已超过最迟完成 {latestFinish} {days} 天',
    'en-US': '{stage}: {days} day(s) past the latest finish {latestFinish}',
  },
  stage_warning_negative_float: {
    'zh-CN': '{stage}：按当前计划将晚于目标 {days} 个工作日',
    'en-US': '{stage}: on the current plan it will miss the target by {days} working day(s)',
  },
  stage_warning_on_track: { 'zh-CN': '{stage}：正常推进', 'en-US': '{stage}: on track' },
  schedule_no_targets: {
    'zh-CN': '项目没有计划开工和计划竣工日期，无法倒排工期：请在台账中填写，或在工期计划中设置目标日期',
    'en-US':
      'The project has no planned start and finish, so it cannot be scheduled: fill them in the ledger or set target dates in the plan',
  },
  date_out_of_range: {
    'zh-CN': '{detail}',
    'en-US': 'A date is outside the working-day calendar; an admin can add the year: {detail}',
  },
  date_out_of_range_date: {
    'zh-CN': '日期 {date} 超出工作日历范围 {first} 至 {last}，请在日历中添加该年份',
    'en-US': 'the date {date} is outside {first} to {last}',
  },
  date_out_of_range_stage_start: {
    'zh-CN': '工序「{stage}」的计划开始早于工作日历起点 {first}，请在日历中添加更早的年份',
    'en-US': 'the stage {stage} would start before the first day of the calendar, {first}',
  },
  date_out_of_range_stage_end: {
    'zh-CN': '工序「{stage}」的计划完成晚于工作日历终点 {last}，请在日历中添加以后的年份',
    'en-US': 'the stage {stage} would finish after the last day of the calendar, {last}',
  },
  // Field details of a `validation` error: worded by the error handler in the caller's language.
  calendar_to_before_from: {
    'zh-CN': '结束日期 {to} 早于开始日期 {from}',
    'en-US': 'The end date {to} is before the start date {from}',
  },
  calendar_date_outside_year: { 'zh-CN': '{date} 不在 {year} 年', 'en-US': '{date} is not in {year}' },
  calendar_workday_not_weekend: {
    'zh-CN': '{date} 不是周末，无需调休上班',
    'en-US': '{date} is not a weekend day: no make-up working day is needed',
  },
  calendar_year: {
    'zh-CN': '只能添加 {next} 年：工作日历目前到 {last} 年，年份须连续',
    'en-US': 'Only {next} can be added: the calendar ends in {last} and years must follow on',
  },
} as const satisfies Record<string, Record<Lang, string>>;

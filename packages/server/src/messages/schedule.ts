import type { Lang } from '../messages.ts';

/** Schedules, stage warnings, calendars and their dates. */
export const scheduleMessages = {
  schedule_invalid: { 'zh-CN': '工期计划有误：{detail}', 'en-US': 'Invalid schedule: {detail}' },
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
  calendar_year: {
    'zh-CN': '只能添加 {next} 年：工作日历目前到 {last} 年，年份须连续',
    'en-US': 'Only {next} can be added: the calendar ends in {last} and years must follow on',
  },
} as const satisfies Record<string, Record<Lang, string>>;

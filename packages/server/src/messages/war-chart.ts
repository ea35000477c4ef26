import type { Lang } from '../messages.ts';

/** 挂图作战: the words of the war chart and of its .xlsx (names of projects, stages, towns are data). */
export const warChartMessages = {
  // 挂图作战: the words of the war chart and of its .xlsx (names of projects, stages, towns are data).
  war_chart_title: {
    'zh-CN': '{region}{year}年重点项目挂图作战图',
    'en-US': '{region} {year} key projects war chart',
  },
  war_chart_level_province: { 'zh-CN': '省级重点项目', 'en-US': 'Provincial key projects' },
  war_chart_level_city: { 'zh-CN': '市级重点项目', 'en-US': 'City key projects' },
  war_chart_level_county: { 'zh-CN': '县级重点项目', 'en-US': 'County key projects' },
  war_chart_unassigned: { 'zh-CN': '未指定', 'en-US': 'Unassigned' },
  war_chart_sheet: { 'zh-CN': '挂图作战', 'en-US': 'War chart' },
  war_chart_subtitle: {
    'zh-CN':
      '数据日期 {today}；按{groupBy}分组；共 {count} 个项目；单元格：标记 + 日期（已完成为实际完成日期，其余为最迟完成日期）',
    'en-US':
      'Data as of {today}; grouped by {groupBy}; {count} projects; cells: mark + date (actual finish when done, else latest finish)',
  },
  war_chart_group_by_level: { 'zh-CN': '项目级别', 'en-US': 'level' },
  war_chart_group_by_town: { 'zh-CN': '乡镇（街道）', 'en-US': 'town' },
  war_chart_group_by_leader: { 'zh-CN': '包保领导', 'en-US': 'leader' },
  war_chart_group_by_department: { 'zh-CN': '责任部门', 'en-US': 'department' },
  war_chart_column_seq: { 'zh-CN': '序号', 'en-US': 'No.' },
  war_chart_column_group: { 'zh-CN': '分组', 'en-US': 'Group' },
  war_chart_column_name: { 'zh-CN': '项目名称', 'en-US': 'Project' },
  war_chart_stage_group_landing: { 'zh-CN': '落地', 'en-US': 'Landing' },
  war_chart_stage_group_procedures: { 'zh-CN': '手续', 'en-US': 'Procedures' },
  war_chart_stage_group_construction: { 'zh-CN': '建设', 'en-US': 'Construction' },
  war_chart_stage_group_completion: { 'zh-CN': '竣工', 'en-US': 'Completion' },
  war_chart_status_not_started: { 'zh-CN': '未开始', 'en-US': 'Not started' },
  war_chart_status_in_progress: { 'zh-CN': '进行中', 'en-US': 'In progress' },
  war_chart_status_done: { 'zh-CN': '已完成', 'en-US': 'Done' },
  war_chart_status_late: { 'zh-CN': '逾期未完成', 'en-US': 'Overdue' },
  war_chart_status_not_applicable: { 'zh-CN': '不适用', 'en-US': 'Not applicable' },
  war_chart_warning_green: { 'zh-CN': '绿色预警（正常）', 'en-US': 'Green (normal)' },
  war_chart_warning_yellow: { 'zh-CN': '黄色预警', 'en-US': 'Yellow warning' },
  war_chart_warning_red: { 'zh-CN': '红色预警', 'en-US': 'Red warning' },
  war_chart_legend: { 'zh-CN': '图例', 'en-US': 'Legend' },
  war_chart_legend_status: { 'zh-CN': '状态：{name}', 'en-US': 'Status: {name}' },
  war_chart_flag_red: {
    'zh-CN': '红旗 ⚑：节点（开工、主体封顶、投产运营等）按期完成',
    'en-US': 'Red flag ⚑: a milestone reached on time (by its latest finish)',
  },
  war_chart_flag_black: {
    'zh-CN': '黑旗 ⚑：超过最迟完成日期才完成（超期完成）',
    'en-US': 'Black flag ⚑: finished after its latest finish',
  },
} as const satisfies Record<string, Record<Lang, string>>;

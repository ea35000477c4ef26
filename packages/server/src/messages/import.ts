import type { Lang } from '../messages.ts';

/** The ledger import: mapping, commit and per-row issues. */
export const importMessages = {
  import_issue_masked_phone: {
    'zh-CN': '联系电话“{value}”是打码的号码，不导入，保留系统中的号码',
    'en-US': 'The contact phone "{value}" is masked: not imported, the stored number is kept',
  },
  import_no_header: {
    'zh-CN': '在工作表“{sheet}”的前 15 行中没有找到表头（需要有“项目名称”一列）',
    'en-US': 'No header found in the first 15 rows of sheet "{sheet}" (a project name column is needed)',
  },
  import_mapping: { 'zh-CN': '列对应关系有误：{detail}', 'en-US': 'Invalid column mapping: {detail}' },
  import_mapping_no_sheet: {
    'zh-CN': '没有名为“{sheet}”的工作表',
    'en-US': 'there is no sheet named "{sheet}"',
  },
  import_mapping_field_twice: {
    'zh-CN': '“{label}”对应了多列（{columns}）',
    'en-US': 'the field {field} is mapped to several columns ({columns})',
  },
  import_mapping_name_unmapped: {
    'zh-CN': '必须有一列对应“项目名称”',
    'en-US': 'one column must be mapped to the project name',
  },
  import_has_errors: {
    'zh-CN': '有 {count} 行存在错误，未导入任何数据；请修正后重新上传',
    'en-US': '{count} rows have errors; nothing was imported. Fix them and upload again',
  },
  import_expired: {
    'zh-CN': '上传的文件已过期或不存在，请重新上传',
    'en-US': 'The upload has expired or does not exist; please upload the file again',
  },
  import_issue_bad_number: { 'zh-CN': '“{value}”不是有效金额', 'en-US': '"{value}" is not a valid amount' },
  import_issue_negative: {
    'zh-CN': '金额不能为负数：{value}',
    'en-US': 'Amounts cannot be negative: {value}',
  },
  import_issue_bad_date: {
    'zh-CN': '“{value}”不是有效日期（可写 2023-03-15、2023/3/15、2023.3、2023年3月）',
    'en-US': '"{value}" is not a valid date (e.g. 2023-03-15, 2023/3/15, 2023.3)',
  },
  import_issue_year_only: {
    'zh-CN': '“{value}”只有年份，请至少写到月份',
    'en-US': '"{value}" has only a year; give at least the month',
  },
  import_issue_bad_yes_no: {
    'zh-CN': '“{value}”应为 是/否',
    'en-US': '"{value}" should be yes or no (Y/N)',
  },
  import_issue_bad_level: {
    'zh-CN': '“{value}”不是项目级别（省级/市级/县级）',
    'en-US': '"{value}" is not a level (provincial, city or county)',
  },
  import_issue_bad_category: {
    'zh-CN': '“{value}”不是项目类别（实施类/储备类）',
    'en-US': '"{value}" is not a category (implementation or reserve)',
  },
  import_issue_bad_nature: {
    'zh-CN': '“{value}”不是建设性质（新建/续建/改扩建）',
    'en-US': '"{value}" is not a construction nature (new, continuing or expansion)',
  },
  import_issue_bad_code: {
    'zh-CN': '项目代码“{value}”应为 24 位',
    'en-US': 'Project code "{value}" must have 24 characters',
  },
  import_issue_too_long: { 'zh-CN': '内容过长', 'en-US': 'Text too long' },
  import_issue_missing_name: { 'zh-CN': '缺少项目名称', 'en-US': 'The project name is missing' },
  import_issue_missing_total: { 'zh-CN': '缺少总投资', 'en-US': 'The total investment is missing' },
  import_issue_missing_level: {
    'zh-CN': '无法确定项目级别：请填写“项目级别”列，或放在“一、省级重点项目”这样的分组行下',
    'en-US': 'Unknown level: fill a level column or put the row under a section row that names the level',
  },
  import_issue_missing_town: { 'zh-CN': '缺少所在乡镇', 'en-US': 'The town is missing' },
  import_issue_duplicate_in_file: {
    'zh-CN': '与表中前面的行重复：{value}',
    'en-US': 'Duplicates an earlier row of the file: {value}',
  },
  import_issue_unknown_town: { 'zh-CN': '找不到乡镇（街道）“{value}”', 'en-US': 'Unknown town "{value}"' },
  import_issue_town_out_of_scope: {
    'zh-CN': '“{value}”不在您的管辖范围内',
    'en-US': '"{value}" is outside your scope',
  },
  import_issue_unknown_leader: {
    'zh-CN': '找不到包保领导“{value}”（须为具有包保领导角色的用户）',
    'en-US': 'No leader named "{value}"',
  },
  import_issue_ambiguous_leader: {
    'zh-CN': '有多位包保领导名为“{value}”',
    'en-US': 'Several leaders are named "{value}"',
  },
  import_issue_several_leaders: {
    'zh-CN': '“{value}”有多位领导，只取第一位（一个项目一名包保领导）',
    'en-US': '"{value}" names several leaders; the first is used',
  },
  import_issue_unknown_department: {
    'zh-CN': '找不到责任部门“{value}”',
    'en-US': 'Unknown department "{value}"',
  },
  import_issue_code_taken: {
    'zh-CN': '项目代码“{value}”已被管辖范围外的项目使用',
    'en-US': 'Project code "{value}" belongs to a project outside your scope',
  },
  import_issue_ambiguous_name: {
    'zh-CN': '辖区内有多个名为“{value}”的项目，请填写项目代码区分',
    'en-US': 'Several projects are named "{value}"; add the project code',
  },
  import_issue_started_without_date: {
    'zh-CN': '标为已开工但没有开工时间（有计划开工时间时按其记为实际开工）',
    'en-US': 'Marked as started without a start date (the planned start is used when there is one)',
  },
  import_issue_not_started_with_date: {
    'zh-CN': '标为未开工，但填有开工时间 {value}',
    'en-US': 'Marked as not started but has a start date {value}',
  },
  import_issue_plan_over_total: {
    'zh-CN': '年度计划投资大于总投资',
    'en-US': 'The annual plan exceeds the total investment',
  },
  import_issue_default_nature: {
    'zh-CN': '建设性质未填写，按“新建”导入',
    'en-US': 'No nature given; imported as new',
  },
  import_issue_default_category: {
    'zh-CN': '项目类别未填写，按“实施类”导入',
    'en-US': 'No category given; imported as implementation',
  },
} as const satisfies Record<string, Record<Lang, string>>;

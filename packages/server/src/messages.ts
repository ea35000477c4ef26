export type Lang = 'zh-CN' | 'en-US';

/** Every user-facing server message, in both languages. */
const messages = {
  bad_request: { 'zh-CN': '请求内容有误：{detail}', 'en-US': 'Invalid request: {detail}' },
  validation: {
    'zh-CN': '填写有误，请检查标出的字段',
    'en-US': 'Some fields are invalid; please check them',
  },
  unauthenticated: { 'zh-CN': '请先登录', 'en-US': 'Please log in' },
  session_expired: {
    'zh-CN': '长时间未操作，会话已过期，请重新登录',
    'en-US': 'Your session expired after inactivity; please log in again',
  },
  invalid_credentials: { 'zh-CN': '用户名或密码错误', 'en-US': 'Wrong username or password' },
  locked: {
    'zh-CN': '连续登录失败次数过多，账号已锁定至 {until}',
    'en-US': 'Too many failed logins; the account is locked until {until}',
  },
  inactive: {
    'zh-CN': '账号已停用，请联系管理员',
    'en-US': 'This account is disabled; contact the administrator',
  },
  csrf: {
    'zh-CN': '请求缺少有效的安全令牌（X-CSRF-Token），请刷新页面后重试',
    'en-US': 'Missing or invalid security token (X-CSRF-Token); reload the page and try again',
  },
  forbidden: { 'zh-CN': '无权限执行此操作', 'en-US': 'You are not allowed to do this' },
  forbidden_fields: {
    'zh-CN': '无权限修改以下字段：{fields}',
    'en-US': 'You are not allowed to change these fields: {fields}',
  },
  personal_data_masked: {
    'zh-CN': '电话号码含有打码字符 *：请填写完整号码，或不修改原号码',
    'en-US':
      'The phone number contains the masking character *: enter the whole number or leave it unchanged',
  },
  personal_data_unreadable: {
    'zh-CN': '个人信息无法解密（{column} #{id}）：数据已被改动或密钥不符，已拒绝读取',
    'en-US': 'Personal data does not decrypt ({column} #{id}): it was altered or the key is wrong; refused',
  },
  import_issue_masked_phone: {
    'zh-CN': '联系电话“{value}”是打码的号码，不导入，保留系统中的号码',
    'en-US': 'The contact phone "{value}" is masked: not imported, the stored number is kept',
  },
  audit_auditor_only: {
    'zh-CN': '审计日志仅审计员可查看（三员分立）',
    'en-US': 'Only the auditor may read the audit log (separation of duties)',
  },
  security_admin_only: {
    'zh-CN': '安全事件仅安全管理员可查看（三员分立）',
    'en-US': 'Only the security administrator may read security events (separation of duties)',
  },
  not_found: { 'zh-CN': '{entity}不存在或无权查看', 'en-US': '{entity} not found or not visible to you' },
  version_conflict: {
    'zh-CN': '该记录已被 {by} 于 {at} 修改，请刷新后在最新内容上重新编辑',
    'en-US': 'This record was changed by {by} at {at}; reload and edit the latest version',
  },
  version_conflict_unrecorded: {
    'zh-CN': '该记录在您打开之后已被修改，请刷新后在最新内容上重新编辑',
    'en-US': 'This record was changed after you opened it; reload and edit the latest version',
  },
  duplicate: { 'zh-CN': '{field}“{value}”已存在', 'en-US': '{field} "{value}" already exists' },
  password_policy: {
    'zh-CN': '密码至少 8 位，且包含大写字母、小写字母、数字、符号中的至少三类，不得包含用户名',
    'en-US':
      'Passwords need at least 8 characters from three of: upper case, lower case, digits, symbols, without the username',
  },
  password_common: {
    'zh-CN': '该密码过于常见，容易被猜中，请换一个',
    'en-US': 'This password is too common and easy to guess; choose another one',
  },
  password_reused: {
    'zh-CN': '不能使用最近 {count} 次用过的密码',
    'en-US': 'You cannot reuse any of your last {count} passwords',
  },
  mfa_setup_required: {
    'zh-CN': '请先完成双因素认证绑定',
    'en-US': 'Set up two-factor authentication first',
  },
  mfa_invalid_code: { 'zh-CN': '验证码错误或已过期', 'en-US': 'The code is wrong or has expired' },
  mfa_token_invalid: {
    'zh-CN': '登录验证已超时，请重新输入用户名和密码',
    'en-US': 'The login step has expired; enter your username and password again',
  },
  mfa_state: {
    'zh-CN': '双因素认证状态已变化，请刷新页面后重试',
    'en-US': 'The two-factor state has changed; reload the page and try again',
  },
  mfa_officer_required: {
    'zh-CN': '系统管理员、安全管理员和审计员必须启用双因素认证',
    'en-US': 'Administrators, security administrators and auditors must use two-factor authentication',
  },
  wrong_password: { 'zh-CN': '当前密码不正确', 'en-US': 'The current password is wrong' },
  roles_exclusive: {
    'zh-CN': '三员分立：系统管理员、安全管理员、审计员三个角色互斥，且不能与其他角色同属一个账号',
    'en-US':
      'Separation of duties: the system administrator, security administrator and auditor roles exclude each other and any other role on one account',
  },
  own_roles: {
    'zh-CN': '不能修改自己的角色，请由另一位安全管理员操作',
    'en-US': 'You cannot change your own roles; another security administrator must do it',
  },
  own_account: {
    'zh-CN': '不能停用自己的账号或为自己重置密码（修改自己的密码请用“修改密码”）',
    'en-US': 'You cannot deactivate your own account or reset your own password (use Change password)',
  },
  password_change_required: {
    'zh-CN': '请先修改初始密码或重置后的密码，再继续使用',
    'en-US': 'Change your initial or reset password before going on',
  },
  demo_remote: {
    'zh-CN': '演示账号只能在本机（127.0.0.1）登录；如需远程演示，请设置 GUATU_DEMO_ACCOUNTS=1',
    'en-US':
      'Demo accounts log in only from this machine (loopback); set GUATU_DEMO_ACCOUNTS=1 for a remote demo',
  },
  setup_password: {
    'zh-CN':
      '{variable} 中的密码不符合密码策略（至少 8 位，含大写字母、小写字母、数字、符号中的三类，不含用户名，不是常见密码），服务未启动',
    'en-US':
      'The password in {variable} fails the password policy (8+ characters, three of upper case, lower case, digits, symbols, without the username, not a common password); the server did not start',
  },
  out_of_scope_region: {
    'zh-CN': '所选区划不在您的管辖范围内',
    'en-US': 'The chosen region is outside your scope',
  },
  invalid_reference: { 'zh-CN': '{field}无效：{value}', 'en-US': 'Invalid {field}: {value}' },
  region_level: {
    'zh-CN': '区划层级不正确：{parent}下只能建{child}',
    'en-US': 'Wrong region level: below a {parent} only a {child} may be added',
  },
  too_large: { 'zh-CN': '请求内容过大（上限 {limit}）', 'en-US': 'The request is too large (limit {limit})' },
  not_spreadsheet: {
    'zh-CN': '无法识别的文件：请上传 Excel 工作簿（.xlsx）或 CSV 文件',
    'en-US': 'Unrecognised file: upload an Excel workbook (.xlsx) or a CSV file',
  },
  encrypted_file: {
    'zh-CN':
      '该工作簿设置了打开密码，无法读取：请在 Excel/WPS 中取消密码（文件→信息→保护工作簿）后另存再上传',
    'en-US': 'The workbook is password-protected: remove the password in Excel/WPS, save and upload again',
  },
  corrupt_file: {
    'zh-CN': '文件已损坏或不完整，无法读取：请在 Excel/WPS 中打开并另存为 .xlsx 后重新上传',
    'en-US': 'The file is damaged or incomplete: open it in Excel/WPS, save it as .xlsx and upload again',
  },
  upload_size_mismatch: {
    'zh-CN': '文件内部记录的大小与实际内容不符，文件已损坏或被篡改，未导入',
    'en-US':
      'The sizes recorded inside the file do not match its content: it is damaged or tampered with; nothing was imported',
  },
  upload_too_many_entries: {
    'zh-CN': '文件内部条目过多（上限 {limit} 个），可能是异常文件，未导入',
    'en-US': 'The file holds too many parts (limit {limit}); it may be malicious; nothing was imported',
  },
  upload_unpacked_too_large: {
    'zh-CN': '文件解压后过大（上限 {limit}），可能是异常文件，未导入',
    'en-US': 'The file is too large once unpacked (limit {limit}); it may be malicious; nothing was imported',
  },
  upload_compression_ratio: {
    'zh-CN': '文件压缩比异常（上限 {limit}:1），可能是压缩炸弹，未导入',
    'en-US':
      'The file is compressed abnormally tightly (limit {limit}:1); it may be a zip bomb; nothing was imported',
  },
  upload_too_many_rows: {
    'zh-CN': '表格行数过多（上限 {limit} 行），请拆分后分批导入',
    'en-US': 'The sheet has too many rows (limit {limit}); split it and import in parts',
  },
  upload_too_many_cells: {
    'zh-CN': '表格单元格过多（上限 {limit} 个，空单元格也计入），请删除多余的行列或拆分后导入',
    'en-US':
      'The file has too many cells (limit {limit}, empty cells included); remove unused rows and columns or split it',
  },
  upload_line_too_long: {
    'zh-CN': 'CSV 文件中有一行过长（上限 {limit} 个字符），可能是异常文件，未导入',
    'en-US':
      'A line of the CSV file is too long (limit {limit} characters); it may be malicious; nothing was imported',
  },
  upload_parse_memory: {
    'zh-CN': '文件过于复杂，解析所需内存超过上限（{limit}），请拆分后重新上传',
    'en-US':
      'The file is too complex: reading it needs more memory than allowed ({limit}); split it and upload again',
  },
  upload_parse_timeout: {
    'zh-CN': '文件解析超时（上限 {limit} 秒），请拆分后重新上传',
    'en-US': 'Reading the file timed out (limit {limit} s); split it and upload again',
  },
  legacy_xls: {
    'zh-CN': '暂不支持旧版 Excel 97-2003（.xls）文件：请在 Excel/WPS 中另存为 .xlsx 后上传',
    'en-US': 'Excel 97-2003 (.xls) files are not supported: save the file as .xlsx and upload again',
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
  attachment_type: {
    'zh-CN':
      '不支持此类文件（按内容识别为 {type}）；可上传 JPEG、PNG、WebP、HEIC 图片，PDF，Excel（.xlsx）或 Word（.docx）',
    'en-US':
      'This kind of file is not accepted (its content is {type}); upload a JPEG, PNG, WebP or HEIC image, a PDF, an Excel (.xlsx) or Word (.docx) file',
  },
  attachment_no_file: {
    'zh-CN': '请选择要上传的文件（multipart/form-data，字段名 file）',
    'en-US': 'Choose a file to upload (multipart/form-data, field "file")',
  },
  import_has_errors: {
    'zh-CN': '有 {count} 行存在错误，未导入任何数据；请修正后重新上传',
    'en-US': '{count} rows have errors; nothing was imported. Fix them and upload again',
  },
  import_expired: {
    'zh-CN': '上传的文件已过期或不存在，请重新上传',
    'en-US': 'The upload has expired or does not exist; please upload the file again',
  },
  // Group-robot (WeCom/DingTalk) wording of notifications; the web words the in-app ones itself.
  notify_generic: { 'zh-CN': '系统通知（{kind}）', 'en-US': 'System notification ({kind})' },
  notify_security_event: {
    'zh-CN': '安全事件：{event}（用户：{user}，IP：{ip}）',
    'en-US': 'Security event: {event} (user: {user}, IP: {ip})',
  },
  notify_event_account_locked: {
    'zh-CN': '账号因连续登录失败被锁定',
    'en-US': 'Account locked after repeated failed logins',
  },
  notify_event_audit_chain_broken: {
    'zh-CN': '审计日志校验失败（可能被篡改）',
    'en-US': 'The audit log failed verification (possible tampering)',
  },
  notify_event_role_changed: { 'zh-CN': '用户角色变更', 'en-US': 'User roles changed' },
  notify_event_password_reset: { 'zh-CN': '密码被重置', 'en-US': 'Password reset' },
  notify_event_password_changed: { 'zh-CN': '密码已修改', 'en-US': 'Password changed' },
  notify_event_denied_burst: {
    'zh-CN': '短时间内多次越权访问',
    'en-US': 'Many denied requests in a short time',
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
    'zh-CN': '红旗 ⚑：按期（不晚于最迟完成日期）完成',
    'en-US': 'Red flag ⚑: finished on time (by the latest finish)',
  },
  war_chart_flag_black: {
    'zh-CN': '黑旗 ⚑：超过最迟完成日期才完成，或逾期仍未完成',
    'en-US': 'Black flag ⚑: finished after the latest finish, or overdue and unfinished',
  },
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
  backup_not_database: {
    'zh-CN': '{file} 不是 Guatu 备份：不是 {engine} 数据库备份文件，数据库未改动',
    'en-US': '{file} is not a Guatu backup: not a {engine} database backup; the database is untouched',
  },
  backup_not_guatu: {
    'zh-CN': '{file} 不是 Guatu 备份：其中没有 Guatu 的数据表或迁移记录，数据库未改动',
    'en-US': '{file} is not a Guatu backup: it has no Guatu tables or migrations; the database is untouched',
  },
  backup_newer: {
    'zh-CN': '{file} 来自更新版本的 Guatu（含本版本未知的迁移 {migration}），请先升级，数据库未改动',
    'en-US':
      '{file} comes from a newer Guatu (unknown migration {migration}); upgrade first; the database is untouched',
  },
  backup_wrong_engine: {
    'zh-CN': '{file} 是 {found} 备份，当前数据库是 {engine}，数据库未改动',
    'en-US': '{file} is a {found} backup but the database is {engine}; the database is untouched',
  },
  backup_tool_missing: {
    'zh-CN': '找不到 {tool}：请安装 PostgreSQL 客户端（apt-get install postgresql-client）或设置 PG_BINDIR',
    'en-US':
      '{tool} not found: install the PostgreSQL client (apt-get install postgresql-client) or set PG_BINDIR',
  },
  backup_failed: { 'zh-CN': '{tool} 执行失败：{detail}', 'en-US': '{tool} failed: {detail}' },
  backup_in_use: {
    'zh-CN': '数据库 {file} 正被其他进程使用：请先停止 Guatu 服务再恢复，数据库未改动',
    'en-US':
      'The database {file} is in use by another process: stop the Guatu server before restoring; the database is untouched',
  },
  rate_limited: { 'zh-CN': '操作过于频繁，请稍后再试', 'en-US': 'Too many requests; try again later' },
  conflict: {
    'zh-CN': '该记录已存在或正被同时修改，请刷新后重试',
    'en-US': 'This record already exists or is being changed at the same time; reload and try again',
  },
  internal: {
    'zh-CN': '服务器内部错误，请联系管理员',
    'en-US': 'Internal server error; contact the administrator',
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type MessageKey = keyof typeof messages;

export const entityNames: Record<string, Record<Lang, string>> = {
  project: { 'zh-CN': '项目', 'en-US': 'Project' },
  user: { 'zh-CN': '用户', 'en-US': 'User' },
  region: { 'zh-CN': '区划', 'en-US': 'Region' },
  department: { 'zh-CN': '部门', 'en-US': 'Department' },
  template: { 'zh-CN': '导入模板', 'en-US': 'Import template' },
  stage: { 'zh-CN': '工序', 'en-US': 'Stage' },
  stageTemplate: { 'zh-CN': '工序模板', 'en-US': 'Stage template' },
  baseline: { 'zh-CN': '基线', 'en-US': 'Baseline' },
  calendarEntry: { 'zh-CN': '日历条目', 'en-US': 'Calendar entry' },
  warningRules: { 'zh-CN': '本级预警规则', 'en-US': 'Own warning rules' },
  job: { 'zh-CN': '后台任务', 'en-US': 'Background job' },
  notification: { 'zh-CN': '通知', 'en-US': 'Notification' },
  attachment: { 'zh-CN': '附件', 'en-US': 'Attachment' },
};

/** Who made a change no user made (a version conflict's `byKind: 'system'`). */
export const systemName: Record<Lang, string> = { 'zh-CN': '系统', 'en-US': 'the system' };

/** Names of the fields a `duplicate` error quotes. */
export const fieldNames: Record<string, Record<Lang, string>> = {
  code: { 'zh-CN': '项目代码', 'en-US': 'Project code' },
  username: { 'zh-CN': '用户名', 'en-US': 'Username' },
  department: { 'zh-CN': '部门', 'en-US': 'Department' },
  template: { 'zh-CN': '导入模板', 'en-US': 'Import template' },
  baseline: { 'zh-CN': '基线名称', 'en-US': 'Baseline name' },
  calendarYear: { 'zh-CN': '日历年份', 'en-US': 'Calendar year' },
};

/** Whether a string names a message (e.g. a notification kind's wording). */
export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(messages, key);

/** Fills `{name}` placeholders of a message in the given language. */
export function translate(key: MessageKey, lang: Lang, params: Record<string, string | number> = {}): string {
  return messages[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

/** zh-CN unless the client asks for English first. */
export function langOf(acceptLanguage: string | undefined): Lang {
  return acceptLanguage?.trim().toLowerCase().startsWith('en') ? 'en-US' : 'zh-CN';
}

/**
 * The audit log's vocabulary (issue 8, item 7): every entity and action name the server writes,
 * with its zh-CN and en-US label. recordAudit accepts only these names (the server's AuditInput is
 * typed with the unions below), the audit page labels rows and offers its filters from here, so a
 * new name is one entry here and the compiler finds the rest.
 */
type Labels = { 'zh-CN': string; 'en-US': string };

export const auditEntities = {
  project: { 'zh-CN': '项目', 'en-US': 'Project' },
  project_stage: { 'zh-CN': '项目工序', 'en-US': 'Project stage' },
  project_schedule: { 'zh-CN': '项目工期计划', 'en-US': 'Project schedule' },
  project_baseline: { 'zh-CN': '计划基线', 'en-US': 'Schedule baseline' },
  calendar_entry: { 'zh-CN': '工作日历条目', 'en-US': 'Calendar entry' },
  calendar_year: { 'zh-CN': '日历年份', 'en-US': 'Calendar year' },
  stage_template: { 'zh-CN': '工序模板', 'en-US': 'Stage template' },
  warning_rules: { 'zh-CN': '预警规则', 'en-US': 'Warning rules' },
  user: { 'zh-CN': '用户', 'en-US': 'User' },
  region: { 'zh-CN': '区划', 'en-US': 'Region' },
  department: { 'zh-CN': '部门', 'en-US': 'Department' },
  person: { 'zh-CN': '人员', 'en-US': 'Person' },
  session: { 'zh-CN': '会话', 'en-US': 'Session' },
  import: { 'zh-CN': '台账导入', 'en-US': 'Ledger import' },
  template: { 'zh-CN': '导入模板', 'en-US': 'Import template' },
  dataset: { 'zh-CN': '数据集', 'en-US': 'Dataset' },
  ledger: { 'zh-CN': '台账', 'en-US': 'Ledger' },
  war_chart: { 'zh-CN': '挂图', 'en-US': 'War chart' },
  attachment: { 'zh-CN': '附件', 'en-US': 'Attachment' },
  notification: { 'zh-CN': '通知', 'en-US': 'Notification' },
  job: { 'zh-CN': '后台任务', 'en-US': 'Background job' },
  route: { 'zh-CN': '接口', 'en-US': 'Route' },
  audit_log: { 'zh-CN': '审计日志', 'en-US': 'Audit log' },
  audit_archive: { 'zh-CN': '审计归档', 'en-US': 'Audit archive' },
  dispatch_round: { 'zh-CN': '调度轮次', 'en-US': 'Dispatch round' },
  dispatch_report: { 'zh-CN': '调度填报', 'en-US': 'Dispatch report' },
  dispatch_photo: { 'zh-CN': '调度照片', 'en-US': 'Dispatch photo' },
} as const satisfies Record<string, Labels>;

export const auditActions = {
  create: { 'zh-CN': '新建', 'en-US': 'Create' },
  update: { 'zh-CN': '修改', 'en-US': 'Update' },
  delete: { 'zh-CN': '删除', 'en-US': 'Delete' },
  replan: { 'zh-CN': '重排工期', 'en-US': 'Re-plan' },
  archive: { 'zh-CN': '归档', 'en-US': 'Archive' },
  restore: { 'zh-CN': '恢复', 'en-US': 'Restore' },
  import: { 'zh-CN': '导入', 'en-US': 'Import' },
  export: { 'zh-CN': '导出', 'en-US': 'Export' },
  seed: { 'zh-CN': '载入数据', 'en-US': 'Seed' },
  demo_removed: { 'zh-CN': '删除演示数据', 'en-US': 'Demo removed' },
  run: { 'zh-CN': '立即运行', 'en-US': 'Run now' },
  login: { 'zh-CN': '登录', 'en-US': 'Sign in' },
  logout: { 'zh-CN': '退出登录', 'en-US': 'Sign out' },
  login_failed: { 'zh-CN': '登录失败', 'en-US': 'Failed sign-in' },
  login_refused_demo_remote: { 'zh-CN': '拒绝远程演示账号登录', 'en-US': 'Remote demo sign-in refused' },
  account_locked: { 'zh-CN': '账号锁定', 'en-US': 'Account locked' },
  unlock: { 'zh-CN': '解锁', 'en-US': 'Unlock' },
  link_account: { 'zh-CN': '关联账号', 'en-US': 'Account linked' },
  unlink_account: { 'zh-CN': '解除账号关联', 'en-US': 'Account unlinked' },
  password_changed: { 'zh-CN': '修改密码', 'en-US': 'Password changed' },
  password_expired: { 'zh-CN': '密码过期', 'en-US': 'Password expired' },
  update_password_reset: { 'zh-CN': '重置密码', 'en-US': 'Password reset' },
  mfa_enrolled: { 'zh-CN': '启用双因素认证', 'en-US': 'MFA enrolled' },
  mfa_failed: { 'zh-CN': '双因素认证失败', 'en-US': 'MFA failed' },
  mfa_reset: { 'zh-CN': '重置双因素认证', 'en-US': 'MFA reset' },
  mfa_disabled: { 'zh-CN': '停用双因素认证', 'en-US': 'MFA disabled' },
  mfa_recovery_codes_regenerated: { 'zh-CN': '重新生成恢复码', 'en-US': 'Recovery codes regenerated' },
  recovery_code_used: { 'zh-CN': '使用恢复码', 'en-US': 'Recovery code used' },
  denied: { 'zh-CN': '拒绝访问', 'en-US': 'Denied' },
  view_personal_data: { 'zh-CN': '查看个人信息', 'en-US': 'Personal data viewed' },
  audit_query: { 'zh-CN': '查询审计日志', 'en-US': 'Audit query' },
  audit_verify: { 'zh-CN': '校验审计链', 'en-US': 'Audit chain check' },
  audit_archived: { 'zh-CN': '审计日志归档', 'en-US': 'Audit archived' },
  setup: { 'zh-CN': '按行政区划初始化', 'en-US': 'Set up from the divisions' },
  close: { 'zh-CN': '关闭', 'en-US': 'Close' },
  reopen: { 'zh-CN': '重新开放', 'en-US': 'Reopen' },
  save_draft: { 'zh-CN': '保存草稿', 'en-US': 'Draft saved' },
  submit: { 'zh-CN': '提交', 'en-US': 'Submit' },
  accept: { 'zh-CN': '通过', 'en-US': 'Accept' },
  return: { 'zh-CN': '退回', 'en-US': 'Return' },
} as const satisfies Record<string, Labels>;

export type AuditEntityName = keyof typeof auditEntities;
export type AuditActionName = keyof typeof auditActions;

export const auditEntityNames = Object.keys(auditEntities) as AuditEntityName[];
export const auditActionNames = Object.keys(auditActions) as AuditActionName[];

export const isAuditEntity = (name: string): name is AuditEntityName => Object.hasOwn(auditEntities, name);
export const isAuditAction = (name: string): name is AuditActionName => Object.hasOwn(auditActions, name);

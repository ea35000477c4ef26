import type { Language } from '../../i18n/index.tsx';

// Audit actions and entities are open-ended strings written by the server; known ones get a name.
const actions: Record<string, Record<Language, string>> = {
  create: { 'zh-CN': '新建', 'en-US': 'Create' },
  update: { 'zh-CN': '修改', 'en-US': 'Update' },
  archive: { 'zh-CN': '归档', 'en-US': 'Archive' },
  restore: { 'zh-CN': '恢复', 'en-US': 'Restore' },
  login: { 'zh-CN': '登录', 'en-US': 'Sign in' },
  logout: { 'zh-CN': '退出登录', 'en-US': 'Sign out' },
  login_failed: { 'zh-CN': '登录失败', 'en-US': 'Failed sign-in' },
  account_locked: { 'zh-CN': '账号锁定', 'en-US': 'Account locked' },
  unlock: { 'zh-CN': '解锁', 'en-US': 'Unlock' },
  password_changed: { 'zh-CN': '修改密码', 'en-US': 'Password changed' },
  update_password_reset: { 'zh-CN': '重置密码', 'en-US': 'Password reset' },
  delete: { 'zh-CN': '删除', 'en-US': 'Delete' },
  denied: { 'zh-CN': '拒绝访问', 'en-US': 'Denied' },
  audit_query: { 'zh-CN': '查询审计日志', 'en-US': 'Audit query' },
  export: { 'zh-CN': '导出', 'en-US': 'Export' },
  import: { 'zh-CN': '导入', 'en-US': 'Import' },
  audit_verify: { 'zh-CN': '校验审计链', 'en-US': 'Audit chain check' },
  audit_archived: { 'zh-CN': '审计日志归档', 'en-US': 'Audit archived' },
  view_personal_data: { 'zh-CN': '查看个人信息', 'en-US': 'Personal data viewed' },
  mfa_enrolled: { 'zh-CN': '启用双因素认证', 'en-US': 'MFA enrolled' },
  mfa_failed: { 'zh-CN': '双因素认证失败', 'en-US': 'MFA failed' },
  mfa_reset: { 'zh-CN': '重置双因素认证', 'en-US': 'MFA reset' },
  mfa_disabled: { 'zh-CN': '停用双因素认证', 'en-US': 'MFA disabled' },
  recovery_code_used: { 'zh-CN': '使用恢复码', 'en-US': 'Recovery code used' },
  password_expired: { 'zh-CN': '密码过期', 'en-US': 'Password expired' },
  demo_removed: { 'zh-CN': '删除演示数据', 'en-US': 'Demo removed' },
  seed: { 'zh-CN': '载入数据', 'en-US': 'Seed' },
};

const entities: Record<string, Record<Language, string>> = {
  project: { 'zh-CN': '项目', 'en-US': 'Project' },
  user: { 'zh-CN': '用户', 'en-US': 'User' },
  region: { 'zh-CN': '区划', 'en-US': 'Region' },
  department: { 'zh-CN': '部门', 'en-US': 'Department' },
  session: { 'zh-CN': '会话', 'en-US': 'Session' },
  route: { 'zh-CN': '接口', 'en-US': 'Route' },
  audit_log: { 'zh-CN': '审计日志', 'en-US': 'Audit log' },
  audit_archive: { 'zh-CN': '审计归档', 'en-US': 'Audit archive' },
  ledger: { 'zh-CN': '台账', 'en-US': 'Ledger' },
  war_chart: { 'zh-CN': '挂图', 'en-US': 'War chart' },
};

export const actionLabel = (action: string, l: Language) => actions[action]?.[l] ?? action;
export const entityLabel = (entity: string, l: Language) => entities[entity]?.[l] ?? entity;
export const entityOptions = (l: Language) =>
  Object.entries(entities).map(([value, n]) => ({ value, label: n[l] }));
export const actionOptions = (l: Language) =>
  Object.entries(actions).map(([value, n]) => ({ value, label: n[l] }));

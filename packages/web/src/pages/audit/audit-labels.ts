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
};

const entities: Record<string, Record<Language, string>> = {
  project: { 'zh-CN': '项目', 'en-US': 'Project' },
  user: { 'zh-CN': '用户', 'en-US': 'User' },
  region: { 'zh-CN': '区划', 'en-US': 'Region' },
  department: { 'zh-CN': '部门', 'en-US': 'Department' },
  session: { 'zh-CN': '会话', 'en-US': 'Session' },
};

export const actionLabel = (action: string, l: Language) => actions[action]?.[l] ?? action;
export const entityLabel = (entity: string, l: Language) => entities[entity]?.[l] ?? entity;
export const entityOptions = (l: Language) =>
  Object.entries(entities).map(([value, n]) => ({ value, label: n[l] }));
export const actionOptions = (l: Language) =>
  Object.entries(actions).map(([value, n]) => ({ value, label: n[l] }));

export type Lang = 'zh-CN' | 'en-US';

/** Every user-facing server message, in both languages. */
const messages = {
  bad_request: { 'zh-CN': '请求内容有误：{detail}', 'en-US': 'Invalid request: {detail}' },
  validation: { 'zh-CN': '填写有误，请检查标出的字段', 'en-US': 'Some fields are invalid; please check them' },
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
  inactive: { 'zh-CN': '账号已停用，请联系管理员', 'en-US': 'This account is disabled; contact the administrator' },
  csrf: {
    'zh-CN': '请求缺少有效的安全令牌（X-CSRF-Token），请刷新页面后重试',
    'en-US': 'Missing or invalid security token (X-CSRF-Token); reload the page and try again',
  },
  forbidden: { 'zh-CN': '无权限执行此操作', 'en-US': 'You are not allowed to do this' },
  forbidden_fields: {
    'zh-CN': '无权限修改以下字段：{fields}',
    'en-US': 'You are not allowed to change these fields: {fields}',
  },
  audit_auditor_only: {
    'zh-CN': '审计日志仅审计员可查看（三员分立）',
    'en-US': 'Only the auditor may read the audit log (separation of duties)',
  },
  not_found: { 'zh-CN': '{entity}不存在或无权查看', 'en-US': '{entity} not found or not visible to you' },
  version_conflict: {
    'zh-CN': '该记录已被 {by} 于 {at} 修改，请刷新后在最新内容上重新编辑',
    'en-US': 'This record was changed by {by} at {at}; reload and edit the latest version',
  },
  duplicate: { 'zh-CN': '{field}“{value}”已存在', 'en-US': '{field} "{value}" already exists' },
  password_policy: {
    'zh-CN': '密码至少 8 位，且包含大写字母、小写字母、数字、符号中的至少三类，不得包含用户名',
    'en-US': 'Passwords need at least 8 characters from three of: upper case, lower case, digits, symbols, without the username',
  },
  wrong_password: { 'zh-CN': '当前密码不正确', 'en-US': 'The current password is wrong' },
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
  rate_limited: { 'zh-CN': '操作过于频繁，请稍后再试', 'en-US': 'Too many requests; try again later' },
  internal: { 'zh-CN': '服务器内部错误，请联系管理员', 'en-US': 'Internal server error; contact the administrator' },
} as const satisfies Record<string, Record<Lang, string>>;

export type MessageKey = keyof typeof messages;

export const entityNames: Record<string, Record<Lang, string>> = {
  project: { 'zh-CN': '项目', 'en-US': 'Project' },
  user: { 'zh-CN': '用户', 'en-US': 'User' },
  region: { 'zh-CN': '区划', 'en-US': 'Region' },
  department: { 'zh-CN': '部门', 'en-US': 'Department' },
};

/** Fills `{name}` placeholders of a message in the given language. */
export function translate(key: MessageKey, lang: Lang, params: Record<string, string | number> = {}): string {
  return messages[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

/** zh-CN unless the client asks for English first. */
export function langOf(acceptLanguage: string | undefined): Lang {
  return acceptLanguage?.trim().toLowerCase().startsWith('en') ? 'en-US' : 'zh-CN';
}

import type { Lang } from '../messages.ts';

/** Logging in, passwords, second factors, accounts and personal data. */
export const authMessages = {
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
  personal_data_masked: {
    'zh-CN': '电话号码含有打码字符 *：请填写完整号码，或不修改原号码',
    'en-US':
      'The phone number contains the masking character *: enter the whole number or leave it unchanged',
  },
  personal_data_unreadable: {
    'zh-CN': '个人信息无法解密（{column} #{id}）：数据已被改动或密钥不符，已拒绝读取',
    'en-US': 'Personal data does not decrypt ({column} #{id}): it was altered or the key is wrong; refused',
  },
  audit_auditor_only: {
    'zh-CN': '审计日志仅审计员可查看（三员分立）',
    'en-US': 'Only the auditor may read the audit log (separation of duties)',
  },
  security_admin_only: {
    'zh-CN': '安全事件仅安全管理员可查看（三员分立）',
    'en-US': 'Only the security administrator may read security events (separation of duties)',
  },
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
} as const satisfies Record<string, Record<Lang, string>>;

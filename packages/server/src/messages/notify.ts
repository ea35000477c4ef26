import type { Lang } from '../messages.ts';

/** Group-robot (WeCom/DingTalk) wording of notifications; the web words the in-app ones itself. */
export const notifyMessages = {
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
} as const satisfies Record<string, Record<Lang, string>>;

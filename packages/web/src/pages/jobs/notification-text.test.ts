import { describe, expect, it } from 'vitest';
import { jobsEnUS } from '../../i18n/jobs.en-US.ts';
import { jobsZhCN } from '../../i18n/jobs.zh-CN.ts';
import type { Translate } from '../../i18n/index.tsx';
import { jobLabel, notificationText } from './notification-text.ts';

const translator =
  (dict: Record<string, string>): Translate =>
  (key, vars) => {
    let s = dict[key] ?? key;
    for (const [k, v] of Object.entries(vars ?? {})) s = s.replaceAll(`{${k}}`, String(v));
    return s;
  };
const zh = translator(jobsZhCN);
const en = translator(jobsEnUS);

describe('notification wording', () => {
  it('words a known kind from its params in the reader’s language', () => {
    const n = { kind: 'security_event', params: { event: 'account_locked', user: '孟庆华', ip: '10.0.0.8' } };
    expect(notificationText(zh, n)).toBe('安全事件：账号因连续登录失败被锁定（用户：孟庆华，IP：10.0.0.8）');
    expect(notificationText(en, n)).toBe(
      'Security event: Account locked after repeated failed logins (user: 孟庆华, IP: 10.0.0.8)',
    );
  });
  it('keeps an unknown event code, dashes a missing param, and gives an unknown kind a generic line', () => {
    expect(notificationText(zh, { kind: 'security_event', params: { event: 'new_thing', user: 'x' } })).toBe(
      '安全事件：new_thing（用户：x，IP：—）',
    );
    expect(notificationText(zh, { kind: 'dispatch.reminder', params: {} })).toBe(
      '系统通知（dispatch.reminder）',
    );
    expect(notificationText(en, { kind: 'constructor', params: {} })).toBe(
      'System notification (constructor)',
    );
  });
  it('names jobs through labels, unknown ones as they are', () => {
    expect(jobLabel(zh, 'purge-expired-uploads')).toBe('清理过期上传文件');
    expect(jobLabel(en, 'deliver-notifications')).toBe('Deliver in-app notifications');
    expect(jobLabel(zh, 'some-new-job')).toBe('some-new-job');
  });
});

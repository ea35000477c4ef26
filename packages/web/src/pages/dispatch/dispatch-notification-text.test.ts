import { describe, expect, it } from 'vitest';
import { dispatchEnUS } from '../../i18n/dispatch.en-US.ts';
import { dispatchZhCN } from '../../i18n/dispatch.zh-CN.ts';
import type { Translate } from '../../i18n/index.tsx';
import { jobLabel, notificationText } from '../jobs/notification-text.ts';

const translator =
  (dict: Record<string, string>): Translate =>
  (key, vars) => {
    let s = dict[key] ?? key;
    for (const [k, v] of Object.entries(vars ?? {})) s = s.replaceAll(`{${k}}`, String(v));
    return s;
  };
const zh = translator(dispatchZhCN);
const en = translator(dispatchEnUS);

describe('dispatch notifications', () => {
  it('words a returned report and the three reminders from their params', () => {
    const returned = {
      kind: 'dispatch_report_returned',
      params: { month: '2026-11', project: '乐陵市人民医院', reason: '缺少现场照片' },
    };
    expect(notificationText(zh, returned)).toBe('2026-11调度填报“乐陵市人民医院”被退回：缺少现场照片');
    expect(notificationText(en, returned)).toBe(
      'The 2026-11 report of “乐陵市人民医院” was returned: 缺少现场照片',
    );
    const params = { month: '2026-11', deadline: '2026-11-30', project: '乐陵市人民医院' };
    expect(notificationText(zh, { kind: 'dispatch_reminder_before', params })).toBe(
      '2026-11调度将于 2026-11-30 截止，“乐陵市人民医院”尚未提交填报',
    );
    expect(notificationText(zh, { kind: 'dispatch_reminder_due', params })).toBe(
      '今天（2026-11-30）是2026-11调度截止日，“乐陵市人民医院”尚未提交填报',
    );
    expect(notificationText(en, { kind: 'dispatch_reminder_late', params })).toBe(
      'The 2026-11 round closed on 2026-11-30; “乐陵市人民医院” has still not submitted its report: please report now',
    );
    expect(jobLabel(zh, 'dispatch-reminders')).toBe('调度填报提醒');
  });
});

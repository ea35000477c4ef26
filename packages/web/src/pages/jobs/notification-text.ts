import type { NotificationDto } from '@guatu/contracts';
import type { MessageKey, Translate } from '../../i18n/index.tsx';
import { dispatchZhCN } from '../../i18n/dispatch.zh-CN.ts';
import { jobsZhCN } from '../../i18n/jobs.zh-CN.ts';

const isKey = (k: string): k is MessageKey => Object.hasOwn(jobsZhCN, k) || Object.hasOwn(dispatchZhCN, k);

/**
 * A notification in the reader's language: `notify.kind.<kind>` filled with its params (a security
 * event's code worded through `notify.event.<code>`); an unknown kind gets a generic line.
 */
export function notificationText(t: Translate, n: Pick<NotificationDto, 'kind' | 'params'>): string {
  const key = `notify.kind.${n.kind}`;
  if (!isKey(key)) return t('notify.generic', { kind: n.kind });
  const params: Record<string, string | number> = { ...n.params };
  if (typeof params.event === 'string') {
    const eventKey = `notify.event.${params.event}`;
    if (isKey(eventKey)) params.event = t(eventKey);
  }
  return t(key, params).replace(/\{\w+\}/g, '—');
}

/** A job's name as people say it (清理过期上传文件); an unknown name as is. */
export function jobLabel(t: Translate, name: string): string {
  const key = `jobs.label.${name}`;
  return isKey(key) ? t(key) : name;
}

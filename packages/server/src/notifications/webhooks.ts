/**
 * Group robots: a WeCom (企业微信) or DingTalk (钉钉) group robot receives every notification once,
 * when the deployment configures one (GUATU_WECOM_WEBHOOK; GUATU_DINGTALK_WEBHOOK with
 * GUATU_DINGTALK_SECRET). The text is worded on the server from the message catalogue
 * (messages.ts `notify_<kind>`), in Chinese: the group is the county's office.
 */
import { createHmac } from 'node:crypto';
import type { Config } from '../config.ts';
import { isMessageKey, translate, type Lang } from '../messages.ts';

export type WebhookChannel = 'wecom' | 'dingtalk';
export type WebhookTarget = { channel: WebhookChannel; url: string; secret: string | null };

const TIMEOUT_MS = 10_000;

/** The configured robots, in a fixed order. */
export function webhookTargets(config: Pick<Config, 'webhooks'>): WebhookTarget[] {
  const out: WebhookTarget[] = [];
  const w = config.webhooks;
  if (w?.wecom) out.push({ channel: 'wecom', url: w.wecom, secret: null });
  if (w?.dingtalk) out.push({ channel: 'dingtalk', url: w.dingtalk, secret: w.dingtalkSecret });
  return out;
}

/**
 * DingTalk's signed URL ("加签"): timestamp (ms) and sign = Base64(HMAC-SHA256(secret,
 * `${timestamp}\n${secret}`)), URL-encoded, added to the robot's URL.
 */
export function dingtalkSignedUrl(url: string, secret: string, timestamp: number): string {
  const sign = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
  const u = new URL(url);
  u.searchParams.set('timestamp', String(timestamp));
  u.searchParams.set('sign', sign);
  return u.toString();
}

/** A notification as one line for a group: `notify_<kind>` filled with its params, else generic. */
export function webhookText(
  n: { kind: string; params: Record<string, string | number> },
  lang: Lang = 'zh-CN',
): string {
  const key = `notify_${n.kind}`;
  const params = { ...n.params };
  if (typeof params.event === 'string') {
    const eventKey = `notify_event_${params.event}`;
    if (isMessageKey(eventKey)) params.event = translate(eventKey, lang);
  }
  const body = isMessageKey(key)
    ? translate(key, lang, params)
    : translate('notify_generic', lang, { kind: n.kind });
  return `【挂图作战】${body}`;
}

/**
 * Posts a text message to one robot; resolves when the robot answers errcode 0, throws otherwise
 * (HTTP error, errcode ≠ 0, timeout). `now` signs DingTalk's URL (real time: DingTalk refuses a
 * timestamp an hour off).
 */
export async function sendWebhook(
  target: WebhookTarget,
  text: string,
  now: number = Date.now(),
): Promise<void> {
  const url =
    target.channel === 'dingtalk' && target.secret
      ? dingtalkSignedUrl(target.url, target.secret, now)
      : target.url;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ msgtype: 'text', text: { content: text } }),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const body = await res.text();
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${body.slice(0, 200)}`);
  let answer: { errcode?: number; errmsg?: string };
  try {
    answer = JSON.parse(body) as typeof answer;
  } catch {
    throw new Error(`not JSON: ${body.slice(0, 200)}`);
  }
  if (answer.errcode !== 0) throw new Error(`errcode ${answer.errcode}: ${answer.errmsg ?? ''}`);
}

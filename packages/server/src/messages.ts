export type Lang = 'zh-CN' | 'en-US';
import { authMessages } from './messages/auth.ts';
import { uploadMessages } from './messages/uploads.ts';
import { importMessages } from './messages/import.ts';
import { catalogueMessages } from './messages/catalogue.ts';
import { projectFieldCatalogue } from '@guatu/domain';
import { notifyMessages } from './messages/notify.ts';
import { scheduleMessages } from './messages/schedule.ts';
import { warChartMessages } from './messages/war-chart.ts';
import { backupMessages } from './messages/backup.ts';
import { auditMessages } from './messages/audit.ts';
import { setupMessages } from './messages/setup.ts';
import { exportsMessages } from './messages/exports.ts';
import { firstImportMessages } from './messages/first-import.ts';
import { peopleMessages } from './messages/people.ts';
import { dispatchMessages } from './messages/dispatch.ts';
import { dispatchStagesMessages } from './messages/dispatch-stages.ts';
import { dispatchPhotosMessages } from './messages/dispatch-photos.ts';
import { demoMessages } from './messages/demo.ts';
import { dispatchImportMessages } from './messages/dispatch-import.ts';

/** Every user-facing server message, in both languages. */
const messages = {
  bad_request: { 'zh-CN': '请求内容有误：{detail}', 'en-US': 'Invalid request: {detail}' },
  validation: {
    'zh-CN': '填写有误，请检查标出的字段',
    'en-US': 'Some fields are invalid; please check them',
  },
  forbidden: { 'zh-CN': '无权限执行此操作', 'en-US': 'You are not allowed to do this' },
  forbidden_fields: {
    'zh-CN': '无权限修改以下字段：{fields}',
    'en-US': 'You are not allowed to change these fields: {fields}',
  },
  not_found: { 'zh-CN': '{entity}不存在或无权查看', 'en-US': '{entity} not found or not visible to you' },
  version_conflict: {
    'zh-CN': '该记录已被 {by} 于 {at} 修改，请刷新后在最新内容上重新编辑',
    'en-US': 'This record was changed by {by} at {at}; reload and edit the latest version',
  },
  version_conflict_unrecorded: {
    'zh-CN': '该记录在您打开之后已被修改，请刷新后在最新内容上重新编辑',
    'en-US': 'This record was changed after you opened it; reload and edit the latest version',
  },
  duplicate: { 'zh-CN': '{field}“{value}”已存在', 'en-US': '{field} "{value}" already exists' },
  out_of_scope_region: {
    'zh-CN': '所选区划不在您的管辖范围内',
    'en-US': 'The chosen region is outside your scope',
  },
  invalid_reference: { 'zh-CN': '{field}无效：{value}', 'en-US': 'Invalid {field}: {value}' },
  region_level: {
    'zh-CN': '区划层级不正确：{parent}下只能建{child}',
    'en-US': 'Wrong region level: below a {parent} only a {child} may be added',
  },
  rate_limited: { 'zh-CN': '操作过于频繁，请稍后再试', 'en-US': 'Too many requests; try again later' },
  conflict: {
    'zh-CN': '该记录已存在或正被同时修改，请刷新后重试',
    'en-US': 'This record already exists or is being changed at the same time; reload and try again',
  },
  internal: {
    'zh-CN': '服务器内部错误，请联系管理员',
    'en-US': 'Internal server error; contact the administrator',
  },

  ...authMessages,
  ...uploadMessages,
  ...importMessages,
  ...catalogueMessages,
  ...notifyMessages,
  ...scheduleMessages,
  ...warChartMessages,
  ...backupMessages,
  ...auditMessages,
  ...setupMessages,
  ...exportsMessages,
  ...firstImportMessages,
  ...peopleMessages,
  ...dispatchMessages,
  ...dispatchStagesMessages,
  ...dispatchPhotosMessages,
  ...demoMessages,
  ...dispatchImportMessages,
} as const satisfies Record<string, Record<Lang, string>>;

export type MessageKey = keyof typeof messages;

export const entityNames: Record<string, Record<Lang, string>> = {
  project: { 'zh-CN': '项目', 'en-US': 'Project' },
  user: { 'zh-CN': '用户', 'en-US': 'User' },
  region: { 'zh-CN': '区划', 'en-US': 'Region' },
  department: { 'zh-CN': '部门', 'en-US': 'Department' },
  template: { 'zh-CN': '导入模板', 'en-US': 'Import template' },
  stage: { 'zh-CN': '工序', 'en-US': 'Stage' },
  stageTemplate: { 'zh-CN': '工序模板', 'en-US': 'Stage template' },
  baseline: { 'zh-CN': '基线', 'en-US': 'Baseline' },
  calendarEntry: { 'zh-CN': '日历条目', 'en-US': 'Calendar entry' },
  dispatchRound: { 'zh-CN': '调度轮次', 'en-US': 'Dispatch round' },
  dispatchReport: { 'zh-CN': '调度填报', 'en-US': 'Dispatch report' },
  dispatchPhoto: { 'zh-CN': '调度照片', 'en-US': 'Dispatch photo' },
  warningRules: { 'zh-CN': '本级预警规则', 'en-US': 'Own warning rules' },
  job: { 'zh-CN': '后台任务', 'en-US': 'Background job' },
  notification: { 'zh-CN': '通知', 'en-US': 'Notification' },
  attachment: { 'zh-CN': '附件', 'en-US': 'Attachment' },
  person: { 'zh-CN': '人员', 'en-US': 'Person' },
};

/** Who made a change no user made (a version conflict's `byKind: 'system'`). */
export const systemName: Record<Lang, string> = { 'zh-CN': '系统', 'en-US': 'the system' };

/** Names of the fields a `duplicate` error quotes. */
export const fieldNames: Record<string, Record<Lang, string>> = {
  // The project's fields (code, name, …) as the project field catalogue labels them.
  ...Object.fromEntries(projectFieldCatalogue.map((f) => [f.key, f.label])),
  username: { 'zh-CN': '用户名', 'en-US': 'Username' },
  department: { 'zh-CN': '部门', 'en-US': 'Department' },
  template: { 'zh-CN': '导入模板', 'en-US': 'Import template' },
  baseline: { 'zh-CN': '基线名称', 'en-US': 'Baseline name' },
  calendarYear: { 'zh-CN': '日历年份', 'en-US': 'Calendar year' },
  dispatchMonth: { 'zh-CN': '调度月份', 'en-US': 'Dispatch month' },
  person: { 'zh-CN': '人员', 'en-US': 'Person' },
};

/** Whether a string names a message (e.g. a notification kind's wording). */
export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(messages, key);

/** Fills `{name}` placeholders of a message in the given language. */
export function translate(key: MessageKey, lang: Lang, params: Record<string, string | number> = {}): string {
  return messages[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

/** zh-CN unless the client asks for English first. */
export function langOf(acceptLanguage: string | undefined): Lang {
  return acceptLanguage?.trim().toLowerCase().startsWith('en') ? 'en-US' : 'zh-CN';
}

/**
 * Field details of an error (`[{ path, message, reason?, params? }]`): a detail with a `reason`
 * naming a message is worded in the caller's language; others pass as they are.
 */
export function wordDetails(details: unknown, lang: Lang): unknown {
  if (!Array.isArray(details)) return details;
  return details.map((d: unknown) => {
    if (typeof d !== 'object' || d === null) return d;
    const { reason, params, ...rest } = d as { reason?: unknown; params?: Record<string, string | number> };
    if (typeof reason !== 'string' || !isMessageKey(reason)) return d;
    // The params stay: a client words the detail itself from its reason and params (the phone report in 万元).
    return { ...rest, reason, ...(params ? { params } : {}), message: translate(reason, lang, params ?? {}) };
  });
}

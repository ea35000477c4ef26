import type { Lang } from '../messages.ts';

/** What `npm run guatu -- audit-verify` prints (services/audit.service.ts verifyReport). */
export const auditMessages = {
  audit_verify_ok: { 'zh-CN': '审计链完整：{total} 条', 'en-US': 'The audit chain is intact: {total} rows' },
  audit_verify_ok_archived: {
    'zh-CN': '审计链完整：{total} 条（其中已归档 {archived} 条，在线 {live} 条）',
    'en-US': 'The audit chain is intact: {total} rows ({archived} archived, {live} online)',
  },
  audit_verify_broken: {
    'zh-CN': '审计链断裂：第一处在 {where}：{reason}',
    'en-US': 'The audit chain is broken; first at {where}: {reason}',
  },
  audit_verify_at_archive: {
    'zh-CN': '归档 {archive}（序号 {seq}）',
    'en-US': 'archive {archive} (seq {seq})',
  },
  audit_verify_at_row: { 'zh-CN': 'id {id}（序号 {seq}）', 'en-US': 'id {id} (seq {seq})' },
  audit_verify_content_changed: {
    'zh-CN': '内容被修改（哈希与内容不符）',
    'en-US': 'content changed (the hash does not match the content)',
  },
  audit_verify_link_broken: {
    'zh-CN': '与前一条的链接断开（prev_hash 不符）',
    'en-US': 'link to the previous row broken (prev_hash does not match)',
  },
  audit_verify_row_missing: {
    'zh-CN': '前面缺少记录，应为序号 {expected}',
    'en-US': 'rows missing before it; expected seq {expected}',
  },
  audit_verify_archive_changed: {
    'zh-CN': '归档文件缺失或被修改',
    'en-US': 'the archive file is missing or changed',
  },
} as const satisfies Record<string, Record<Lang, string>>;

import type { Lang } from '../messages.ts';

/** Backup and restore. */
export const backupMessages = {
  backup_not_database: {
    'zh-CN': '{file} 不是 Guatu 备份：不是 {engine} 数据库备份文件，数据库未改动',
    'en-US': '{file} is not a Guatu backup: not a {engine} database backup; the database is untouched',
  },
  backup_not_guatu: {
    'zh-CN': '{file} 不是 Guatu 备份：其中没有 Guatu 的数据表或迁移记录，数据库未改动',
    'en-US': '{file} is not a Guatu backup: it has no Guatu tables or migrations; the database is untouched',
  },
  backup_newer: {
    'zh-CN': '{file} 来自更新版本的 Guatu（含本版本未知的迁移 {migration}），请先升级，数据库未改动',
    'en-US':
      '{file} comes from a newer Guatu (unknown migration {migration}); upgrade first; the database is untouched',
  },
  backup_wrong_engine: {
    'zh-CN': '{file} 是 {found} 备份，当前数据库是 {engine}，数据库未改动',
    'en-US': '{file} is a {found} backup but the database is {engine}; the database is untouched',
  },
  backup_tool_missing: {
    'zh-CN': '找不到 {tool}：请安装 PostgreSQL 客户端（apt-get install postgresql-client）或设置 PG_BINDIR',
    'en-US':
      '{tool} not found: install the PostgreSQL client (apt-get install postgresql-client) or set PG_BINDIR',
  },
  backup_failed: { 'zh-CN': '{tool} 执行失败：{detail}', 'en-US': '{tool} failed: {detail}' },
  backup_in_use: {
    'zh-CN': '数据库 {file} 正被其他进程使用：请先停止 Guatu 服务再恢复，数据库未改动',
    'en-US':
      'The database {file} is in use by another process: stop the Guatu server before restoring; the database is untouched',
  },
} as const satisfies Record<string, Record<Lang, string>>;

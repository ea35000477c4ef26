/** zh-CN keys of one feature: 审计日志页面. Spread into ./zh-CN.ts; ./audit-log.en-US.ts has exactly these keys. */
export const auditLogZhCN = {
  'audit.title': '审计日志',
  'audit.at': '时间',
  'audit.actor': '操作人',
  'audit.action': '操作',
  'audit.entity': '对象类型',
  'audit.entityId': '对象编号',
  'audit.object': '对象',
  'audit.ip': 'IP',
  'audit.range': '时间范围',
  'audit.field': '字段',
  'audit.before': '修改前',
  'audit.after': '修改后',
  'audit.noChanges': '无字段变化',
  'audit.actorPlaceholder': '操作人编号',
} as const;

import type { auditLogZhCN } from './audit-log.zh-CN.ts';

export const auditLogEnUS: Record<keyof typeof auditLogZhCN, string> = {
  'audit.title': 'Audit log',
  'audit.at': 'Time',
  'audit.actor': 'Actor',
  'audit.action': 'Action',
  'audit.entity': 'Entity',
  'audit.entityId': 'Entity id',
  'audit.object': 'Object',
  'audit.ip': 'IP',
  'audit.range': 'Period',
  'audit.field': 'Field',
  'audit.before': 'Before',
  'audit.after': 'After',
  'audit.noChanges': 'No field changed',
  'audit.actorPlaceholder': 'Actor id',
};

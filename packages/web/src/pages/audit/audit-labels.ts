import {
  auditActionNames,
  auditActions,
  auditEntities,
  auditEntityNames,
  isAuditAction,
  isAuditEntity,
  type AuditEntry,
} from '@guatu/contracts';
import { stageTemplates } from '@guatu/domain/schedule/stage-templates';
import { projectFieldLabel } from '@guatu/domain/project-fields';
import type { Language } from '../../i18n/index.tsx';

// Entity and action names come from the audit catalogue of the contracts, which the server's
// recordAudit is typed with; a name outside it (a row older than the catalogue) shows as written.
export const actionLabel = (action: string, l: Language) =>
  isAuditAction(action) ? auditActions[action][l] : action;
export const entityLabel = (entity: string, l: Language) =>
  isAuditEntity(entity) ? auditEntities[entity][l] : entity;
/** The label of a project field in an audit row's before/after (from the project field catalogue). */
export const projectFieldAuditLabel = (entity: string, field: string, l: Language): string | undefined =>
  entity === 'project' || entity === 'import' ? projectFieldLabel(field, l) : undefined;
/** Every entity and action of the catalogue, for the filters. */
export const entityOptions = (l: Language) =>
  auditEntityNames.map((value) => ({ value, label: auditEntities[value][l] }));
export const actionOptions = (l: Language) =>
  auditActionNames.map((value) => ({ value, label: auditActions[value][l] }));

/** Stage key → name over the built-in templates (the domain's stage catalogue). */
const stageNames = new Map<string, string>(
  Object.values(stageTemplates).flatMap((tpl) => tpl.stages.map((s) => [s.key, s.name] as [string, string])),
);
export const stageName = (key: string) => stageNames.get(key) ?? key;

function nameIn(e: Pick<AuditEntry, 'before' | 'after'>): string {
  for (const v of [e.after, e.before]) {
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const name = o.name ?? o.displayName ?? o.username;
      if (typeof name === 'string') return name;
    }
  }
  return '';
}

function stageKeyIn(e: Pick<AuditEntry, 'before' | 'after'>): string | null {
  for (const v of [e.after, e.before]) {
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const key = o.stage ?? o.stageKey;
      if (typeof key === 'string') return key;
    }
  }
  return null;
}

/**
 * What a row is about, as an auditor reads it: a project stage as `#21 主体施工` (the row's id is
 * `project:stage`), a stage template by its name, a route as its path, else `#id name`.
 */
export function objectLabel(e: Pick<AuditEntry, 'entity' | 'entityId' | 'before' | 'after'>): string {
  const id = e.entityId ?? '';
  if (e.entity === 'route') return id;
  if (e.entity === 'project_stage') {
    const [projectId, key] = id.includes(':')
      ? [id.slice(0, id.indexOf(':')), id.slice(id.indexOf(':') + 1)]
      : [id, null];
    const stage = key ?? stageKeyIn(e);
    return [projectId ? `#${projectId}` : '', stage ? stageName(stage) : ''].filter(Boolean).join(' ');
  }
  if (e.entity === 'stage_template' && Object.hasOwn(stageTemplates, id))
    return stageTemplates[id as keyof typeof stageTemplates].name;
  const name = nameIn(e);
  return [id ? `#${id}` : '', name].filter(Boolean).join(' ');
}

import { Table, Typography } from 'antd';
import { useI18n, type Language, type MessageKey, type Translate } from '../../i18n/index.tsx';
import { projectFieldAuditLabel } from './audit-labels.ts';

export type Change = { field: string; before: unknown; after: unknown };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The keys whose values differ between before and after; a create or delete lists every key. */
export function diff(before: unknown, after: unknown): Change[] {
  if (!isRecord(before) && !isRecord(after)) {
    return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ field: '', before, after }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys
    .filter((k) => JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null))
    .map((k) => ({ field: k, before: b[k], after: a[k] }));
}

/** Shows a value as inert text: strings as they are, everything else as JSON. */
export function show(v: unknown): string {
  if (v === undefined || v === null || v === '') return '—';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** A glossary label for a known field name (project.ownerUnit → 建设单位), else the key itself. */
export function fieldLabel(t: Translate, entity: string, field: string, language?: Language): string {
  const catalogued = language ? projectFieldAuditLabel(entity, field, language) : undefined;
  if (catalogued) return `${catalogued} (${field})`;
  const candidates = [`${entity}.${field}`, `project.${field}`, `user.${field}`];
  for (const key of candidates) {
    const label = t(key as MessageKey);
    if (label !== key) return `${label} (${field})`;
  }
  return field;
}

export function AuditDiff({ entity, before, after }: { entity: string; before: unknown; after: unknown }) {
  const { t, language } = useI18n();
  const changes = diff(before, after);
  if (changes.length === 0) return <Typography.Text type="secondary">{t('audit.noChanges')}</Typography.Text>;
  return (
    <Table<Change>
      rowKey="field"
      size="small"
      pagination={false}
      dataSource={changes}
      columns={[
        {
          key: 'field',
          title: t('audit.field'),
          dataIndex: 'field',
          width: 200,
          render: (f: string) => fieldLabel(t, entity, f, language),
        },
        {
          key: 'before',
          title: t('audit.before'),
          dataIndex: 'before',
          render: (v: unknown) => (
            <Typography.Text
              delete={v !== undefined && v !== null}
              type="secondary"
              style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
            >
              {show(v)}
            </Typography.Text>
          ),
        },
        {
          key: 'after',
          title: t('audit.after'),
          dataIndex: 'after',
          render: (v: unknown) => (
            <Typography.Text style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
              {show(v)}
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}

import { useState } from 'react';
import { Alert, Card, DatePicker, Flex, InputNumber, Select, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { AuditEntry } from '@guatu/contracts';
import { errorMessage } from '../../api/client.ts';
import { useAudit } from '../../api/queries.ts';
import { showInstant } from '../../format.ts';
import { useI18n } from '../../i18n/index.tsx';
import { AuditDiff } from './audit-diff.tsx';
import { actionLabel, actionOptions, entityLabel, entityOptions } from './audit-labels.ts';

type Filters = {
  entity?: string;
  action?: string;
  actorId?: number | null;
  range?: [Dayjs | null, Dayjs | null] | null;
};

function objectName(e: AuditEntry): string {
  for (const v of [e.after, e.before]) {
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const name = o.name ?? o.displayName ?? o.username;
      if (typeof name === 'string') return name;
    }
  }
  return '';
}

/** The audit log, for the auditor only (等保 separation of duties). */
export function AuditPage() {
  const { t, language } = useI18n();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const audit = useAudit({
    entity: filters.entity,
    action: filters.action,
    actorId: filters.actorId ?? undefined,
    from: filters.range?.[0]?.format('YYYY-MM-DD'),
    to: filters.range?.[1]?.format('YYYY-MM-DD'),
    ...page,
  });
  const set = (f: Partial<Filters>) => {
    setFilters((prev) => ({ ...prev, ...f }));
    setPage((p) => ({ ...p, page: 1 }));
  };

  const columns = [
    { key: 'at', title: t('audit.at'), dataIndex: 'at', width: 150, render: (v: string) => showInstant(v) },
    {
      key: 'actor',
      title: t('audit.actor'),
      dataIndex: 'actorName',
      width: 110,
      render: (v: string | null) => v ?? '—',
    },
    {
      key: 'action',
      title: t('audit.action'),
      dataIndex: 'action',
      width: 110,
      render: (v: string) => actionLabel(v, language),
    },
    {
      key: 'entity',
      title: t('audit.entity'),
      dataIndex: 'entity',
      width: 90,
      render: (v: string) => entityLabel(v, language),
    },
    {
      key: 'object',
      title: t('audit.object'),
      render: (_: unknown, e: AuditEntry) => `${e.entityId ? `#${e.entityId} ` : ''}${objectName(e)}`,
    },
    { key: 'ip', title: t('audit.ip'), dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
  ];

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('audit.title')}
      </Typography.Title>
      <Card size="small">
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Select
            aria-label={t('audit.entity')}
            placeholder={t('audit.entity')}
            allowClear
            style={{ width: 140 }}
            options={entityOptions(language)}
            value={filters.entity}
            onChange={(v: string | undefined) => set({ entity: v })}
          />
          <Select
            aria-label={t('audit.action')}
            placeholder={t('audit.action')}
            allowClear
            style={{ width: 140 }}
            options={actionOptions(language)}
            value={filters.action}
            onChange={(v: string | undefined) => set({ action: v })}
          />
          <InputNumber<number>
            aria-label={t('audit.actor')}
            placeholder={t('audit.actorPlaceholder')}
            min={1}
            style={{ width: 140 }}
            value={filters.actorId ?? null}
            onChange={(v) => set({ actorId: v })}
          />
          <DatePicker.RangePicker
            aria-label={t('audit.range')}
            value={filters.range ?? null}
            onChange={(v) => set({ range: v })}
          />
        </Flex>
        {audit.error && (
          <Alert type="error" showIcon title={errorMessage(audit.error)} style={{ marginBottom: 12 }} />
        )}
        <Table<AuditEntry>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={audit.data?.items}
          loading={audit.isFetching}
          scroll={{ x: 800 }}
          expandable={{
            expandedRowRender: (e) => <AuditDiff entity={e.entity} before={e.before} after={e.after} />,
            rowExpandable: (e) => e.before !== null || e.after !== null,
          }}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: audit.data?.total ?? 0,
            showTotal: (n) => t('common.total', { n }),
            onChange: (p, s) => setPage({ page: p, pageSize: s }),
          }}
        />
      </Card>
    </Flex>
  );
}

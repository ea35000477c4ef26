import { useState } from 'react';
import { FileExcelOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Flex,
  Input,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import type { AuditEntry, AuditOutcome, AuditVerifyResult } from '@guatu/contracts';
import { useAuditActors, useVerifyAudit } from '../../api/audit-queries.ts';
import { errorMessage, toSearch, type Query } from '../../api/client.ts';
import { useAudit } from '../../api/queries.ts';
import { showInstant } from '../../format.ts';
import { useI18n, type MessageKey, type Translate } from '../../i18n/index.tsx';
import { AuditDiff } from './audit-diff.tsx';
import { actionLabel, actionOptions, entityLabel, entityOptions, objectLabel } from './audit-labels.ts';
import { AuditStatsPanel } from './audit-stats.tsx';

type Filters = {
  entity?: string;
  action?: string;
  /** `id:12` or `name:系统` (an actor without an account id). */
  actor?: string;
  outcome?: AuditOutcome;
  ip?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
};

const outcomeColour: Record<AuditOutcome, string> = { success: 'green', failure: 'orange', denied: 'red' };

/** The filters as query parameters of the list, the export and the statistics. */
function toQuery(f: Filters): Query {
  const actor = f.actor ?? '';
  return {
    entity: f.entity,
    action: f.action,
    actorId: actor.startsWith('id:') ? Number(actor.slice(3)) : undefined,
    actorName: actor.startsWith('name:') ? actor.slice(5) : undefined,
    outcome: f.outcome,
    ip: f.ip?.trim() || undefined,
    from: f.range?.[0]?.format('YYYY-MM-DD'),
    to: f.range?.[1]?.format('YYYY-MM-DD'),
  };
}

export function verifyMessage(t: Translate, r: AuditVerifyResult): string {
  if (r.ok) return t('audit.verify.ok', { n: r.count + r.archived, archived: r.archived });
  const b = r.broken!;
  const reason = t(`audit.reason.${b.reason}` as MessageKey, { expected: b.expectedSeq ?? '' });
  return b.archive
    ? t('audit.verify.brokenArchive', { archive: b.archive, seq: b.seq ?? '', reason })
    : t('audit.verify.broken', { id: b.id ?? '', seq: b.seq ?? '', reason });
}

/** The audit log, for the auditor only (等保 separation of duties): filters, statistics, export, chain check. */
export function AuditPage() {
  const { t, language } = useI18n();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [tab, setTab] = useState('log');
  const query = toQuery(filters);
  const audit = useAudit({ ...query, ...page });
  const actors = useAuditActors();
  const verify = useVerifyAudit();
  const set = (f: Partial<Filters>) => {
    setFilters((prev) => ({ ...prev, ...f }));
    setPage((p) => ({ ...p, page: 1 }));
  };

  const columns = [
    { key: 'seq', title: t('audit.seq'), dataIndex: 'seq', width: 80 },
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
      width: 120,
      render: (v: string) => actionLabel(v, language),
    },
    {
      key: 'outcome',
      title: t('audit.outcome'),
      dataIndex: 'outcome',
      width: 80,
      render: (v: AuditOutcome) => <Tag color={outcomeColour[v]}>{t(`audit.outcome.${v}`)}</Tag>,
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
      render: (_: unknown, e: AuditEntry) => objectLabel(e),
    },
    { key: 'ip', title: t('audit.ip'), dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
    {
      key: 'requestId',
      title: t('audit.requestId'),
      dataIndex: 'requestId',
      width: 100,
      render: (v: string | null) => v ?? '—',
    },
  ];

  const actorOptions = (actors.data?.items ?? []).map((a) => ({
    value: a.id === null ? `name:${a.name}` : `id:${a.id}`,
    label: a.id === null ? `${a.name}（${t('audit.system')}）` : a.name,
  }));

  return (
    <Flex vertical gap={16}>
      <Flex align="center" gap={8} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('audit.title')}
        </Typography.Title>
        <div style={{ flex: 1 }} />
        <Space wrap>
          <Button icon={<FileExcelOutlined />} href={`/api/audit/export.xlsx${toSearch(query)}`} download>
            {t('audit.export')}
          </Button>
          <Button
            icon={<SafetyCertificateOutlined />}
            loading={verify.isPending}
            onClick={() => verify.mutate()}
          >
            {t('audit.verify')}
          </Button>
        </Space>
      </Flex>
      {verify.data && (
        <Alert
          type={verify.data.ok ? 'success' : 'error'}
          showIcon
          closable
          title={verifyMessage(t, verify.data)}
          onClose={() => verify.reset()}
        />
      )}
      {verify.error && <Alert type="error" showIcon title={errorMessage(verify.error, t)} />}
      <Card size="small">
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Select
            aria-label={t('audit.entity')}
            placeholder={t('audit.entity')}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 150 }}
            options={entityOptions(language)}
            value={filters.entity}
            onChange={(v: string | undefined) => set({ entity: v })}
          />
          <Select
            aria-label={t('audit.action')}
            placeholder={t('audit.action')}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 160 }}
            options={actionOptions(language)}
            value={filters.action}
            onChange={(v: string | undefined) => set({ action: v })}
          />
          <Select
            aria-label={t('audit.actor')}
            placeholder={t('audit.actorPick')}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 160 }}
            loading={actors.isLoading}
            options={actorOptions}
            value={filters.actor}
            onChange={(v: string | undefined) => set({ actor: v })}
          />
          <Select
            aria-label={t('audit.outcome')}
            placeholder={t('audit.outcome')}
            allowClear
            style={{ width: 110 }}
            options={(['success', 'failure', 'denied'] as const).map((o) => ({
              value: o,
              label: t(`audit.outcome.${o}`),
            }))}
            value={filters.outcome}
            onChange={(v: AuditOutcome | undefined) => set({ outcome: v })}
          />
          <Input.Search
            aria-label={t('audit.ipFilter')}
            placeholder={t('audit.ipFilter')}
            allowClear
            style={{ width: 170 }}
            onSearch={(v) => set({ ip: v })}
          />
          <DatePicker.RangePicker
            aria-label={t('audit.range')}
            value={filters.range ?? null}
            onChange={(v) => set({ range: v })}
          />
        </Flex>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'log',
              label: t('audit.tab.log'),
              children: (
                <>
                  {audit.error && (
                    <Alert
                      type="error"
                      showIcon
                      title={errorMessage(audit.error, t)}
                      style={{ marginBottom: 12 }}
                    />
                  )}
                  <Table<AuditEntry>
                    rowKey="id"
                    size="middle"
                    columns={columns}
                    dataSource={audit.data?.items}
                    loading={audit.isFetching}
                    scroll={{ x: 1000 }}
                    expandable={{
                      expandedRowRender: (e) => (
                        <AuditDiff entity={e.entity} before={e.before} after={e.after} />
                      ),
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
                </>
              ),
            },
            {
              key: 'stats',
              label: t('audit.tab.stats'),
              children: (
                <AuditStatsPanel
                  from={query.from as string}
                  to={query.to as string}
                  enabled={tab === 'stats'}
                />
              ),
            },
          ]}
        />
      </Card>
    </Flex>
  );
}

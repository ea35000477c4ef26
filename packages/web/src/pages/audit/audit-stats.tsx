import { Alert, Col, Row, Table, Typography } from 'antd';
import type { AuditOutcome } from '@guatu/contracts';
import { useAuditStats } from '../../api/audit-queries.ts';
import { errorMessage } from '../../api/client.ts';
import { useI18n } from '../../i18n/index.tsx';
import { actionLabel } from './audit-labels.ts';

type Count = { key: string; label: string; count: number };

function CountTable({ title, rows, loading }: { title: string; rows: Count[]; loading: boolean }) {
  const { t } = useI18n();
  return (
    <Table<Count>
      size="small"
      rowKey="key"
      loading={loading}
      title={() => <Typography.Text strong>{title}</Typography.Text>}
      dataSource={rows}
      pagination={rows.length > 15 ? { pageSize: 15, size: 'small' } : false}
      columns={[
        { key: 'label', title, dataIndex: 'label' },
        { key: 'count', title: t('audit.stats.count'), dataIndex: 'count', width: 90, align: 'right' },
      ]}
    />
  );
}

/** 统计: counts by action, user, outcome and day over the chosen date range. */
export function AuditStatsPanel({ from, to, enabled }: { from?: string; to?: string; enabled: boolean }) {
  const { t, language } = useI18n();
  const stats = useAuditStats({ from, to }, enabled);
  const s = stats.data;
  const loading = stats.isFetching;
  if (stats.error) return <Alert type="error" showIcon title={errorMessage(stats.error, t)} />;
  return (
    <>
      <Typography.Paragraph>{t('audit.stats.total', { n: s?.total ?? 0 })}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <CountTable
            title={t('audit.stats.byAction')}
            loading={loading}
            rows={(s?.byAction ?? []).map((r) => ({
              key: r.action,
              label: actionLabel(r.action, language),
              count: r.count,
            }))}
          />
        </Col>
        <Col xs={24} lg={12}>
          <CountTable
            title={t('audit.stats.byActor')}
            loading={loading}
            rows={(s?.byActor ?? []).map((r) => ({
              key: `${r.actorId ?? ''}:${r.actorName ?? ''}`,
              label: r.actorName ?? '—',
              count: r.count,
            }))}
          />
        </Col>
        <Col xs={24} lg={12}>
          <CountTable
            title={t('audit.stats.byOutcome')}
            loading={loading}
            rows={(s?.byOutcome ?? []).map((r) => ({
              key: r.outcome,
              label: t(`audit.outcome.${r.outcome as AuditOutcome}`),
              count: r.count,
            }))}
          />
        </Col>
        <Col xs={24} lg={12}>
          <CountTable
            title={t('audit.stats.byDay')}
            loading={loading}
            rows={(s?.byDay ?? []).map((r) => ({ key: r.day, label: r.day, count: r.count }))}
          />
        </Col>
      </Row>
    </>
  );
}

import { Card, Empty, Flex, Pagination, Spin, Tag, Typography } from 'antd';
import type { LedgerPage } from '@guatu/contracts';
import { shanghaiToday } from '@guatu/domain/dates';
import { isOverdueToStart } from '@guatu/domain/overdue-start';
import { formatWan, showDate } from '../../format.ts';
import { useT } from '../../i18n/index.tsx';
import type { LedgerParams } from './use-ledger-params.ts';

type Props = {
  data: LedgerPage | undefined;
  loading: boolean;
  params: LedgerParams;
  onOpen: (id: number) => void;
  onChange: (changes: Record<string, string | number | null>) => void;
};

/** The ledger on a phone: one card per project, the table's figures in two lines. */
export function LedgerCards({ data, loading, params, onOpen, onChange }: Props) {
  const t = useT();
  const today = shanghaiToday(new Date());
  if (!data) return <Spin style={{ display: 'block', margin: 32 }} />;
  if (data.items.length === 0) return <Empty description={t('ledger.empty')} />;
  return (
    <Spin spinning={loading}>
      <Flex vertical gap={8}>
        {data.items.map((row) => (
          <Card key={row.id} size="small" hoverable onClick={() => onOpen(row.id)}>
            <Typography.Text strong>{row.name}</Typography.Text>
            <Flex wrap gap={4} style={{ margin: '6px 0' }}>
              <Tag color="blue">{t(`level.${row.level}`)}</Tag>
              <Tag>{t(`category.${row.category}`)}</Tag>
              {row.started ? (
                <Tag color="green">{t('ledger.started.yes')}</Tag>
              ) : isOverdueToStart(row, today) ? (
                <Tag color="red">{t('newcomer.ledger.overdueStart')}</Tag>
              ) : (
                <Tag>{t('ledger.started.no')}</Tag>
              )}
              {row.archived && <Tag>{t('ledger.archived')}</Tag>}
            </Flex>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {row.regionName} · {t('project.totalInvestmentWan')} {formatWan(row.totalInvestment)} ·{' '}
                {t('project.annualPlanWan')} {formatWan(row.annualPlan)}
              </Typography.Text>
              <br />
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {t('project.plannedStart')} {showDate(row.plannedStart)} · {t('project.leader')}{' '}
                {row.leaderName ?? '—'}
              </Typography.Text>
            </div>
          </Card>
        ))}
      </Flex>
      <Pagination
        simple
        style={{ marginTop: 12, textAlign: 'center' }}
        current={params.page}
        pageSize={params.pageSize}
        total={data.total}
        showTotal={(n) => t('common.total', { n })}
        onChange={(page) => onChange({ page })}
      />
    </Spin>
  );
}

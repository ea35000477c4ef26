import { useState } from 'react';
import { Alert, Card, Flex, Select, Table, Tag, Typography } from 'antd';
import type { DispatchRound } from '@guatu/contracts';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { useDispatchRounds } from '../../api/dispatch-queries.ts';
import { useT } from '../../i18n/index.tsx';

/**
 * 月度调度 › 调度轮次 (issue 10): the rounds of a year, read-only — month, deadline, status and the
 * reported / missing / late / returned counts; a round's month opens its dispatch table (调度表).
 */
export function DispatchRoundsPage() {
  const t = useT();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const rounds = useDispatchRounds(year);
  const years = Array.from({ length: 6 }, (_, i) => thisYear - i);
  const monthLabel = (m: string) =>
    t('dispatch.rounds.monthLabel', { year: m.slice(0, 4), month: Number(m.slice(5, 7)) });

  return (
    <Card
      title={t('dispatch.rounds.title')}
      extra={
        <Select
          aria-label={t('dispatch.rounds.year')}
          value={year}
          onChange={setYear}
          options={years.map((y) => ({ value: y, label: t('dispatch.rounds.yearLabel', { year: y }) }))}
          style={{ width: 120 }}
        />
      }
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('dispatch.rounds.hint')}</Typography.Text>
        {rounds.error ? <Alert type="error" showIcon message={errorMessage(rounds.error, t)} /> : null}
        <Table<DispatchRound>
          rowKey="id"
          size="middle"
          loading={rounds.isFetching}
          dataSource={rounds.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('dispatch.rounds.empty', { year }) }}
          columns={[
            {
              title: t('dispatch.rounds.month'),
              dataIndex: 'month',
              // A round opens its dispatch table.
              render: (m: string, r) => <Link to={`/dispatch/rounds/${r.id}`}>{monthLabel(m)}</Link>,
            },
            { title: t('dispatch.rounds.region'), dataIndex: 'regionName' },
            { title: t('dispatch.rounds.deadline'), dataIndex: 'deadline' },
            {
              title: t('dispatch.rounds.status'),
              dataIndex: 'status',
              render: (s: DispatchRound['status']) => (
                <Tag color={s === 'open' ? 'processing' : 'default'}>{t(`dispatch.round.status.${s}`)}</Tag>
              ),
            },
            { title: t('dispatch.rounds.projects'), align: 'right', render: (_, r) => r.counts.projects },
            { title: t('dispatch.rounds.reported'), align: 'right', render: (_, r) => r.counts.reported },
            { title: t('dispatch.rounds.missing'), align: 'right', render: (_, r) => r.counts.missing },
            { title: t('dispatch.rounds.late'), align: 'right', render: (_, r) => r.counts.late },
            { title: t('dispatch.rounds.returned'), align: 'right', render: (_, r) => r.counts.returned },
          ]}
        />
      </Flex>
    </Card>
  );
}

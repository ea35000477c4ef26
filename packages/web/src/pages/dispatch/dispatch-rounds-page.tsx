import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import type { DispatchRound } from '@guatu/contracts';
import { Link } from 'react-router';
import { ApiError, errorMessage } from '../../api/client.ts';
import { useChangeRound, useDispatchRounds } from '../../api/dispatch-queries.ts';
import { useIsMobile } from '../../components/use-mobile.ts';
import { useT } from '../../i18n/index.tsx';
import { canManageData } from '../../permissions.ts';
import { useUser } from '../../session.tsx';
import { ReviewRoundCreate } from './review-round-create.tsx';

/**
 * 月度调度 › 调度轮次 (issue 10): the rounds of a year — month, deadline, status and the reported /
 * missing / late / returned counts; a round's month opens its dispatch table (调度表), 调度分析 its
 * figures. The admin opens a round for a month (发起调度) and closes or reopens one on the version
 * he read (a stale one: the message, and the list read again).
 */
export function DispatchRoundsPage() {
  const t = useT();
  const { message } = App.useApp();
  const mobile = useIsMobile();
  const admin = canManageData(useUser());
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [creating, setCreating] = useState(false);
  const rounds = useDispatchRounds(year);
  const change = useChangeRound();
  const monthLabel = (m: string) =>
    t('dispatch.rounds.monthLabel', { year: m.slice(0, 4), month: Number(m.slice(5, 7)) });
  const act = (r: DispatchRound, action: 'close' | 'reopen') =>
    change.mutate(
      { id: r.id, action, version: r.version },
      {
        onSuccess: () =>
          void message.success(t(`dispatchReview.rounds.${action}Done`, { month: monthLabel(r.month) })),
        onError: (e) =>
          void message.error(
            e instanceof ApiError && e.status === 409
              ? `${errorMessage(e, t)} ${t('dispatchReview.decision.reloaded')}`
              : errorMessage(e, t),
            6,
          ),
      },
    );
  const years = Array.from({ length: 6 }, (_, i) => thisYear - i);

  return (
    <Card
      title={t('dispatch.rounds.title')}
      extra={
        <Flex gap={8}>
          <Select
            aria-label={t('dispatch.rounds.year')}
            value={year}
            onChange={setYear}
            options={years.map((y) => ({ value: y, label: t('dispatch.rounds.yearLabel', { year: y }) }))}
            style={{ width: 100 }}
          />
          {admin ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {mobile ? null : t('dispatchReview.rounds.create')}
            </Button>
          ) : null}
        </Flex>
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
          scroll={{ x: 900 }}
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
            {
              title: t('dispatchReview.rounds.actions'),
              render: (_, r) => (
                <Flex gap={8} wrap align="center">
                  <Link to={`/dispatch/rounds/${r.id}/figures`}>{t('dispatchReview.figuresLink')}</Link>
                  {admin ? (
                    <Popconfirm
                      title={t(`dispatchReview.rounds.${r.status === 'open' ? 'close' : 'reopen'}Confirm`, {
                        month: monthLabel(r.month),
                      })}
                      okText={t(`dispatchReview.rounds.${r.status === 'open' ? 'close' : 'reopen'}`)}
                      cancelText={t('common.cancel')}
                      onConfirm={() => act(r, r.status === 'open' ? 'close' : 'reopen')}
                    >
                      <Button type="link" size="small" style={{ padding: 0 }}>
                        {t(`dispatchReview.rounds.${r.status === 'open' ? 'close' : 'reopen'}`)}
                      </Button>
                    </Popconfirm>
                  ) : null}
                </Flex>
              ),
            },
          ]}
        />
      </Flex>
      {admin ? <ReviewRoundCreate open={creating} onClose={() => setCreating(false)} /> : null}
    </Card>
  );
}

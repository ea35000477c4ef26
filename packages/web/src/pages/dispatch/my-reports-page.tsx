import { RightOutlined } from '@ant-design/icons';
import { Alert, Card, Empty, Flex, Spin, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { DispatchRound, DispatchTable, DispatchTableRow } from '@guatu/contracts';
import { shanghaiToday } from '@guatu/domain/dates';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { fetchReport, useMyReportRounds } from '../../api/dispatch-report-queries.ts';
import { formatWan } from '../../format.ts';
import { useT } from '../../i18n/index.tsx';
import { daysUntil } from './report-form-state.ts';
import { DeadlineTag } from './report-deadline-tag.tsx';
import { ReportStatusTag } from './report-status-tag.tsx';

/**
 * 我的填报 (issue 10, item 2): the rounds open now — and earlier ones holding a returned report to
 * correct — each with the projects the user reports for (the round table is scoped to them), their
 * status, late mark and the deadline's countdown; a project opens its report.
 */
export function MyReportsPage() {
  const t = useT();
  const today = shanghaiToday(new Date());
  const year = Number(today.slice(0, 4));
  const { rounds, items, tables } = useMyReportRounds(year);
  const shown = items
    .map((round, i) => ({ round, table: tables[i] }))
    .filter(
      ({ round, table }) =>
        round.status === 'open' || (table?.data?.rows ?? []).some((r) => r.reportStatus === 'returned'),
    );
  const loading = rounds.isLoading || tables.some((q) => q.isLoading);

  return (
    <Flex vertical gap={12} style={{ maxWidth: 720, margin: '0 auto' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('dispatchReport.my.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('dispatchReport.my.hint')}</Typography.Text>
      {rounds.error ? <Alert type="error" showIcon title={errorMessage(rounds.error, t)} /> : null}
      {loading ? <Spin /> : null}
      {!loading && shown.length === 0 ? <Empty description={t('dispatchReport.my.empty')} /> : null}
      {shown.map(({ round, table }) => (
        <RoundCard
          key={round.id}
          round={round}
          table={table?.data}
          error={table?.error ?? null}
          today={today}
        />
      ))}
    </Flex>
  );
}

function RoundCard(props: {
  round: DispatchRound;
  table: DispatchTable | undefined;
  error: unknown;
  today: string;
}) {
  const t = useT();
  const { round } = props;
  const month = Number(round.month.slice(5, 7));
  const rows = (props.table?.rows ?? []).filter(
    (r) => round.status === 'open' || r.reportStatus === 'returned',
  );
  return (
    <Card
      size="small"
      title={t('dispatchReport.my.round', { year: round.month.slice(0, 4), month })}
      extra={<DeadlineTag days={daysUntil(round.deadline, props.today)} open={round.status === 'open'} />}
      styles={{ body: { padding: 0 } }}
    >
      <Typography.Text type="secondary" style={{ display: 'block', padding: '8px 16px 0' }}>
        {t('dispatchReport.my.deadline', { deadline: round.deadline })}
      </Typography.Text>
      {props.error ? <Alert type="error" showIcon title={errorMessage(props.error, t)} /> : null}
      {props.table && rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dispatchReport.my.noProjects')} />
      ) : null}
      <Flex vertical>
        {rows.map((r) => (
          <ProjectLine key={r.projectId} round={round} row={r} />
        ))}
      </Flex>
    </Card>
  );
}

function ProjectLine({ round, row }: { round: DispatchRound; row: DispatchTableRow }) {
  const t = useT();
  const counted = row.reportStatus === 'submitted' || row.reportStatus === 'accepted';
  return (
    <Link
      to={`/dispatch/report/${round.id}/${row.projectId}`}
      style={{ color: 'inherit', borderTop: '1px solid #f0f0f0', padding: '12px 16px', minHeight: 56 }}
      data-testid="my-report-project"
    >
      <Flex align="center" gap={8}>
        <Flex vertical gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Typography.Text strong ellipsis>
            {row.name}
          </Typography.Text>
          <Flex wrap gap={4} align="center">
            <ReportStatusTag status={row.reportStatus} />
            {row.late ? <Tag color="warning">{t('dispatchReport.late')}</Tag> : null}
            {counted ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('dispatchReport.my.amount', { amount: formatWan(row.completedThisMonth) })}
              </Typography.Text>
            ) : null}
          </Flex>
          {row.reportStatus === 'returned' ? (
            <ReturnReason roundId={round.id} projectId={row.projectId} />
          ) : null}
        </Flex>
        <RightOutlined style={{ color: '#bfbfbf' }} />
      </Flex>
    </Link>
  );
}

/** The reason a returned report was sent back (the table row does not carry it). */
function ReturnReason({ roundId, projectId }: { roundId: number; projectId: number }) {
  const t = useT();
  const report = useQuery({
    queryKey: ['dispatch-report-reason', roundId, projectId],
    queryFn: () => fetchReport(roundId, projectId),
  });
  const reason = report.data?.returnReason;
  if (!reason) return null;
  return (
    <Typography.Text type="danger" style={{ fontSize: 13 }}>
      {t('dispatchReport.my.reason', { reason })}
    </Typography.Text>
  );
}

import { ArrowLeftOutlined, FileExcelOutlined } from '@ant-design/icons';
import { useMemo } from 'react';
import { Alert, Button, Card, Flex, Table, Tag, Typography } from 'antd';
import type { DispatchTableRow } from '@guatu/contracts';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { useDispatchTable } from '../../api/dispatch-queries.ts';
import { formatWan } from '../../format.ts';
import { useT } from '../../i18n/index.tsx';

const rate = (v: number | null) => (v === null ? '—' : `${v}%`);

/**
 * 月度调度 › 调度表 (issue 10, item 6): a round's table in the usual layout with its 合计 row, and
 * the same table as .xlsx (导出Excel). Read-only; the rows come in level order from the server.
 */
export function DispatchTablePage() {
  const t = useT();
  const id = Number(useParams().id);
  const table = useDispatchTable(id);
  const round = table.data?.round;
  const totals = table.data?.totals;
  const seq = useMemo(() => new Map((table.data?.rows ?? []).map((r, i) => [r.projectId, i])), [table.data]);
  const month = round ? Number(round.month.slice(5, 7)) : 0;
  const title = round
    ? t('dispatch.table.title', { region: round.regionName, year: round.month.slice(0, 4), month })
    : t('dispatch.table.loading');

  return (
    <Card
      title={
        <Flex align="center" gap={8}>
          <Link to="/dispatch" aria-label={t('dispatch.table.back')}>
            <ArrowLeftOutlined />
          </Link>
          {title}
        </Flex>
      }
      extra={
        <Button
          icon={<FileExcelOutlined />}
          href={`/api/dispatch/rounds/${id}/table.xlsx`}
          download
          disabled={!round}
        >
          {t('dispatch.table.export')}
        </Button>
      }
    >
      <Flex vertical gap={12}>
        {table.error ? <Alert type="error" showIcon message={errorMessage(table.error, t)} /> : null}
        {round ? (
          <Typography.Text type="secondary">
            {t('dispatch.table.hint', {
              deadline: round.deadline,
              pace: table.data!.paceRate,
              reported: round.counts.reported,
              projects: round.counts.projects,
            })}
          </Typography.Text>
        ) : null}
        <Table<DispatchTableRow>
          rowKey="projectId"
          size="small"
          bordered
          loading={table.isFetching}
          dataSource={table.data?.rows ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 1400 }}
          columns={[
            // 序号 across the pages.
            { title: t('dispatch.table.seq'), width: 56, render: (_, r) => (seq.get(r.projectId) ?? 0) + 1 },
            {
              title: t('dispatch.table.name'),
              dataIndex: 'name',
              width: 240,
              fixed: 'left',
              render: (name: string, r) => <Link to={`/projects/${r.projectId}`}>{name}</Link>,
            },
            {
              title: t('dispatch.table.annualPlan'),
              dataIndex: 'annualPlan',
              align: 'right',
              width: 112,
              render: (v: number) => formatWan(v),
            },
            {
              title: t('dispatch.table.thisMonth'),
              dataIndex: 'completedThisMonth',
              align: 'right',
              width: 112,
              render: (v: number, r) =>
                r.reportStatus === 'submitted' || r.reportStatus === 'accepted' ? (
                  formatWan(v)
                ) : (
                  <Tag
                    color={
                      r.reportingWarning === 'green'
                        ? 'default'
                        : r.reportingWarning === 'red'
                          ? 'error'
                          : 'warning'
                    }
                  >
                    {t('dispatch.rounds.missing')}
                  </Tag>
                ),
            },
            {
              title: t('dispatch.table.ytd', { month }),
              dataIndex: 'completedYtd',
              align: 'right',
              width: 112,
              render: (v: number) => formatWan(v),
            },
            {
              title: t('dispatch.table.rate'),
              dataIndex: 'completionRate',
              align: 'right',
              width: 80,
              render: rate,
            },
            {
              title: t('dispatch.table.pace'),
              dataIndex: 'pacePlan',
              align: 'right',
              width: 112,
              render: (v: number) => formatWan(v),
            },
            { title: t('dispatch.table.progress'), dataIndex: 'progressText', width: 200 },
            { title: t('dispatch.table.stage'), dataIndex: 'currentStage' },
            {
              title: t('dispatch.table.problems'),
              dataIndex: 'problems',
              width: 200,
              render: (p: string[]) => p.map((x, i) => <div key={i}>{`${i + 1}. ${x}`}</div>),
            },
            { title: t('dispatch.table.next'), dataIndex: 'nextMonthPlan', width: 200 },
          ]}
          summary={() =>
            totals ? (
              <Table.Summary>
                <Table.Summary.Row style={{ fontWeight: 600 }}>
                  <Table.Summary.Cell index={0} colSpan={2}>
                    {t('dispatch.table.total', { n: totals.projects })}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    {formatWan(totals.annualPlan)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    {formatWan(totals.completedThisMonth)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">
                    {formatWan(totals.completedYtd)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={5} align="right">
                    {rate(totals.completionRate)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={6} align="right">
                    {formatWan(totals.pacePlan)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={7} colSpan={4} />
                </Table.Summary.Row>
              </Table.Summary>
            ) : null
          }
        />
      </Flex>
    </Card>
  );
}

import { ArrowLeftOutlined, BarChartOutlined, FileExcelOutlined } from '@ant-design/icons';
import { useMemo } from 'react';
import { Alert, Button, Card, Checkbox, Flex, Select, Table, Tag, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { useDispatchTable } from '../../api/dispatch-queries.ts';
import { useIsMobile } from '../../components/use-mobile.ts';
import { useT } from '../../i18n/index.tsx';
import { canManageData } from '../../permissions.ts';
import { useUser } from '../../session.tsx';
import { DispatchImportButton } from './dispatch-import-modal.tsx';
import { ReviewReportDrawer } from './review-report-drawer.tsx';
import { ReviewTableCards } from './review-table-cards.tsx';
import { reviewTableColumns } from './review-table-columns.tsx';
import {
  displayRows,
  filterFromSearch,
  filterRows,
  reviewStatusFilters,
  reviewWarningFilters,
} from './review-table-rows.ts';

/**
 * 月度调度 › 调度表 (issue 10, items 2 and 6): a round's table in the usual layout with 合计 and 小计
 * by level (as the .xlsx, 导出Excel), filtered by report status, lateness and warnings (and by the
 * projects behind a figure of 调度分析, ?ids=); a row opens the project's report, where the round's
 * admin accepts or returns it. The filter and the open report live in the address.
 */
export function DispatchTablePage() {
  const t = useT();
  const mobile = useIsMobile();
  const user = useUser();
  const id = Number(useParams().id);
  const [search, setSearch] = useSearchParams();
  const table = useDispatchTable(id);
  const round = table.data?.round;
  const filter = useMemo(() => filterFromSearch(search), [search]);
  const rows = useMemo(() => filterRows(table.data?.rows ?? [], filter), [table.data, filter]);
  const shown = useMemo(() => displayRows(rows), [rows]);
  const month = round ? Number(round.month.slice(5, 7)) : 0;
  const openId = Number(search.get('report'));
  const openRow = table.data?.rows.find((r) => r.projectId === openId) ?? null;
  const filtered = filter.status !== null || filter.late || filter.warning !== null || filter.ids !== null;
  const title = round
    ? t('dispatch.table.title', { region: round.regionName, year: round.month.slice(0, 4), month })
    : t('dispatch.table.loading');

  // From the address as it is now: the table keeps a cell's first render (and its handler), so a
  // handler's own `search` may be older than a filter chosen since.
  const change = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    setSearch(next, { replace: true });
  };
  const open = (projectId: number) => change({ report: String(projectId) });
  const columns = reviewTableColumns(t, month, open);

  return (
    <Card
      title={
        <Flex align="center" gap={8} style={{ whiteSpace: 'normal' }}>
          <Link to="/dispatch" aria-label={t('dispatch.table.back')}>
            <ArrowLeftOutlined />
          </Link>
          {title}
        </Flex>
      }
      extra={
        mobile ? null : (
          <Flex gap={8}>
            <Link to={`/dispatch/rounds/${id}/figures`}>
              <Button icon={<BarChartOutlined />}>{t('dispatchReview.figuresLink')}</Button>
            </Link>
            <Button
              icon={<FileExcelOutlined />}
              href={`/api/dispatch/rounds/${id}/table.xlsx`}
              download
              disabled={!round}
            >
              {t('dispatch.table.export')}
            </Button>
            <DispatchImportButton roundId={id} open={round?.status === 'open'} />
          </Flex>
        )
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
        {mobile ? (
          <Flex gap={8}>
            <Link to={`/dispatch/rounds/${id}/figures`}>
              <Button size="small" icon={<BarChartOutlined />}>
                {t('dispatchReview.figuresLink')}
              </Button>
            </Link>
            <Button
              size="small"
              icon={<FileExcelOutlined />}
              href={`/api/dispatch/rounds/${id}/table.xlsx`}
              download
              disabled={!round}
            >
              {t('dispatch.table.export')}
            </Button>
          </Flex>
        ) : null}
        <Flex gap={8} wrap align="center">
          <Select
            aria-label={t('dispatchReview.filter.status')}
            placeholder={t('dispatchReview.filter.status')}
            allowClear
            value={filter.status}
            onChange={(v) => change({ status: v ?? null })}
            style={{ width: 120 }}
            options={reviewStatusFilters.map((s) => ({ value: s, label: t(`dispatchReview.status.${s}`) }))}
          />
          <Select
            aria-label={t('dispatchReview.filter.warning')}
            placeholder={t('dispatchReview.filter.warning')}
            allowClear
            value={filter.warning}
            onChange={(v) => change({ warning: v ?? null })}
            style={{ width: 150 }}
            options={reviewWarningFilters.map((w) => ({ value: w, label: t(`dispatchReview.warning.${w}`) }))}
          />
          <Checkbox checked={filter.late} onChange={(e) => change({ late: e.target.checked ? '1' : null })}>
            {t('dispatchReview.filter.late')}
          </Checkbox>
          {filter.ids !== null ? (
            <Tag closable onClose={() => change({ ids: null })} color="blue">
              {t('dispatchReview.filter.ids', { n: filter.ids.size })}
            </Tag>
          ) : null}
          {filtered && table.data ? (
            <Typography.Text type="secondary">
              {t('dispatchReview.filter.shown', { n: rows.length, of: table.data.rows.length })}
            </Typography.Text>
          ) : null}
        </Flex>
        {mobile ? (
          <ReviewTableCards rows={table.data ? shown : []} month={month} onOpen={open} />
        ) : (
          <Table
            rowKey="key"
            size="small"
            bordered
            loading={table.isFetching}
            dataSource={table.data ? shown : []}
            pagination={false}
            scroll={{ x: 1500 }}
            sticky
            columns={columns}
            locale={{ emptyText: t('dispatchReview.filter.empty') }}
            rowClassName={(r) => (r.kind === 'project' ? 'dispatch-row' : 'dispatch-sum-row')}
            onRow={(r) => ({
              style:
                r.kind === 'project' ? { cursor: 'pointer' } : { fontWeight: 600, background: '#fafafa' },
              onClick: r.kind === 'project' ? () => open(r.row.projectId) : undefined,
            })}
          />
        )}
      </Flex>
      <ReviewReportDrawer
        roundId={id}
        month={month}
        row={openRow}
        canReview={canManageData(user)}
        onClose={() => change({ report: null })}
      />
    </Card>
  );
}

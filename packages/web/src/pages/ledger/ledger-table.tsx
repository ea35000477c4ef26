import { Flex, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import type { LedgerPage, LedgerRow } from '@guatu/contracts';
import { shanghaiToday } from '@guatu/domain/dates';
import { isOverdueToStart } from '@guatu/domain/overdue-start';
import { formatWan, showDate } from '../../format.ts';
import { useT } from '../../i18n/index.tsx';
import { useUser } from '../../session.tsx';
import { LedgerColumnChooser } from './ledger-column-chooser.tsx';
import { useHiddenColumns } from './ledger-columns.ts';
import type { LedgerParams } from './use-ledger-params.ts';

type Props = {
  data: LedgerPage | undefined;
  loading: boolean;
  params: LedgerParams;
  onOpen: (id: number) => void;
  onChange: (changes: Record<string, string | number | null>) => void;
};

export function LedgerTable({ data, loading, params, onOpen, onChange }: Props) {
  const t = useT();
  const user = useUser();
  const [hidden, setHidden] = useHiddenColumns(user.id);
  const today = shanghaiToday(new Date());
  const first = (params.page - 1) * params.pageSize;
  const sortOrder = (key: string) =>
    params.sort === key ? (params.order === 'desc' ? ('descend' as const) : ('ascend' as const)) : null;
  const money = { align: 'right' as const, width: 140 };

  const columns: ColumnsType<LedgerRow> = [
    {
      key: 'index',
      title: t('newcomer.ledger.index'),
      fixed: 'left',
      width: 64,
      align: 'right',
      render: (_: unknown, _row, i) => first + i + 1,
    },
    {
      key: 'name',
      title: t('project.name'),
      dataIndex: 'name',
      fixed: 'left',
      width: 250,
      sorter: true,
      sortOrder: sortOrder('name'),
      render: (name: string, row) => (
        <>
          <Typography.Link>{name}</Typography.Link>
          {row.archived && <Tag style={{ marginInlineStart: 6 }}>{t('ledger.archived')}</Tag>}
        </>
      ),
    },
    {
      key: 'level',
      title: t('project.level'),
      dataIndex: 'level',
      width: 90,
      sorter: true,
      sortOrder: sortOrder('level'),
      render: (v: LedgerRow['level']) => t(`level.${v}`),
    },
    {
      key: 'category',
      title: t('project.category'),
      dataIndex: 'category',
      width: 120,
      render: (v: LedgerRow['category']) => t(`category.${v}`),
    },
    { key: 'region', title: t('project.region'), dataIndex: 'regionName', width: 110, ellipsis: true },
    {
      key: 'totalInvestment',
      title: t('project.totalInvestmentWan'),
      dataIndex: 'totalInvestment',
      ...money,
      sorter: true,
      sortOrder: sortOrder('totalInvestment'),
      render: (v: number) => formatWan(v),
    },
    {
      key: 'annualPlan',
      title: t('project.annualPlanWan'),
      dataIndex: 'annualPlan',
      ...money,
      sorter: true,
      sortOrder: sortOrder('annualPlan'),
      render: (v: number) => formatWan(v),
    },
    {
      key: 'plannedStart',
      title: t('project.plannedStart'),
      dataIndex: 'plannedStart',
      width: 110,
      sorter: true,
      sortOrder: sortOrder('plannedStart'),
      render: showDate,
    },
    {
      key: 'actualStart',
      title: t('project.actualStart'),
      dataIndex: 'actualStart',
      width: 120,
      sorter: true,
      sortOrder: sortOrder('actualStart'),
      render: (v: string | null, row) =>
        row.started ? (
          <Tag color="green">{v ?? t('catalogue.startedUndated')}</Tag>
        ) : isOverdueToStart(row, today) ? (
          <Tooltip title={t('newcomer.ledger.overdueStartHint', { date: showDate(row.plannedStart) })}>
            <Tag color="red">{t('newcomer.ledger.overdueStart')}</Tag>
          </Tooltip>
        ) : (
          <Tag>{t('ledger.started.no')}</Tag>
        ),
    },
    {
      key: 'leader',
      title: t('project.leader'),
      dataIndex: 'leaderName',
      width: 100,
      ellipsis: true,
      render: (v: string | null) => v ?? '—',
    },
    {
      key: 'department',
      title: t('project.department'),
      dataIndex: 'departmentName',
      width: 150,
      ellipsis: true,
      render: (v: string | null) => v ?? '—',
    },
  ];

  // 序号 and the project name always show; the others as the user chose (列设置)
  const optional = columns.filter((c) => c.key !== 'index' && c.key !== 'name');
  const visible = columns.filter((c) => !hidden.includes(String(c.key)));
  const width =
    1320 +
    64 -
    optional.filter((c) => hidden.includes(String(c.key))).reduce((w, c) => w + Number(c.width ?? 0), 0);

  return (
    <Flex vertical gap={8}>
      <Flex justify="flex-end">
        <LedgerColumnChooser
          columns={optional.map((c) => ({ key: String(c.key), title: String(c.title) }))}
          hidden={hidden}
          onChange={setHidden}
        />
      </Flex>
      <Table<LedgerRow>
        rowKey="id"
        size="middle"
        columns={visible}
        dataSource={data?.items}
        loading={loading}
        scroll={{ x: width }}
        locale={{ emptyText: t('ledger.empty') }}
        onRow={(row) => ({ onClick: () => onOpen(row.id), style: { cursor: 'pointer' } })}
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (n) => t('common.total', { n }),
        }}
        onChange={(pagination, _filters, sorter, extra) => {
          if (extra.action === 'sort') {
            const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<LedgerRow> | undefined;
            const key = s?.order ? String(s.columnKey) : null;
            onChange({ sort: key, order: key ? (s?.order === 'descend' ? 'desc' : 'asc') : null });
          } else if (extra.action === 'paginate') {
            onChange({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? params.pageSize });
          }
        }}
      />
    </Flex>
  );
}

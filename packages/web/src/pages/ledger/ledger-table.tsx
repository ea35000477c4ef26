import type { CSSProperties, MouseEvent, ReactNode } from 'react';
import { Flex, Spin, Tag, Tooltip, theme } from 'antd';
import type { LedgerPage, LedgerRow } from '@guatu/contracts';
import { shanghaiToday } from '@guatu/domain/dates';
import { isOverdueToStart } from '@guatu/domain/overdue-start';
import { formatWan, showDate } from '../../format.ts';
import { useT } from '../../i18n/index.tsx';
import { useUser } from '../../session.tsx';
import { LedgerColumnChooser } from './ledger-column-chooser.tsx';
import { useHiddenColumns } from './ledger-columns.ts';
import { LedgerPagination } from './ledger-pagination.tsx';
import type { LedgerParams } from './use-ledger-params.ts';
import './ledger-table.css';

// A plain semantic <table> rather than antd's Table: the ledger needs a header that stays in view,
// the first two columns fixed, sorting by a few columns, a column chooser and a pager — not the
// ≈ 55 kB gzip (Table, its filter tree, radio and pagination) that antd's Table adds to the ledger's
// first load. The classes ant-table-tbody / ant-table-row stay: the e2e specs find the rows by them.

type Props = {
  data: LedgerPage | undefined;
  loading: boolean;
  params: LedgerParams;
  onOpen: (id: number) => void;
  onChange: (changes: Record<string, string | number | null>) => void;
};

type Column = {
  key: string;
  title: string;
  width: number;
  align?: 'right';
  /** Sortable by the server (the key is the `sort` of the ledger query). */
  sortable?: boolean;
  /** One line, cut with … (the full text in the cell's title). */
  ellipsis?: boolean;
  render: (row: LedgerRow, index: number) => ReactNode;
};

/** The next sort of a header click: ascending, then descending, then none (as antd's Table did). */
export function nextSort(
  current: { sort: string | null; order: 'asc' | 'desc' | null },
  key: string,
): { sort: string | null; order: 'asc' | 'desc' | null } {
  if (current.sort !== key || current.order === null) return { sort: key, order: 'asc' };
  if (current.order === 'asc') return { sort: key, order: 'desc' };
  return { sort: null, order: null };
}

/** A sort arrow (a small triangle, as antd's Table drew; no icon chunk). */
const Caret = ({ up = false, on }: { up?: boolean; on: boolean }) => (
  <svg viewBox="0 0 8 5" width="8" height="5" className={on ? 'lt-on' : undefined} fill="currentColor">
    <path d={up ? 'M4 0 8 5H0z' : 'M0 0h8L4 5z'} />
  </svg>
);

/** A plain click on a row (or its link) opens the project; ctrl/cmd/shift/middle click keeps the browser's own. */
const plainClick = (e: MouseEvent) => e.button === 0 && !e.ctrlKey && !e.metaKey && !e.shiftKey && !e.altKey;

export function LedgerTable({ data, loading, params, onOpen, onChange }: Props) {
  const t = useT();
  const user = useUser();
  const { token } = theme.useToken();
  const [hidden, setHidden] = useHiddenColumns(user.id);
  const today = shanghaiToday(new Date());
  const first = (params.page - 1) * params.pageSize;

  const columns: Column[] = [
    {
      key: 'index',
      title: t('newcomer.ledger.index'),
      width: 64,
      align: 'right',
      render: (_, i) => first + i + 1,
    },
    {
      key: 'name',
      title: t('project.name'),
      width: 250,
      sortable: true,
      render: (row) => (
        <>
          <a
            href={`/projects/${row.id}`}
            onClick={(e) => {
              if (plainClick(e))
                e.preventDefault(); // the row's click opens it in the app
              else e.stopPropagation(); // a new tab: not this one too
            }}
          >
            {row.name}
          </a>
          {row.archived && <Tag style={{ marginInlineStart: 6 }}>{t('ledger.archived')}</Tag>}
        </>
      ),
    },
    {
      key: 'level',
      title: t('project.level'),
      width: 90,
      sortable: true,
      render: (r) => t(`level.${r.level}`),
    },
    { key: 'category', title: t('project.category'), width: 120, render: (r) => t(`category.${r.category}`) },
    { key: 'region', title: t('project.region'), width: 110, ellipsis: true, render: (r) => r.regionName },
    {
      key: 'totalInvestment',
      title: t('project.totalInvestmentWan'),
      width: 140,
      align: 'right',
      sortable: true,
      render: (r) => formatWan(r.totalInvestment),
    },
    {
      key: 'annualPlan',
      title: t('project.annualPlanWan'),
      width: 140,
      align: 'right',
      sortable: true,
      render: (r) => formatWan(r.annualPlan),
    },
    {
      key: 'plannedStart',
      title: t('project.plannedStart'),
      width: 110,
      sortable: true,
      render: (r) => showDate(r.plannedStart),
    },
    {
      key: 'actualStart',
      title: t('project.actualStart'),
      width: 120,
      sortable: true,
      render: (row) =>
        row.started ? (
          <Tag color="green">{row.actualStart ?? t('catalogue.startedUndated')}</Tag>
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
      width: 100,
      ellipsis: true,
      render: (r) => r.leaderName ?? '—',
    },
    {
      key: 'department',
      title: t('project.department'),
      width: 150,
      ellipsis: true,
      render: (r) => r.departmentName ?? '—',
    },
  ];

  // 序号 and the project name always show (fixed on the left); the others as the user chose (列设置)
  const optional = columns.filter((c) => c.key !== 'index' && c.key !== 'name');
  const visible = columns.filter((c) => !hidden.includes(c.key));
  const width = visible.reduce((w, c) => w + c.width, 0);
  const rows = data?.items ?? [];

  const vars = {
    '--lt-bg': token.colorBgContainer,
    '--lt-head': token.colorFillAlter,
    '--lt-border': token.colorBorderSecondary,
    '--lt-hover': token.controlItemBgHover,
    '--lt-text': token.colorText,
    '--lt-text-2': token.colorTextTertiary,
    '--lt-heading': token.colorTextHeading,
    '--lt-primary': token.colorPrimary,
    '--lt-radius': `${token.borderRadiusLG}px`,
    fontSize: token.fontSize,
  } as CSSProperties;

  const sortState = (key: string) => (params.sort === key ? (params.order ?? 'asc') : null);

  return (
    <Flex vertical gap={8}>
      <Flex justify="flex-end">
        <LedgerColumnChooser
          columns={optional.map((c) => ({ key: c.key, title: c.title }))}
          hidden={hidden}
          onChange={setHidden}
        />
      </Flex>
      <Spin spinning={loading}>
        <div className="ledger-table" style={vars}>
          <table aria-label={t('ledger.title')} style={{ minWidth: width }}>
            <colgroup>
              {visible.map((c) => (
                <col key={c.key} style={{ width: c.width }} />
              ))}
            </colgroup>
            <thead>
              <tr>
                {visible.map((c) => {
                  const sort = c.sortable ? sortState(c.key) : null;
                  return (
                    <th
                      key={c.key}
                      scope="col"
                      className={
                        c.key === 'index' || c.key === 'name' ? `lt-fixed lt-fixed-${c.key}` : undefined
                      }
                      style={{ textAlign: c.align }}
                      aria-sort={
                        c.sortable
                          ? sort === 'asc'
                            ? 'ascending'
                            : sort === 'desc'
                              ? 'descending'
                              : 'none'
                          : undefined
                      }
                    >
                      {c.sortable ? (
                        <button
                          type="button"
                          className="lt-sort"
                          onClick={() => onChange(nextSort(params, c.key))}
                        >
                          <span>{c.title}</span>
                          <span className="lt-carets" aria-hidden>
                            <Caret up on={sort === 'asc'} />
                            <Caret on={sort === 'desc'} />
                          </span>
                        </button>
                      ) : (
                        c.title
                      )}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody className="ant-table-tbody">
              {rows.length === 0 ? (
                <tr>
                  <td colSpan={visible.length} className="lt-empty">
                    {data ? t('ledger.empty') : ' '}
                  </td>
                </tr>
              ) : (
                rows.map((row, i) => (
                  <tr key={row.id} className="ant-table-row" onClick={(e) => plainClick(e) && onOpen(row.id)}>
                    {visible.map((c) => {
                      const content = c.render(row, i);
                      return (
                        <td
                          key={c.key}
                          className={
                            [
                              c.key === 'index' || c.key === 'name' ? `lt-fixed lt-fixed-${c.key}` : '',
                              c.ellipsis ? 'lt-ellipsis' : '',
                            ]
                              .filter(Boolean)
                              .join(' ') || undefined
                          }
                          style={{ textAlign: c.align }}
                          title={c.ellipsis && typeof content === 'string' ? content : undefined}
                        >
                          {content}
                        </td>
                      );
                    })}
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      </Spin>
      {/* as antd's Table: no pager (and no 共 0 项) before the first page arrives or when nothing matches */}
      {data && data.total > 0 && (
        <LedgerPagination
          page={params.page}
          pageSize={params.pageSize}
          total={data.total}
          onChange={(page, pageSize) => onChange({ page, pageSize })}
        />
      )}
    </Flex>
  );
}

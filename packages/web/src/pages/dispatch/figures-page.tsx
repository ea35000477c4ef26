import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Flex, Progress, Segmented, Table, Typography, theme } from 'antd';
import type { DispatchFiguresGroup } from '@guatu/contracts';
import { Link, useParams, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import {
  useDispatchFigures,
  useDispatchTable,
  type DispatchFigureGrouping,
} from '../../api/dispatch-queries.ts';
import { useIsMobile } from '../../components/use-mobile.ts';
import { formatWan, formatYi } from '../../format.ts';
import { useT, type Translate } from '../../i18n/index.tsx';
import { figuresCsv, saveText } from './figures-export.ts';
import { figureRows, type FigureKind } from './figures-projects.ts';
import { FiguresProjectsDrawer } from './figures-projects-drawer.tsx';
import { PaceRate } from './review-table-columns.tsx';

const groupings: DispatchFigureGrouping[] = ['level', 'town', 'leader', 'department'];

/** 亿元 from one hundred million yuan up, else 万元. */
const money = (yuan: number, t: Translate) =>
  Math.abs(yuan) >= 100_000_000
    ? t('dispatchReview.figures.yi', { value: formatYi(yuan) })
    : t('dispatchReview.wan', { value: formatWan(yuan) });

type Opened = { kind: FigureKind; ids: number[] | null; title: string };

/** A count that opens the projects behind it (a dash when there are none). */
function Count(props: { n: number; color?: string; onOpen: () => void; label: string }) {
  if (props.n === 0)
    return (
      <Typography.Text type="secondary" style={{ fontSize: 'inherit' }}>
        0
      </Typography.Text>
    );
  return (
    <Button
      type="link"
      size="small"
      style={{ padding: 0, height: 'auto', fontSize: 'inherit', color: props.color }}
      onClick={props.onOpen}
      aria-label={props.label}
    >
      {props.n}
    </Button>
  );
}

/**
 * 月度调度 › 调度分析 (issue 10, item 5): a round's reported / missing / late / returned counts, the
 * year to date against the annual plan and against 序时进度 with the pace warning, the 纳统 and
 * reporting warnings, and the same by 级别 / 乡镇 / 包保领导 / 责任部门; every figure opens the
 * projects behind it. The group table exports as CSV (made in the browser; Excel opens it).
 */
export function DispatchFiguresPage() {
  const t = useT();
  const mobile = useIsMobile();
  const { token } = theme.useToken();
  const id = Number(useParams().id);
  const [search, setSearch] = useSearchParams();
  const by = (groupings as string[]).includes(search.get('by') ?? '')
    ? (search.get('by') as DispatchFigureGrouping)
    : 'level';
  const figures = useDispatchFigures(id, by);
  const table = useDispatchTable(id);
  const [opened, setOpened] = useState<Opened | null>(null);
  const f = figures.data;
  const round = f?.round ?? table.data?.round;
  const month = round ? Number(round.month.slice(5, 7)) : 0;
  const colour = { green: token.colorSuccess, yellow: token.colorWarning, red: token.colorError } as const;
  const openedRows = useMemo(
    () => (opened && table.data ? figureRows(table.data.rows, opened.kind, opened.ids) : []),
    [opened, table.data],
  );
  // Projects behind the pace warning, each by its own figures (the group's warning is of its sums).
  const paceCount = (kind: 'paceYellow' | 'paceRed') =>
    table.data ? figureRows(table.data.rows, kind, null).length : 0;
  const open = (kind: FigureKind, ids: number[] | null, where: string) =>
    setOpened({
      kind,
      ids,
      title: t('dispatchReview.figures.drawerTitle', {
        where,
        what: t(`dispatchReview.figures.kind.${kind}`),
      }),
    });
  const title = round
    ? t('dispatchReview.figures.title', { region: round.regionName, year: round.month.slice(0, 4), month })
    : t('dispatchReview.figuresLink');
  const warningWord = (w: 'green' | 'yellow' | 'red' | null) =>
    w ? t(`dispatchReview.figures.pace.${w}`) : '—';

  const count = (kind: FigureKind, n: number, ids: number[] | null, where: string, color?: string) => (
    <Count
      n={n}
      color={color}
      label={`${where} ${t(`dispatchReview.figures.kind.${kind}`)} ${n}`}
      onOpen={() => open(kind, ids, where)}
    />
  );
  const columnTitles = [
    t('dispatchReview.figures.col.projects'),
    t('dispatchReview.figures.col.annualPlan'),
    t('dispatch.table.ytd', { month }),
    t('dispatch.table.rate'),
    t('dispatchReview.figures.col.pacePlan'),
    t('dispatchReview.figures.col.paceWarning'),
    t('dispatch.rounds.reported'),
    t('dispatch.rounds.missing'),
    t('dispatch.rounds.late'),
    t('dispatch.rounds.returned'),
    t('dispatchReview.figures.col.statsYellow'),
    t('dispatchReview.figures.col.statsRed'),
    t('dispatchReview.figures.col.reportingYellow'),
    t('dispatchReview.figures.col.reportingRed'),
  ];
  const exportCsv = () => {
    if (!f || !round) return;
    const csv = figuresCsv(
      f,
      {
        group: t(`dispatchReview.figures.by.${by}`),
        total: t('dispatchReview.figures.total'),
        columns: columnTitles,
      },
      warningWord,
    );
    saveText(csv, `${title}（${t(`dispatchReview.figures.by.${by}`)}）.csv`);
  };

  return (
    <Card
      title={
        <Flex align="center" gap={8} style={{ whiteSpace: 'normal' }}>
          <Link to={`/dispatch/rounds/${id}`} aria-label={t('dispatchReview.figures.back')}>
            <ArrowLeftOutlined />
          </Link>
          {title}
        </Flex>
      }
    >
      <Flex vertical gap={16}>
        {figures.error ? <Alert type="error" showIcon message={errorMessage(figures.error, t)} /> : null}
        {f ? (
          <>
            <Flex wrap gap={mobile ? 8 : 16} data-testid="figures-counts">
              {(['projects', 'reported', 'missing', 'late', 'returned'] as const).map((k) => (
                <Card
                  key={k}
                  size="small"
                  style={{ minWidth: mobile ? 0 : 120, flex: mobile ? '1 1 28%' : undefined }}
                >
                  <Typography.Text type="secondary">{t(`dispatchReview.figures.kind.${k}`)}</Typography.Text>
                  <div style={{ fontSize: 24, fontWeight: 600 }}>
                    {count(
                      k,
                      f.counts[k],
                      null,
                      t('dispatchReview.figures.total'),
                      k === 'missing' || k === 'returned' ? token.colorError : undefined,
                    )}
                  </div>
                </Card>
              ))}
            </Flex>
            <Card size="small" title={t('dispatchReview.figures.progressTitle')}>
              <Flex vertical gap={8}>
                <Typography.Text>
                  {t('dispatchReview.figures.progressLine', {
                    ytd: money(f.overall.completedYtd, t),
                    plan: money(f.overall.annualPlan, t),
                    month,
                  })}
                </Typography.Text>
                <Progress
                  percent={Math.min(100, f.overall.completionRate ?? 0)}
                  success={{ percent: 0 }}
                  strokeColor={f.overall.paceWarning ? colour[f.overall.paceWarning] : undefined}
                  format={() => `${f.overall.completionRate ?? '—'}%`}
                  aria-label={t('dispatch.table.rate')}
                />
                <Typography.Text>
                  {t('dispatchReview.figures.paceLine', {
                    pace: f.paceRate,
                    pacePlan: money(f.overall.pacePlan, t),
                  })}{' '}
                  <Typography.Text
                    strong
                    style={{ color: f.overall.paceWarning ? colour[f.overall.paceWarning] : undefined }}
                  >
                    {warningWord(f.overall.paceWarning)}
                  </Typography.Text>
                </Typography.Text>
                <Flex wrap gap={16}>
                  <span>
                    {t('dispatchReview.figures.paceWarnings')}{' '}
                    {count(
                      'paceYellow',
                      paceCount('paceYellow'),
                      null,
                      t('dispatchReview.figures.total'),
                      token.colorWarning,
                    )}{' '}
                    {t('dispatchReview.figures.yellow')} ·{' '}
                    {count(
                      'paceRed',
                      paceCount('paceRed'),
                      null,
                      t('dispatchReview.figures.total'),
                      token.colorError,
                    )}{' '}
                    {t('dispatchReview.figures.red')}
                  </span>
                  <span>
                    {t('dispatchReview.figures.statsWarnings')}{' '}
                    {count(
                      'statsYellow',
                      f.overall.statsWarnings.yellow,
                      null,
                      t('dispatchReview.figures.total'),
                      token.colorWarning,
                    )}{' '}
                    {t('dispatchReview.figures.yellow')} ·{' '}
                    {count(
                      'statsRed',
                      f.overall.statsWarnings.red,
                      null,
                      t('dispatchReview.figures.total'),
                      token.colorError,
                    )}{' '}
                    {t('dispatchReview.figures.red')}
                  </span>
                  <span>
                    {t('dispatchReview.figures.reportingWarnings')}{' '}
                    {count(
                      'reportingYellow',
                      f.overall.reportingWarnings.yellow,
                      null,
                      t('dispatchReview.figures.total'),
                      token.colorWarning,
                    )}{' '}
                    {t('dispatchReview.figures.yellow')} ·{' '}
                    {count(
                      'reportingRed',
                      f.overall.reportingWarnings.red,
                      null,
                      t('dispatchReview.figures.total'),
                      token.colorError,
                    )}{' '}
                    {t('dispatchReview.figures.red')}
                  </span>
                </Flex>
              </Flex>
            </Card>
          </>
        ) : null}
        <Flex justify="space-between" gap={8} wrap align="center">
          <Segmented
            value={by}
            onChange={(v) => setSearch({ by: v }, { replace: true })}
            options={groupings.map((g) => ({ value: g, label: t(`dispatchReview.figures.by.${g}`) }))}
          />
          <Button icon={<DownloadOutlined />} onClick={exportCsv} disabled={!f}>
            {t('dispatchReview.figures.export')}
          </Button>
        </Flex>
        <Table<DispatchFiguresGroup>
          rowKey="key"
          size="small"
          bordered
          loading={figures.isFetching}
          dataSource={f?.groups ?? []}
          pagination={false}
          scroll={{ x: 1300 }}
          columns={[
            {
              title: t(`dispatchReview.figures.by.${by}`),
              dataIndex: 'label',
              width: 160,
              fixed: mobile ? undefined : 'left',
            },
            {
              title: columnTitles[0],
              align: 'right',
              width: 72,
              render: (_, g) => count('projects', g.projects, g.projectIds, g.label),
            },
            { title: columnTitles[1], align: 'right', width: 112, render: (_, g) => formatWan(g.annualPlan) },
            {
              title: columnTitles[2],
              align: 'right',
              width: 112,
              render: (_, g) => formatWan(g.completedYtd),
            },
            {
              title: columnTitles[3],
              align: 'right',
              width: 88,
              render: (_, g) => <PaceRate rate={g.completionRate} warning={g.paceWarning} />,
            },
            { title: columnTitles[4], align: 'right', width: 112, render: (_, g) => formatWan(g.pacePlan) },
            ...(['reported', 'missing', 'late', 'returned'] as const).map((k, i) => ({
              title: columnTitles[6 + i],
              align: 'right' as const,
              width: 64,
              render: (_: unknown, g: DispatchFiguresGroup) => count(k, g[k], g.projectIds, g.label),
            })),
            {
              title: columnTitles[10],
              align: 'right',
              width: 80,
              render: (_, g) =>
                count('statsYellow', g.statsWarnings.yellow, g.projectIds, g.label, token.colorWarning),
            },
            {
              title: columnTitles[11],
              align: 'right',
              width: 80,
              render: (_, g) =>
                count('statsRed', g.statsWarnings.red, g.projectIds, g.label, token.colorError),
            },
            {
              title: columnTitles[12],
              align: 'right',
              width: 80,
              render: (_, g) =>
                count(
                  'reportingYellow',
                  g.reportingWarnings.yellow,
                  g.projectIds,
                  g.label,
                  token.colorWarning,
                ),
            },
            {
              title: columnTitles[13],
              align: 'right',
              width: 80,
              render: (_, g) =>
                count('reportingRed', g.reportingWarnings.red, g.projectIds, g.label, token.colorError),
            },
          ]}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('dispatchReview.figures.note')}
        </Typography.Text>
      </Flex>
      <FiguresProjectsDrawer
        roundId={id}
        title={opened?.title ?? null}
        rows={openedRows}
        onClose={() => setOpened(null)}
      />
    </Card>
  );
}

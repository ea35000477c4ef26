import { Button, Flex, Tag, type TableColumnsType } from 'antd';
import type { DispatchTableRow } from '@guatu/contracts';
import { levels, type Level } from '@guatu/domain/vocabulary';
import { formatWan } from '../../format.ts';
import { useT, type Translate } from '../../i18n/index.tsx';
import type { ReviewDisplayRow, ReviewSums } from './review-table-rows.ts';

export const rateText = (v: number | null) => (v === null ? '—' : `${v}%`);

const warningColor = { green: 'success', yellow: 'warning', red: 'error' } as const;

/** A report's status as a tag: 未报 coloured by the reporting warning, 迟报 beside a late one. */
export function ReviewStatusTag({ row }: { row: DispatchTableRow }) {
  const t = useT();
  const status = row.reportStatus ?? 'none';
  const color =
    status === 'none'
      ? row.reportingWarning === 'green'
        ? 'default'
        : warningColor[row.reportingWarning]
      : { draft: 'default', submitted: 'processing', returned: 'error', accepted: 'success' }[status];
  return (
    <Flex gap={4} wrap>
      <Tag color={color} style={{ marginInlineEnd: 0 }}>
        {t(`dispatchReview.status.${status}`)}
      </Tag>
      {row.late ? (
        <Tag color="orange" style={{ marginInlineEnd: 0 }}>
          {t('dispatchReview.late')}
        </Tag>
      ) : null}
    </Flex>
  );
}

/** The pace warning beside the completion rate: the colour of PRODUCT.md. */
export function PaceRate({
  rate,
  warning,
}: {
  rate: number | null;
  warning: DispatchTableRow['paceWarning'];
}) {
  if (warning === null || warning === 'green') return <>{rateText(rate)}</>;
  return (
    <Tag color={warningColor[warning]} style={{ marginInlineEnd: 0 }}>
      {rateText(rate)}
    </Tag>
  );
}

/** The label of a 合计 or 小计 row, as the .xlsx words it. */
export function sumsLabel(r: Exclude<ReviewDisplayRow, { kind: 'project' }>, t: Translate): string {
  if (r.kind === 'total') return t('dispatch.table.total', { n: r.sums.projects });
  const level = (levels as readonly string[]).includes(r.level ?? '') ? (r.level as Level) : null;
  const name = level ? t(`dispatchReview.levelGroup.${level}`) : t('dispatchReview.levelGroup.other');
  // At most four groups: the three levels and the others.
  const ordinal = t(`dispatchReview.ordinal.${Math.min(r.ordinal, 4) as 1 | 2 | 3 | 4}`);
  return t('dispatchReview.subtotal', { ordinal, name, n: r.sums.projects });
}

const money = (pick: (s: ReviewSums | DispatchTableRow) => number) => (_: unknown, r: ReviewDisplayRow) =>
  formatWan(pick(r.kind === 'project' ? r.row : r.sums));

/**
 * The columns of the 调度表 in the usual layout (序号—项目名称—年度计划投资—本月完成—1-N月累计—完成率—
 * 序时进度—形象进度—当前工序—存在问题—下一步计划) with the report's status; 合计 and 小计 rows span
 * the first two columns and leave the texts empty.
 */
export function reviewTableColumns(
  t: Translate,
  month: number,
  onOpen: (projectId: number) => void,
): TableColumnsType<ReviewDisplayRow> {
  const project =
    (render: (row: DispatchTableRow) => React.ReactNode) => (_: unknown, r: ReviewDisplayRow) =>
      r.kind === 'project' ? render(r.row) : null;
  return [
    {
      title: t('dispatch.table.seq'),
      width: 56,
      align: 'center',
      onCell: (r) => ({ colSpan: r.kind === 'project' ? 1 : 2 }),
      render: (_, r) => (r.kind === 'project' ? r.seq : sumsLabel(r, t)),
    },
    {
      title: t('dispatch.table.name'),
      width: 240,
      onCell: (r) => ({ colSpan: r.kind === 'project' ? 1 : 0 }),
      render: project((row) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
          onClick={(e) => {
            e.stopPropagation();
            onOpen(row.projectId);
          }}
        >
          {row.name}
        </Button>
      )),
    },
    {
      title: t('dispatchReview.column.status'),
      width: 96,
      render: project((row) => <ReviewStatusTag row={row} />),
    },
    {
      title: t('dispatch.table.annualPlan'),
      align: 'right',
      width: 112,
      render: money((x) => x.annualPlan),
    },
    {
      title: t('dispatch.table.thisMonth'),
      align: 'right',
      width: 112,
      render: money((x) => x.completedThisMonth),
    },
    {
      title: t('dispatch.table.ytd', { month }),
      align: 'right',
      width: 112,
      render: money((x) => x.completedYtd),
    },
    {
      title: t('dispatch.table.rate'),
      align: 'right',
      width: 88,
      render: (_, r) =>
        r.kind === 'project' ? (
          <PaceRate rate={r.row.completionRate} warning={r.row.paceWarning} />
        ) : (
          rateText(r.sums.completionRate)
        ),
    },
    { title: t('dispatch.table.pace'), align: 'right', width: 112, render: money((x) => x.pacePlan) },
    { title: t('dispatch.table.progress'), width: 200, render: project((row) => row.progressText) },
    { title: t('dispatch.table.stage'), width: 120, render: project((row) => row.currentStage ?? '—') },
    {
      title: t('dispatch.table.problems'),
      width: 200,
      render: project((row) => row.problems.map((x, i) => <div key={i}>{`${i + 1}. ${x}`}</div>)),
    },
    { title: t('dispatch.table.next'), width: 200, render: project((row) => row.nextMonthPlan) },
  ];
}

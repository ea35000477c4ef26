import { Card, Empty, Flex, Typography } from 'antd';
import { formatWan } from '../../format.ts';
import { useT } from '../../i18n/index.tsx';
import { PaceRate, rateText, ReviewStatusTag, sumsLabel } from './review-table-columns.tsx';
import type { ReviewDisplayRow } from './review-table-rows.ts';

const small = { fontSize: 13 } as const;

/**
 * The 调度表 on a phone: the 合计 and 小计 as short lines, one card per project (its figures in
 * 万元, status, 形象进度); a card opens the project's report.
 */
export function ReviewTableCards(props: {
  rows: ReviewDisplayRow[];
  month: number;
  onOpen: (projectId: number) => void;
}) {
  const t = useT();
  if (props.rows.length <= 1) return <Empty description={t('dispatchReview.filter.empty')} />;
  return (
    <Flex vertical gap={8}>
      {props.rows.map((r) => {
        if (r.kind !== 'project')
          return (
            <Typography.Text key={r.key} strong={r.kind === 'total'} style={small}>
              {sumsLabel(r, t)}
              {' · '}
              {t('dispatchReview.card.figures', {
                plan: formatWan(r.sums.annualPlan),
                ytd: formatWan(r.sums.completedYtd),
                rate: rateText(r.sums.completionRate),
                month: props.month,
              })}
            </Typography.Text>
          );
        const row = r.row;
        return (
          <Card
            key={r.key}
            size="small"
            hoverable
            onClick={() => props.onOpen(row.projectId)}
            data-testid="dispatch-row-card"
          >
            <Flex justify="space-between" gap={8} align="start">
              <Typography.Text strong>{`${r.seq}. ${row.name}`}</Typography.Text>
              <ReviewStatusTag row={row} />
            </Flex>
            <Typography.Text type="secondary" style={small}>
              {t('dispatchReview.card.month', { amount: formatWan(row.completedThisMonth) })}
              {' · '}
              {t('dispatchReview.card.figures', {
                plan: formatWan(row.annualPlan),
                ytd: formatWan(row.completedYtd),
                rate: '',
                month: props.month,
              })}
              <PaceRate rate={row.completionRate} warning={row.paceWarning} />
            </Typography.Text>
            {row.progressText ? (
              <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ ...small, margin: '4px 0 0' }}>
                {row.progressText}
              </Typography.Paragraph>
            ) : null}
          </Card>
        );
      })}
    </Flex>
  );
}

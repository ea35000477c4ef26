import { useState } from 'react';
import { Alert, Button, Descriptions, Empty, Spin, Tag, Timeline, Typography } from 'antd';
import type { DispatchReportVersion } from '@guatu/contracts';
import { errorMessage } from '../../api/client.ts';
import { useDispatchReportVersions } from '../../api/dispatch-queries.ts';
import { dash, formatWan, showInstant } from '../../format.ts';
import { useT } from '../../i18n/index.tsx';

const statusColor = {
  draft: 'default',
  submitted: 'processing',
  accepted: 'success',
  returned: 'error',
} as const;

/** The fields of one kept version, as it was submitted or decided. */
function VersionFields({ v }: { v: DispatchReportVersion }) {
  const t = useT();
  const wan = (x: number | null) => (x === null ? dash : t('dispatchReview.wan', { value: formatWan(x) }));
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      style={{ marginTop: 8 }}
      items={[
        { key: 'c', label: t('dispatch.table.thisMonth'), children: wan(v.completedThisMonth) },
        { key: 'p', label: t('dispatch.table.progress'), children: v.progressText ?? dash },
        { key: 'w', label: t('dispatchReview.field.workers'), children: v.workersOnSite ?? dash },
        { key: 'f', label: t('dispatchReview.field.funds'), children: wan(v.fundsInPlace) },
        {
          key: 'pr',
          label: t('dispatch.table.problems'),
          children: v.problems.length
            ? v.problems.map((x, i) => <div key={i}>{`${i + 1}. ${x}`}</div>)
            : dash,
        },
        { key: 'n', label: t('dispatch.table.next'), children: v.nextMonthPlan ?? dash },
      ]}
    />
  );
}

/**
 * 历次版本: each submission, return and acceptance with who and when, oldest first; a version's
 * fields open under it (查看).
 */
export function ReviewReportVersions(props: { roundId: number; projectId: number }) {
  const t = useT();
  const versions = useDispatchReportVersions(props.roundId, props.projectId, true);
  const [open, setOpen] = useState<number | null>(null);
  if (versions.isLoading) return <Spin />;
  if (versions.error) return <Alert type="error" showIcon message={errorMessage(versions.error, t)} />;
  const items = versions.data?.items ?? [];
  if (items.length === 0) return <Empty description={t('dispatchReview.versions.empty')} />;
  return (
    <Timeline
      items={items.map((v) => ({
        key: v.version,
        color: v.status === 'returned' ? 'red' : v.status === 'accepted' ? 'green' : 'blue',
        content: (
          <div data-testid="review-version">
            <Typography.Text strong>{t('dispatchReview.versions.version', { n: v.version })}</Typography.Text>{' '}
            <Tag color={statusColor[v.status]}>{t(`dispatchReview.versions.status.${v.status}`)}</Tag>
            {v.late ? <Tag color="orange">{t('dispatchReview.late')}</Tag> : null}
            <div>
              <Typography.Text type="secondary">
                {t('dispatchReview.versions.by', { at: showInstant(v.at), by: v.byName ?? dash })}
              </Typography.Text>
            </div>
            {v.status === 'returned' && v.returnReason ? (
              <Typography.Text type="danger">
                {t('dispatchReview.versions.reason', { reason: v.returnReason })}
              </Typography.Text>
            ) : null}
            <div>
              <Button
                type="link"
                size="small"
                style={{ padding: 0 }}
                onClick={() => setOpen(open === v.version ? null : v.version)}
              >
                {open === v.version ? t('dispatchReview.versions.hide') : t('dispatchReview.versions.view')}
              </Button>
            </div>
            {open === v.version ? <VersionFields v={v} /> : null}
          </div>
        ),
      }))}
    />
  );
}

import { Alert, Descriptions, Drawer, Empty, Spin, Tag, Timeline, Typography } from 'antd';
import { errorMessage } from '../../api/client.ts';
import { useReportVersions } from '../../api/dispatch-report-queries.ts';
import { formatWan, showInstant } from '../../format.ts';
import { useT } from '../../i18n/index.tsx';
import { useIsMobile } from '../../components/use-mobile.ts';

const statusColor = {
  draft: 'default',
  submitted: 'processing',
  accepted: 'success',
  returned: 'error',
} as const;

/** 历史版本: every submission, acceptance and return of the report, newest first. */
export function ReportVersionsDrawer(props: {
  roundId: number;
  projectId: number;
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const mobile = useIsMobile();
  const versions = useReportVersions(props.roundId, props.projectId, props.open);
  const items = [...(versions.data?.items ?? [])].reverse();
  const wan = (v: number | null) => (v === null ? '—' : `${formatWan(v)} ${t('dispatchReport.unit.wan')}`);

  return (
    <Drawer
      title={t('dispatchReport.versions.title')}
      open={props.open}
      onClose={props.onClose}
      placement={mobile ? 'bottom' : 'right'}
      size={mobile ? '85%' : 480}
    >
      {versions.error ? <Alert type="error" showIcon title={errorMessage(versions.error, t)} /> : null}
      {versions.isLoading ? <Spin /> : null}
      {versions.data && items.length === 0 ? (
        <Empty description={t('dispatchReport.versions.empty')} />
      ) : null}
      <Timeline
        items={items.map((v) => ({
          key: v.version,
          color: v.status === 'returned' ? 'red' : v.status === 'accepted' ? 'green' : 'blue',
          content: (
            <div>
              <Typography.Text strong>
                {t('dispatchReport.versions.version', { n: v.version })}{' '}
                <Tag color={statusColor[v.status]}>{t(`dispatchReport.status.${v.status}`)}</Tag>
                {v.late ? <Tag color="warning">{t('dispatchReport.late')}</Tag> : null}
              </Typography.Text>
              <div>
                <Typography.Text type="secondary">
                  {showInstant(v.at)} {v.byName ?? ''}
                </Typography.Text>
              </div>
              {v.returnReason ? (
                <Typography.Text type="danger">
                  {t('dispatchReport.versions.reason', { reason: v.returnReason })}
                </Typography.Text>
              ) : null}
              <Descriptions
                size="small"
                column={1}
                style={{ marginTop: 8 }}
                items={[
                  {
                    key: 'c',
                    label: t('dispatchReport.field.completed'),
                    children: wan(v.completedThisMonth),
                  },
                  { key: 'f', label: t('dispatchReport.field.funds'), children: wan(v.fundsInPlace) },
                  {
                    key: 'w',
                    label: t('dispatchReport.field.workers'),
                    children: v.workersOnSite ?? '—',
                  },
                  { key: 'p', label: t('dispatchReport.field.progress'), children: v.progressText ?? '—' },
                  {
                    key: 'pr',
                    label: t('dispatchReport.field.problems'),
                    children: v.problems.length
                      ? v.problems.map((p, i) => <div key={i}>{`${i + 1}. ${p}`}</div>)
                      : '—',
                  },
                  { key: 'n', label: t('dispatchReport.field.next'), children: v.nextMonthPlan ?? '—' },
                ]}
              />
            </div>
          ),
        }))}
      />
    </Drawer>
  );
}

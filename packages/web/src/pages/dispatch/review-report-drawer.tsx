import { Alert, Descriptions, Divider, Drawer, Empty, Flex, Spin, Typography } from 'antd';
import type { DispatchReport, DispatchTableRow } from '@guatu/contracts';
import { stageTemplates, stageDisplayName } from '@guatu/domain/schedule/stage-templates';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { useDispatchReport } from '../../api/dispatch-queries.ts';
import { useIsMobile } from '../../components/use-mobile.ts';
import { dash, formatWan, showDate, showInstant } from '../../format.ts';
import { useI18n, type MessageKey, type Translate } from '../../i18n/index.tsx';
import { zhCN } from '../../i18n/zh-CN.ts';
import { ReviewDecision } from './review-decision.tsx';
import { photosOf, ReviewReportPhotos } from './review-report-photos.tsx';
import { ReviewReportVersions } from './review-report-versions.tsx';
import { ReviewStatusTag } from './review-table-columns.tsx';

/** Stage names by key across the built-in templates (a report names stages by key). */
const stageNames = new Map(
  Object.values(stageTemplates).flatMap((tpl) => tpl.stages.map((s) => [s.key, s] as const)),
);

function issueText(issue: DispatchReport['issues'][number], t: Translate): string {
  const key = `dispatch.issue.${issue.code}`;
  return Object.hasOwn(zhCN, key) ? t(key as MessageKey, issue.params) : (issue.message ?? issue.code);
}

/** Every field of the report as the task force sent it. */
function ReportFields({
  report,
  row,
  month,
}: {
  report: DispatchReport;
  row: DispatchTableRow;
  month: number;
}) {
  const { t, language } = useI18n();
  const wan = (x: number | null) => (x === null ? dash : t('dispatchReview.wan', { value: formatWan(x) }));
  const stats =
    report.statsIncluded === null
      ? dash
      : report.statsIncluded
        ? t('dispatchReview.stats.yes', { code: report.statsCode ?? dash, date: showDate(report.statsDate) })
        : t('common.no');
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      items={[
        { key: 'c', label: t('dispatch.table.thisMonth'), children: wan(report.completedThisMonth) },
        { key: 'y', label: t('dispatch.table.ytd', { month }), children: wan(row.completedYtd) },
        { key: 'p', label: t('dispatch.table.progress'), children: report.progressText ?? dash },
        { key: 's', label: t('dispatch.table.stage'), children: row.currentStage ?? dash },
        { key: 'w', label: t('dispatchReview.field.workers'), children: report.workersOnSite ?? dash },
        { key: 'f', label: t('dispatchReview.field.funds'), children: wan(report.fundsInPlace) },
        { key: 'st', label: t('dispatchReview.field.stats'), children: stats },
        {
          key: 'pr',
          label: t('dispatch.table.problems'),
          children: report.problems.length
            ? report.problems.map((x, i) => <div key={i}>{`${i + 1}. ${x}`}</div>)
            : dash,
        },
        { key: 'n', label: t('dispatch.table.next'), children: report.nextMonthPlan ?? dash },
        {
          key: 'su',
          label: t('dispatchReview.field.submittedAt'),
          children: report.submittedAt ? showInstant(report.submittedAt) : dash,
        },
        {
          key: 'stg',
          label: t('dispatchReview.field.stages'),
          children: report.stages.length
            ? report.stages.map((s) => {
                const def = stageNames.get(s.key);
                return (
                  <div key={s.key}>
                    {def ? stageDisplayName(def, language) : s.key}
                    {': '}
                    {t('dispatchReview.stageDates', {
                      start: showDate(s.actualStart),
                      finish: showDate(s.actualFinish),
                    })}
                  </div>
                );
              })
            : dash,
        },
      ]}
    />
  );
}

/**
 * A project's report in the round, opened from a row of the 调度表 (a full-screen drawer on a
 * phone): every field, the stage updates, the photos, the warnings the reporter confirmed, the
 * late mark, the versions, and for the round's admin 通过 / 退回.
 */
export function ReviewReportDrawer(props: {
  roundId: number;
  month: number;
  row: DispatchTableRow | null;
  canReview: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const mobile = useIsMobile();
  const { row } = props;
  const report = useDispatchReport(props.roundId, row?.projectId ?? null);
  const r = report.data;
  const canDecide = props.canReview && r?.status === 'submitted';

  return (
    <Drawer
      open={row !== null}
      onClose={props.onClose}
      rootClassName="review-report-drawer"
      size={mobile ? '100%' : 640}
      title={
        row ? (
          <Flex vertical gap={4}>
            <span>{row.name}</span>
            <Flex gap={8} align="center" wrap>
              <ReviewStatusTag row={row} />
              <Link to={`/projects/${row.projectId}`} style={{ fontSize: 13, fontWeight: 'normal' }}>
                {t('dispatchReview.drawer.project')}
              </Link>
            </Flex>
          </Flex>
        ) : null
      }
      footer={
        canDecide && row && r ? (
          <ReviewDecision roundId={props.roundId} projectName={row.name} report={r} />
        ) : null
      }
    >
      {report.isLoading ? <Spin /> : null}
      {report.error ? <Alert type="error" showIcon message={errorMessage(report.error, t)} /> : null}
      {row && report.data === null ? <Empty description={t('dispatchReview.drawer.noReport')} /> : null}
      {row && r ? (
        <Flex vertical gap={12} data-testid="review-report">
          {r.status === 'returned' && r.returnReason ? (
            <Alert
              type="error"
              showIcon
              message={t('dispatchReview.drawer.returned', { reason: r.returnReason })}
            />
          ) : null}
          {r.late ? <Alert type="warning" showIcon message={t('dispatchReview.drawer.late')} /> : null}
          {r.status === 'draft' ? (
            <Alert type="info" showIcon message={t('dispatchReview.drawer.draft')} />
          ) : null}
          <ReportFields report={r} row={row} month={props.month} />
          {r.issues.length > 0 ? (
            <>
              <Divider titlePlacement="start" style={{ margin: '4px 0' }}>
                {t('dispatchReview.drawer.issues')}
              </Divider>
              {r.issues.map((i, k) => (
                <Alert
                  key={k}
                  type={i.severity === 'error' ? 'error' : 'warning'}
                  showIcon
                  message={issueText(i, t)}
                />
              ))}
            </>
          ) : null}
          <Divider titlePlacement="start" style={{ margin: '4px 0' }}>
            {t('dispatchReview.drawer.photos')}
          </Divider>
          <ReviewReportPhotos photos={photosOf(r)} />
          <Divider titlePlacement="start" style={{ margin: '4px 0' }}>
            {t('dispatchReview.drawer.versions')}
          </Divider>
          <ReviewReportVersions roundId={props.roundId} projectId={row.projectId} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('dispatchReview.drawer.updated', { at: showInstant(r.updatedAt), version: r.version })}
          </Typography.Text>
        </Flex>
      ) : null}
    </Drawer>
  );
}

import { useEffect, useState } from 'react';
import { ArrowLeftOutlined, HistoryOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, Result, Spin, Tag, Typography } from 'antd';
import type { DispatchReport, DispatchRound, DispatchTableRow } from '@guatu/contracts';
import { shanghaiToday } from '@guatu/domain/dates';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { useDispatchReport, useReportPhotos, useReportSchedule } from '../../api/dispatch-report-queries.ts';
import { useDispatchTable } from '../../api/dispatch-queries.ts';
import { usePendingReports } from '../../offline/report-outbox.ts';
import { showInstant } from '../../format.ts';
import { useT } from '../../i18n/index.tsx';
import { Field, ReportMoneyFields, ReportProblems, ReportStatsFields } from './report-fields.tsx';
import { daysUntil } from './report-form-state.ts';
import { issueText } from './report-issues.ts';
import { ReportPhotos } from './report-photos.tsx';
import { ReportStages } from './report-stages.tsx';
import { DeadlineTag } from './report-deadline-tag.tsx';
import { ReportStatusTag } from './report-status-tag.tsx';
import { ReportVersionsDrawer } from './report-versions-drawer.tsx';
import { useReportEditor } from './report-editor.tsx';

/**
 * 填报 (issue 10, item 2): one project's report in a round, made for a phone at a building site
 * (375 px first, one column, large touch targets). Drafts save by themselves; every send goes
 * through the report outbox (offline/report-outbox.ts).
 */
export function ReportPage() {
  const t = useT();
  const params = useParams();
  const roundId = Number(params.roundId);
  const projectId = Number(params.projectId);
  const table = useDispatchTable(roundId);
  const report = useDispatchReport(roundId, projectId);
  const row = table.data?.rows.find((r) => r.projectId === projectId);
  const error = table.error ?? report.error;

  if (error) return <Alert type="error" showIcon title={errorMessage(error, t)} />;
  if (table.isLoading || report.isLoading || report.data === undefined || !table.data)
    return <Spin size="large" style={{ display: 'block', marginTop: '20vh' }} />;
  if (!row) return <Result status="404" title={t('dispatchReport.notInRound')} extra={<BackLink />} />;
  return <ReportEditor round={table.data.round} row={row} report={report.data} />;
}

function BackLink() {
  const t = useT();
  return (
    <Link to="/dispatch/my">
      <ArrowLeftOutlined /> {t('dispatchReport.back')}
    </Link>
  );
}

const section = { styles: { body: { padding: 16 } } } as const;

function ReportEditor(props: { round: DispatchRound; row: DispatchTableRow; report: DispatchReport | null }) {
  const t = useT();
  const { round, row } = props;
  const today = shanghaiToday(new Date());
  const editor = useReportEditor(props);
  const { form, set, state, editable, issues } = editor;
  const schedule = useReportSchedule(row.projectId);
  const photos = useReportPhotos(round.id, row.projectId, state.status !== null);
  const waiting = usePendingReports().filter(
    (p) => p.roundId === round.id && p.projectId === row.projectId && p.lastError === null,
  );
  const [versionsOpen, setVersionsOpen] = useState(false);
  const days = daysUntil(round.deadline, today);
  const month = Number(round.month.slice(5, 7));
  const fieldProps = { form, set, editable, issues, row, month: round.month };
  const unplaced = issues.filter(
    (i) =>
      !['completedThisMonth', 'fundsInPlace', 'workersOnSite'].includes(i.path) &&
      !i.path.startsWith('stages.'),
  );

  useEffect(() => {
    document.title = `${row.name} · ${t('dispatchReport.title')}`;
  }, [row.name, t]);

  return (
    <Flex vertical gap={12} style={{ maxWidth: 720, margin: '0 auto', paddingBottom: 88 }}>
      <Flex vertical gap={4}>
        <BackLink />
        <Typography.Title level={4} style={{ margin: 0 }}>
          {row.name}
        </Typography.Title>
        <Flex wrap gap={6} align="center">
          <Typography.Text type="secondary">
            {t('dispatchReport.roundLine', {
              year: round.month.slice(0, 4),
              month,
              deadline: round.deadline,
            })}
          </Typography.Text>
          <DeadlineTag days={days} open={round.status === 'open'} />
        </Flex>
        <Flex wrap gap={6} align="center">
          <ReportStatusTag status={state.status} />
          {state.late ? <Tag color="warning">{t('dispatchReport.late')}</Tag> : null}
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="report-save-state">
            {saveStateText(state.save, state.savedAt, t)}
          </Typography.Text>
          {state.status !== null && state.status !== 'draft' ? (
            <Button size="small" icon={<HistoryOutlined />} onClick={() => setVersionsOpen(true)}>
              {t('dispatchReport.versions.open')}
            </Button>
          ) : null}
        </Flex>
      </Flex>
      {state.status === 'returned' && state.returnReason ? (
        <Alert type="error" showIcon title={t('dispatchReport.returned')} description={state.returnReason} />
      ) : null}
      {waiting.length > 0 && state.save !== 'saving' ? (
        <Alert type="info" showIcon title={t('dispatchReport.waiting', { n: waiting.length })} />
      ) : null}
      {!editable && state.status === null && round.status === 'closed' ? (
        <Alert type="warning" showIcon title={t('dispatchReport.roundClosed')} />
      ) : null}
      {unplaced.map((i) => (
        <Alert
          key={i.code + i.path}
          type={i.severity === 'error' ? 'error' : 'warning'}
          title={issueText(i, t)}
        />
      ))}
      <Card title={t('dispatchReport.section.investment')} size="small" {...section}>
        <ReportMoneyFields {...fieldProps} />
      </Card>
      <Card title={t('dispatchReport.section.progress')} size="small" {...section}>
        <Flex vertical gap={16}>
          <Field label={t('dispatchReport.field.progress')} htmlFor="report-progress">
            <Input.TextArea
              id="report-progress"
              autoSize={{ minRows: 3, maxRows: 8 }}
              maxLength={2000}
              size="large"
              disabled={!editable}
              value={form.progressText}
              onChange={(e) => set({ progressText: e.target.value })}
            />
          </Field>
          <Typography.Text strong>{t('dispatchReport.section.stages')}</Typography.Text>
          {schedule.isLoading ? (
            <Spin />
          ) : (
            <ReportStages
              stages={schedule.data?.stages ?? []}
              entries={form.stages}
              editable={editable}
              today={today}
              issues={issues}
              onChange={(stages) => set({ stages })}
            />
          )}
        </Flex>
      </Card>
      <Card title={t('dispatchReport.section.photos')} size="small" {...section}>
        <ReportPhotos
          pending={editor.pendingPhotos}
          sent={photos.data ?? []}
          editable={editable}
          onAdd={editor.addPhotos}
          onRemovePending={editor.removePendingPhoto}
          onDeleteSent={editor.deleteSentPhoto}
        />
      </Card>
      <Card title={t('dispatchReport.section.stats')} size="small" {...section}>
        <ReportStatsFields {...fieldProps} />
      </Card>
      <Card title={t('dispatchReport.section.problems')} size="small" {...section}>
        <ReportProblems {...fieldProps} />
      </Card>
      <Card title={t('dispatchReport.section.next')} size="small" {...section}>
        <Input.TextArea
          aria-label={t('dispatchReport.field.next')}
          autoSize={{ minRows: 3, maxRows: 8 }}
          maxLength={2000}
          size="large"
          disabled={!editable}
          value={form.nextMonthPlan}
          onChange={(e) => set({ nextMonthPlan: e.target.value })}
        />
      </Card>
      {editable ? (
        <div
          style={{
            position: 'sticky',
            bottom: 0,
            zIndex: 5,
            background: '#fff',
            padding: '12px 0',
            boxShadow: '0 -6px 12px -8px rgba(0,0,0,0.2)',
          }}
        >
          <Flex gap={8}>
            <Button
              size="large"
              style={{ flex: 1 }}
              loading={state.save === 'saving'}
              onClick={editor.saveNow}
            >
              {t('dispatchReport.saveDraft')}
            </Button>
            <Button
              size="large"
              type="primary"
              style={{ flex: 2 }}
              loading={editor.submitting}
              onClick={() => void editor.submit(false)}
            >
              {state.status === 'returned' ? t('dispatchReport.resubmit') : t('dispatchReport.submit')}
            </Button>
          </Flex>
        </div>
      ) : null}
      <ReportVersionsDrawer
        roundId={round.id}
        projectId={row.projectId}
        open={versionsOpen}
        onClose={() => setVersionsOpen(false)}
      />
    </Flex>
  );
}

function saveStateText(
  save: 'idle' | 'dirty' | 'saving' | 'saved' | 'queued' | 'failed',
  savedAt: string | null,
  t: ReturnType<typeof useT>,
): string {
  if (save === 'saving') return t('dispatchReport.save.saving');
  if (save === 'dirty') return t('dispatchReport.save.dirty');
  if (save === 'queued') return t('dispatchReport.save.queued');
  if (save === 'failed') return t('dispatchReport.save.failed');
  if (save === 'saved' && savedAt)
    return t('dispatchReport.save.saved', { at: showInstant(savedAt).slice(11) });
  return '';
}

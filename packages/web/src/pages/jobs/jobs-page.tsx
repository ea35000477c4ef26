import { Alert, App, Button, Card, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import { PlayCircleOutlined } from '@ant-design/icons';
import type { JobInfo, JobRunDto } from '@guatu/contracts';
import { ApiError, errorMessage } from '../../api/client.ts';
import { useJobs, useRunJobNow } from '../../api/jobs-queries.ts';
import { ResultPage } from '../../components/result-page.tsx';
import { showInstant } from '../../format.ts';
import { useT } from '../../i18n/index.tsx';
import { jobLabel } from './notification-text.ts';

const POLL_SECONDS = 15;

function StatusTag({ status, error }: { status: JobInfo['lastStatus']; error?: string | null }) {
  const t = useT();
  if (status === null) return <Tag>{t('jobs.status.never')}</Tag>;
  const colour = status === 'ok' ? 'success' : status === 'failed' ? 'error' : 'processing';
  const tag = <Tag color={colour}>{t(`jobs.status.${status}`)}</Tag>;
  return error ? <Tooltip title={error}>{tag}</Tooltip> : tag;
}

function RecentRuns({ runs }: { runs: JobRunDto[] }) {
  const t = useT();
  if (runs.length === 0) return <Typography.Text type="secondary">{t('jobs.runs.none')}</Typography.Text>;
  return (
    <Table<JobRunDto>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={runs}
      columns={[
        { key: 'started', title: t('jobs.runs.started'), render: (_, r) => showInstant(r.startedAt) },
        { key: 'finished', title: t('jobs.runs.finished'), render: (_, r) => showInstant(r.finishedAt) },
        { key: 'attempt', title: t('jobs.runs.attempt'), dataIndex: 'attempt', width: 100 },
        { key: 'status', title: t('jobs.status'), render: (_, r) => <StatusTag status={r.status} /> },
        {
          key: 'result',
          title: t('jobs.runs.summary'),
          render: (_, r) =>
            r.error ? (
              <Typography.Text type="danger">{r.error}</Typography.Text>
            ) : r.summary ? (
              <Typography.Text code>{JSON.stringify(r.summary)}</Typography.Text>
            ) : (
              '—'
            ),
        },
      ]}
    />
  );
}

/** 系统管理 › 后台任务: every job with its last and next run, failures, recent runs and 立即运行. */
export function JobsPage() {
  const t = useT();
  const { message } = App.useApp();
  const jobs = useJobs();
  const run = useRunJobNow();

  if (jobs.error instanceof ApiError && jobs.error.status === 403) return <ResultPage status="403" />;

  const columns = [
    {
      key: 'name',
      title: t('jobs.name'),
      render: (_: unknown, j: JobInfo) => (
        <Flex vertical>
          <span>{jobLabel(t, j.name)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {j.name}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'schedule',
      title: t('jobs.schedule'),
      render: (_: unknown, j: JobInfo) =>
        j.schedule ? <Typography.Text code>{j.schedule}</Typography.Text> : t('jobs.schedule.manual'),
    },
    { key: 'last', title: t('jobs.lastRun'), render: (_: unknown, j: JobInfo) => showInstant(j.lastRunAt) },
    {
      key: 'next',
      title: t('jobs.nextRun'),
      render: (_: unknown, j: JobInfo) =>
        j.requestedAt ? <Tag color="blue">{t('jobs.queued')}</Tag> : showInstant(j.nextRunAt),
    },
    {
      key: 'status',
      title: t('jobs.status'),
      render: (_: unknown, j: JobInfo) => (
        <StatusTag status={j.running ? 'running' : j.lastStatus} error={j.lastError} />
      ),
    },
    {
      key: 'failures',
      title: t('jobs.failures'),
      render: (_: unknown, j: JobInfo) => (
        <Tooltip title={t('jobs.failures.tip', { n: j.failures, total: j.totalFailures })}>
          <Typography.Text type={j.failures > 0 ? 'danger' : undefined}>{j.failures}</Typography.Text>
        </Tooltip>
      ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_: unknown, j: JobInfo) => (
        <Button
          size="small"
          icon={<PlayCircleOutlined />}
          disabled={j.running || j.requestedAt !== null}
          loading={run.isPending && run.variables === j.name}
          onClick={() =>
            run.mutate(j.name, {
              onSuccess: () => void message.success(t('jobs.requested', { s: POLL_SECONDS })),
            })
          }
        >
          {t('jobs.runNow')}
        </Button>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('jobs.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('jobs.intro')}</Typography.Text>
      {jobs.error && <Alert type="error" showIcon title={errorMessage(jobs.error, t)} />}
      {run.error && <Alert type="error" showIcon title={errorMessage(run.error, t)} />}
      <Card size="small">
        <Table<JobInfo>
          rowKey="name"
          size="middle"
          columns={columns}
          dataSource={jobs.data?.items}
          loading={jobs.isLoading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          expandable={{ expandedRowRender: (j) => <RecentRuns runs={j.recentRuns} /> }}
        />
      </Card>
    </Flex>
  );
}

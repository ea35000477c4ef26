import { useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Flex,
  Input,
  Popconfirm,
  Radio,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { ImportCommitResult, ImportIssue, ImportPreview, ImportPreviewRow } from '@guatu/contracts';
import { ApiError, errorMessage, importIssueText } from '../../api/client.ts';
import { useCommitImport, useImportPreview } from '../../api/import-queries.ts';
import { useIsMobile } from '../../components/use-mobile.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { cellRef, diffLabel, diffValue, fieldLabel, statusColor, type RowStatus } from './import-labels.ts';
import { optionsOf, type ImportChoices } from './import-page.tsx';

type Props = {
  choices: ImportChoices;
  onChange: (c: ImportChoices) => void;
  onBack: () => void;
  onRestart: () => void;
  onCommitted: (r: ImportCommitResult) => void;
};

type Filter = 'all' | RowStatus;
/** Fields a new project needs: leaving their column out is no fix, the file must be corrected. */
const requiredFields = new Set<string>(['name', 'level', 'town', 'totalInvestment']);
const statuses: RowStatus[] = ['new', 'changed', 'unchanged', 'error'];
const skipReasonKey: Record<ImportPreview['skipped'][number]['reason'], MessageKey> = {
  blank: 'import.skip.blank',
  total: 'import.skip.total',
  section: 'import.skip.section',
  note: 'import.skip.note',
};

/** The counts of a preview as tags (新增 / 变更 / 无变化 / 错误 / 跳过 / 警告). */
export function CountTags({ counts }: { counts: ImportPreview['counts'] }) {
  const { t } = useI18n();
  return (
    <Flex gap={6} wrap data-testid="import-counts">
      <Tag>{t('import.count.rows', { n: counts.rows })}</Tag>
      <Tag color="green">{t('import.count.new', { n: counts.new })}</Tag>
      <Tag color="blue">{t('import.count.changed', { n: counts.changed })}</Tag>
      <Tag>{t('import.count.unchanged', { n: counts.unchanged })}</Tag>
      <Tag color={counts.error ? 'red' : 'default'}>{t('import.count.error', { n: counts.error })}</Tag>
      <Tag>{t('import.count.skipped', { n: counts.skipped })}</Tag>
      {counts.warnings > 0 && <Tag color="orange">{t('import.count.warnings', { n: counts.warnings })}</Tag>}
    </Flex>
  );
}

/** Step 3: what the import would do, row by row, with every error's cell; then commit. */
export function PreviewStep({ choices, onChange, onBack, onRestart, onCommitted }: Props) {
  const { t, language } = useI18n();
  const mobile = useIsMobile();
  const [filter, setFilter] = useState<Filter>('all');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [tab, setTab] = useState('rows');
  const [saveAs, setSaveAs] = useState(false);
  const [templateName, setTemplateName] = useState('');
  const commit = useCommitImport(choices.upload.uploadId);

  const options = useMemo(() => optionsOf(choices), [choices]);
  const preview = useImportPreview(
    choices.upload.uploadId,
    {
      ...options,
      ...(filter === 'all' ? {} : { status: [filter] }),
      offset: (page - 1) * pageSize,
      limit: pageSize,
    },
    true,
  );
  const data = preview.data;
  const counts = data?.counts;

  const columnOf = (letter: string | null) =>
    letter === null ? undefined : choices.detection.columns.find((c) => c.letter === letter);
  const unmap = (letter: string | null) => {
    const col = columnOf(letter);
    if (!col) return;
    onChange({ ...choices, fields: { ...choices.fields, [col.index]: null } });
    setPage(1);
  };
  const statusLabel = (s: RowStatus) => t(`import.status.${s}`);
  const filtered = (f: Filter) => {
    setFilter(f);
    setPage(1);
  };

  const issueLine = (i: ImportIssue) => (
    <div key={`${i.row}-${i.column}-${i.code}`}>
      <Tag color={i.severity === 'error' ? 'red' : 'orange'} style={{ fontFamily: 'monospace' }}>
        {cellRef(i)}
      </Tag>
      <Typography.Text type={i.severity === 'error' ? 'danger' : 'warning'}>
        {importIssueText(i, t)}
      </Typography.Text>
    </div>
  );

  const details = (r: ImportPreviewRow) => (
    <Flex vertical gap={2}>
      {r.diff.length > 0 && r.status !== 'new' && (
        <div data-testid="import-diff">
          {r.diff.map((d) => (
            <div key={d.field}>
              <Typography.Text type="secondary">{diffLabel(d, language, t)}：</Typography.Text>
              <Typography.Text delete type="secondary">
                {diffValue(d.field, d.before, t)}
              </Typography.Text>
              {' → '}
              <Typography.Text strong>{diffValue(d.field, d.after, t)}</Typography.Text>
            </div>
          ))}
        </div>
      )}
      {r.status === 'new' && r.issues.length === 0 && (
        <Typography.Text type="secondary">{t('import.preview.newProject')}</Typography.Text>
      )}
      {r.status === 'unchanged' && r.issues.length === 0 && (
        <Typography.Text type="secondary">{t('import.preview.sameAsLedger')}</Typography.Text>
      )}
      {r.issues.map(issueLine)}
    </Flex>
  );

  const rowColumns = [
    {
      key: 'row',
      title: t('import.preview.row'),
      width: 64,
      render: (_: unknown, r: ImportPreviewRow) => r.row,
    },
    {
      key: 'status',
      title: t('import.preview.status'),
      width: 90,
      render: (_: unknown, r: ImportPreviewRow) => (
        <Tag color={statusColor[r.status]}>{statusLabel(r.status)}</Tag>
      ),
    },
    {
      key: 'name',
      title: t('project.name'),
      width: mobile ? undefined : 260,
      render: (_: unknown, r: ImportPreviewRow) => (
        <Flex vertical>
          <Typography.Text>{r.name ?? '—'}</Typography.Text>
          {r.code && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.code}
            </Typography.Text>
          )}
          {mobile && <div style={{ marginTop: 4 }}>{details(r)}</div>}
        </Flex>
      ),
    },
    ...(mobile
      ? []
      : [
          {
            key: 'details',
            title: t('import.preview.details'),
            render: (_: unknown, r: ImportPreviewRow) => details(r),
          },
        ]),
  ];

  const unmapButton = (i: ImportIssue) => {
    const col = columnOf(i.column);
    const field = col ? choices.fields[col.index] : null;
    if (!col || !field || requiredFields.has(field)) return null;
    return (
      <Button size="small" type="link" style={{ padding: 0 }} onClick={() => unmap(i.column)}>
        {t('import.preview.unmap', { column: col.letter })}
      </Button>
    );
  };
  const severityTag = (i: ImportIssue) => (
    <Tag color={i.severity === 'error' ? 'red' : 'orange'}>{t(`import.severity.${i.severity}`)}</Tag>
  );

  const mobileIssueColumns = [
    {
      key: 'issue',
      title: t('import.preview.issuesTab'),
      render: (_: unknown, i: ImportIssue) => (
        <Flex vertical gap={2}>
          <span>
            <Typography.Text code>{cellRef(i)}</Typography.Text> {severityTag(i)}
            {i.field && (
              <Typography.Text type="secondary">{fieldLabel(i.field, language, t)}</Typography.Text>
            )}
          </span>
          <Typography.Text>{importIssueText(i, t)}</Typography.Text>
          {unmapButton(i)}
        </Flex>
      ),
    },
  ];

  const issueColumns = [
    {
      key: 'cell',
      title: t('import.preview.cell'),
      width: 160,
      render: (_: unknown, i: ImportIssue) => (
        <Typography.Text code copyable={{ text: cellRef(i) }}>
          {cellRef(i)}
        </Typography.Text>
      ),
    },
    {
      key: 'severity',
      title: t('import.preview.severity'),
      width: 80,
      render: (_: unknown, i: ImportIssue) => severityTag(i),
    },
    {
      key: 'field',
      title: t('import.mapping.field'),
      width: 120,
      render: (_: unknown, i: ImportIssue) => (i.field ? fieldLabel(i.field, language, t) : '—'),
    },
    {
      key: 'message',
      title: t('import.preview.reason'),
      render: (_: unknown, i: ImportIssue) => importIssueText(i, t),
    },
    {
      key: 'action',
      title: t('common.actions'),
      width: 120,
      render: (_: unknown, i: ImportIssue) => unmapButton(i),
    },
  ];

  const skipped = data?.skipped ?? [];
  const issues = data?.issues ?? [];
  const errors = counts?.error ?? 0;
  const writes = (counts?.new ?? 0) + (counts?.changed ?? 0);
  const commitError = commit.error;

  const doCommit = () => {
    commit.reset();
    commit.mutate(
      { ...options, ...(saveAs && templateName.trim() ? { saveTemplate: templateName.trim() } : {}) },
      { onSuccess: onCommitted },
    );
  };

  if (preview.isError && !data) {
    return (
      <Card>
        <Alert
          type="error"
          showIcon
          title={t('import.preview.failed')}
          description={errorMessage(preview.error, t)}
        />
        <Flex gap={8} style={{ marginTop: 16 }}>
          <Button onClick={onBack}>{t('import.back.mapping')}</Button>
          <Button onClick={onRestart}>{t('import.reupload')}</Button>
        </Flex>
      </Card>
    );
  }

  const filterCount = (f: Filter) => (f === 'all' ? (counts?.rows ?? 0) : (counts?.[f] ?? 0));
  return (
    <Flex vertical gap={16}>
      <Card size={mobile ? 'small' : 'default'} loading={!data}>
        {counts && (
          <Flex vertical gap={12}>
            <Flex justify="space-between" wrap gap={8} align="center">
              <Typography.Text strong>
                {t('import.preview.summary', { sheet: choices.sheet, year: data.year })}
              </Typography.Text>
              <CountTags counts={counts} />
            </Flex>
            {preview.isError && (
              <Alert
                type="error"
                showIcon
                title={t('import.preview.failed')}
                description={errorMessage(preview.error, t)}
              />
            )}
            {errors > 0 ? (
              <Alert
                type="error"
                showIcon
                title={t('import.preview.hasErrors', { n: errors })}
                description={t('import.preview.hasErrorsHint')}
                data-testid="import-errors-alert"
              />
            ) : (
              <Alert
                type="success"
                showIcon
                title={t('import.preview.ready', { new: counts.new, changed: counts.changed })}
              />
            )}
          </Flex>
        )}
      </Card>

      <Card size={mobile ? 'small' : 'default'} styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'rows',
              label: t('import.preview.rowsTab'),
              children: (
                <>
                  <Radio.Group
                    size="small"
                    value={filter}
                    onChange={(e) => filtered(e.target.value as Filter)}
                    optionType="button"
                    style={{ marginBottom: 12, display: 'flex', flexWrap: 'wrap', rowGap: 6 }}
                    aria-label={t('import.preview.status')}
                    options={(['all', ...statuses] as Filter[]).map((f) => ({
                      value: f,
                      label: `${f === 'all' ? t('common.all') : statusLabel(f)} ${filterCount(f)}`,
                    }))}
                  />
                  <Table<ImportPreviewRow>
                    rowKey="row"
                    size="small"
                    loading={preview.isFetching}
                    columns={rowColumns}
                    dataSource={data?.rows ?? []}
                    data-testid="import-preview-rows"
                    scroll={mobile ? undefined : { x: 760 }}
                    pagination={{
                      current: page,
                      pageSize,
                      total: filterCount(filter),
                      showSizeChanger: !mobile,
                      size: 'small',
                      onChange: (p, s) => {
                        setPage(s !== pageSize ? 1 : p);
                        setPageSize(s);
                      },
                    }}
                  />
                </>
              ),
            },
            {
              key: 'issues',
              label: (
                <span>
                  {t('import.preview.issuesTab')}{' '}
                  <Tag
                    color={errors ? 'red' : issues.length ? 'orange' : 'default'}
                    style={{ marginInlineEnd: 0 }}
                  >
                    {issues.length}
                  </Tag>
                </span>
              ),
              children: (
                <Table<ImportIssue>
                  rowKey={(i) => `${i.row}-${i.column ?? ''}-${i.code}-${i.field ?? ''}`}
                  size="small"
                  columns={mobile ? mobileIssueColumns : issueColumns}
                  dataSource={issues}
                  data-testid="import-issues"
                  scroll={mobile ? undefined : { x: 700 }}
                  pagination={issues.length > 50 ? { pageSize: 50, size: 'small' } : false}
                  locale={{ emptyText: t('import.preview.noIssues') }}
                />
              ),
            },
            {
              key: 'skipped',
              label: t('import.preview.skippedTab', { n: skipped.length }),
              children: (
                <Table
                  rowKey="row"
                  size="small"
                  dataSource={skipped}
                  data-testid="import-skipped"
                  pagination={skipped.length > 50 ? { pageSize: 50, size: 'small' } : false}
                  locale={{ emptyText: t('import.preview.noSkipped') }}
                  columns={[
                    { key: 'row', title: t('import.preview.row'), width: 64, dataIndex: 'row' },
                    {
                      key: 'reason',
                      title: t('import.preview.reason'),
                      width: 140,
                      render: (_: unknown, s: (typeof skipped)[number]) => (
                        <Tag>{t(skipReasonKey[s.reason])}</Tag>
                      ),
                    },
                    {
                      key: 'text',
                      title: t('import.preview.text'),
                      render: (_: unknown, s: (typeof skipped)[number]) => s.text ?? '—',
                    },
                  ]}
                />
              ),
            },
          ]}
        />
      </Card>

      {commitError && (
        <Alert
          type="error"
          showIcon
          title={
            commitError instanceof ApiError && commitError.code === 'import_has_errors'
              ? t('import.commit.nothingWritten')
              : t('import.commit.failed')
          }
          description={errorMessage(commitError, t)}
          data-testid="import-commit-error"
        />
      )}

      <Flex gap={8} wrap justify="space-between" align="center">
        <Flex gap={8} wrap>
          <Button onClick={onBack}>{t('import.back.mapping')}</Button>
          <Button onClick={onRestart}>{t('import.reupload')}</Button>
        </Flex>
        <Flex gap={8} wrap align="center">
          <Checkbox checked={saveAs} onChange={(e) => setSaveAs(e.target.checked)}>
            {t('import.template.saveOnCommit')}
          </Checkbox>
          {saveAs && (
            <Input
              aria-label={t('import.template.name')}
              placeholder={t('import.template.name')}
              value={templateName}
              maxLength={100}
              onChange={(e) => setTemplateName(e.target.value)}
              style={{ width: mobile ? 160 : 200 }}
            />
          )}
          <Popconfirm
            title={t('import.commit.confirm', { new: counts?.new ?? 0, changed: counts?.changed ?? 0 })}
            description={t('import.commit.confirmHint')}
            onConfirm={doCommit}
            disabled={!counts || errors > 0 || writes === 0 || preview.isFetching}
          >
            <Button
              type="primary"
              loading={commit.isPending}
              disabled={
                !counts ||
                errors > 0 ||
                writes === 0 ||
                preview.isFetching ||
                (saveAs && !templateName.trim())
              }
            >
              {t('import.commit.button')}
            </Button>
          </Popconfirm>
        </Flex>
      </Flex>
    </Flex>
  );
}

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
import type { ImportCommitResult, ImportIssue, ImportPreviewRow } from '@guatu/contracts';
import { ApiError, errorMessage, importIssueText } from '../../api/client.ts';
import { useCommitImport, useImportPreview } from '../../api/import-queries.ts';
import { useIsMobile } from '../../components/use-mobile.ts';
import { useI18n } from '../../i18n/index.tsx';
import { cellRef, diffLabel, diffValue, statusColor, type RowStatus } from './import-labels.ts';
import { optionsOf, type ImportChoices } from './import-page.tsx';
import { needsConfirmation, PreviewCreate, type NearChoice } from './preview-create.tsx';
import { IssuesTable, SkippedTable } from './preview-issues.tsx';
import { CountTags } from './preview-summary.tsx';

export { CountTags };

type Props = {
  choices: ImportChoices;
  onChange: (c: ImportChoices) => void;
  onBack: () => void;
  onRestart: () => void;
  onCommitted: (r: ImportCommitResult) => void;
};

type Filter = 'all' | RowStatus;
const statuses: RowStatus[] = ['new', 'changed', 'unchanged', 'error'];

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
  // The first import: the jurisdiction confirmed (an empty system) and the answers to near names.
  const [confirmed, setConfirmed] = useState(false);
  const [nearChoices, setNearChoices] = useState<NearChoice[]>([]);
  const choose = (c: NearChoice) =>
    setNearChoices((list) => [...list.filter((x) => x.kind !== c.kind || x.name !== c.name), c]);

  const options = useMemo(
    () => ({ ...optionsOf(choices), ...(nearChoices.length > 0 ? { nearChoices } : {}) }),
    [choices, nearChoices],
  );
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

  const skipped = data?.skipped ?? [];
  const issues = data?.issues ?? [];
  const errors = counts?.error ?? 0;
  const writes = (counts?.new ?? 0) + (counts?.changed ?? 0);
  const commitError = commit.error;
  const unconfirmed = needsConfirmation(data, confirmed);

  const doCommit = () => {
    commit.reset();
    commit.mutate(
      {
        ...options,
        ...(data?.jurisdiction?.setUp && confirmed ? { division: data.jurisdiction.code } : {}),
        ...(saveAs && templateName.trim() ? { saveTemplate: templateName.trim() } : {}),
      },
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
            <PreviewCreate preview={data} confirmed={confirmed} onConfirm={setConfirmed} onChoose={choose} />
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
                <IssuesTable
                  issues={issues}
                  mobile={mobile}
                  mappedField={(letter) => {
                    const col = columnOf(letter);
                    return col ? (choices.fields[col.index] ?? null) : null;
                  }}
                  onUnmap={unmap}
                />
              ),
            },
            {
              key: 'skipped',
              label: t('import.preview.skippedTab', { n: skipped.length }),
              children: <SkippedTable skipped={skipped} />,
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
            disabled={!counts || errors > 0 || writes === 0 || preview.isFetching || unconfirmed}
          >
            <Button
              type="primary"
              loading={commit.isPending}
              disabled={
                !counts ||
                errors > 0 ||
                writes === 0 ||
                preview.isFetching ||
                unconfirmed ||
                (saveAs && !templateName.trim())
              }
              title={unconfirmed ? t('firstImport.confirmFirst') : undefined}
            >
              {t('import.commit.button')}
            </Button>
          </Popconfirm>
        </Flex>
      </Flex>
    </Flex>
  );
}

import { Button, Flex, Table, Tag, Typography } from 'antd';
import type { ImportIssue, ImportPreview } from '@guatu/contracts';
import { importIssueText } from '../../api/client.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { cellRef, fieldLabel } from './import-labels.ts';

/** Fields a new project needs: leaving their column out is no fix, the file must be corrected. */
const requiredFields = new Set<string>(['name', 'level', 'town', 'totalInvestment']);
const skipReasonKey: Record<ImportPreview['skipped'][number]['reason'], MessageKey> = {
  blank: 'import.skip.blank',
  total: 'import.skip.total',
  section: 'import.skip.section',
  note: 'import.skip.note',
};

type IssuesProps = {
  issues: ImportIssue[];
  mobile: boolean;
  /** The field a column letter is mapped to now, and its index (null: not mapped). */
  mappedField: (letter: string | null) => string | null;
  onUnmap: (letter: string | null) => void;
};

/** Every error and warning with its cell; an optional column's problem offers to leave the column out. */
export function IssuesTable({ issues, mobile, mappedField, onUnmap }: IssuesProps) {
  const { t, language } = useI18n();
  const unmapButton = (i: ImportIssue) => {
    const field = mappedField(i.column);
    if (!field || requiredFields.has(field)) return null;
    return (
      <Button size="small" type="link" style={{ padding: 0 }} onClick={() => onUnmap(i.column)}>
        {t('import.preview.unmap', { column: i.column ?? '' })}
      </Button>
    );
  };
  const severityTag = (i: ImportIssue) => (
    <Tag color={i.severity === 'error' ? 'red' : 'orange'}>{t(`import.severity.${i.severity}`)}</Tag>
  );
  const mobileColumns = [
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
  const columns = [
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
  return (
    <Table<ImportIssue>
      rowKey={(i) => `${i.row}-${i.column ?? ''}-${i.code}-${i.field ?? ''}`}
      size="small"
      columns={mobile ? mobileColumns : columns}
      dataSource={issues}
      data-testid="import-issues"
      scroll={mobile ? undefined : { x: 700 }}
      pagination={issues.length > 50 ? { pageSize: 50, size: 'small' } : false}
      locale={{ emptyText: t('import.preview.noIssues') }}
    />
  );
}

/** The rows left out (blank, 合计, section and note rows) with their text. */
export function SkippedTable({ skipped }: { skipped: ImportPreview['skipped'] }) {
  const { t } = useI18n();
  return (
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
          render: (_: unknown, s: (typeof skipped)[number]) => <Tag>{t(skipReasonKey[s.reason])}</Tag>,
        },
        {
          key: 'text',
          title: t('import.preview.text'),
          render: (_: unknown, s: (typeof skipped)[number]) => s.text ?? '—',
        },
      ]}
    />
  );
}

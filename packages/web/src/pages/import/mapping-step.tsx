import { useMemo, useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Flex,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import type { ImportColumn, ImportTemplate } from '@guatu/contracts';
import { importFieldLabels, normaliseLabel, type ImportField } from '@guatu/domain/ledger-import/fields';
import { errorMessage } from '../../api/client.ts';
import {
  previewImport,
  useDeleteImportTemplate,
  useImportTemplates,
  useSaveImportTemplate,
} from '../../api/import-queries.ts';
import { useIsMobile } from '../../components/use-mobile.ts';
import { useI18n } from '../../i18n/index.tsx';
import { fieldLabel, fieldOptions } from './import-labels.ts';
import { choicesFromDetection, type FieldChoice, type ImportChoices } from './import-page.tsx';

const NONE = '';

type Props = {
  choices: ImportChoices;
  onChange: (c: ImportChoices) => void;
  onBack: () => void;
  onNext: () => void;
};

/** The fields mapped by more than one column. */
export function duplicatedFields(fields: FieldChoice): Set<ImportField> {
  const seen = new Set<ImportField>();
  const twice = new Set<ImportField>();
  for (const f of Object.values(fields)) {
    if (!f) continue;
    if (seen.has(f)) twice.add(f);
    seen.add(f);
  }
  return twice;
}

function applyTemplate(columns: ImportColumn[], template: ImportTemplate): FieldChoice {
  const byLabel = new Map(template.columns.map((c) => [normaliseLabel(c.label), c.field]));
  return Object.fromEntries(
    columns.map((c) => {
      const hit = byLabel.get(normaliseLabel(c.label));
      return [c.index, hit !== undefined ? hit : c.suggested];
    }),
  );
}

const unitLabel = { yuan: '元', wan: '万元', yi: '亿元' } as const;

/** Step 2: the sheet, the year, and each column's ledger field (confirm or correct; templates). */
export function MappingStep({ choices, onChange, onBack, onNext }: Props) {
  const { t, language } = useI18n();
  const { message } = AntApp.useApp();
  const mobile = useIsMobile();
  const templates = useImportTemplates();
  const saveTemplate = useSaveImportTemplate();
  const deleteTemplate = useDeleteImportTemplate();
  const [switching, setSwitching] = useState(false);
  const [sheetError, setSheetError] = useState<string | null>(null);
  const [templateName, setTemplateName] = useState('');

  const { upload, detection, fields } = choices;
  const templateList = templates.data?.items ?? upload.templates;
  const twice = useMemo(() => duplicatedFields(fields), [fields]);
  const hasName = Object.values(fields).includes('name');
  const options = useMemo(
    () => [{ value: NONE, label: t('import.mapping.skip') }, ...fieldOptions(language, t)],
    [language, t],
  );

  const setField = (index: number, field: ImportField | null) =>
    onChange({ ...choices, fields: { ...fields, [index]: field } });

  const chooseSheet = (sheet: string) => {
    setSwitching(true);
    setSheetError(null);
    previewImport(upload.uploadId, { sheet, offset: 0, limit: 1 })
      .then((p) =>
        onChange({
          ...choices,
          sheet,
          detection: p.detection,
          fields: choicesFromDetection(p.detection),
          templateId: p.detection.templateId,
          year: choices.year ?? p.detection.detectedYear,
        }),
      )
      .catch((e: unknown) => setSheetError(errorMessage(e, t)))
      .finally(() => setSwitching(false));
  };

  const chooseTemplate = (id: number | undefined) => {
    const template = templateList.find((x) => x.id === id);
    if (!template) {
      onChange({ ...choices, templateId: null, fields: choicesFromDetection(detection) });
      return;
    }
    onChange({ ...choices, templateId: template.id, fields: applyTemplate(detection.columns, template) });
  };

  const save = () => {
    const name = templateName.trim();
    if (!name) return;
    saveTemplate.mutate(
      {
        name,
        columns: detection.columns
          .filter((c) => c.label.trim() !== '')
          .map((c) => ({ label: c.label, field: fields[c.index] ?? null })),
      },
      {
        onSuccess: (tpl) => {
          message.success(t('import.template.saved', { name: tpl.name }));
          setTemplateName('');
          onChange({ ...choices, templateId: tpl.id });
        },
        onError: (e) => message.error(errorMessage(e, t)),
      },
    );
  };

  const remove = (id: number) =>
    deleteTemplate.mutate(id, {
      onSuccess: () => {
        if (choices.templateId === id) onChange({ ...choices, templateId: null });
      },
      onError: (e) => message.error(errorMessage(e, t)),
    });

  const fieldSelect = (c: ImportColumn) => {
    const value = fields[c.index] ?? null;
    const duplicate = value !== null && twice.has(value);
    return (
      <Select
        aria-label={t('import.mapping.fieldOf', { column: c.letter, label: c.label || c.letter })}
        data-testid={`import-field-${c.letter}`}
        style={{ width: '100%', minWidth: 150 }}
        value={value ?? NONE}
        options={options}
        status={duplicate ? 'error' : undefined}
        showSearch={{ optionFilterProp: 'label' }}
        onChange={(v: string) => setField(c.index, v === NONE ? null : (v as ImportField))}
        popupMatchSelectWidth={false}
      />
    );
  };

  const badges = (c: ImportColumn) => {
    const value = fields[c.index] ?? null;
    const out = [];
    if (value !== null && twice.has(value))
      out.push(
        <Tag key="dup" color="red">
          {t('import.mapping.duplicate')}
        </Tag>,
      );
    if (value !== c.suggested)
      out.push(
        <Tag key="changed" color="blue">
          {c.suggested === null ? t('import.mapping.manual') : t('import.mapping.changed')}
        </Tag>,
      );
    else if (value === null && c.label.trim() !== '')
      out.push(<Tag key="unknown">{t('import.mapping.unknown')}</Tag>);
    if (value !== null && (value === 'totalInvestment' || value === 'annualPlan'))
      out.push(
        <Tag key="unit" color="gold">
          {unitLabel[c.unit ?? detection.unit ?? 'wan']}
        </Tag>,
      );
    return out;
  };

  const samples = (c: ImportColumn) =>
    c.samples.length ? (
      <Typography.Text
        type="secondary"
        ellipsis={{ tooltip: c.samples.join(' | ') }}
        style={{ maxWidth: 260 }}
      >
        {c.samples.join(' | ')}
      </Typography.Text>
    ) : (
      <Typography.Text type="secondary">—</Typography.Text>
    );

  const columns = mobile
    ? [
        {
          key: 'column',
          title: t('import.mapping.header'),
          render: (_: unknown, c: ImportColumn) => (
            <Flex vertical gap={4}>
              <span>
                <Tag>{c.letter}</Tag>
                <Typography.Text strong>{c.label || '—'}</Typography.Text> {badges(c)}
              </span>
              {samples(c)}
              {fieldSelect(c)}
            </Flex>
          ),
        },
      ]
    : [
        {
          key: 'letter',
          title: t('import.mapping.column'),
          width: 64,
          render: (_: unknown, c: ImportColumn) => <Tag>{c.letter}</Tag>,
        },
        {
          key: 'label',
          title: t('import.mapping.header'),
          width: 220,
          render: (_: unknown, c: ImportColumn) => <Typography.Text strong>{c.label || '—'}</Typography.Text>,
        },
        {
          key: 'samples',
          title: t('import.mapping.samples'),
          render: (_: unknown, c: ImportColumn) => samples(c),
        },
        {
          key: 'field',
          title: t('import.mapping.field'),
          width: 220,
          render: (_: unknown, c: ImportColumn) => fieldSelect(c),
        },
        { key: 'badges', title: '', width: 150, render: (_: unknown, c: ImportColumn) => badges(c) },
      ];

  const sheetOptions = upload.sheets.map((s) => ({
    value: s.name,
    label: s.headerFound
      ? t('import.mapping.sheetRows', { name: s.name, rows: s.rows })
      : t('import.mapping.sheetNoHeader', { name: s.name }),
  }));
  const headerRows = detection.headerRows;
  const problems: string[] = [];
  if (!hasName) problems.push(t('import.mapping.needName', { field: importFieldLabels.name }));
  for (const f of twice) problems.push(t('import.mapping.twice', { field: fieldLabel(f, language, t) }));

  return (
    <Flex vertical gap={16}>
      <Card size={mobile ? 'small' : 'default'}>
        <Flex gap={16} wrap align="end">
          <label>
            <div style={{ marginBottom: 4 }}>{t('import.mapping.sheet')}</div>
            <Select
              aria-label={t('import.mapping.sheet')}
              style={{ width: mobile ? '100%' : 260, minWidth: 200 }}
              value={choices.sheet}
              options={sheetOptions}
              loading={switching}
              disabled={upload.sheets.length < 2 || switching}
              onChange={chooseSheet}
            />
          </label>
          <label>
            <div style={{ marginBottom: 4 }}>{t('import.mapping.year')}</div>
            <InputNumber
              aria-label={t('import.mapping.year')}
              style={{ width: 120 }}
              min={2000}
              max={2100}
              precision={0}
              value={choices.year}
              onChange={(y) => onChange({ ...choices, year: typeof y === 'number' ? y : null })}
            />
          </label>
          <label>
            <div style={{ marginBottom: 4 }}>{t('import.template.use')}</div>
            <Space.Compact>
              <Select
                aria-label={t('import.template.use')}
                allowClear
                placeholder={t('import.template.none')}
                style={{ width: mobile ? 200 : 220 }}
                value={choices.templateId ?? undefined}
                options={templateList.map((x) => ({ value: x.id, label: x.name }))}
                onChange={chooseTemplate}
                notFoundContent={t('import.template.empty')}
              />
              {choices.templateId !== null && (
                <Popconfirm
                  title={t('import.template.deleteConfirm')}
                  onConfirm={() => remove(choices.templateId!)}
                >
                  <Button icon={<DeleteOutlined />} aria-label={t('import.template.delete')} />
                </Popconfirm>
              )}
            </Space.Compact>
          </label>
        </Flex>
        {sheetError && <Alert type="error" showIcon title={sheetError} style={{ marginTop: 12 }} />}
        <Descriptions
          size="small"
          column={mobile ? 1 : 4}
          style={{ marginTop: 16 }}
          items={[
            { key: 'title', label: t('import.mapping.titleLine'), children: detection.title ?? '—' },
            {
              key: 'header',
              label: t('import.mapping.headerRows'),
              children: headerRows.length
                ? t('import.mapping.headerRowsValue', {
                    rows:
                      headerRows.length > 1 ? `${headerRows[0]}–${headerRows.at(-1)}` : `${headerRows[0]}`,
                  })
                : '—',
            },
            {
              key: 'unit',
              label: t('import.mapping.unit'),
              children: detection.unit ? unitLabel[detection.unit] : t('import.mapping.unitDefault'),
            },
            {
              key: 'year',
              label: t('import.mapping.detectedYear'),
              children: detection.detectedYear ?? '—',
            },
          ]}
        />
      </Card>

      <Card
        size={mobile ? 'small' : 'default'}
        title={t('import.mapping.title')}
        extra={
          mobile ? undefined : <Typography.Text type="secondary">{t('import.mapping.hint')}</Typography.Text>
        }
        styles={{ body: { padding: mobile ? 0 : undefined } }}
      >
        <Table<ImportColumn>
          rowKey="index"
          size="small"
          pagination={false}
          columns={columns}
          dataSource={detection.columns}
          data-testid="import-mapping"
          scroll={mobile ? undefined : { x: 760 }}
        />
      </Card>

      {problems.length > 0 && (
        <Alert type="error" showIcon title={t('import.mapping.problems')} description={problems.join('；')} />
      )}

      <Flex gap={8} wrap justify="space-between" align="center">
        <Button onClick={onBack}>{t('import.reupload')}</Button>
        <Flex gap={8} wrap>
          <Space.Compact>
            <Input
              aria-label={t('import.template.name')}
              placeholder={t('import.template.name')}
              value={templateName}
              maxLength={100}
              onChange={(e) => setTemplateName(e.target.value)}
              style={{ width: mobile ? 150 : 200 }}
            />
            <Button
              icon={<SaveOutlined />}
              disabled={!templateName.trim() || problems.length > 0}
              loading={saveTemplate.isPending}
              onClick={save}
            >
              {t('import.template.save')}
            </Button>
          </Space.Compact>
          <Button type="primary" disabled={problems.length > 0 || switching} onClick={onNext}>
            {t('import.next.preview')}
          </Button>
        </Flex>
      </Flex>
    </Flex>
  );
}

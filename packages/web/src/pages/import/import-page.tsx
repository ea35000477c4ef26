import { useState } from 'react';
import { Button, Card, Flex, Steps, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { normaliseLabel, type ImportField } from '@guatu/domain/ledger-import/fields';
import type { ImportCommitResult, ImportDetection, ImportOptions, ImportUpload } from '@guatu/contracts';
import { useYears } from '../../api/queries.ts';
import { useIsMobile } from '../../components/use-mobile.ts';
import { useT } from '../../i18n/index.tsx';
import { UploadStep } from './upload-step.tsx';
import { MappingStep } from './mapping-step.tsx';
import { PreviewStep } from './preview-step.tsx';
import { DoneStep } from './done-step.tsx';

export type FieldChoice = Record<number, ImportField | null>;

/** The wizard's choices once a file is uploaded: what the preview and the commit send. */
export type ImportChoices = {
  upload: ImportUpload;
  detection: ImportDetection;
  sheet: string;
  year: number | null;
  fields: FieldChoice;
  templateId: number | null;
};

export function choicesFromDetection(detection: ImportDetection): FieldChoice {
  return Object.fromEntries(detection.columns.map((c) => [c.index, c.field]));
}

/** The body of preview and commit: sheet, year and every column's field. */
export function optionsOf(c: ImportChoices): ImportOptions {
  return {
    sheet: c.sheet,
    ...(c.year !== null ? { year: c.year } : {}),
    mapping: c.detection.columns.map((col) => ({ index: col.index, field: c.fields[col.index] ?? null })),
  };
}

/** 导入台账: 上传 → 选择工作表与字段映射 → 预览 → 完成. Admins only (the server decides). */
export function ImportPage() {
  const t = useT();
  const navigate = useNavigate();
  const mobile = useIsMobile();
  const years = useYears();
  const [step, setStep] = useState(0);
  const [choices, setChoices] = useState<ImportChoices | null>(null);
  const [result, setResult] = useState<ImportCommitResult | null>(null);

  // The mapping confirmed for the last file, by header: a corrected file uploaded again keeps it.
  const [carried, setCarried] = useState<Map<string, ImportField | null>>(new Map());

  const uploaded = (upload: ImportUpload) => {
    const fields = choicesFromDetection(upload.detection);
    for (const c of upload.detection.columns) {
      const label = normaliseLabel(c.label);
      if (label && carried.has(label)) fields[c.index] = carried.get(label) ?? null;
    }
    setChoices({
      upload,
      detection: upload.detection,
      sheet: upload.detection.sheet,
      year: upload.detection.detectedYear ?? years.data?.current ?? null,
      fields,
      templateId: upload.detection.templateId,
    });
    setResult(null);
    setStep(1);
  };
  const restart = () => {
    if (choices && step > 0 && step < 3)
      setCarried(
        new Map(
          choices.detection.columns.map((c) => [normaliseLabel(c.label), choices.fields[c.index] ?? null]),
        ),
      );
    else setCarried(new Map());
    setChoices(null);
    setResult(null);
    setStep(0);
  };

  const items = [
    { title: t('import.step.upload') },
    { title: mobile ? t('import.step.mappingShort') : t('import.step.mapping') },
    { title: t('import.step.preview') },
    { title: t('import.step.done') },
  ];

  return (
    <>
      <Flex align="center" gap={12} wrap style={{ marginBottom: 16 }}>
        <Button
          type="text"
          icon={<ArrowLeftOutlined />}
          aria-label={t('import.backToLedger')}
          onClick={() => void navigate('/projects')}
        />
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('import.title')}
        </Typography.Title>
        {choices && step > 0 && (
          <Typography.Text type="secondary" ellipsis style={{ maxWidth: mobile ? '100%' : 420 }}>
            {choices.upload.fileName}
          </Typography.Text>
        )}
      </Flex>
      <Card size={mobile ? 'small' : 'default'} style={{ marginBottom: 16 }}>
        <Steps
          current={step}
          items={items}
          size="small"
          titlePlacement={mobile ? 'vertical' : 'horizontal'}
          responsive={false}
          data-testid="import-steps"
        />
      </Card>
      {step === 0 && <UploadStep onUploaded={uploaded} />}
      {step === 1 && choices && (
        <MappingStep choices={choices} onChange={setChoices} onBack={restart} onNext={() => setStep(2)} />
      )}
      {step === 2 && choices && (
        <PreviewStep
          choices={choices}
          onChange={setChoices}
          onBack={() => setStep(1)}
          onRestart={restart}
          onCommitted={(r) => {
            setResult(r);
            setStep(3);
          }}
        />
      )}
      {step === 3 && result && <DoneStep result={result} onAgain={restart} />}
    </>
  );
}

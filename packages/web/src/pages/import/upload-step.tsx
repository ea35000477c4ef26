import { useEffect, useRef, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Flex, Progress, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import type { ImportUpload } from '@guatu/contracts';
import { ApiError, errorMessage } from '../../api/client.ts';
import { downloadFile, IMPORT_FILE_LIMIT, uploadLedger } from '../../api/import-queries.ts';
import { useYears } from '../../api/queries.ts';
import { useT } from '../../i18n/index.tsx';

type State =
  | { phase: 'idle' }
  | { phase: 'sending'; fileName: string; size: number; percent: number }
  | { phase: 'failed'; fileName: string; message: string; code: string };

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** Step 1: pick an .xlsx/.csv file; it is sent with a progress bar and the server detects its layout. */
export function UploadStep({ onUploaded }: { onUploaded: (u: ImportUpload) => void }) {
  const t = useT();
  const years = useYears();
  const [state, setState] = useState<State>({ phase: 'idle' });
  const { message } = AntApp.useApp();
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const start = (file: File) => {
    if (file.size > IMPORT_FILE_LIMIT) {
      setState({ phase: 'failed', fileName: file.name, code: 'too_large', message: t('import.tooLarge') });
      return;
    }
    const controller = new AbortController();
    abort.current = controller;
    setState({ phase: 'sending', fileName: file.name, size: file.size, percent: 0 });
    uploadLedger(
      file,
      (percent) => setState((s) => (s.phase === 'sending' ? { ...s, percent } : s)),
      controller.signal,
    )
      .then(onUploaded)
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.code === 'aborted') {
          setState({ phase: 'idle' });
          return;
        }
        setState({
          phase: 'failed',
          fileName: file.name,
          code: e instanceof ApiError ? e.code : 'error',
          message: errorMessage(e, t),
        });
      });
  };

  const template = () => {
    downloadFile('/projects/export/template', { year: years.data?.current }).catch((e: unknown) =>
      message.error(errorMessage(e, t)),
    );
  };

  const sending = state.phase === 'sending';
  return (
    <Card>
      <div data-testid="import-dropzone">
        <Upload.Dragger
          accept=".xlsx,.csv"
          multiple={false}
          showUploadList={false}
          disabled={sending}
          beforeUpload={(file) => {
            start(file);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('import.upload.drop')}</p>
          <p className="ant-upload-hint" style={{ padding: '0 12px' }}>
            {t('import.upload.hint')}
          </p>
        </Upload.Dragger>
      </div>

      {state.phase === 'sending' && (
        <div style={{ marginTop: 16 }} data-testid="import-progress">
          <Flex justify="space-between" gap={8} wrap>
            <Typography.Text ellipsis style={{ maxWidth: '70%' }}>
              {state.fileName}
            </Typography.Text>
            <Typography.Text type="secondary">{sizeText(state.size)}</Typography.Text>
          </Flex>
          <Progress percent={state.percent} status="active" />
          <Flex justify="space-between" align="center">
            <Typography.Text type="secondary">
              {state.percent < 100 ? t('import.upload.sending') : t('import.upload.reading')}
            </Typography.Text>
            <Button size="small" onClick={() => abort.current?.abort()}>
              {t('common.cancel')}
            </Button>
          </Flex>
        </div>
      )}
      {state.phase === 'failed' && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 16 }}
          title={t('import.upload.failed', { file: state.fileName })}
          description={state.message}
          data-testid="import-upload-error"
        />
      )}

      <Flex gap={8} wrap style={{ marginTop: 16 }} align="center">
        <Typography.Text type="secondary">{t('import.upload.noFile')}</Typography.Text>
        <Button icon={<DownloadOutlined />} onClick={template}>
          {t('ledger.downloadTemplate')}
        </Button>
      </Flex>
    </Card>
  );
}

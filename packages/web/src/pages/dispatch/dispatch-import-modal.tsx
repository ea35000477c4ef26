import { useEffect, useRef, useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Checkbox,
  Flex,
  Modal,
  Progress,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { ImportOutlined, InboxOutlined } from '@ant-design/icons';
import type { DispatchImportPreview, DispatchImportResult, DispatchImportRow } from '@guatu/contracts';
import { ApiError, errorMessage } from '../../api/client.ts';
import {
  discardDispatchImport,
  uploadDispatchTable,
  useCommitDispatchImport,
} from '../../api/dispatch-import-queries.ts';
import { IMPORT_FILE_LIMIT } from '../../api/import-queries.ts';
import { formatWan } from '../../format.ts';
import { useT } from '../../i18n/index.tsx';
import { canManageData } from '../../permissions.ts';
import { useUser } from '../../session.tsx';

type Step =
  | { phase: 'upload'; sending: null | { fileName: string; percent: number }; error: string | null }
  | { phase: 'preview'; preview: DispatchImportPreview; error: string | null }
  | { phase: 'done'; result: DispatchImportResult };

const actionColor: Record<DispatchImportRow['action'], string> = {
  new: 'green',
  replace: 'blue',
  conflict: 'orange',
  unchanged: 'default',
  error: 'red',
};

/**
 * 导入调度表 (issue 10, item 6): on a round's table, the round's admin uploads a filled dispatch
 * table, sees what each row will do (新增 / 替换草稿 / 与已提交冲突 / 无变化 / 错误, with 本月完成 and
 * 1-N月累计 before → after and every row issue), chooses whether conflicts overwrite the task
 * forces' submitted reports, and confirms — all rows or none. Closing the modal discards the session.
 */
export function DispatchImportButton({ roundId, open: roundOpen }: { roundId: number; open: boolean }) {
  const t = useT();
  const user = useUser();
  const [shown, setShown] = useState(false);
  if (!canManageData(user)) return null;
  return (
    <>
      <Button
        icon={<ImportOutlined />}
        disabled={!roundOpen}
        title={roundOpen ? undefined : t('dispatchImport.closedHint')}
        onClick={() => setShown(true)}
      >
        {t('dispatchImport.button')}
      </Button>
      {shown ? <DispatchImportModal roundId={roundId} onClose={() => setShown(false)} /> : null}
    </>
  );
}

function DispatchImportModal({ roundId, onClose }: { roundId: number; onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const [step, setStep] = useState<Step>({ phase: 'upload', sending: null, error: null });
  const [overwrite, setOverwrite] = useState(false);
  const commit = useCommitDispatchImport(roundId);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const start = (file: File) => {
    if (file.size > IMPORT_FILE_LIMIT) {
      setStep({ phase: 'upload', sending: null, error: t('dispatchImport.tooLarge') });
      return;
    }
    const controller = new AbortController();
    abort.current = controller;
    setStep({ phase: 'upload', sending: { fileName: file.name, percent: 0 }, error: null });
    uploadDispatchTable(
      roundId,
      file,
      (percent) =>
        setStep((s) =>
          s.phase === 'upload' && s.sending ? { ...s, sending: { ...s.sending, percent } } : s,
        ),
      controller.signal,
    )
      .then((preview) => {
        setOverwrite(false);
        setStep({ phase: 'preview', preview, error: null });
      })
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.code === 'aborted') return;
        setStep({ phase: 'upload', sending: null, error: errorMessage(e, t) });
      });
  };

  const discard = () => {
    if (step.phase === 'preview')
      discardDispatchImport(roundId, step.preview.sessionId).catch(() => undefined);
  };
  const close = () => {
    discard();
    onClose();
  };
  const again = () => {
    discard();
    setStep({ phase: 'upload', sending: null, error: null });
  };
  const confirm = () => {
    if (step.phase !== 'preview') return;
    commit.mutate(
      { sessionId: step.preview.sessionId, body: { overwrite } },
      {
        onSuccess: (result) => {
          setStep({ phase: 'done', result });
          message.success(t('dispatchImport.done', { n: result.written.length }));
        },
        onError: (e) => setStep({ ...step, error: errorMessage(e, t) }),
      },
    );
  };

  const footer =
    step.phase === 'preview' ? (
      <Flex gap={8} justify="end" wrap>
        <Button onClick={again}>{t('dispatchImport.again')}</Button>
        <Button onClick={close}>{t('dispatchImport.discard')}</Button>
        <Button
          type="primary"
          loading={commit.isPending}
          disabled={step.preview.counts.error > 0}
          onClick={confirm}
          data-testid="dispatch-import-confirm"
        >
          {t('dispatchImport.confirm', {
            n:
              step.preview.counts.new +
              step.preview.counts.replace +
              (overwrite ? step.preview.counts.conflict : 0),
          })}
        </Button>
      </Flex>
    ) : (
      <Button onClick={close}>{t('dispatchImport.close')}</Button>
    );

  return (
    <Modal
      open
      title={t('dispatchImport.title')}
      width={step.phase === 'preview' ? 1100 : 560}
      onCancel={close}
      footer={footer}
      maskClosable={false}
      destroyOnHidden
    >
      {step.phase === 'upload' ? (
        <Flex vertical gap={12}>
          <Typography.Text type="secondary">{t('dispatchImport.hint')}</Typography.Text>
          <div data-testid="dispatch-import-dropzone">
            <Upload.Dragger
              accept=".xlsx,.csv"
              multiple={false}
              showUploadList={false}
              disabled={step.sending !== null}
              beforeUpload={(file) => {
                start(file);
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('dispatchImport.drop')}</p>
              <p className="ant-upload-hint">{t('dispatchImport.dropHint')}</p>
            </Upload.Dragger>
          </div>
          {step.sending ? (
            <div>
              <Typography.Text>{step.sending.fileName}</Typography.Text>
              <Progress percent={step.sending.percent} status="active" />
              {step.sending.percent >= 100 ? (
                <Typography.Text type="secondary">{t('dispatchImport.reading')}</Typography.Text>
              ) : null}
            </div>
          ) : null}
          {step.error ? <Alert type="error" showIcon message={step.error} /> : null}
        </Flex>
      ) : step.phase === 'preview' ? (
        <PreviewStep
          preview={step.preview}
          overwrite={overwrite}
          onOverwrite={setOverwrite}
          error={step.error}
        />
      ) : (
        <Alert
          type="success"
          showIcon
          message={t('dispatchImport.done', { n: step.result.written.length })}
          description={
            step.result.keptConflicts.length > 0
              ? t('dispatchImport.keptConflicts', { n: step.result.keptConflicts.length })
              : undefined
          }
        />
      )}
    </Modal>
  );
}

function PreviewStep({
  preview,
  overwrite,
  onOverwrite,
  error,
}: {
  preview: DispatchImportPreview;
  overwrite: boolean;
  onOverwrite: (v: boolean) => void;
  error: string | null;
}) {
  const t = useT();
  const c = preview.counts;
  const month = Number(preview.month.slice(5, 7));
  const figure = (before: number | undefined, after: number | undefined) =>
    after === undefined
      ? before === undefined
        ? ''
        : formatWan(before)
      : `${formatWan(before ?? 0)} → ${formatWan(after)}`;
  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">
        {t('dispatchImport.file', { file: preview.fileName, sheet: preview.sheet })}
      </Typography.Text>
      <Flex gap={6} wrap data-testid="dispatch-import-counts">
        <Tag>{t('dispatchImport.count.rows', { n: c.rows })}</Tag>
        <Tag color="green">{t('dispatchImport.count.new', { n: c.new })}</Tag>
        <Tag color="blue">{t('dispatchImport.count.replace', { n: c.replace })}</Tag>
        <Tag color={c.conflict ? 'orange' : 'default'}>
          {t('dispatchImport.count.conflict', { n: c.conflict })}
        </Tag>
        <Tag>{t('dispatchImport.count.unchanged', { n: c.unchanged })}</Tag>
        <Tag color={c.error ? 'red' : 'default'}>{t('dispatchImport.count.error', { n: c.error })}</Tag>
        <Tag>{t('dispatchImport.count.skipped', { n: c.skipped })}</Tag>
        {c.warnings > 0 ? (
          <Tag color="orange">{t('dispatchImport.count.warnings', { n: c.warnings })}</Tag>
        ) : null}
      </Flex>
      {c.error > 0 ? (
        <Alert type="error" showIcon message={t('dispatchImport.hasErrors', { n: c.error })} />
      ) : null}
      {preview.unmatched.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          message={t('dispatchImport.unmatched', { n: preview.unmatched.length })}
          description={preview.unmatched.join('、')}
        />
      ) : null}
      {c.conflict > 0 ? (
        <Alert
          type="warning"
          showIcon
          message={t('dispatchImport.conflicts', { n: c.conflict })}
          description={
            <Checkbox checked={overwrite} onChange={(e) => onOverwrite(e.target.checked)}>
              {t('dispatchImport.overwrite', { n: c.conflict })}
            </Checkbox>
          }
        />
      ) : null}
      {error ? <Alert type="error" showIcon message={error} /> : null}
      <Table<DispatchImportRow>
        size="small"
        rowKey="row"
        dataSource={preview.rows.filter((r) => r.action !== 'unchanged' || r.issues.length > 0)}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 900, y: 420 }}
        locale={{ emptyText: t('dispatchImport.nothing') }}
        columns={[
          { title: t('dispatchImport.col.row'), dataIndex: 'row', width: 64 },
          {
            title: t('dispatchImport.col.name'),
            width: 260,
            render: (_, r) =>
              r.projectName && r.projectName !== r.name ? (
                <span>
                  {r.name}
                  <Typography.Text type="secondary"> → {r.projectName}</Typography.Text>
                </span>
              ) : (
                r.name
              ),
          },
          {
            title: t('dispatchImport.col.action'),
            width: 120,
            render: (_, r) => (
              <Tag color={actionColor[r.action]}>{t(`dispatchImport.action.${r.action}`)}</Tag>
            ),
          },
          {
            title: t('dispatchImport.col.thisMonth'),
            width: 150,
            align: 'right',
            render: (_, r) => figure(r.before?.completedThisMonth, r.next?.completedThisMonth),
          },
          {
            title: t('dispatchImport.col.ytd', { month }),
            width: 170,
            align: 'right',
            render: (_, r) => figure(r.before?.completedYtd, r.next?.completedYtd),
          },
          {
            title: t('dispatchImport.col.issues'),
            render: (_, r) =>
              r.issues.length === 0 ? null : (
                <Flex vertical gap={2}>
                  {r.issues.map((i, k) => (
                    <Typography.Text key={k} type={i.severity === 'error' ? 'danger' : 'warning'}>
                      {i.column ? `${i.column}${i.row}：` : ''}
                      {i.message}
                    </Typography.Text>
                  ))}
                </Flex>
              ),
          },
        ]}
      />
      {c.unchanged > 0 ? (
        <Typography.Text type="secondary">
          {t('dispatchImport.unchangedHidden', { n: c.unchanged })}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

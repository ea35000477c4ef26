import { App, Button, Card, Popconfirm, Table, Typography, Upload } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { Attachment } from '@guatu/contracts';
import { errorMessage } from '../../api/client.ts';
import { useDeleteAttachment, useProjectAttachments, useUploadAttachment } from '../../api/attachments.ts';
import { showInstant } from '../../format.ts';
import { useI18n } from '../../i18n/index.tsx';

/** What the server accepts (it checks the content; this only narrows the file chooser). */
const ACCEPT = '.jpg,.jpeg,.png,.webp,.heic,.heif,.pdf,.xlsx,.docx';

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** 附件: a project's files, with upload (for who may edit the project), download and delete. */
export function ProjectAttachmentsCard({ projectId, canUpload }: { projectId: number; canUpload: boolean }) {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const list = useProjectAttachments(projectId);
  const upload = useUploadAttachment(projectId, language);
  const remove = useDeleteAttachment(projectId);

  const columns = [
    {
      key: 'fileName',
      title: t('attachments.fileName'),
      render: (_: unknown, a: Attachment) => (
        <Typography.Link href={`/api/attachments/${a.id}`} download={a.fileName}>
          <PaperClipOutlined /> {a.fileName}
        </Typography.Link>
      ),
    },
    {
      key: 'size',
      title: t('attachments.size'),
      align: 'right' as const,
      render: (_: unknown, a: Attachment) => sizeText(a.size),
    },
    {
      key: 'uploader',
      title: t('attachments.uploader'),
      render: (_: unknown, a: Attachment) => a.uploaderName ?? '—',
    },
    {
      key: 'createdAt',
      title: t('attachments.createdAt'),
      render: (_: unknown, a: Attachment) => showInstant(a.createdAt),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_: unknown, a: Attachment) =>
        a.canDelete && (
          <Popconfirm
            title={t('attachments.deleteConfirm', { name: a.fileName })}
            onConfirm={() =>
              remove.mutateAsync(a.id).then(
                () => void message.success(t('attachments.deleted')),
                (e: unknown) => void message.error(errorMessage(e, t)),
              )
            }
          >
            <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('attachments.delete')} />
          </Popconfirm>
        ),
    },
  ];

  return (
    <Card
      title={t('attachments.title')}
      size="small"
      extra={
        canUpload && (
          <Upload
            accept={ACCEPT}
            showUploadList={false}
            customRequest={({ file, onSuccess, onError }) => {
              const f = file as File;
              upload.mutateAsync(f).then(
                (a) => {
                  onSuccess?.(a);
                  void message.success(t('attachments.uploaded', { name: a.fileName }));
                },
                (e: unknown) => {
                  onError?.(e as Error);
                  void message.error(errorMessage(e, t));
                },
              );
            }}
          >
            <Button icon={<UploadOutlined />} loading={upload.isPending}>
              {t('attachments.upload')}
            </Button>
          </Upload>
        )
      }
    >
      {canUpload && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('attachments.hint')}
        </Typography.Paragraph>
      )}
      <Table<Attachment>
        rowKey="id"
        size="small"
        pagination={false}
        loading={list.isLoading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: list.error ? errorMessage(list.error, t) : t('attachments.empty') }}
      />
    </Card>
  );
}

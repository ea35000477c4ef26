import { useEffect, useRef } from 'react';
import { CameraOutlined, DeleteOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Flex, Image, Tag, Typography } from 'antd';
import type { OutgoingPhoto } from '../../offline/report-outbox.ts';
import type { ReportPhoto } from '../../api/dispatch-report-queries.ts';
import { useT, type Translate } from '../../i18n/index.tsx';
import { showInstant } from '../../format.ts';

/** A photo taken on this phone and not sent yet: its thumbnail is the file itself. */
export type PendingPhoto = OutgoingPhoto & { url: string };

const tile = { width: 104, borderRadius: 8, overflow: 'hidden', background: '#f5f5f5' } as const;

/** The warning the server found in a sent photo's EXIF, in the reader's words (the photos' dictionary). */
export function photoWarningText(w: ReportPhoto['warnings'][number], t: Translate): string {
  const params = { ...w.params };
  if (typeof params.takenAt === 'string') params.takenAt = showInstant(params.takenAt);
  return t(`dispatch.photo.warning.${w.code}`, params);
}

/**
 * 现场照片: the camera (or the gallery) through a plain file input, the photos waiting to be sent as
 * thumbnails of the files themselves, and the sent ones with the EXIF warnings the server returned.
 */
export function ReportPhotos(props: {
  pending: PendingPhoto[];
  sent: ReportPhoto[];
  editable: boolean;
  onAdd: (files: File[]) => void;
  onRemovePending: (clientKey: string) => void;
  onDeleteSent: (photo: ReportPhoto) => void;
}) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const { pending, sent, editable } = props;

  return (
    <Flex vertical gap={12}>
      {editable && (
        <>
          <input
            ref={input}
            type="file"
            accept="image/*"
            capture="environment"
            multiple
            hidden
            data-testid="report-photo-input"
            onChange={(e) => {
              const files = Array.from(e.target.files ?? []);
              e.target.value = '';
              if (files.length > 0) props.onAdd(files);
            }}
          />
          <Button size="large" block icon={<CameraOutlined />} onClick={() => input.current?.click()}>
            {t('dispatchReport.photo.take')}
          </Button>
        </>
      )}
      {pending.length === 0 && sent.length === 0 ? (
        <Typography.Text type="secondary">{t('dispatchReport.photo.none')}</Typography.Text>
      ) : null}
      <Flex wrap gap={12}>
        {sent.map((p) => (
          <Flex key={p.id} vertical gap={4} style={{ width: tile.width }} data-testid="report-photo-sent">
            <div style={tile}>
              <Image
                src={p.thumbnailUrl}
                preview={{ src: p.displayUrl }}
                width={tile.width}
                height={tile.width}
                style={{ objectFit: 'cover' }}
                alt={p.fileName}
              />
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {p.takenAt ? showInstant(p.takenAt) : t('dispatchReport.photo.noTime')}
            </Typography.Text>
            {p.warnings.map((w) => (
              <Typography.Text key={w.code} type="warning" style={{ fontSize: 12 }}>
                <WarningOutlined /> {photoWarningText(w, t)}
              </Typography.Text>
            ))}
            {editable && p.canDelete && (
              <Button
                size="small"
                danger
                type="text"
                icon={<DeleteOutlined />}
                onClick={() => props.onDeleteSent(p)}
              >
                {t('dispatchReport.photo.delete')}
              </Button>
            )}
          </Flex>
        ))}
        {pending.map((p) => (
          <PendingTile key={p.clientKey} photo={p} onRemove={() => props.onRemovePending(p.clientKey)} />
        ))}
      </Flex>
    </Flex>
  );
}

function PendingTile({ photo, onRemove }: { photo: PendingPhoto; onRemove: () => void }) {
  const t = useT();
  return (
    <Flex vertical gap={4} style={{ width: tile.width }} data-testid="report-photo-pending">
      <div style={tile}>
        <img
          src={photo.url}
          alt={photo.fileName}
          width={tile.width}
          height={tile.width}
          style={{ objectFit: 'cover', display: 'block' }}
        />
      </div>
      <Tag color="processing" style={{ marginInlineEnd: 0, textAlign: 'center' }}>
        {t('dispatchReport.photo.waiting')}
      </Tag>
      <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={onRemove}>
        {t('dispatchReport.photo.remove')}
      </Button>
    </Flex>
  );
}

/** Revokes the object URLs of thumbnails no longer shown. */
export function useRevokeOnDrop(pending: PendingPhoto[]) {
  const shown = useRef(new Set<string>());
  useEffect(() => {
    const now = new Set(pending.map((p) => p.url));
    for (const url of shown.current) if (!now.has(url)) URL.revokeObjectURL(url);
    shown.current = now;
  }, [pending]);
  useEffect(() => () => shown.current.forEach((url) => URL.revokeObjectURL(url)), []);
}

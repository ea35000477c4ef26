import { EnvironmentOutlined, ClockCircleOutlined } from '@ant-design/icons';
import { Flex, Image, Tag, Typography } from 'antd';
import { showInstant } from '../../format.ts';
import { useT } from '../../i18n/index.tsx';

/** A report photo as the photo API gives it (contracts dispatch-photos.ts: DispatchPhoto). */
export type ReviewPhoto = {
  id: number;
  fileName: string;
  takenAt: string | null;
  latitude: number | null;
  longitude: number | null;
  warnings: Array<{
    code: 'photo_taken_early' | 'photo_far_away' | 'photo_no_exif';
    params: Record<string, string | number>;
  }>;
  thumbnailUrl: string;
  displayUrl: string;
};

/** The photos of a report, read whether or not the answer carries them yet. */
export const photosOf = (report: object): ReviewPhoto[] =>
  'photos' in report && Array.isArray(report.photos) ? (report.photos as ReviewPhoto[]) : [];

const place = (p: ReviewPhoto) =>
  p.latitude === null || p.longitude === null ? null : `${p.latitude.toFixed(5)}, ${p.longitude.toFixed(5)}`;

/**
 * The report's photos: thumbnails (a click opens the display size, the group browsable), each with
 * its EXIF time and place, and its warnings (taken long before the month, far from the project, no
 * EXIF) highlighted.
 */
export function ReviewReportPhotos({ photos }: { photos: ReviewPhoto[] }) {
  const t = useT();
  if (photos.length === 0)
    return <Typography.Text type="secondary">{t('dispatchReview.photos.none')}</Typography.Text>;
  return (
    <Image.PreviewGroup>
      <Flex wrap gap={12}>
        {photos.map((p) => {
          const warned = p.warnings.length > 0;
          return (
            <Flex
              key={p.id}
              vertical
              gap={4}
              style={{
                width: 160,
                padding: 4,
                borderRadius: 6,
                border: `2px solid ${warned ? '#faad14' : 'transparent'}`,
                background: warned ? '#fffbe6' : undefined,
              }}
              data-testid="review-photo"
            >
              <Image
                src={p.thumbnailUrl}
                preview={{ src: p.displayUrl }}
                alt={p.fileName}
                width={148}
                height={111}
                style={{ objectFit: 'cover', borderRadius: 4 }}
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <ClockCircleOutlined />{' '}
                {p.takenAt ? showInstant(p.takenAt) : t('dispatchReview.photos.noTime')}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <EnvironmentOutlined /> {place(p) ?? t('dispatchReview.photos.noPlace')}
              </Typography.Text>
              {p.warnings.map((w) => (
                <Tag key={w.code} color="warning" style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}>
                  {t(`dispatchReview.photo.${w.code}`, w.params)}
                </Tag>
              ))}
            </Flex>
          );
        })}
      </Flex>
    </Image.PreviewGroup>
  );
}

import { Flex, Tag } from 'antd';
import type { ImportPreview } from '@guatu/contracts';
import { useI18n } from '../../i18n/index.tsx';

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

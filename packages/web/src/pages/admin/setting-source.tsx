import { Button, Popconfirm, Tag } from 'antd';
import type { SettingSourceDto } from '@guatu/contracts';
import { useT } from '../../i18n/index.tsx';

/** Where a per-region setting comes from: 本级设置, 继承自 山东省, or 系统默认 (issue 7). */
export function SettingSourceTag({ source }: { source: Pick<SettingSourceDto, 'own' | 'inheritedFrom'> }) {
  const t = useT();
  if (source.own) return <Tag color="green">{t('settings.own')}</Tag>;
  if (source.inheritedFrom)
    return <Tag color="blue">{t('settings.inheritedFrom', { region: source.inheritedFrom.name })}</Tag>;
  return <Tag>{t('settings.builtIn')}</Tag>;
}

/** 恢复继承: deletes the region's own copy (shown only when there is one and the caller may edit it). */
export function RestoreInheritanceButton({
  source,
  what,
  pending,
  onConfirm,
}: {
  source: Pick<SettingSourceDto, 'own' | 'canEdit' | 'regionName'>;
  what: 'template' | 'rules';
  pending: boolean;
  onConfirm: () => void;
}) {
  const t = useT();
  if (!source.own || !source.canEdit) return null;
  const whatText = t(`settings.what.${what}`);
  return (
    <Popconfirm
      title={t('settings.restoreTitle', { what: whatText })}
      description={t('settings.restoreConfirm', { region: source.regionName, what: whatText })}
      onConfirm={onConfirm}
    >
      <Button loading={pending}>{t('settings.restore')}</Button>
    </Popconfirm>
  );
}

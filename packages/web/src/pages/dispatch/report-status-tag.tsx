import { Tag } from 'antd';
import type { DispatchReport } from '@guatu/contracts';
import { useT } from '../../i18n/index.tsx';

const color = { draft: 'default', submitted: 'processing', accepted: 'success', returned: 'error' } as const;

/** 未填 / 草稿 / 已提交 / 已退回 / 已通过. */
export function ReportStatusTag({ status }: { status: DispatchReport['status'] | null }) {
  const t = useT();
  if (status === null) return <Tag color="warning">{t('dispatchReport.status.none')}</Tag>;
  return (
    <Tag color={color[status]} data-testid="report-status">
      {t(`dispatchReport.status.${status}`)}
    </Tag>
  );
}

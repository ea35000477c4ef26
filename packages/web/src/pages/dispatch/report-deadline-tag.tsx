import { Tag } from 'antd';
import { useT } from '../../i18n/index.tsx';

/** 还剩 N 天 / 今天截止 / 已逾期 N 天 (the deadline's calendar: Asia/Shanghai). */
export function DeadlineTag({ days, open }: { days: number; open: boolean }) {
  const t = useT();
  if (!open) return <Tag>{t('dispatchReport.deadline.closed')}</Tag>;
  if (days > 0)
    return (
      <Tag color={days <= 3 ? 'warning' : 'default'}>{t('dispatchReport.deadline.left', { n: days })}</Tag>
    );
  if (days === 0) return <Tag color="warning">{t('dispatchReport.deadline.today')}</Tag>;
  return <Tag color="error">{t('dispatchReport.deadline.over', { n: -days })}</Tag>;
}

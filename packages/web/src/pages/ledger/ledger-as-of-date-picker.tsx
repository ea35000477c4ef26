import { DatePicker, Tooltip } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useT } from '../../i18n/index.tsx';

/**
 * 截止日期 beside the year on the ledger: the summary's figures as of a date (the summary's `asOf`),
 * empty for today. E.g. 2023 as of 2023-04-13 gives the article's 64 started and 78%.
 */
export function LedgerAsOfPicker({
  asOf,
  onChange,
}: {
  asOf: string | null;
  onChange: (asOf: string | null) => void;
}) {
  const t = useT();
  return (
    <Tooltip title={t('asOf.hint')}>
      <DatePicker
        aria-label={t('asOf.label')}
        data-testid="ledger-as-of"
        prefix={t('asOf.label')}
        placeholder={t('asOf.today')}
        style={{ width: 220 }}
        value={asOf ? dayjs(asOf) : null}
        onChange={(d: Dayjs | null) => onChange(d ? d.format('YYYY-MM-DD') : null)}
      />
    </Tooltip>
  );
}

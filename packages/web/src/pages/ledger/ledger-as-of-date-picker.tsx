import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useT } from '../../i18n/index.tsx';

/** The antd date picker of 截止日期, in its own chunk (ledger-as-of-picker.tsx loads it when idle or on focus). */
export function LedgerAsOfDatePicker({
  asOf,
  onChange,
  autoFocus,
}: {
  asOf: string | null;
  onChange: (asOf: string | null) => void;
  autoFocus?: boolean;
}) {
  const t = useT();
  return (
    <DatePicker
      aria-label={t('asOf.label')}
      data-testid="ledger-as-of"
      prefix={t('asOf.label')}
      placeholder={t('asOf.today')}
      style={{ width: 220 }}
      autoFocus={autoFocus}
      value={asOf ? dayjs(asOf) : null}
      onChange={(d: Dayjs | null) => onChange(d ? d.format('YYYY-MM-DD') : null)}
    />
  );
}

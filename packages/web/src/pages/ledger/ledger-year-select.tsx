import { Select } from 'antd';
import { useYears } from '../../api/queries.ts';
import { useT } from '../../i18n/index.tsx';

/** The key-project list year (2023年), shared by the ledger and the war chart. */
export function LedgerYearSelect({
  year,
  onChange,
}: {
  year: number | null;
  onChange: (year: number) => void;
}) {
  const t = useT();
  const years = useYears();
  const options = (years.data?.years.length ? years.data.years : year ? [year] : []).map((y) => ({
    value: y,
    label: t('ledger.yearValue', { year: y }),
  }));
  return (
    <Select
      aria-label={t('ledger.year')}
      style={{ width: 110 }}
      value={year ?? undefined}
      options={options}
      loading={years.isLoading}
      onChange={onChange}
    />
  );
}

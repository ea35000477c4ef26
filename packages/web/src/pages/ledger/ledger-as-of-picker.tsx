import { lazy, Suspense, useEffect, useState } from 'react';
import { Input, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useT } from '../../i18n/index.tsx';

const loadPicker = () => import('./ledger-as-of-date-picker.tsx');
const AsOfDatePicker = lazy(async () => ({ default: (await loadPicker()).LedgerAsOfDatePicker }));

type Props = { asOf: string | null; onChange: (asOf: string | null) => void };

/** A date typed as YYYY-MM-DD (a real day), empty for today; anything else is ignored. */
function typedDate(text: string): string | null | undefined {
  const s = text.trim();
  if (s === '') return null;
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && dayjs(s).format('YYYY-MM-DD') === s ? s : undefined;
}

/**
 * 截止日期 beside the year on the ledger: the summary's figures as of a date (the summary's `asOf`),
 * empty for today. E.g. 2023 as of 2023-04-13 gives the article's 64 started and 78%.
 * The date picker (≈ 32 kB gzip) is not part of the ledger's first load: a plain input with the same
 * label stands in (a date typed and Enter works there too) until the browser is idle or the user
 * focuses it, then the picker replaces it.
 */
export function LedgerAsOfPicker({ asOf, onChange }: Props) {
  const t = useT();
  const [picker, setPicker] = useState<'off' | 'idle' | 'focus'>('off');
  useEffect(() => {
    const want = () => setPicker((p) => (p === 'off' ? 'idle' : p));
    if (typeof window.requestIdleCallback === 'function') {
      const id = window.requestIdleCallback(want, { timeout: 3000 });
      return () => window.cancelIdleCallback(id);
    }
    const id = setTimeout(want, 500);
    return () => clearTimeout(id);
  }, []);

  const standIn = (
    <Input
      key={asOf ?? ''}
      aria-label={t('asOf.label')}
      data-testid="ledger-as-of"
      prefix={t('asOf.label')}
      placeholder={t('asOf.today')}
      style={{ width: 220 }}
      defaultValue={asOf ?? ''}
      onFocus={() => setPicker('focus')}
      onPressEnter={(e) => {
        const d = typedDate(e.currentTarget.value);
        if (d !== undefined) onChange(d);
      }}
    />
  );
  return (
    <Tooltip title={t('asOf.hint')}>
      <span style={{ display: 'inline-flex' }}>
        {picker === 'off' ? (
          standIn
        ) : (
          <Suspense fallback={standIn}>
            <AsOfDatePicker asOf={asOf} onChange={onChange} autoFocus={picker === 'focus'} />
          </Suspense>
        )}
      </span>
    </Tooltip>
  );
}

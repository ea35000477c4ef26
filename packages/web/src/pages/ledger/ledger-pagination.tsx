import { Button, Select } from 'antd';
import { LeftOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/index.tsx';

/** The page sizes a user may pick (the URL accepts 10–100; these are the ones offered). */
export const pageSizes = [20, 50, 100] as const;

/**
 * The page numbers to show: the first, the last, and two either side of the current one; `null`
 * stands for the gap between them (…). E.g. page 6 of 12 → 1 … 4 5 6 7 8 … 12.
 */
export function pageItems(current: number, pages: number): (number | null)[] {
  if (pages <= 7) return Array.from({ length: pages }, (_, i) => i + 1);
  const from = Math.max(2, Math.min(current - 2, pages - 5));
  const to = Math.min(pages - 1, Math.max(current + 2, 6));
  const items: (number | null)[] = [1];
  if (from > 2) items.push(null);
  for (let p = from; p <= to; p++) items.push(p);
  if (to < pages - 1) items.push(null);
  items.push(pages);
  return items;
}

type Props = {
  page: number;
  pageSize: number;
  total: number;
  onChange: (page: number, pageSize: number) => void;
};

/** The ledger's pager: 共 N 项, previous / numbers / next, and the page size. */
export function LedgerPagination({ page, pageSize, total, onChange }: Props) {
  const t = useT();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(page, pages);
  return (
    <nav className="ledger-pagination" aria-label={t('ledger.page.label')}>
      <span>{t('common.total', { n: total })}</span>
      <Button
        type="text"
        size="small"
        icon={<LeftOutlined />}
        aria-label={t('ledger.page.prev')}
        disabled={current <= 1}
        onClick={() => onChange(current - 1, pageSize)}
      />
      {pageItems(current, pages).map((p, i) =>
        p === null ? (
          <span key={`gap${i}`} className="ledger-pagination-gap" aria-hidden>
            …
          </span>
        ) : (
          <Button
            key={p}
            size="small"
            type={p === current ? 'primary' : 'text'}
            ghost={p === current}
            aria-current={p === current ? 'page' : undefined}
            onClick={() => p !== current && onChange(p, pageSize)}
          >
            {p}
          </Button>
        ),
      )}
      <Button
        type="text"
        size="small"
        icon={<LeftOutlined rotate={180} />}
        aria-label={t('ledger.page.next')}
        disabled={current >= pages}
        onClick={() => onChange(current + 1, pageSize)}
      />
      <Select
        size="small"
        aria-label={t('ledger.page.sizeLabel')}
        value={pageSize}
        style={{ width: 100 }}
        options={pageSizes.map((n) => ({ value: n, label: t('ledger.page.size', { n }) }))}
        onChange={(n: number) => onChange(1, n)}
      />
    </nav>
  );
}

import { formatWan, formatYi, yuanFromWan, toWan } from '@guatu/domain/money';
import { formatPercent } from '@guatu/domain/summary';

// One place where the web meets the domain's money rules (万元/亿元, integer yuan).
export { formatPercent, formatWan, formatYi, yuanFromWan, toWan };

export const dash = '—';

/** 'YYYY-MM-DD' or 'YYYY-MM' as stored; null shows a dash. */
export const showDate = (s: string | null | undefined) => (s ? s : dash);

/** An ISO instant in local time, minutes precision. */
export function showInstant(iso: string | null | undefined): string {
  if (!iso) return dash;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

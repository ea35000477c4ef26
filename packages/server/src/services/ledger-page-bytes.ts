/**
 * GET /api/projects' answer written as UTF-8 bytes (issue 11): the busiest read answers from the
 * portfolio index, and what was left of its cost was JSON.stringify of the page's rows, the UTF-8
 * length for Content-Length and the UTF-8 encoding of the same string on the socket (~100 µs of
 * ~550 µs a request for 20 rows). Each row's JSON is encoded once and kept with the index's row
 * (a WeakMap: gone with the row when a change replaces it, or with the index), and re-encoded only
 * when the day moves its `started`; a page is its kept rows joined. The bytes are exactly those of
 * JSON.stringify of the LedgerPage (ledger-page-bytes.test.ts checks them against it).
 */
import type { LedgerQuery } from '@guatu/contracts';
import { isStarted } from '@guatu/domain';
import type { ProjectGrant } from '../policies/project.policy.ts';
import {
  ledgerRowOf,
  type PortfolioFilter,
  type PortfolioIndex,
  type PortfolioRow,
} from '../portfolio/portfolio-index.ts';

type Kept = { started: boolean; bytes: Buffer };
const kept = new WeakMap<PortfolioRow, Kept>();
const COMMA = Buffer.from(',');

/** One row of the list as JSON bytes (`started` as of `today`), from the row's kept bytes when they still hold. */
function rowBytes(r: PortfolioRow, today: string): Buffer {
  const started = isStarted(r.actualStart, today, r.startedUndated);
  const k = kept.get(r);
  if (k && k.started === started) return k.bytes;
  const bytes = Buffer.from(JSON.stringify(ledgerRowOf(r, today)));
  kept.set(r, { started, bytes });
  return bytes;
}

/** The LedgerPage `{year, items, total, page, pageSize}` of one query, as JSON.stringify would write it. */
export function ledgerPageBytes(
  index: PortfolioIndex,
  year: number,
  filter: PortfolioFilter,
  grants: readonly ProjectGrant[],
  q: Pick<LedgerQuery, 'sort' | 'order' | 'page' | 'pageSize'>,
): Buffer {
  const { rows, total } = index.pageRows(filter, grants, q);
  const parts: Buffer[] = [Buffer.from(`{"year":${JSON.stringify(year)},"items":[`)];
  rows.forEach((r, i) => {
    if (i > 0) parts.push(COMMA);
    parts.push(rowBytes(r, filter.today));
  });
  parts.push(
    Buffer.from(
      `],"total":${JSON.stringify(total)},"page":${JSON.stringify(q.page)},"pageSize":${JSON.stringify(q.pageSize)}}`,
    ),
  );
  return Buffer.concat(parts);
}

/**
 * The ledger as an .xlsx in the standard layout, under the same grants and filters as
 * GET /api/projects; and the blank template to fill in.
 */
import type { LedgerExportQuery } from '@guatu/contracts';
import { maskPhone, shanghaiToday } from '@guatu/domain';
import type { Db } from '../db/connect.ts';
import { asOfWords } from '../excel/print-setup.ts';
import { writeLedgerWorkbook } from '../excel/write-ledger.ts';
import { translate } from '../messages.ts';
import type { Actor } from '../policies/actor.ts';
import { portfolioOf } from '../portfolio/portfolio.ts';
import { findExportRows } from '../repositories/project-batch.repository.ts';
import { recordExport } from './audit.service.ts';
import { resolveLedgerQuery } from './ledger-query.ts';

export type ExportFile = { fileName: string; data: Buffer; rows: number };

/** The blank template's title, e.g. 乐陵市2023年重点项目台账 (an export adds its as-of date). */
const titleOf = (actor: Actor, year: number) => `${actor.regionName}${year}年重点项目台账`;

export async function exportLedger(
  db: Db,
  actor: Actor,
  q: LedgerExportQuery,
  now: Date,
): Promise<ExportFile> {
  const { year, filter, grants } = await resolveLedgerQuery(db, actor, q, now);
  // The ledger's own query (grants, filters, order: the portfolio index) gives the ids; the export then reads every field.
  const ids = (await portfolioOf(db, year)).ids(filter, grants, q.sort, q.order);
  const full = await findExportRows(db, ids, year);
  // A file leaves the system and its readers cannot be audited: phones go out masked.
  const rows = full.map((p) => ({ ...p, contactPhone: maskPhone(p.contactPhone) }));
  // The jurisdiction (the root of the user's scope) and the as-of date, as an office titles a printed ledger.
  const asOf = (q as { asOf?: string }).asOf ?? shanghaiToday(now);
  const title = translate('exports_ledger_title', 'zh-CN', {
    region: actor.regionName,
    year,
    asOf: asOfWords(asOf, 'zh-CN'),
  });
  const data = await writeLedgerWorkbook({ title, year, rows, generatedAt: shanghaiToday(now) });
  await recordExport(db, actor, 'ledger', { ...q, year }, rows.length);
  return { fileName: `${title}.xlsx`, data, rows: rows.length };
}

export async function exportBlankTemplate(
  actor: Actor,
  year: number | undefined,
  now: Date,
): Promise<ExportFile> {
  const y = year ?? Number(shanghaiToday(now).slice(0, 4));
  const data = await writeLedgerWorkbook({ title: titleOf(actor, y), year: y, rows: [] });
  return { fileName: `${titleOf(actor, y)}（模板）.xlsx`, data, rows: 0 };
}

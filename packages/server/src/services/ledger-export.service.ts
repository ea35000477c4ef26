/**
 * The ledger as an .xlsx in the standard layout, under the same grants and filters as
 * GET /api/projects; and the blank template to fill in.
 *
 * Streamed (issue 11): authorisation, the ids (the portfolio index) and a light first pass for
 * the 合计 and 小计 rows happen before the first byte; the project rows are then read 1,000 at
 * a time (one query, phones masked through a cache of sealed value → masked form) while the
 * file goes out. Each written row takes its level and money from that first
 * pass, so the totals are always the sum of the rows even if a project is edited meanwhile; a
 * project deleted meanwhile fails the download (the stream is destroyed, never a short file).
 */
import type { LedgerExportQuery } from '@guatu/contracts';
import { levels, shanghaiToday, type Level, type ProjectFieldKey } from '@guatu/domain';
import type { Db } from '../db/connect.ts';
import { asOfWords } from '../excel/print-setup.ts';
import {
  ledgerMoneyKeys,
  writeLedger,
  writeLedgerWorkbook,
  type ExportRow,
  type LedgerGroupTotal,
} from '../excel/write-ledger.ts';
import type { XlsxDownload } from '../excel/xlsx-stream.ts';
import { translate } from '../messages.ts';
import type { Actor } from '../policies/actor.ts';
import { portfolioOf } from '../portfolio/portfolio.ts';
import { findExportTotalsRows, type ExportTotalsRow } from '../repositories/ledger-export.repository.ts';
import { findExportRows } from '../repositories/project-batch.repository.ts';
import { recordExport } from './audit.service.ts';
import { resolveLedgerQuery } from './ledger-query.ts';

export type ExportFile = { fileName: string; data: Buffer; rows: number };

/** Project rows read per query while the file is written. */
const ROWS_PER_READ = 1000;

/** The blank template's title, e.g. 乐陵市2023年重点项目台账 (an export adds its as-of date). */
const titleOf = (actor: Actor, year: number) => `${actor.regionName}${year}年重点项目台账`;

const moneyOf = (t: ExportTotalsRow, key: ProjectFieldKey): number => {
  switch (key) {
    case 'totalInvestment':
      return t.totalInvestment;
    case 'annualPlan':
      return t.annualPlan;
    case 'reportedYtd':
      return t.reportedYtd ?? 0;
    default:
      throw new Error(`ledger export: no total for the money field ${key}`);
  }
};

export async function exportLedger(
  db: Db,
  actor: Actor,
  q: LedgerExportQuery,
  now: Date,
): Promise<XlsxDownload> {
  const { year, filter, grants } = await resolveLedgerQuery(db, actor, q, now);
  // The ledger's own query (grants, filters, order: the portfolio index) gives the ids.
  const ids = (await portfolioOf(db, year)).ids(filter, grants, q.sort, q.order);
  // First pass: level and money of each, for the totals written above the rows.
  const light = await findExportTotalsRows(db, ids, year);
  const keys = ledgerMoneyKeys(year);
  const groups: LedgerGroupTotal[] = [];
  const ordered: number[] = [];
  for (const level of levels) {
    const sums: LedgerGroupTotal['sums'] = Object.fromEntries(keys.map((k) => [k, 0]));
    let count = 0;
    for (const id of ids) {
      const t = light.get(id);
      if (t?.level !== level) continue;
      ordered.push(id);
      count++;
      for (const k of keys) sums[k] = sums[k]! + moneyOf(t, k);
    }
    if (count > 0) groups.push({ level, count, sums });
  }

  // The jurisdiction (the root of the user's scope) and the as-of date, as an office titles a printed ledger.
  const asOf = (q as { asOf?: string }).asOf ?? shanghaiToday(now);
  const title = translate('exports_ledger_title', 'zh-CN', {
    region: actor.regionName,
    year,
    asOf: asOfWords(asOf, 'zh-CN'),
  });
  await recordExport(db, actor, 'ledger', { ...q, year }, ordered.length);

  async function* rows(): AsyncGenerator<ExportRow[]> {
    for (let i = 0; i < ordered.length; i += ROWS_PER_READ) {
      const slice = ordered.slice(i, i + ROWS_PER_READ);
      const full = await findExportRows(db, slice, year);
      if (full.length !== slice.length)
        throw new Error('ledger export: a project left the list while it was exported');
      // Level and money as the totals counted them (phones come masked: a file leaves the system).
      for (const p of full) {
        const t = light.get(p.id)!;
        p.level = t.level as Level;
        p.totalInvestment = t.totalInvestment;
        p.annualPlan = t.annualPlan;
        p.reportedYtd = t.reportedYtd;
      }
      yield full;
    }
  }
  return {
    fileName: `${title}.xlsx`,
    asciiName: 'ledger.xlsx',
    rows: ordered.length,
    write: (out) => writeLedger({ title, year, generatedAt: shanghaiToday(now), groups, rows: rows() }, out),
  };
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

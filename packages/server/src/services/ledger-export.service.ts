/**
 * The ledger as an .xlsx in the standard layout, under the same grants and filters as
 * GET /api/projects; and the blank template to fill in.
 *
 * Streamed (issue 11): authorisation, the ids (the portfolio index) and a light first pass for
 * the 合计 and 小计 rows (the index's rows, the reported investment read once) happen before the
 * first byte; the columns the index does not hold are then read 1,000 rows at a time (one query,
 * phones masked through a cache of sealed value → masked form) while the file goes out. Each written row takes its level and money from that first
 * pass, so the totals are always the sum of the rows even if a project is edited meanwhile; a
 * project deleted meanwhile fails the download (the stream is destroyed, never a short file).
 */
import type { LedgerExportQuery } from '@guatu/contracts';
import {
  levels,
  shanghaiToday,
  type Category,
  type Level,
  type Nature,
  type ProjectFieldKey,
} from '@guatu/domain';
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
import type { PortfolioIndex, PortfolioRow } from '../portfolio/portfolio-index.ts';
import { portfolioOf } from '../portfolio/portfolio.ts';
import { findExportReportedYtd } from '../repositories/ledger-export.repository.ts';
import { findExportRows } from '../repositories/project-batch.repository.ts';
import { recordExport } from './audit.service.ts';
import { resolveLedgerQuery } from './ledger-query.ts';

export type ExportFile = { fileName: string; data: Buffer; rows: number };

/** Project rows read per query while the file is written. */
const ROWS_PER_READ = 1000;

/** The blank template's title, e.g. 乐陵市2023年重点项目台账 (an export adds its as-of date). */
const titleOf = (actor: Actor, year: number) => `${actor.regionName}${year}年重点项目台账`;

/** The portfolio index's row of each id (its entries are in id order). */
function entriesOf(index: PortfolioIndex, ids: readonly number[]): Map<number, PortfolioRow> {
  const entries = index.entries();
  const out = new Map<number, PortfolioRow>();
  for (const id of ids) {
    let lo = 0;
    let hi = entries.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const e = entries[mid]!;
      if (e.id === id) {
        out.set(id, e);
        break;
      }
      if (e.id < id) lo = mid + 1;
      else hi = mid - 1;
    }
  }
  return out;
}

/** What a row and the totals take from the first pass: the index's row and the reported investment. */
type Light = { p: PortfolioRow; reportedYtd: number | null };

const moneyOf = (t: Light, key: ProjectFieldKey): number => {
  switch (key) {
    case 'totalInvestment':
      return t.p.totalInvestment;
    case 'annualPlan':
      return t.p.annualPlan;
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
  const index = await portfolioOf(db, year);
  const ids = index.ids(filter, grants, q.sort, q.order);
  // First pass, for the totals written above the rows: level, names, dates and money as the
  // index holds them (one state of the portfolio), the reported investment read once.
  const entries = entriesOf(index, ids);
  const ytd = await findExportReportedYtd(db, ids, year);
  const light = new Map<number, Light>();
  for (const id of ids) {
    const p = entries.get(id);
    const reportedYtd = ytd.get(id);
    if (p && reportedYtd !== undefined) light.set(id, { p, reportedYtd });
  }
  const keys = ledgerMoneyKeys(year);
  const groups: LedgerGroupTotal[] = [];
  const ordered: number[] = [];
  for (const level of levels) {
    const sums: LedgerGroupTotal['sums'] = Object.fromEntries(keys.map((k) => [k, 0]));
    let count = 0;
    for (const id of ids) {
      const t = light.get(id);
      if (t?.p.level !== level) continue;
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
      const details = await findExportRows(db, slice, year);
      if (details.length !== slice.length)
        throw new Error('ledger export: a project left the list while it was exported');
      // The index's fields with the row's own columns read now (phones come masked: a file
      // leaves the system and its readers cannot be audited).
      yield details.map((d) => {
        const { p, reportedYtd } = light.get(d.id)!;
        return {
          name: p.name,
          code: p.code,
          nature: p.nature as Nature,
          industry: p.industry,
          ownerUnit: p.ownerUnit,
          regionId: p.regionId,
          regionName: p.regionName,
          address: d.address,
          content: d.content,
          totalInvestment: p.totalInvestment,
          plannedStart: p.plannedStart,
          plannedFinish: p.plannedFinish,
          actualStart: p.actualStart,
          startedUndated: p.startedUndated,
          statsIncluded: p.statsIncluded,
          statsCode: d.statsCode,
          statsDate: d.statsDate,
          leaderId: d.leaderId,
          leaderName: d.leaderName,
          departmentId: d.departmentId,
          departmentName: d.departmentName,
          contactName: d.contactName,
          contactPhone: d.contactPhone,
          notes: d.notes,
          level: p.level as Level,
          category: p.category as Category,
          annualPlan: p.annualPlan,
          reportedYtd,
          reportedProgress: d.reportedProgress,
          reportedAsOf: d.reportedAsOf,
        };
      });
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
